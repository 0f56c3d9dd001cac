"""First-level legal consultations: confidential notes of the legal advisors.

Only legal advisors write or read the content (topic, question, advice, outcome, why it was
escalated); not even an admin does. Question, advice, outcome and the reason for escalating
are sealed under the legal key before they are stored (``models.legal``): the database, the
outbox, backups and the central server hold them only sealed. Coordinators and admins may
learn that a consultation took place (when, with which advisor) to follow the person's
path; desk operators learn nothing, not even that one exists. Reading content is audited.

Escalation to MWC's second-level legal advice is an ordinary referral, so the consent rules
apply; its reason is the neutral :data:`ESCALATION_REASON`, because referrals are seen by
every role at the desk and by the receiving service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models import audit, legal, validate
from models.clock import utcnow
from models.consent import SHARING, active_consent
from models.errors import ConsentRequired, LegalKeyUnavailable, ValidationFailed
from models.ids import uuid7
from models.lookup import live_person, live_row, processable_person
from models.reference import require_code
from models.referrals import ESCALATION_SERVICE, create_referral
from models.roles import Actor
from models.schema import Consultation, OutboxEntry, Referral, Visit

ESCALATION_REASON = "Second-level legal advice requested by the desk's legal advisor."

CONTENT, EXISTENCE, NOTHING = "content", "exists", "none"


@dataclass(frozen=True)
class ConsultationSummary:
    """That a consultation took place: what coordinators and admins may see."""

    id: str
    at: datetime
    advisor: str


@dataclass(frozen=True)
class ConsultationDetail(ConsultationSummary):
    """The full consultation, for legal advisors only. A content field is ``None`` when it
    was sealed under a legal key this computer does not hold (``models.legal``)."""

    person_id: str
    visit_id: str | None
    topic: str
    question: str | None
    advice: str | None
    outcome: str | None
    escalation_referral_id: str | None
    escalation_reason: str | None


def access_level(actor: Actor) -> str:
    """What ``actor`` may see of consultations: content, existence or nothing."""
    if actor.can("consultation.content"):
        return CONTENT
    if actor.can("consultation.exists"):
        return EXISTENCE
    return NOTHING


def _detail(row: Consultation, keys: list[bytes]) -> ConsultationDetail:
    content = {f: legal.read(keys, row.id, f, getattr(row, f)) for f in legal.SEALED_FIELDS}
    return ConsultationDetail(
        id=row.id,
        at=row.at,
        advisor=row.advisor,
        person_id=row.person_id,
        visit_id=row.visit_id,
        topic=row.topic,
        escalation_referral_id=row.escalation_referral_id,
        **content,
    )


def _legal_key(session: Session) -> bytes:
    """The legal key for writing content; ``LegalKeyUnavailable`` when not granted yet."""
    key = legal.key_of(session)
    if key is None:
        raise LegalKeyUnavailable("this legal advisor does not hold the legal key yet")
    return key


def _summary(row: Consultation) -> ConsultationSummary:
    return ConsultationSummary(id=row.id, at=row.at, advisor=row.advisor)


# ===================================================================== write
def record_consultation(
    session: Session,
    actor: Actor,
    person_id: str,
    topic: str,
    question: str,
    advice: str,
    outcome: str,
    visit_id: str | None = None,
    escalate: bool = False,
    escalation_reason: str = "",
) -> Consultation:
    """Record a first-level consultation; optionally escalate it at once.

    Legal advisors only. ``topic`` comes from the ``consultation_topic`` list and the
    question is required; ``visit_id``, when given, must be a visit of the same person.
    Escalating needs a reason and an active "sharing" basis: without it
    ``ConsentRequired`` is raised and nothing is written.
    """
    actor.require("consultation.content")
    topic = validate.text(topic, "topic", 48, required=True)
    question = validate.long_text(question, "question", 20_000, required=True)
    advice = validate.long_text(advice, "advice", 20_000)
    outcome = validate.long_text(outcome, "outcome", 4000)
    escalate = validate.flag(escalate, "escalate")
    escalation_reason = validate.long_text(
        escalation_reason, "escalation_reason", 4000, required=escalate
    )
    if escalation_reason and not escalate:
        raise ValidationFailed("escalation_reason", "not_allowed")
    key = _legal_key(session)
    person = processable_person(session, person_id)
    require_code(session, "consultation_topic", topic, "topic")
    if visit_id is not None:
        visit = session.get(Visit, visit_id) if isinstance(visit_id, str) else None
        if visit is None or visit.deleted or visit.person_id != person.id:
            raise ValidationFailed("visit_id", "not_found")
    if escalate:
        require_code(session, "service", ESCALATION_SERVICE, "escalate")
        if active_consent(session, person.id, SHARING) is None:
            raise ConsentRequired(SHARING)

    now = utcnow()
    row_id = uuid7()
    consultation = Consultation(
        id=row_id,
        person_id=person.id,
        visit_id=visit_id,
        advisor=actor.login,
        at=now,
        topic=topic,
        question=legal.seal(key, row_id, "question", question),
        advice=legal.seal(key, row_id, "advice", advice),
        outcome=legal.seal(key, row_id, "outcome", outcome),
        escalation_reason="",
    )
    # A savepoint: if the escalation fails after all, the consultation goes with it and
    # the caller's transaction is left as it was.
    with session.begin_nested():
        session.add(consultation)
        person.note_activity(now)
        session.flush()
        if escalate:
            _escalate(session, actor, consultation, escalation_reason)
    return consultation


def escalate_consultation(
    session: Session, actor: Actor, consultation_id: str, escalation_reason: str
) -> Referral:
    """Escalate a recorded consultation to MWC's second-level legal advice.

    Creates a draft referral (consent rules apply) with a neutral reason and links it
    from the consultation. A consultation is escalated at most once.
    """
    actor.require("consultation.content")
    escalation_reason = validate.long_text(
        escalation_reason, "escalation_reason", 4000, required=True
    )
    _legal_key(session)
    consultation = live_row(session, Consultation, consultation_id)
    live_person(session, consultation.person_id)
    if consultation.escalation_referral_id is not None:
        raise ValidationFailed("escalate", "already_escalated")
    with session.begin_nested():
        return _escalate(session, actor, consultation, escalation_reason)


def _escalate(
    session: Session, actor: Actor, consultation: Consultation, escalation_reason: str
) -> Referral:
    referral = create_referral(
        session,
        actor,
        consultation.person_id,
        ESCALATION_SERVICE,
        ESCALATION_REASON,
        consultation_id=consultation.id,
    )
    consultation.escalation_referral_id = referral.id
    consultation.escalation_reason = legal.seal(
        _legal_key(session), consultation.id, "escalation_reason", escalation_reason
    )
    session.flush()
    return referral


def _sealed_values(key: bytes, row_id: str, values: dict[str, Any]) -> dict[str, Any]:
    return {
        name: legal.seal(key, row_id, name, value)
        if name in legal.SEALED_FIELDS and isinstance(value, str) and not legal.is_sealed(value)
        else value
        for name, value in values.items()
    }


def seal_existing(session: Session, key: bytes) -> int:
    """Seal the content of consultations stored in clear by earlier versions (changes
    captured and synced like any edit), and of their changes still waiting in the outbox,
    which would otherwise carry it to the server in clear; returns how many were sealed."""
    in_clear = [
        (getattr(Consultation, name) != "") & ~getattr(Consultation, name).startswith(legal.PREFIX)
        for name in legal.SEALED_FIELDS
    ]
    sealed = 0
    # At every legal advisor's unlock: only the rows still in clear are loaded.
    for row in session.scalars(select(Consultation).where(or_(*in_clear))):
        changed = False
        for name in legal.SEALED_FIELDS:
            value = getattr(row, name)
            if value and not legal.is_sealed(value):
                setattr(row, name, legal.seal(key, row.id, name, value))
                changed = True
        sealed += changed
    if sealed:
        waiting = select(OutboxEntry).where(OutboxEntry.entity == "consultations")
        for entry in session.scalars(waiting):
            entry.fields = _sealed_values(key, entry.row_id, entry.fields)
            entry.base_values = _sealed_values(key, entry.row_id, entry.base_values)
    return sealed


# ===================================================================== read
def get_consultation(session: Session, actor: Actor, consultation_id: str) -> ConsultationDetail:
    """One consultation in full (legal advisors only); the read is audited."""
    actor.require("consultation.content")
    row = live_row(session, Consultation, consultation_id)
    live_person(session, row.person_id)
    audit.record(session, actor.login, audit.VIEW, "consultations", row.id, "content")
    return _detail(row, legal.ring_of(session))


def list_for_person(session: Session, actor: Actor, person_id: str) -> list[ConsultationSummary]:
    """A person's consultations, newest first, as far as ``actor`` may see them.

    Legal advisors get :class:`ConsultationDetail` items; coordinators and admins get
    :class:`ConsultationSummary` (date and advisor only); desk operators get
    ``PermissionDenied``.
    """
    actor.require("consultation.exists")
    live_person(session, person_id)
    level = access_level(actor)
    audit.record(session, actor.login, audit.VIEW, "consultations", person_id, f"list:{level}")
    return visible_for_person(session, actor, person_id)


def visible_for_person(session: Session, actor: Actor, person_id: str) -> list[ConsultationSummary]:
    """What ``actor`` may see of a person's consultations (empty for desk operators).

    Not audited by itself: the callers (``list_for_person``, the person file) record the
    view once for the whole screen.
    """
    level = access_level(actor)
    if level == NOTHING:
        return []
    stmt = (
        select(Consultation)
        .where(Consultation.person_id == person_id, Consultation.deleted.is_(False))
        .order_by(Consultation.at.desc(), Consultation.id.desc())
    )
    rows = session.scalars(stmt)
    if level == CONTENT:
        keys = legal.ring_of(session)
        return [_detail(row, keys) for row in rows]
    return [_summary(row) for row in rows]
