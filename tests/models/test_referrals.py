"""Referrals: consent, numbering, the lifecycle matrix, needs and the board."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from models.clock import utcnow
from models.consent import ConsentForm, give_consent, withdraw_consent
from models.errors import (
    ConsentRequired,
    IllegalTransition,
    PermissionDenied,
    PersonRestricted,
    StatusOwnedByService,
    ValidationFailed,
)
from models.intake import IntakeForm, NeedForm, register
from models.people import PersonForm
from models.person_file import person_file
from models.referrals import (
    ACCEPTED,
    APPOINTMENT_SET,
    CANCELLED,
    CENTRAL_STATUSES,
    COMPLETED,
    DECLINED,
    DESK_MOVES,
    DESK_STATUSES,
    DRAFT,
    NO_SHOW,
    SENT,
    STATUSES,
    TRANSITIONS,
    BoardItem,
    board,
    change_status,
    create_referral,
    history,
    mark_service_updates_seen,
    note_service_updates,
    service_updates,
)
from models.roles import ROLES, Actor
from models.schema import Meta, Need, Person, Referral
from models.store import OpenStore
from tests.conftest import add_operator
from tests.models.service_helpers import (
    add_person,
    as_service,
    outbox,
    outbox_head,
    refused,
    share,
    snapshot,
)

APPOINTMENT = datetime(2027, 4, 12, 10, 30)

# The shortest legal path from draft to each status.
PATH: dict[str, list[str]] = {
    DRAFT: [],
    SENT: [SENT],
    ACCEPTED: [SENT, ACCEPTED],
    APPOINTMENT_SET: [SENT, ACCEPTED, APPOINTMENT_SET],
    COMPLETED: [SENT, ACCEPTED, APPOINTMENT_SET, COMPLETED],
    DECLINED: [SENT, DECLINED],
    NO_SHOW: [SENT, ACCEPTED, APPOINTMENT_SET, NO_SHOW],
    CANCELLED: [CANCELLED],
}


def move(store: OpenStore, actor: Actor, rid: str, status: str, **kw: str) -> Referral:
    """One step of ``PATH``: the desk's moves through the service, the receiving service's
    as a sync pull brings them (``as_service``: the desk's service refuses those)."""
    if status not in CENTRAL_STATUSES:
        with store.session(actor) as session:
            return change_status(session, actor, rid, status, **kw)
    fields: dict[str, object] = dict(kw)
    if status == APPOINTMENT_SET:
        fields.setdefault("appointment_at", APPOINTMENT)
    as_service(store, rid, status, **fields)
    with store.session() as session:
        referral = session.get(Referral, rid)
        assert referral is not None
        return referral


def new_referral(
    store: OpenStore, actor: Actor, pid: str, service: str = "italian_language", **kw: str
) -> Referral:
    with store.session(actor) as session:
        return create_referral(session, actor, pid, service, "Needs an A2 course", **kw)


# ===================================================================== create
def test_referral_is_refused_without_sharing_consent(store: OpenStore, operator: Actor) -> None:
    pid = add_person(store, operator)
    with store.session(operator) as session:
        give_consent(session, operator, pid, ConsentForm("processing"))
    error = refused(
        store,
        operator,
        lambda s: create_referral(s, operator, pid, "italian_language", "A2 course"),
        ConsentRequired,
    )
    assert error.purpose == "sharing"


def test_referral_links_consent_need_and_numbers(store: OpenStore, operator: Actor) -> None:
    with store.session(operator) as session:
        intake = register(
            session,
            operator,
            IntakeForm(
                person=PersonForm(given_name="Chen"),
                needs=[NeedForm("italian_language")],
                consents=[ConsentForm("sharing")],
            ),
        )
    head = outbox_head(store)
    referral = new_referral(store, operator, intake.person_id, need_id=intake.need_ids[0])
    year = utcnow().year
    assert referral.number == f"AC-{year}-00001"
    assert (referral.status, referral.from_desk, referral.created_by) == (DRAFT, "acli", "omar")
    with store.session() as session:
        need = session.get(Need, intake.need_ids[0])
        assert need is not None and need.status == "referred"
        consent_id = session.scalar(select(Referral.consent_id))
        assert consent_id is not None
        assert [(e.from_status, e.to_status) for e in history(session, operator, referral.id)] == [
            ("", DRAFT)
        ]
    assert Counter((e.entity, e.op) for e in outbox(store, head)) == {
        ("referrals", "insert"): 1,
        ("referral_events", "insert"): 1,
        ("needs", "update"): 1,
        # no ("persons", "update"): the intake a moment ago marked the person active
    }


def test_referral_numbers_are_unique_and_increasing(store: OpenStore, operator: Actor) -> None:
    people = [add_person(store, operator, given_name=f"P{i}") for i in range(3)]
    for pid in people:
        share(store, operator, pid)
    numbers = [new_referral(store, operator, people[i % 3]).number for i in range(12)]
    assert len(set(numbers)) == 12
    seqs = [int(n.rsplit("-", 1)[1]) for n in numbers]
    assert seqs == list(range(1, 13))
    assert all(re.fullmatch(r"AC-\d{4}-\d{5}", n) for n in numbers)
    with store.session() as session:
        meta = session.get(Meta, "referral_seq")
        assert meta is not None and meta.value == "12"
        # A store that lost its counter (rebuilt or restored) never reuses a number.
        session.delete(meta)
    again = new_referral(store, operator, people[0]).number
    assert int(again.rsplit("-", 1)[1]) == 13


@pytest.mark.parametrize(
    ("service", "field", "reason"),
    [("astrology", "target_service", "unknown_code"), ("", "target_service", "unknown_code")],
)
def test_unknown_service_is_refused(
    shared: OpenStore, shared_operator: Actor, service: str, field: str, reason: str
) -> None:
    store, operator = shared, shared_operator
    pid = add_person(store, operator)
    share(store, operator, pid)
    error = refused(
        store,
        operator,
        lambda s: create_referral(s, operator, pid, service, "reason"),
        ValidationFailed,
    )
    assert (error.field, error.reason) == (field, reason)


def test_need_of_another_person_is_refused(store: OpenStore, operator: Actor) -> None:
    with store.session(operator) as session:
        other = register(
            session,
            operator,
            IntakeForm(
                person_id=None,
                person=PersonForm(given_name="Other"),
                needs=[NeedForm("registry_office")],
            ),
        )
    pid = add_person(store, operator)
    share(store, operator, pid)
    error = refused(
        store,
        operator,
        lambda s: create_referral(
            s, operator, pid, "registry_office", "reason", need_id=other.need_ids[0]
        ),
        ValidationFailed,
    )
    assert (error.field, error.reason) == ("need_id", "not_found")


def test_only_legal_advisors_link_consultations(store: OpenStore, operator: Actor) -> None:
    pid = add_person(store, operator)
    share(store, operator, pid)
    refused(
        store,
        operator,
        lambda s: create_referral(
            s, operator, pid, "mwc_legal_second_level", "r", consultation_id="c"
        ),
        PermissionDenied,
    )


# ===================================================================== lifecycle
def test_every_transition_of_the_matrix(store: OpenStore, operator: Actor) -> None:
    """Every pair of statuses, from a referral brought to the first one: the desk's moves
    are made, the receiving service's are refused (``StatusOwnedByService``) even where
    the lifecycle allows them, and the rest are ``IllegalTransition``; refusals write
    nothing."""
    pid = add_person(store, operator)
    share(store, operator, pid)
    pairs = [(start, target) for start in STATUSES for target in STATUSES]
    # One referral per (start, target) pair, brought to ``start`` along the legal path.
    rids: dict[tuple[str, str], str] = {}
    for start, target in pairs:
        rid = new_referral(store, operator, pid).id
        for step in PATH[start]:
            move(store, operator, rid, step)
        rids[start, target] = rid

    legal = [pair for pair in pairs if pair[1] in TRANSITIONS[pair[0]]]
    desk = [pair for pair in legal if pair[1] in DESK_STATUSES]
    owned = [pair for pair in pairs if pair[1] in CENTRAL_STATUSES]
    illegal = [pair for pair in pairs if pair not in legal and pair[1] in DESK_STATUSES]
    assert (len(legal), len(desk), len(owned), len(illegal)) == (11, 5, 40, 19)
    assert set(desk) == {(s, t) for s in STATUSES for t in DESK_MOVES[s]}
    assert {t for _, t in legal if t in CENTRAL_STATUSES} == CENTRAL_STATUSES

    # Each refused move raises its error; the unit of work then commits, nothing written.
    before = snapshot(store)
    with store.session(operator) as session:
        for start, target in illegal:
            with pytest.raises(IllegalTransition) as info:
                change_status(session, operator, rids[start, target], target)
            assert (info.value.current, info.value.requested) == (start, target)
        for start, target in owned:
            with pytest.raises(StatusOwnedByService) as owned_info:
                change_status(session, operator, rids[start, target], target)
            assert owned_info.value.status == target
    assert snapshot(store) == before

    with store.session(operator) as session:
        for start, target in desk:
            rid = rids[start, target]
            assert change_status(session, operator, rid, target).status == target
            last = history(session, operator, rid)[-1]
            assert (last.from_status, last.to_status, last.by) == (start, target, "omar")


@pytest.mark.parametrize("status", sorted(CENTRAL_STATUSES))
def test_no_desk_role_sets_a_status_of_the_receiving_service(store: OpenStore, status: str) -> None:
    """Not an operator, an advisor, a coordinator or an administrator: the referral sits
    where the status would follow (sent, accepted, appointment set), nothing changes."""
    actors = {role: add_operator(store, f"op-{role}".replace("_", "-"), role) for role in ROLES}
    pid = add_person(store, store.actor)
    share(store, store.actor, pid)
    rid = new_referral(store, store.actor, pid).id
    start = next(s for s in (SENT, ACCEPTED, APPOINTMENT_SET) if status in TRANSITIONS[s])
    for step in PATH[start]:
        move(store, store.actor, rid, step)
    for actor in actors.values():
        extra = {"outcome": "done"} if status in (COMPLETED, DECLINED, NO_SHOW) else {}
        error = refused(
            store,
            actor,
            lambda s, a=actor, kw=extra: change_status(s, a, rid, status, **kw),
            StatusOwnedByService,
        )
        assert error.status == status
        assert str(error) == f"referral status {status} is set by the receiving service"
    with store.session() as session:
        referral = session.get(Referral, rid)
        assert referral is not None and referral.status == start


def test_the_receiving_service_s_statuses_arrive_by_sync(store: OpenStore, operator: Actor) -> None:
    """Accepted, appointment and completion written as a pull writes them: the history,
    the appointment and the outcome are the desk's to read; nothing goes back out."""
    pid = add_person(store, operator)
    share(store, operator, pid)
    rid = new_referral(store, operator, pid).id
    move(store, operator, rid, SENT)
    head = outbox_head(store)
    move(store, operator, rid, ACCEPTED)
    move(store, operator, rid, APPOINTMENT_SET, appointment_place="CPIA 5, viale Lombardia")
    move(store, operator, rid, COMPLETED, outcome="Enrolled in A2 course")
    assert outbox(store, head) == []
    with store.session() as session:
        referral = session.get(Referral, rid)
        assert referral is not None
        assert referral.appointment_at == APPOINTMENT
        assert referral.appointment_place == "CPIA 5, viale Lombardia"
        assert referral.outcome == "Enrolled in A2 course"
        events = history(session, operator, rid)
        assert [e.to_status for e in events] == [DRAFT, SENT, ACCEPTED, APPOINTMENT_SET, COMPLETED]
        assert {e.by for e in events[2:]} == {"mwc:giulia"}


def test_status_change_details(shared: OpenStore, shared_operator: Actor) -> None:
    store, operator = shared, shared_operator
    pid = add_person(store, operator)
    share(store, operator, pid)
    rid = new_referral(store, operator, pid).id
    error = refused(
        store, operator, lambda s: change_status(s, operator, rid, "lost"), ValidationFailed
    )
    assert (error.field, error.reason) == ("status", "not_allowed")
    error = refused(
        store,
        operator,
        lambda s: change_status(s, operator, rid, SENT, note="x" * 2001),
        ValidationFailed,
    )
    assert (error.field, error.reason) == ("note", "too_long")


def test_outcome_only_when_closing(store: OpenStore, operator: Actor) -> None:
    pid = add_person(store, operator)
    share(store, operator, pid)
    rid = new_referral(store, operator, pid).id
    error = refused(
        store,
        operator,
        lambda s: change_status(s, operator, rid, SENT, outcome="done"),
        ValidationFailed,
    )
    assert (error.field, error.reason) == ("outcome", "not_allowed")


def test_withdrawn_consent_blocks_sending(store: OpenStore, operator: Actor) -> None:
    pid = add_person(store, operator)
    first = share(store, operator, pid)
    rid = new_referral(store, operator, pid).id
    with store.session(operator) as session:
        withdraw_consent(session, operator, pid, "sharing")
    error = refused(
        store, operator, lambda s: change_status(s, operator, rid, SENT), ConsentRequired
    )
    assert error.purpose == "sharing"
    with store.session() as session:
        referral = session.get(Referral, rid)
        assert referral is not None and referral.status == DRAFT

    # Given again (here on another basis): sending works and links the basis now in force.
    second = share(store, operator, pid, basis="vital_interest")
    referral = move(store, operator, rid, SENT)
    assert referral.status == SENT
    assert referral.consent_id == second != first
    # Cancelling needs no consent: the data does not leave.
    with store.session(operator) as session:
        withdraw_consent(session, operator, pid, "sharing")
    assert move(store, operator, rid, CANCELLED).status == CANCELLED


def test_restricted_person_cannot_be_referred(store: OpenStore, operator: Actor) -> None:
    pid = add_person(store, operator)
    share(store, operator, pid)
    rid = new_referral(store, operator, pid).id
    with store.session(operator) as session:
        person = session.get(Person, pid)
        assert person is not None
        person.restricted = True
    refused(store, operator, lambda s: change_status(s, operator, rid, SENT), PersonRestricted)
    refused(
        store,
        operator,
        lambda s: create_referral(s, operator, pid, "italian_language", "r"),
        PersonRestricted,
    )


def test_cancelling_a_referral_updates_its_need(store: OpenStore, operator: Actor) -> None:
    with store.session(operator) as session:
        intake = register(
            session,
            operator,
            IntakeForm(
                person=PersonForm(given_name="Chen"),
                needs=[NeedForm("italian_language"), NeedForm("job_training_celav")],
                consents=[ConsentForm("sharing")],
            ),
        )
    pid = intake.person_id
    lang, job = intake.need_ids

    def need_status(nid: str) -> str:
        with store.session() as session:
            need = session.get(Need, nid)
            assert need is not None
            return need.status

    one = new_referral(store, operator, pid, "job_training_celav", need_id=job).id
    two = new_referral(store, operator, pid, "job_training_celav", need_id=job).id
    move(store, operator, one, CANCELLED)
    assert need_status(job) == "referred"  # the other referral is still open
    move(store, operator, two, SENT)
    move(store, operator, two, CANCELLED, outcome="The person moved to Turin")
    assert need_status(job) == "open"  # nothing left in progress: back to the desk

    # A need closed (the receiving service completed its referral) takes no new referral.
    done = new_referral(store, operator, pid, need_id=lang).id
    for step in PATH[COMPLETED]:
        move(store, operator, done, step)
    with store.session() as session:
        session.info["replicating"] = True  # as the pull writes it
        need = session.get(Need, lang)
        assert need is not None
        need.status = "closed"
    error = refused(
        store,
        operator,
        lambda s: create_referral(s, operator, pid, "italian_language", "r", need_id=lang),
        ValidationFailed,
    )
    assert (error.field, error.reason) == ("need_id", "closed")


# ===================================================================== board
def test_board_groups_and_flags_overdue(store: OpenStore, operator: Actor) -> None:
    pid = add_person(store, operator, given_name_latin="Rahim", family_name_latin="Uddin")
    share(store, operator, pid)
    draft = new_referral(store, operator, pid).id
    sent = new_referral(store, operator, pid).id
    move(store, operator, sent, SENT)
    appointment = new_referral(store, operator, pid).id
    for step in PATH[APPOINTMENT_SET]:
        move(store, operator, appointment, step)
    cancelled = new_referral(store, operator, pid).id
    move(store, operator, cancelled, CANCELLED)

    today = utcnow().date()
    columns = board_as(store, operator, today)
    assert list(columns) == list(STATUSES)
    assert {k: [i.referral_id for i in v] for k, v in columns.items() if v} == {
        DRAFT: [draft],
        SENT: [sent],
        APPOINTMENT_SET: [appointment],
        CANCELLED: [cancelled],
    }
    assert columns[SENT][0].person_name == "Rahim Uddin"
    assert not any(i.overdue for v in columns.values() for i in v if i.status != APPOINTMENT_SET)

    # 14 days without progress: the sent referral is overdue; the appointment (in 2027)
    # is judged by its own date; the cancelled card leaves the board after 30 days.
    later = board_as(store, operator, today + timedelta(days=14))
    assert later[SENT][0].overdue is True
    assert later[DRAFT][0].overdue is False
    assert later[APPOINTMENT_SET][0].overdue is (APPOINTMENT.date() < today + timedelta(14))
    after_appointment = board_as(store, operator, APPOINTMENT.date() + timedelta(days=1))
    assert after_appointment[APPOINTMENT_SET][0].overdue is True
    assert board_as(store, operator, today + timedelta(days=31))[CANCELLED] == []

    with store.session(operator) as session:
        file = person_file(session, operator, pid, today=today + timedelta(days=14))
    assert ("referral_overdue", sent) in {(a.code, a.record_id) for a in file.alerts}
    by_id = {r.id: r for r in file.referrals}
    assert [e.to_status for e in by_id[sent].history] == [DRAFT, SENT]


def board_as(store: OpenStore, actor: Actor, today: date) -> dict[str, list[BoardItem]]:
    with store.session(actor) as session:
        return board(session, actor, today)


def test_board_shows_the_service_s_latest_note(store: OpenStore, operator: Actor) -> None:
    """Notes the receiving service writes with its changes (or alone) reach the card: the
    latest one; the desk's own notes are not the service's."""
    pid = add_person(store, operator)
    share(store, operator, pid)
    rid = new_referral(store, operator, pid).id
    with store.session(operator) as session:
        change_status(session, operator, rid, SENT, note="desk note")
    start = utcnow()
    as_service(store, rid, ACCEPTED, note="Bring the passport", at=start)
    as_service(store, rid, APPOINTMENT_SET, appointment_at=APPOINTMENT, note="",
               at=start + timedelta(minutes=1))  # fmt: skip
    card = board_as(store, operator, start.date())[APPOINTMENT_SET][0]
    assert card.service_note == "Bring the passport"
    as_service(store, rid, NO_SHOW, note="Did not come", at=start + timedelta(minutes=2))
    card = board_as(store, operator, start.date())[NO_SHOW][0]
    assert (card.status, card.service_note) == (NO_SHOW, "Did not come")


def test_what_the_service_changed_is_new_until_the_board_is_opened(
    store: OpenStore, operator: Actor
) -> None:
    """The pull notes referrals the service changed; they stay new (once each, live ones
    only) until an operator opens the board."""
    pid = add_person(store, operator)
    share(store, operator, pid)
    first, second = (new_referral(store, operator, pid).id for _ in range(2))
    with store.session(operator) as session:
        assert service_updates(session, operator) == []
        note_service_updates(session, [second, first])
        note_service_updates(session, [first, "not-a-referral"])
    with store.session(operator) as session:
        assert service_updates(session, operator) == [second, first]
        assert mark_service_updates_seen(session, operator) == [second, first]
    with store.session(operator) as session:
        assert service_updates(session, operator) == []
        assert session.get(Meta, "referrals_updated_by_service") is None
