"""People: person records, household, documents, vulnerabilities and the person file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from models import audit
from models.clock import utcnow
from models.errors import NotFound, ValidationFailed
from models.people import (
    DocumentForm,
    HouseholdForm,
    PersonForm,
    add_document,
    add_household_member,
    create_person,
    record_vulnerability,
    remove_document,
    remove_household_member,
    remove_vulnerability,
    update_document,
    update_person,
)
from models.person_file import person_file
from models.roles import Actor
from models.schema import HouseholdMember, IdentityDocument, Person
from models.search import find_people
from models.store import OpenStore
from tests.models.service_helpers import add_person, outbox, outbox_head, refused

TODAY = utcnow().date()


def full_form() -> PersonForm:
    return PersonForm(
        given_name="أمينة",
        family_name="ديالو",
        given_name_latin="Amina",
        family_name_latin="Diallo",
        sex="F",
        birth_date=date(1991, 4, 2),
        birth_country="eg",
        citizenships=["EG", "eg", "ma"],
        languages=["AR", "fr"],
        preferred_language="ar",
        phone="+39 333 123 4567",
        email="amina.diallo@example.org",
        address="Via Padova 12, Milano",
        municipio=2,
        arrival_date=date(2019, 9, 1),
        legal_status="family",
        permit_expiry=date(2030, 1, 31),
        notes="Prefers mornings.",
    )


# ===================================================================== create
def test_create_person_normalises_and_derives_birth_year(store: OpenStore, operator: Actor) -> None:
    head = outbox_head(store)
    with store.session(operator) as session:
        person = create_person(session, operator, full_form())
        pid = person.id

    with store.session() as session:
        stored = session.get(Person, pid)
        assert stored is not None
        assert stored.birth_year == 1991
        assert stored.birth_country == "EG"
        assert stored.citizenships == ["EG", "MA"]
        assert stored.languages == ["ar", "fr"]
        assert stored.origin_desk == "acli"
        assert stored.last_activity_at is not None
        # The name index is kept by the store: the new person is found at once.
        assert [m.person_id for m in find_people(session, "Amina Diallo")] == [pid]

    entries = outbox(store, head)
    assert [(e.entity, e.op, e.row_id) for e in entries] == [("persons", "insert", pid)]
    assert entries[0].operator == "omar"
    assert entries[0].fields["citizenships"] == ["EG", "MA"]


def test_birth_year_alone_or_unknown(store: OpenStore, operator: Actor) -> None:
    only_year = add_person(store, operator, birth_year=1985)
    unknown = add_person(store, operator, given_name="Sami")
    with store.session() as session:
        a, b = session.get(Person, only_year), session.get(Person, unknown)
        assert a is not None and b is not None
        assert (a.birth_date, a.birth_year) == (None, 1985)
        assert (b.birth_date, b.birth_year) == (None, None)


BAD_INPUT: list[tuple[dict[str, Any], str, str]] = [
    ({"email": "amina.diallo@"}, "email", "invalid_format"),
    ({"email": "amina diallo@example.org"}, "email", "invalid_format"),
    ({"birth_country": "EGY"}, "birth_country", "invalid_format"),
    ({"citizenships": ["E1"]}, "citizenships", "invalid_format"),
    ({"citizenships": "EG"}, "citizenships", "invalid_type"),
    ({"languages": ["arabic"]}, "languages", "invalid_format"),
    ({"preferred_language": "bn"}, "preferred_language", "not_in_languages"),
    ({"birth_date": TODAY + timedelta(days=1)}, "birth_date", "in_future"),
    ({"birth_date": date(1899, 12, 31)}, "birth_date", "before_1900"),
    ({"birth_date": None, "birth_year": TODAY.year + 1}, "birth_year", "in_future"),
    ({"birth_year": 1990}, "birth_year", "mismatch"),
    ({"arrival_date": date(1990, 1, 1)}, "arrival_date", "before_birth"),
    ({"arrival_date": TODAY + timedelta(days=3)}, "arrival_date", "in_future"),
    ({"sex": "female"}, "sex", "not_allowed"),
    ({"municipio": 10}, "municipio", "out_of_range"),
    ({"phone": "call the shop"}, "phone", "invalid_format"),
    ({"legal_status": "tourist"}, "legal_status", "unknown_code"),
    ({"given_name_latin": "أمينة"}, "given_name_latin", "not_latin"),
    ({"family_name": "Diallo\nX"}, "family_name", "invalid_characters"),
    (
        {"given_name": "", "family_name": " ", "given_name_latin": "", "family_name_latin": ""},
        "name",
        "required",
    ),
]


@pytest.mark.parametrize(("changes", "field", "reason"), BAD_INPUT)
def test_bad_person_input_is_refused_and_nothing_written(
    shared: OpenStore, shared_operator: Actor, changes: dict[str, Any], field: str, reason: str
) -> None:
    store, operator = shared, shared_operator
    form = replace(full_form(), **changes)
    error = refused(store, operator, lambda s: create_person(s, operator, form), ValidationFailed)
    assert (error.field, error.reason) == (field, reason)
    # The message is safe to log: it never carries the value typed in.
    for value in changes.values():
        if isinstance(value, str) and value.strip():
            assert value not in str(error)


# ===================================================================== update
def test_update_writes_only_the_changed_fields(store: OpenStore, operator: Actor) -> None:
    with store.session(operator) as session:
        pid = create_person(session, operator, full_form()).id
    head = outbox_head(store)

    with store.session(operator) as session:
        person = session.get(Person, pid)
        assert person is not None
        form = PersonForm.from_person(person)
        form.citizenships.append("IT")  # the form's list is a copy: the row is untouched
        form.phone = "+39 02 884 41"
        form.legal_status = "eu_long_term"
        changed = update_person(session, operator, pid, form)
    assert sorted(changed) == ["citizenships", "legal_status", "phone"]

    entries = outbox(store, head)
    assert len(entries) == 1
    assert entries[0].op == "update"
    assert entries[0].fields == {
        "citizenships": ["EG", "MA", "IT"],
        "legal_status": "eu_long_term",
        "phone": "+390288441",  # stored in E.164 (models.identifiers)
    }
    assert entries[0].base_values["citizenships"] == ["EG", "MA"]


def test_update_with_the_same_values_writes_nothing(store: OpenStore, operator: Actor) -> None:
    with store.session(operator) as session:
        pid = create_person(session, operator, full_form()).id
    head = outbox_head(store)
    with store.session(operator) as session:
        assert update_person(session, operator, pid, full_form()) == []
    assert outbox(store, head) == []


def test_bad_update_changes_nothing(store: OpenStore, operator: Actor) -> None:
    pid = add_person(store, operator)
    form = replace(full_form(), phone="+39 02 1234567", email="nope")
    error = refused(
        store, operator, lambda s: update_person(s, operator, pid, form), ValidationFailed
    )
    assert error.field == "email"


@pytest.mark.parametrize("state", ["erased", "merged", "deleted"])
def test_gone_persons_are_not_found(store: OpenStore, operator: Actor, state: str) -> None:
    pid = add_person(store, operator)
    other = add_person(store, operator, given_name="Other")
    with store.session(operator) as session:
        person = session.get(Person, pid)
        assert person is not None
        if state == "erased":
            person.erased_at = utcnow()
        elif state == "merged":
            person.merged_into = other
        else:
            person.deleted = True
    refused(store, operator, lambda s: person_file(s, operator, pid), NotFound)
    refused(store, operator, lambda s: update_person(s, operator, pid, full_form()), NotFound)
    refused(
        store,
        operator,
        lambda s: add_household_member(s, operator, pid, HouseholdForm("spouse")),
        NotFound,
    )


# ===================================================================== household
def test_household_members_are_added_and_removed_by_tombstone(
    store: OpenStore, operator: Actor
) -> None:
    pid = add_person(store, operator)
    with store.session(operator) as session:
        member = add_household_member(
            session,
            operator,
            pid,
            HouseholdForm(
                "child",
                given_name="Yusuf",
                birth_year=2015,
                lives_in="abroad",
                country="eg",
                dependent=True,
            ),
        )
        mid = member.id
    with store.session(operator) as session:
        assert [m.given_name for m in person_file(session, operator, pid).household] == ["Yusuf"]

    head = outbox_head(store)
    with store.session(operator) as session:
        remove_household_member(session, operator, mid)
    entries = outbox(store, head)
    assert [(e.entity, e.op, e.fields) for e in entries] == [
        ("household_members", "delete", {"deleted": True})
    ]
    with store.session(operator) as session:
        row = session.get(HouseholdMember, mid)
        assert row is not None and row.deleted  # kept, tombstoned
        assert person_file(session, operator, pid).household == ()
    refused(store, operator, lambda s: remove_household_member(s, operator, mid), NotFound)


@pytest.mark.parametrize(
    ("form", "field", "reason"),
    [
        (HouseholdForm("cousin"), "relationship_code", "unknown_code"),
        (HouseholdForm("spouse", lives_in="milano"), "lives_in", "not_allowed"),
        (HouseholdForm("spouse", country="Egypt"), "country", "invalid_format"),
        (
            HouseholdForm("spouse", linked_person_id="no-such-person"),
            "linked_person_id",
            "not_found",
        ),
    ],
)
def test_bad_household_member_is_refused(
    shared: OpenStore, shared_operator: Actor, form: HouseholdForm, field: str, reason: str
) -> None:
    store, operator = shared, shared_operator
    pid = add_person(store, operator)
    error = refused(
        store, operator, lambda s: add_household_member(s, operator, pid, form), ValidationFailed
    )
    assert (error.field, error.reason) == (field, reason)


# ===================================================================== documents
def test_documents_add_update_remove(store: OpenStore, operator: Actor) -> None:
    pid = add_person(store, operator)
    form = DocumentForm(
        "passport",
        number="A1234567",
        issuer="Egypt",
        issue_date=date(2020, 5, 1),
        expiry_date=date(2030, 5, 1),
    )
    with store.session(operator) as session:
        did = add_document(session, operator, pid, form).id
    head = outbox_head(store)
    with store.session(operator) as session:
        changed = update_document(session, operator, did, replace(form, number="A7654321"))
    assert changed == ["number"]
    assert [e.fields for e in outbox(store, head)] == [{"number": "A7654321"}]

    with store.session(operator) as session:
        remove_document(session, operator, did)
    with store.session(operator) as session:
        row = session.get(IdentityDocument, did)
        assert row is not None and row.deleted
        assert person_file(session, operator, pid).documents == ()


@pytest.mark.parametrize(
    ("form", "field", "reason"),
    [
        (DocumentForm("library_card"), "doc_type", "unknown_code"),
        (
            DocumentForm("passport", issue_date=date(2020, 1, 1), expiry_date=date(2019, 1, 1)),
            "expiry_date",
            "before_issue",
        ),
        (DocumentForm("passport", issue_date=TODAY + timedelta(days=1)), "issue_date", "in_future"),
    ],
)
def test_bad_document_is_refused(
    shared: OpenStore, shared_operator: Actor, form: DocumentForm, field: str, reason: str
) -> None:
    store, operator = shared, shared_operator
    pid = add_person(store, operator)
    error = refused(
        store, operator, lambda s: add_document(s, operator, pid, form), ValidationFailed
    )
    assert (error.field, error.reason) == (field, reason)


# ===================================================================== vulnerabilities
def test_vulnerability_needs_a_reason_and_names_who_recorded_it(
    store: OpenStore, operator: Actor
) -> None:
    pid = add_person(store, operator)
    error = refused(
        store,
        operator,
        lambda s: record_vulnerability(s, operator, pid, "pregnancy", "   "),
        ValidationFailed,
    )
    assert (error.field, error.reason) == ("reason", "required")
    error = refused(
        store,
        operator,
        lambda s: record_vulnerability(s, operator, pid, "sad", "told us"),
        ValidationFailed,
    )
    assert (error.field, error.reason) == ("code", "unknown_code")

    with store.session(operator) as session:
        vid = record_vulnerability(
            session, operator, pid, "pregnancy", "Seventh month, needs a GP."
        ).id
    with store.session(operator) as session:
        (view,) = person_file(session, operator, pid).vulnerabilities
        assert (view.code, view.recorded_by) == ("pregnancy", "omar")
        remove_vulnerability(session, operator, vid)
    with store.session(operator) as session:
        assert person_file(session, operator, pid).vulnerabilities == ()


# ===================================================================== person file
def test_viewing_the_file_is_audited(store: OpenStore, operator: Actor) -> None:
    pid = add_person(store, operator)
    with store.session(operator) as session:
        person_file(session, operator, pid)
    with store.session() as session:
        last = audit.history(session, pid)[-1]
        assert (last.action, last.operator, last.entity) == ("view", "omar", "persons")
        assert "Amina" not in last.detail


@pytest.mark.parametrize(
    ("days", "code"),
    [
        (-1, "permit_expired"),
        (0, "permit_expiring"),
        (30, "permit_expiring"),
        (60, "permit_expiring"),
        (61, None),
    ],
)
def test_permit_expiry_warnings(
    store: OpenStore, operator: Actor, days: int, code: str | None
) -> None:
    today = date(2027, 3, 1)
    pid = add_person(store, operator, permit_expiry=today + timedelta(days=days))
    with store.session(operator) as session:
        alerts = person_file(session, operator, pid, today=today).alerts
    permit = [a for a in alerts if a.code.startswith("permit_")]
    if code is None:
        assert permit == []
    else:
        assert [(a.code, a.days) for a in permit] == [(code, days)]


def test_file_warns_about_documents_and_missing_basis(store: OpenStore, operator: Actor) -> None:
    today = date(2027, 3, 1)
    pid = add_person(store, operator)
    with store.session(operator) as session:
        did = add_document(
            session, operator, pid, DocumentForm("permit_of_stay", expiry_date=date(2027, 2, 1))
        ).id
        alerts = person_file(session, operator, pid, today=today).alerts
    codes = {(a.code, a.record_id) for a in alerts}
    assert ("document_expired", did) in codes
    assert ("no_processing_basis", "") in codes


def test_file_lists_everything_newest_first(store: OpenStore, operator: Actor) -> None:
    from models.intake import IntakeForm, NeedForm, register

    pid = add_person(store, operator)
    for service in ("italian_language", "registry_office"):
        with store.session(operator) as session:
            register(session, operator, IntakeForm(person_id=pid, needs=[NeedForm(service)]))
    with store.session(operator) as session:
        file = person_file(session, operator, pid)
    assert [v.first_time for v in file.visits] == [False, True]  # newest first
    assert [n.service_code for n in file.needs] == ["italian_language", "registry_office"]
    assert file.person.given_name == "Amina"
    with store.session() as session:
        rows = session.scalars(select(Person.id)).all()
    assert rows == [pid]
