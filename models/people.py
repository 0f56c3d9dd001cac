"""People: the person record, household, identity documents, vulnerabilities, the file.

Every write validates the whole input first and only then touches the session, so bad
input changes nothing. Updates assign only the fields that changed (the outbox then
carries just those, and field-level merge on the server works), and always assign new
lists rather than mutating JSON columns in place (in-place changes are invisible to the
ORM). "Removing" a record tombstones it; the tombstone syncs. The read of everything
about a person is ``models.person_file``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from models import identifiers, validate
from models.clock import utcnow
from models.errors import ValidationFailed
from models.ids import uuid7
from models.lookup import live_person, live_row
from models.reference import require_code
from models.roles import Actor
from models.schema import (
    HouseholdMember,
    IdentityDocument,
    Person,
    Vulnerability,
)

SEXES = ("F", "M", "X", "")
LIVES_IN = ("italy", "abroad")
NAME_FIELDS = ("given_name", "family_name", "given_name_latin", "family_name_latin")


# ===================================================================== forms
@dataclass
class PersonForm:
    """Everything an operator may write about a person.

    Names as the person writes them (any script) plus a Latin transliteration. Give
    ``birth_date`` when known (``birth_year`` is then derived), else ``birth_year`` alone,
    else neither. Countries are ISO 3166-1 alpha-2, languages ISO 639 codes.
    """

    given_name: str = ""
    family_name: str = ""
    given_name_latin: str = ""
    family_name_latin: str = ""
    sex: str = ""  # F, M, X or "" (not stated)
    birth_date: date | None = None
    birth_year: int | None = None
    birth_country: str = ""
    citizenships: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    preferred_language: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    municipio: int | None = None
    arrival_date: date | None = None
    legal_status: str = "unknown"
    permit_expiry: date | None = None
    notes: str = ""

    @classmethod
    def from_person(cls, person: Person) -> PersonForm:
        """A form filled with the person's current values (the start of an edit)."""
        values = {name: getattr(person, name) for name in PERSON_FIELDS}
        values["citizenships"] = list(person.citizenships or [])
        values["languages"] = list(person.languages or [])
        return cls(**values)


PERSON_FIELDS = tuple(f.name for f in fields(PersonForm))


@dataclass
class HouseholdForm:
    """A relative of the person, in Italy or abroad (family reunification needs them)."""

    relationship_code: str
    given_name: str = ""
    family_name: str = ""
    birth_year: int | None = None
    lives_in: str = "italy"  # italy | abroad
    country: str = ""
    dependent: bool = False
    linked_person_id: str | None = None  # the relative's own record, if they have one


@dataclass
class DocumentForm:
    """An identity or civil document the person holds."""

    doc_type: str
    number: str = ""
    issuer: str = ""
    issue_date: date | None = None
    expiry_date: date | None = None


# ===================================================================== checks
def check_person(form: PersonForm, today: date | None = None) -> dict[str, Any]:
    """Normalised values of a person form, without the reference-list check.

    Raises ``ValidationFailed`` on the first bad field. Reference codes
    (``legal_status``) need the session: see :func:`check_person_codes`.
    """
    today = today or utcnow().date()
    v: dict[str, Any] = {}
    v["given_name"] = validate.text(form.given_name, "given_name", 200)
    v["family_name"] = validate.text(form.family_name, "family_name", 200)
    v["given_name_latin"] = validate.latin(form.given_name_latin, "given_name_latin", 200)
    v["family_name_latin"] = validate.latin(form.family_name_latin, "family_name_latin", 200)
    if not any(v[name] for name in NAME_FIELDS):
        raise ValidationFailed("name", "required")
    v["sex"] = validate.choice(form.sex, SEXES, "sex")

    birth_date = validate.past_date(form.birth_date, "birth_date", today)
    birth_year = validate.year(form.birth_year, "birth_year", today)
    if birth_date is not None:
        if birth_year is not None and birth_year != birth_date.year:
            raise ValidationFailed("birth_year", "mismatch")
        birth_year = birth_date.year
    v["birth_date"] = birth_date
    v["birth_year"] = birth_year

    v["birth_country"] = validate.country(form.birth_country, "birth_country")
    v["citizenships"] = validate.countries(form.citizenships, "citizenships")
    v["languages"] = validate.languages(form.languages, "languages")
    preferred = validate.language(form.preferred_language, "preferred_language")
    if preferred and v["languages"] and preferred not in v["languages"]:
        raise ValidationFailed("preferred_language", "not_in_languages")
    v["preferred_language"] = preferred
    v["phone"] = validate.phone(form.phone)
    v["email"] = validate.email(form.email)
    v["address"] = validate.text(form.address, "address", 300)
    v["municipio"] = validate.int_range(form.municipio, "municipio", 1, 9)

    arrival = validate.past_date(form.arrival_date, "arrival_date", today)
    if arrival is not None and birth_date is not None and arrival < birth_date:
        raise ValidationFailed("arrival_date", "before_birth")
    v["arrival_date"] = arrival
    v["legal_status"] = validate.text(form.legal_status, "legal_status", 48, required=True)
    # An expired permit is a fact worth recording (the file warns about it): past is fine.
    v["permit_expiry"] = validate.a_date(form.permit_expiry, "permit_expiry")
    v["notes"] = validate.long_text(form.notes, "notes", 10_000)
    return v


def check_person_codes(session: Session, values: dict[str, Any]) -> None:
    """Check the reference-list codes among ``values`` (only those present)."""
    if "legal_status" in values:
        require_code(session, "legal_status", values["legal_status"], "legal_status")


def check_household(
    session: Session, form: HouseholdForm, person_id: str | None, prefix: str = ""
) -> dict[str, Any]:
    """Normalised values of a household form; ``person_id`` is None for a new person."""
    today = utcnow().date()
    v: dict[str, Any] = {
        "relationship_code": validate.text(
            form.relationship_code, prefix + "relationship_code", 32, required=True
        ),
        "given_name": validate.text(form.given_name, prefix + "given_name", 200),
        "family_name": validate.text(form.family_name, prefix + "family_name", 200),
        "birth_year": validate.year(form.birth_year, prefix + "birth_year", today),
        "lives_in": validate.choice(form.lives_in, LIVES_IN, prefix + "lives_in"),
        "country": validate.country(form.country, prefix + "country"),
        "dependent": validate.flag(form.dependent, prefix + "dependent"),
        "linked_person_id": form.linked_person_id,
    }
    require_code(session, "relationship", v["relationship_code"], prefix + "relationship_code")
    linked = form.linked_person_id
    if linked is not None:
        if linked == person_id:
            raise ValidationFailed(prefix + "linked_person_id", "self")
        target = session.get(Person, linked) if isinstance(linked, str) else None
        if target is None or target.deleted or target.erased_at or target.merged_into:
            raise ValidationFailed(prefix + "linked_person_id", "not_found")
    return v


TAX_CODE = "tax_code"  # the document type whose number is an Italian codice fiscale


def check_document(session: Session, form: DocumentForm, prefix: str = "") -> dict[str, Any]:
    """Normalised values of an identity document form.

    The number is kept upper case without spaces or dashes; a tax code must be a valid
    codice fiscale (``invalid_tax_code``, ``tax_code_checksum``; see
    :mod:`models.identifiers`).
    """
    today = utcnow().date()
    doc_type = validate.text(form.doc_type, prefix + "doc_type", 48, required=True)
    if doc_type == TAX_CODE:
        number = identifiers.tax_code(form.number, prefix + "number")
    else:
        number = identifiers.document_number(form.number, prefix + "number")
    v: dict[str, Any] = {
        "doc_type": doc_type,
        "number": number,
        "issuer": validate.text(form.issuer, prefix + "issuer", 200),
        "issue_date": validate.past_date(form.issue_date, prefix + "issue_date", today),
        "expiry_date": validate.a_date(form.expiry_date, prefix + "expiry_date"),
    }
    if v["issue_date"] and v["expiry_date"] and v["expiry_date"] < v["issue_date"]:
        raise ValidationFailed(prefix + "expiry_date", "before_issue")
    require_code(session, "document_type", v["doc_type"], prefix + "doc_type")
    return v


def _assign_changed(row: Any, values: dict[str, Any]) -> list[str]:
    """Assign the values that differ from the row's; returns the names assigned."""
    changed = []
    for name, value in values.items():
        if getattr(row, name) != value:
            # JSON lists: always a new object, so the ORM sees the change.
            setattr(row, name, list(value) if isinstance(value, list) else value)
            changed.append(name)
    return changed


# ===================================================================== person
def create_person(session: Session, actor: Actor, form: PersonForm) -> Person:
    """Create a person from a checked form; returns the (flushed) row."""
    actor.require("person.write")
    values = check_person(form)
    check_person_codes(session, values)
    person = new_person(values)
    session.add(person)
    session.flush()
    return person


def new_person(values: dict[str, Any]) -> Person:
    """An unsaved Person from values already checked by :func:`check_person`."""
    return Person(id=uuid7(), last_activity_at=utcnow(), **values)


def update_person(session: Session, actor: Actor, person_id: str, form: PersonForm) -> list[str]:
    """Apply a full form to a person; only the fields that changed are written.

    Returns the names of the changed fields (empty: nothing was written). Reference codes
    are checked only when they change, so a code later retired from its list does not
    block unrelated edits.
    """
    actor.require("person.write")
    person = live_person(session, person_id)
    values = check_person(form)
    changed_values = {k: v for k, v in values.items() if getattr(person, k) != v}
    check_person_codes(session, changed_values)
    changed = _assign_changed(person, changed_values)
    if changed:
        session.flush()
    return changed


# ===================================================================== household
def add_household_member(
    session: Session, actor: Actor, person_id: str, form: HouseholdForm
) -> HouseholdMember:
    """Add a relative to the person's household."""
    actor.require("person.write")
    person = live_person(session, person_id)
    values = check_household(session, form, person.id)
    member = HouseholdMember(id=uuid7(), person_id=person.id, **values)
    session.add(member)
    session.flush()
    return member


def remove_household_member(session: Session, actor: Actor, member_id: str) -> None:
    """Tombstone a household member."""
    _tombstone_child(session, actor, HouseholdMember, member_id)


def _tombstone_child(
    session: Session,
    actor: Actor,
    cls: type[HouseholdMember] | type[IdentityDocument] | type[Vulnerability],
    row_id: str,
) -> None:
    """Tombstone one row hanging off a live person (the removal syncs like any change)."""
    actor.require("person.write")
    row = live_row(session, cls, row_id)
    live_person(session, row.person_id)
    row.deleted = True
    session.flush()


# ===================================================================== documents
def add_document(
    session: Session, actor: Actor, person_id: str, form: DocumentForm
) -> IdentityDocument:
    """Record an identity or civil document of the person."""
    actor.require("person.write")
    person = live_person(session, person_id)
    values = check_document(session, form)
    document = IdentityDocument(id=uuid7(), person_id=person.id, **values)
    session.add(document)
    session.flush()
    return document


def update_document(
    session: Session, actor: Actor, document_id: str, form: DocumentForm
) -> list[str]:
    """Apply a full document form; returns the names of the changed fields."""
    actor.require("person.write")
    document = live_row(session, IdentityDocument, document_id)
    live_person(session, document.person_id)
    values = check_document(session, form)
    changed = _assign_changed(document, values)
    if changed:
        session.flush()
    return changed


def remove_document(session: Session, actor: Actor, document_id: str) -> None:
    """Tombstone an identity document."""
    _tombstone_child(session, actor, IdentityDocument, document_id)


# ===================================================================== vulnerabilities
def record_vulnerability(
    session: Session, actor: Actor, person_id: str, code: str, reason: str
) -> Vulnerability:
    """Record a vulnerability (special-category data): only with a reason, by name."""
    actor.require("person.write")
    code = validate.text(code, "code", 48, required=True)
    reason = validate.long_text(reason, "reason", 2000, required=True)
    person = live_person(session, person_id)
    require_code(session, "vulnerability", code, "code")
    row = Vulnerability(
        id=uuid7(), person_id=person.id, code=code, reason=reason, recorded_by=actor.login
    )
    session.add(row)
    session.flush()
    return row


def remove_vulnerability(session: Session, actor: Actor, vulnerability_id: str) -> None:
    """Tombstone a vulnerability record (recorded in error, or no longer relevant)."""
    _tombstone_child(session, actor, Vulnerability, vulnerability_id)
