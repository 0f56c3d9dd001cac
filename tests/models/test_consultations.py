"""Legal consultations: content for legal advisors only, escalation under consent rules."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import audit, legal
from models.consultations import (
    ESCALATION_REASON,
    ConsultationDetail,
    ConsultationSummary,
    escalate_consultation,
    get_consultation,
    list_for_person,
    record_consultation,
)
from models.errors import ConsentRequired, PermissionDenied, ValidationFailed
from models.intake import IntakeForm, register
from models.person_file import person_file
from models.referrals import board
from models.roles import Actor
from models.schema import Consultation, Desk, Referral
from models.store import OpenStore
from tests.conftest import add_operator
from tests.models.service_helpers import (
    add_person,
    outbox,
    outbox_head,
    refused,
    share,
)


@pytest.fixture(scope="module")
def shared_advisor(shared: OpenStore) -> Actor:
    return add_operator(shared, "lucia", "legal_advisor")


QUESTION = "Permesso per motivi familiari scaduto da tre mesi: rinnovo ancora possibile?"
ADVICE = "Presentare subito il rinnovo con la ricevuta; allegare il contratto di lavoro."
OUTCOME = "Appuntamento in Questura richiesto"
WHY = "Precedente diniego per reddito insufficiente: serve un ricorso."


def consult(
    store: OpenStore, advisor: Actor, pid: str, escalate: bool = False, **kw: object
) -> Consultation:
    with store.session(advisor) as session:
        return record_consultation(
            session,
            advisor,
            pid,
            "permit_of_stay",
            QUESTION,
            ADVICE,
            OUTCOME,
            escalate=escalate,
            escalation_reason=WHY if escalate else "",
            **kw,  # type: ignore[arg-type]
        )


def test_advisor_records_and_reads_a_consultation(
    store: OpenStore, operator: Actor, advisor: Actor
) -> None:
    pid = add_person(store, operator)
    with store.session(operator) as session:
        visit_id = register(session, operator, IntakeForm(person_id=pid)).visit_id
    head = outbox_head(store)
    cid = consult(store, advisor, pid, visit_id=visit_id).id
    # the intake a moment ago marked the person active: no second write of the person
    # (models.schema.ACTIVITY_GRAIN)
    assert [(e.entity, e.op) for e in outbox(store, head)] == [("consultations", "insert")]
    with store.session(advisor) as session:
        detail = get_consultation(session, advisor, cid)
    assert isinstance(detail, ConsultationDetail)
    assert (detail.topic, detail.question, detail.advice, detail.outcome) == (
        "permit_of_stay",
        QUESTION,
        ADVICE,
        OUTCOME,
    )
    assert (detail.advisor, detail.visit_id, detail.escalation_referral_id) == (
        "lucia",
        visit_id,
        None,
    )
    with store.session() as session:
        last = audit.history(session, cid)[-1]
        assert (last.action, last.operator) == ("view", "lucia")


@pytest.mark.parametrize("role", ["desk_operator", "coordinator", "admin"])
def test_only_legal_advisors_record_consultations(
    shared: OpenStore, shared_operator: Actor, role: str
) -> None:
    store, operator = shared, shared_operator
    pid = add_person(store, operator)
    actor = add_operator(store, f"x{role[:5]}", role)
    error = refused(
        store,
        actor,
        lambda s: record_consultation(s, actor, pid, "asylum", QUESTION, ADVICE, OUTCOME),
        PermissionDenied,
    )
    assert error.role == role


def test_desk_operator_cannot_read_consultations_by_any_path(
    store: OpenStore, operator: Actor, advisor: Actor
) -> None:
    pid = add_person(store, operator)
    share(store, operator, pid)
    cid = consult(store, advisor, pid, escalate=True).id

    refused(store, operator, lambda s: get_consultation(s, operator, cid), PermissionDenied)
    refused(store, operator, lambda s: list_for_person(s, operator, pid), PermissionDenied)
    with store.session(operator) as session:
        file = person_file(session, operator, pid)
        cards = board(session, operator, file.person.created_at.date())
    assert file.consultations == ()
    assert file.consultations_visible is False
    (referral,) = file.referrals
    assert referral.consultation_id is None
    assert referral.reason == ESCALATION_REASON
    # Nothing of the content anywhere in what the operator was given.
    seen = repr(file) + repr(cards)
    for secret in (QUESTION, ADVICE, OUTCOME, WHY, "permit_of_stay"):
        assert secret not in seen


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_coordinator_and_admin_see_existence_only(
    store: OpenStore, operator: Actor, advisor: Actor, role: str
) -> None:
    pid = add_person(store, operator)
    cid = consult(store, advisor, pid).id
    if role == "admin":
        actor = Actor(login="anna", role="admin", desk=store.desk)  # the store's creator
    else:
        actor = add_operator(store, "carla", role)

    refused(store, actor, lambda s: get_consultation(s, actor, cid), PermissionDenied)
    with store.session(actor) as session:
        listed = list_for_person(session, actor, pid)
        file = person_file(session, actor, pid)
    for items in (listed, list(file.consultations)):
        assert [type(i) for i in items] == [ConsultationSummary]
        assert (items[0].id, items[0].advisor) == (cid, "lucia")
    assert file.consultations_visible is True
    seen = repr(listed) + repr(file)
    for secret in (QUESTION, ADVICE, OUTCOME, "permit_of_stay"):
        assert secret not in seen


def test_advisor_sees_the_content_in_the_file(
    store: OpenStore, operator: Actor, advisor: Actor
) -> None:
    pid = add_person(store, operator)
    first = consult(store, advisor, pid).id
    second = consult(store, advisor, pid).id
    with store.session(advisor) as session:
        listed = list_for_person(session, advisor, pid)
        file = person_file(session, advisor, pid)
    assert [c.id for c in listed] == [second, first]  # newest first
    assert all(isinstance(c, ConsultationDetail) for c in file.consultations)
    with store.session() as session:
        details = [e.detail for e in audit.history(session, pid) if e.action == "view"]
    assert details == ["list:content", "file;consultations=content"]


def test_escalation_without_sharing_consent_writes_nothing(
    store: OpenStore, operator: Actor, advisor: Actor
) -> None:
    pid = add_person(store, operator)
    error = refused(
        store,
        advisor,
        lambda s: record_consultation(
            s,
            advisor,
            pid,
            "asylum",
            QUESTION,
            ADVICE,
            OUTCOME,
            escalate=True,
            escalation_reason=WHY,
        ),
        ConsentRequired,
    )
    assert error.purpose == "sharing"


def test_escalation_creates_a_neutral_referral(
    store: OpenStore, operator: Actor, advisor: Actor
) -> None:
    pid = add_person(store, operator)
    share(store, operator, pid)
    head = outbox_head(store)
    consultation = consult(store, advisor, pid, escalate=True)
    with store.session() as session:
        referral = session.scalar(select(Referral))
        stored = session.get(Consultation, consultation.id)
        assert referral is not None and stored is not None
        assert stored.escalation_referral_id == referral.id
        assert legal.is_sealed(stored.escalation_reason)  # the why: legal content, sealed
        assert referral.target_service == "mwc_legal_second_level"
        assert referral.consultation_id == consultation.id
        assert referral.reason == ESCALATION_REASON
        assert referral.status == "draft"
        assert referral.created_by == "lucia"
    with store.session(advisor) as session:  # the advisor reads the why back
        assert get_consultation(session, advisor, consultation.id).escalation_reason == WHY
    # The referral travels to other desks and MWC: its outbox entry has no legal content,
    # and the consultation's entry only sealed content.
    entries = outbox(store, head)
    for secret in (QUESTION, ADVICE, OUTCOME, WHY):
        assert secret not in repr([e.fields for e in entries])
    assert {e.tx_id for e in entries} == {entries[0].tx_id}


def test_escalating_later_and_only_once(store: OpenStore, operator: Actor, advisor: Actor) -> None:
    pid = add_person(store, operator)
    cid = consult(store, advisor, pid).id
    refused(store, advisor, lambda s: escalate_consultation(s, advisor, cid, WHY), ConsentRequired)
    share(store, operator, pid)
    with store.session(advisor) as session:
        referral = escalate_consultation(session, advisor, cid, WHY)
        assert get_consultation(session, advisor, cid).escalation_referral_id == referral.id
    error = refused(
        store, advisor, lambda s: escalate_consultation(s, advisor, cid, WHY), ValidationFailed
    )
    assert (error.field, error.reason) == ("escalate", "already_escalated")
    refused(
        store, operator, lambda s: escalate_consultation(s, operator, cid, WHY), PermissionDenied
    )


@pytest.mark.parametrize(
    ("kwargs", "field", "reason"),
    [
        ({"topic": "horoscope"}, "topic", "unknown_code"),
        ({"question": "  "}, "question", "required"),
        ({"escalate": True, "escalation_reason": ""}, "escalation_reason", "required"),
        ({"escalation_reason": WHY}, "escalation_reason", "not_allowed"),
        ({"visit_id": "elsewhere"}, "visit_id", "not_found"),
    ],
)
def test_bad_consultation_is_refused(
    shared: OpenStore,
    shared_operator: Actor,
    shared_advisor: Actor,
    kwargs: dict[str, object],
    field: str,
    reason: str,
) -> None:
    store, operator, advisor = shared, shared_operator, shared_advisor
    pid = add_person(store, operator)
    share(store, operator, pid)
    args: dict[str, object] = {
        "topic": "asylum",
        "question": QUESTION,
        "advice": ADVICE,
        "outcome": OUTCOME,
        **kwargs,
    }
    error = refused(
        store,
        advisor,
        lambda s: record_consultation(s, advisor, pid, **args),  # type: ignore[arg-type]
        ValidationFailed,
    )
    assert (error.field, error.reason) == (field, reason)
    assert QUESTION not in str(error) and WHY not in str(error)


def test_a_failed_escalation_takes_the_consultation_with_it(
    store: OpenStore, operator: Actor, advisor: Actor
) -> None:
    pid = add_person(store, operator)
    share(store, operator, pid)
    # Without its desk record the store cannot number a referral: the escalation fails
    # after the consultation was flushed, and the savepoint must undo that too.
    with store.session(operator) as session:
        desk = session.scalar(select(Desk).where(Desk.code == "acli"))
        assert desk is not None
        desk.deleted = True
    error = refused(
        store,
        advisor,
        lambda s: record_consultation(
            s,
            advisor,
            pid,
            "asylum",
            QUESTION,
            ADVICE,
            OUTCOME,
            escalate=True,
            escalation_reason=WHY,
        ),
        ValidationFailed,
    )
    assert (error.field, error.reason) == ("desk", "unknown")
