"""Intake: one visit at the desk, recorded in one go.

A visit brings a person (already known, or new), the needs they came with, and often
relatives, documents and their consent. :func:`register` checks the whole form before it
writes anything and then writes it all in the caller's transaction (flushed, not
committed), so an intake is saved completely or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validate
from models.clock import utcnow
from models.consent import ConsentForm, add_consent, check_consent
from models.errors import ValidationFailed
from models.ids import uuid7
from models.lookup import processable_person
from models.people import (
    DocumentForm,
    HouseholdForm,
    PersonForm,
    check_document,
    check_household,
    check_person,
    check_person_codes,
    new_person,
)
from models.reference import require_code
from models.roles import Actor
from models.schema import HouseholdMember, IdentityDocument, Need, Person, Visit

URGENCIES = ("low", "normal", "high")


@dataclass
class NeedForm:
    """A need the person expressed, mapped to a service of the catalog."""

    service_code: str
    description: str = ""
    urgency: str = "normal"  # low | normal | high


@dataclass
class IntakeForm:
    """One visit: either ``person_id`` (a known person) or ``person`` (a new one)."""

    person_id: str | None = None
    person: PersonForm | None = None
    channel: str = "walk_in"  # reference list "channel"
    language: str = ""  # ISO 639: the language the conversation was held in
    mediator_called: bool = False
    notes: str = ""
    # NeedForm items, or plain (service_code, description, urgency) tuples.
    needs: list[NeedForm | tuple[str, str, str]] = field(default_factory=list)
    household: list[HouseholdForm] = field(default_factory=list)
    documents: list[DocumentForm] = field(default_factory=list)
    consents: list[ConsentForm] = field(default_factory=list)


@dataclass(frozen=True)
class IntakeResult:
    """What an intake wrote: ``need_ids`` follow the order of ``IntakeForm.needs``."""

    person_id: str
    visit_id: str
    need_ids: tuple[str, ...]
    first_time: bool


def register(session: Session, actor: Actor, form: IntakeForm) -> IntakeResult:
    """Record a visit with its needs (and any relatives, documents, consents given).

    Everything is validated first; ``ValidationFailed`` names the field, with list items
    as ``needs[2].urgency``. ``first_time`` is True when the person had no visit before.
    The visit is at this desk (``actor.desk``), by ``actor.login``.
    """
    actor.require("person.write")
    if (form.person_id is None) == (form.person is None):
        raise ValidationFailed("person", "exactly_one")

    # ---- check everything before the first write
    person: Person | None = None
    person_values: dict[str, Any] = {}
    if form.person_id is not None:
        person = processable_person(session, form.person_id)
    else:
        assert form.person is not None
        person_values = check_person(form.person)
        check_person_codes(session, person_values)
    channel = validate.text(form.channel, "channel", 16, required=True)
    require_code(session, "channel", channel, "channel")
    language = validate.language(form.language, "language")
    mediator = validate.flag(form.mediator_called, "mediator_called")
    notes = validate.long_text(form.notes, "notes", 10_000)
    needs = [_check_need(session, need, f"needs[{i}].") for i, need in enumerate(form.needs)]
    existing_id = person.id if person is not None else None
    household = [
        check_household(session, member, existing_id, f"household[{i}].")
        for i, member in enumerate(form.household)
    ]
    documents = [
        check_document(session, doc, f"documents[{i}].") for i, doc in enumerate(form.documents)
    ]
    consents = [check_consent(c, f"consents[{i}].") for i, c in enumerate(form.consents)]
    first_time = person is None or _no_visit_yet(session, person.id)

    # ---- write, all or nothing
    now = utcnow()
    # A savepoint, so an unexpected failure below leaves the caller's transaction as it
    # was instead of half an intake.
    with session.begin_nested():
        registering = person is None
        if person is None:
            person = new_person(person_values)
            session.add(person)
        if registering:
            person.last_activity_at = now  # the visit's time, in the same insert
        else:
            person.note_activity(now)
        # One flush: the schema's parent links order the inserts (person, visit, needs).
        visit = Visit(
            id=uuid7(),
            person_id=person.id,
            desk_code=actor.desk,
            at=now,
            channel=channel,
            first_time=first_time,
            language=language,
            mediator_called=mediator,
            operator=actor.login,
            notes=notes,
        )
        session.add(visit)
        need_rows = [
            Need(id=uuid7(), person_id=person.id, visit_id=visit.id, status="open", **values)
            for values in needs
        ]
        session.add_all(need_rows)
        session.add_all(
            HouseholdMember(id=uuid7(), person_id=person.id, **values) for values in household
        )
        session.add_all(
            IdentityDocument(id=uuid7(), person_id=person.id, **values) for values in documents
        )
        given: set[tuple[str, str]] = set()
        for consent in consents:
            if (consent.purpose, consent.basis) in given:
                continue  # the same basis twice in one form is one fact
            given.add((consent.purpose, consent.basis))
            add_consent(session, actor, person.id, consent, person if registering else None)
        session.flush()
    return IntakeResult(
        person_id=person.id,
        visit_id=visit.id,
        need_ids=tuple(n.id for n in need_rows),
        first_time=first_time,
    )


def _check_need(
    session: Session, need: NeedForm | tuple[str, str, str], prefix: str
) -> dict[str, Any]:
    if isinstance(need, tuple):
        if len(need) != 3:
            raise ValidationFailed(prefix.rstrip("."), "invalid_type")
        need = NeedForm(*need)
    elif not isinstance(need, NeedForm):
        raise ValidationFailed(prefix.rstrip("."), "invalid_type")
    service_code = validate.text(need.service_code, prefix + "service_code", 48, required=True)
    values = {
        "service_code": service_code,
        "description": validate.long_text(need.description, prefix + "description", 4000),
        "urgency": validate.choice(need.urgency, URGENCIES, prefix + "urgency"),
    }
    require_code(session, "service", service_code, prefix + "service_code")
    return values


def _no_visit_yet(session: Session, person_id: str) -> bool:
    stmt = select(Visit.id).where(Visit.person_id == person_id, Visit.deleted.is_(False))
    return session.scalar(stmt.limit(1)) is None
