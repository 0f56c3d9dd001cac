"""Intake: a visit, its person and needs, saved completely or not at all."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select

from models.clock import utcnow
from models.consent import ConsentForm, active_consent
from models.errors import NotFound, PersonRestricted, ValidationFailed
from models.intake import IntakeForm, NeedForm, register
from models.people import DocumentForm, HouseholdForm, PersonForm
from models.person_file import person_file
from models.roles import Actor
from models.schema import ACTIVITY_GRAIN, Need, Person, Visit
from models.store import OpenStore
from tests.models.service_helpers import (
    add_person,
    outbox,
    outbox_head,
    refused,
    snapshot,
)


def new_person_intake(**changes: object) -> IntakeForm:
    form = IntakeForm(
        person=PersonForm(
            given_name_latin="Rahim",
            family_name_latin="Uddin",
            citizenships=["BD"],
            languages=["bn", "en"],
        ),
        channel="walk_in",
        language="bn",
        mediator_called=True,
        needs=[
            NeedForm("italian_language", "Wants an A2 course for the EU permit", "normal"),
            NeedForm("mwc_family_reunification", "Wife and son in Dhaka", "high"),
        ],
    )
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def test_one_intake_creates_person_visit_and_needs(store: OpenStore, operator: Actor) -> None:
    head = outbox_head(store)
    with store.session(operator) as session:
        result = register(session, operator, new_person_intake())

    assert result.first_time is True
    assert len(result.need_ids) == 2
    with store.session() as session:
        person = session.get(Person, result.person_id)
        visit = session.get(Visit, result.visit_id)
        assert person is not None and visit is not None
        assert person.family_name_latin == "Uddin"
        assert person.last_activity_at == visit.at
        assert (visit.desk_code, visit.operator, visit.channel) == ("acli", "omar", "walk_in")
        assert (visit.first_time, visit.language, visit.mediator_called) == (True, "bn", True)
        needs = {n.id: n for n in session.scalars(select(Need))}
        assert set(needs) == set(result.need_ids)
        assert {(n.visit_id, n.status) for n in needs.values()} == {(visit.id, "open")}
        # need_ids follow the order of the form.
        assert [needs[i].urgency for i in result.need_ids] == ["normal", "high"]

    # The outbox holds exactly the rows written, one entry each, in one transaction.
    entries = outbox(store, head)
    assert Counter((e.entity, e.op) for e in entries) == {
        ("persons", "insert"): 1,
        ("visits", "insert"): 1,
        ("needs", "insert"): 2,
    }
    assert {e.row_id for e in entries} == {result.person_id, result.visit_id, *result.need_ids}
    assert len({e.tx_id for e in entries}) == 1


def test_second_intake_is_not_first_time(store: OpenStore, operator: Actor) -> None:
    with store.session(operator) as session:
        first = register(session, operator, new_person_intake())
    with store.session(operator) as session:
        second = register(
            session,
            operator,
            IntakeForm(
                person_id=first.person_id,
                channel="phone",
                needs=[("job_training_celav", "Help with a CV", "low")],
            ),
        )
    assert (first.first_time, second.first_time) == (True, False)
    assert second.person_id == first.person_id
    with store.session() as session:
        person = session.get(Person, first.person_id)
        visit = session.get(Visit, second.visit_id)
        assert person is not None and visit is not None and person.last_activity_at
        # the first visit a moment before marked the person active (once a minute)
        assert timedelta(0) <= visit.at - person.last_activity_at < ACTIVITY_GRAIN
        assert session.scalars(select(Person.id)).all() == [first.person_id]


def test_existing_person_without_visits_is_first_time(store: OpenStore, operator: Actor) -> None:
    pid = add_person(store, operator)
    with store.session(operator) as session:
        assert register(session, operator, IntakeForm(person_id=pid)).first_time is True


@pytest.mark.parametrize(
    ("needs", "field", "reason"),
    [
        (
            [NeedForm("italian_language"), NeedForm("tarot_reading")],
            "needs[1].service_code",
            "unknown_code",
        ),
        ([NeedForm("italian_language", urgency="urgent")], "needs[0].urgency", "not_allowed"),
        ([NeedForm("")], "needs[0].service_code", "required"),
    ],
)
def test_a_failing_need_saves_nothing_of_the_intake(
    shared: OpenStore, shared_operator: Actor, needs: list[NeedForm], field: str, reason: str
) -> None:
    store, operator = shared, shared_operator
    form = new_person_intake(needs=needs)
    error = refused(store, operator, lambda s: register(s, operator, form), ValidationFailed)
    assert (error.field, error.reason) == (field, reason)


def test_a_failure_after_the_intake_rolls_it_all_back(store: OpenStore, operator: Actor) -> None:
    before = snapshot(store)
    with pytest.raises(RuntimeError), store.session(operator) as session:
        register(session, operator, new_person_intake())
        raise RuntimeError("the caller's unit of work fails later")
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"person_id": "x"}, "person", "exactly_one"),
        ({"person": None}, "person", "exactly_one"),
        ({"channel": "pigeon"}, "channel", "unknown_code"),
        ({"needs": [("italian_language", "A2")]}, "needs[0]", "invalid_type"),
        ({"language": "bangla"}, "language", "invalid_format"),
        ({"person": PersonForm(given_name="Rahim", email="rahim@")}, "email", "invalid_format"),
        (
            {"household": [HouseholdForm("spouse"), HouseholdForm("uncle")]},
            "household[1].relationship_code",
            "unknown_code",
        ),
        ({"documents": [DocumentForm("visa")]}, "documents[0].doc_type", "unknown_code"),
        ({"consents": [ConsentForm("marketing")]}, "consents[0].purpose", "not_allowed"),
        ({"consents": [ConsentForm("sharing", "because")]}, "consents[0].basis", "not_allowed"),
    ],
)
def test_bad_intake_is_refused_and_nothing_written(
    shared: OpenStore, shared_operator: Actor, changes: dict[str, object], field: str, reason: str
) -> None:
    store, operator = shared, shared_operator
    form = new_person_intake(**changes)
    error = refused(store, operator, lambda s: register(s, operator, form), ValidationFailed)
    assert (error.field, error.reason) == (field, reason)


def test_intake_with_household_documents_and_consents(store: OpenStore, operator: Actor) -> None:
    form = new_person_intake(
        household=[
            HouseholdForm("spouse", given_name="Nasrin", lives_in="abroad", country="BD"),
            HouseholdForm("child", given_name="Arif", birth_year=2018, dependent=True),
        ],
        documents=[DocumentForm("passport", number="BX0000001")],
        consents=[
            ConsentForm("processing", "public_interest", "2026-01", "bn"),
            ConsentForm("sharing", "consent", "2026-01", "bn"),
            ConsentForm("sharing", "consent", "2026-01", "bn"),  # twice in the form: one fact
        ],
    )
    head = outbox_head(store)
    with store.session(operator) as session:
        result = register(session, operator, form)
        file = person_file(session, operator, result.person_id)
        assert active_consent(session, result.person_id, "sharing") is not None
    assert sorted(m.given_name for m in file.household) == ["Arif", "Nasrin"]
    assert [d.doc_type for d in file.documents] == ["passport"]
    assert sorted((c.purpose, c.basis) for c in file.consents) == [
        ("processing", "public_interest"),
        ("sharing", "consent"),
    ]
    assert "no_processing_basis" not in {a.code for a in file.alerts}
    assert Counter(e.entity for e in outbox(store, head)) == {
        "persons": 1,
        "visits": 1,
        "needs": 2,
        "household_members": 2,
        "identity_documents": 1,
        "consents": 2,
    }
    # One flush writes it all, parents first, and the outbox keeps that order for the server.
    entities = [e.entity for e in outbox(store, head)]
    assert entities.index("persons") < entities.index("visits") < entities.index("needs")


def test_intake_for_restricted_or_erased_person_is_refused(
    store: OpenStore, operator: Actor
) -> None:
    restricted = add_person(store, operator)
    erased = add_person(store, operator, given_name="Other")
    with store.session(operator) as session:
        row = session.get(Person, restricted)
        gone = session.get(Person, erased)
        assert row is not None and gone is not None
        row.restricted = True
        gone.erased_at = gone.updated_at
    refused(
        store,
        operator,
        lambda s: register(s, operator, IntakeForm(person_id=restricted)),
        PersonRestricted,
    )
    refused(
        store, operator, lambda s: register(s, operator, IntakeForm(person_id=erased)), NotFound
    )


def test_a_visit_marks_the_person_active_once_a_minute(store: OpenStore, operator: Actor) -> None:
    """The retention clock (models.gdpr) restarts at each visit; a second write of the
    person within the same minute (the referral made with the intake) is left out."""
    pid = add_person(store, operator)
    with store.session(operator) as session:
        person = session.get(Person, pid)
        assert person is not None
        person.last_activity_at = utcnow() - timedelta(days=400)
    head = outbox_head(store)
    with store.session(operator) as session:
        register(session, operator, IntakeForm(person_id=pid))
    with store.session(operator) as session:
        person = session.get(Person, pid)
        assert person is not None and person.last_activity_at is not None
        marked = person.last_activity_at
        assert utcnow() - marked < timedelta(minutes=1)
        register(session, operator, IntakeForm(person_id=pid))  # seconds later
    with store.session(operator) as session:
        person = session.get(Person, pid)
        assert person is not None and person.last_activity_at == marked
    updates = [e for e in outbox(store, head) if e.entity == "persons"]
    assert len(updates) == 1 and set(updates[0].fields) == {"last_activity_at"}
