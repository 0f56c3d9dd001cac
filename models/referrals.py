"""Referrals to MWC and partner services, and their lifecycle.

The lifecycle::

    draft -> sent -> accepted -> appointment_set -> completed
    sent, accepted -> declined
    appointment_set -> no_show (the person did not come to the appointment)
    draft, sent, accepted, appointment_set -> cancelled
    completed, declined, no_show, cancelled: final

:data:`TRANSITIONS` is the only place the lifecycle is written down. Each status has an
owner: the desk drafts, sends and cancels (:data:`DESK_STATUSES`); the receiving service
(MWC staff, or a central coordinator, on the server) accepts, sets the appointment,
completes, declines and records a no-show (:data:`CENTRAL_STATUSES`). Those reach the desk
by sync pull, which writes the rows directly; :func:`change_status` refuses them for every
desk actor (``StatusOwnedByService``). Every change appends a :class:`ReferralEvent`, so
the history is the list of events. A referral shares personal data with another service, so it needs
an active "sharing" basis when it is created *and* again when it is sent: consent
withdrawn in between stops it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import validate
from models.clock import utcnow
from models.consent import SHARING, active_consent
from models.errors import (
    ConsentRequired,
    IllegalTransition,
    StatusOwnedByService,
    ValidationFailed,
)
from models.ids import uuid7
from models.lookup import live_person, live_row, processable_person
from models.reference import require_code
from models.roles import Actor
from models.schema import Consultation, Desk, Meta, Need, Person, Referral, ReferralEvent

DRAFT = "draft"
SENT = "sent"
ACCEPTED = "accepted"
APPOINTMENT_SET = "appointment_set"
COMPLETED = "completed"
DECLINED = "declined"
NO_SHOW = "no_show"
CANCELLED = "cancelled"
STATUSES = (DRAFT, SENT, ACCEPTED, APPOINTMENT_SET, COMPLETED, DECLINED, NO_SHOW, CANCELLED)

TRANSITIONS: dict[str, frozenset[str]] = {
    DRAFT: frozenset({SENT, CANCELLED}),
    SENT: frozenset({ACCEPTED, DECLINED, CANCELLED}),
    ACCEPTED: frozenset({APPOINTMENT_SET, DECLINED, CANCELLED}),
    APPOINTMENT_SET: frozenset({COMPLETED, NO_SHOW, CANCELLED}),
    COMPLETED: frozenset(),
    DECLINED: frozenset(),
    NO_SHOW: frozenset(),
    CANCELLED: frozenset(),
}
FINAL = frozenset(status for status, targets in TRANSITIONS.items() if not targets)
# Who may move a referral into each status: the desk that made it sends or cancels it;
# the receiving service (MWC staff, or a central coordinator) accepts, sets the
# appointment, completes, declines it or records a no-show. The server enforces the same
# split on sync.
DESK_STATUSES = frozenset({DRAFT, SENT, CANCELLED})
CENTRAL_STATUSES = frozenset(STATUSES) - DESK_STATUSES
# The moves a desk may make from each status (the board offers these and nothing else).
DESK_MOVES: dict[str, frozenset[str]] = {
    status: targets & DESK_STATUSES for status, targets in TRANSITIONS.items()
}
OPEN = tuple(status for status in STATUSES if status not in FINAL)

# How status events written by the receiving service (through the central server) name
# their author: ``mwc:<staff login>``.
SERVICE_MARK = "mwc:"
# Meta key (local, not synced): referrals the receiving service changed since an operator
# last opened the board (a JSON list of ids, written as pulls bring the service's events).
UNSEEN_KEY = "referrals_updated_by_service"

OVERDUE_AFTER_DAYS = 14  # sent/accepted with no progress for this long needs a follow-up
SEQ_KEY = "referral_seq"
# Set at enrolment for a desk's second and later devices, so two laptops of one desk
# working offline never hand out the same number ("ACLI2-2026-00001").
TAG_KEY = "referral_tag"
ESCALATION_SERVICE = "mwc_legal_second_level"


# ===================================================================== create
def create_referral(
    session: Session,
    actor: Actor,
    person_id: str,
    target_service: str,
    reason: str,
    need_id: str | None = None,
    consultation_id: str | None = None,
) -> Referral:
    """Open a draft referral of a person to a service in the catalog.

    Needs an active "sharing" basis (``ConsentRequired`` otherwise), which the referral
    links. The number is ``<desk prefix>-<year>-<seq>``, unique at this desk and, through
    the prefix, across desks. A linked need becomes "referred". Only legal advisors may
    link a consultation; the reason must then stay neutral (see ``models.consultations``).
    """
    actor.require("referral.write")
    if consultation_id is not None:
        actor.require("consultation.content")
    reason = validate.long_text(reason, "reason", 4000, required=True)
    person = processable_person(session, person_id)
    require_code(session, "service", target_service, "target_service")
    need: Need | None = None
    if need_id is not None:
        need = session.get(Need, need_id) if isinstance(need_id, str) else None
        if need is None or need.deleted or need.person_id != person.id:
            raise ValidationFailed("need_id", "not_found")
        if need.status == "closed":
            raise ValidationFailed("need_id", "closed")
    if consultation_id is not None:
        consultation = (
            session.get(Consultation, consultation_id) if isinstance(consultation_id, str) else None
        )
        if consultation is None or consultation.deleted or consultation.person_id != person.id:
            raise ValidationFailed("consultation_id", "not_found")
    consent = active_consent(session, person.id, SHARING)
    if consent is None:
        raise ConsentRequired(SHARING)
    now = utcnow()
    number = _next_number(session, actor.desk, now.year)

    referral = Referral(
        id=uuid7(),
        number=number,
        person_id=person.id,
        need_id=need.id if need else None,
        consultation_id=consultation_id,
        from_desk=actor.desk,
        target_service=target_service,
        reason=reason,
        consent_id=consent.id,
        status=DRAFT,
        created_by=actor.login,
    )
    session.add(referral)
    # The creation is the first line of the history, so "since when" is always known.
    session.add(_event(referral, "", DRAFT, actor, now, ""))
    if need is not None and need.status != "referred":
        need.status = "referred"
    person.note_activity(now)
    session.flush()
    return referral


def _next_number(session: Session, desk_code: str, year: int) -> str:
    """Next referral number of this desk; the counter lives in ``meta`` (local, not synced).

    Numbers are checked against existing referrals too: a store rebuilt from the server, or
    restored from an older backup, must never reuse a number already handed out.
    """
    desk = session.scalar(select(Desk).where(Desk.code == desk_code, Desk.deleted.is_(False)))
    if desk is None or not desk.referral_prefix:
        raise ValidationFailed("desk", "unknown")
    rows = {m.key: m for m in session.scalars(select(Meta).where(Meta.key.in_((SEQ_KEY, TAG_KEY))))}
    meta, tag = rows.get(SEQ_KEY), rows.get(TAG_KEY)
    prefix = desk.referral_prefix + (tag.value if tag is not None else "")
    seq = int(meta.value) if meta is not None else 0
    while True:
        seq += 1
        number = f"{prefix}-{year}-{seq:05d}"
        if session.scalar(select(Referral.id).where(Referral.number == number)) is None:
            break
    if meta is None:
        session.add(Meta(key=SEQ_KEY, value=str(seq)))
    else:
        meta.value = str(seq)
    return number


def _event(
    referral: Referral, old: str, new: str, actor: Actor, at: datetime, note: str
) -> ReferralEvent:
    return ReferralEvent(
        id=uuid7(),
        referral_id=referral.id,
        from_status=old,
        to_status=new,
        at=at,
        by=actor.login,
        note=note,
    )


# ===================================================================== lifecycle
def change_status(
    session: Session,
    actor: Actor,
    referral_id: str,
    new_status: str,
    note: str = "",
    outcome: str = "",
) -> Referral:
    """Make one of the desk's moves (:data:`DESK_MOVES`) and append the event to its history.

    A status of the receiving service (:data:`CENTRAL_STATUSES`) raises
    ``StatusOwnedByService`` for every desk actor, whatever the current status: accepting,
    the appointment, completing and declining come from the server. Other moves outside
    :data:`TRANSITIONS` raise ``IllegalTransition``. Both change nothing. ``outcome`` is
    accepted only when the referral closes (cancelled). Sending checks the "sharing" basis
    again. Cancelling reopens the linked need unless another referral is still open.
    """
    actor.require("referral.write")
    referral = live_row(session, Referral, referral_id)
    new_status = validate.choice(new_status, STATUSES, "status")
    if new_status in CENTRAL_STATUSES:
        raise StatusOwnedByService(new_status)
    if new_status not in DESK_MOVES[referral.status]:
        raise IllegalTransition(referral.status, new_status)
    note = validate.long_text(note, "note", 2000)
    outcome = validate.long_text(outcome, "outcome", 4000)
    if outcome and new_status not in FINAL:
        raise ValidationFailed("outcome", "not_allowed")
    person = live_person(session, referral.person_id)
    consent_id = referral.consent_id
    if new_status == SENT:
        processable_person(session, person.id)
        consent = active_consent(session, person.id, SHARING)
        if consent is None:
            raise ConsentRequired(SHARING)
        consent_id = consent.id  # the basis in force when the data actually leaves

    now = utcnow()
    session.add(_event(referral, referral.status, new_status, actor, now, note))
    referral.status = new_status
    if consent_id != referral.consent_id:
        referral.consent_id = consent_id
    if outcome:
        referral.outcome = outcome
    _update_need(session, referral)
    person.note_activity(now)
    session.flush()
    return referral


def _update_need(session: Session, referral: Referral) -> None:
    if referral.need_id is None or referral.status not in FINAL:
        return
    need = session.get(Need, referral.need_id)
    if need is None or need.deleted:
        return
    if referral.status == COMPLETED:
        target = "closed"
    else:
        still_open = session.scalar(
            select(func.count())
            .select_from(Referral)
            .where(
                Referral.need_id == need.id,
                Referral.id != referral.id,
                Referral.status.in_(OPEN),
                Referral.deleted.is_(False),
            )
        )
        target = "referred" if still_open else "open"
    if need.status != target:
        need.status = target


def history(session: Session, actor: Actor, referral_id: str) -> list[ReferralEvent]:
    """The status history of one referral, oldest first."""
    actor.require("person.read")
    live_row(session, Referral, referral_id)
    stmt = (
        select(ReferralEvent)
        .where(ReferralEvent.referral_id == referral_id, ReferralEvent.deleted.is_(False))
        .order_by(ReferralEvent.at, ReferralEvent.id)
    )
    return list(session.scalars(stmt))


def is_overdue(
    status: str, last_change: datetime, appointment_at: datetime | None, today: date
) -> bool:
    """Whether a referral needs chasing.

    Sent or accepted with no progress for :data:`OVERDUE_AFTER_DAYS` days, or an
    appointment whose day has passed without the referral being completed.
    """
    if status in (SENT, ACCEPTED):
        return last_change.date() <= today - timedelta(days=OVERDUE_AFTER_DAYS)
    if status == APPOINTMENT_SET:
        return appointment_at is not None and appointment_at.date() < today
    return False


# ===================================================================== board
@dataclass(frozen=True)
class BoardItem:
    """One card of the referral board (no consultation content, ever)."""

    referral_id: str
    number: str
    person_id: str
    person_name: str
    target_service: str
    status: str
    created_at: datetime
    last_change_at: datetime
    appointment_at: datetime | None
    appointment_place: str
    outcome: str  # set by the receiving service when it closes the referral
    service_note: str  # the latest note the receiving service wrote with a change
    overdue: bool
    restricted: bool


def board(
    session: Session, actor: Actor, today: date, closed_days: int = 30
) -> dict[str, list[BoardItem]]:
    """Referrals grouped by status (every status is a key, in lifecycle order).

    Open referrals are all shown; closed ones only if they closed within ``closed_days``
    of ``today``, so the board stays a working list. Overdue cards come first in each
    column, then the oldest change first.
    """
    actor.require("person.read")
    last_change = (
        select(ReferralEvent.referral_id, func.max(ReferralEvent.at).label("at"))
        .where(ReferralEvent.deleted.is_(False))
        .group_by(ReferralEvent.referral_id)
        .subquery()
    )
    stmt = (
        select(Referral, Person, last_change.c.at)
        .join(Person, Person.id == Referral.person_id)
        .outerjoin(last_change, last_change.c.referral_id == Referral.id)
        .where(
            Referral.deleted.is_(False),
            Person.deleted.is_(False),
            Person.erased_at.is_(None),
        )
    )
    since = today - timedelta(days=closed_days)
    shown = [
        (referral, person, changed_at or referral.updated_at)
        for referral, person, changed_at in session.execute(stmt)
        if not (referral.status in FINAL and (changed_at or referral.updated_at).date() < since)
    ]
    notes = service_notes(session, [referral.id for referral, _, _ in shown])
    columns: dict[str, list[BoardItem]] = defaultdict(list)
    for referral, person, changed in shown:
        columns[referral.status].append(
            BoardItem(
                referral_id=referral.id,
                number=referral.number,
                person_id=person.id,
                person_name=display_name(person),
                target_service=referral.target_service,
                status=referral.status,
                created_at=referral.created_at,
                last_change_at=changed,
                appointment_at=referral.appointment_at,
                appointment_place=referral.appointment_place or "",
                outcome=referral.outcome or "",
                service_note=notes.get(referral.id, ""),
                overdue=is_overdue(referral.status, changed, referral.appointment_at, today),
                restricted=person.restricted,
            )
        )
    result: dict[str, list[BoardItem]] = {}
    for status in STATUSES:
        items = columns.get(status, [])
        items.sort(key=lambda item: (not item.overdue, item.last_change_at, item.number))
        result[status] = items
    return result


def service_notes(session: Session, referral_ids: Iterable[str]) -> dict[str, str]:
    """The latest note the receiving service wrote on each of these referrals (with a
    status change or on its own), by referral id; referrals without one are left out."""
    ids = sorted(set(referral_ids))
    found: dict[str, tuple[datetime, str, str]] = {}
    for start in range(0, len(ids), 500):
        stmt = select(ReferralEvent).where(
            ReferralEvent.referral_id.in_(ids[start : start + 500]),
            ReferralEvent.deleted.is_(False),
            ReferralEvent.by.startswith(SERVICE_MARK, autoescape=True),
            ReferralEvent.note != "",
        )
        for event in session.scalars(stmt):
            key = (event.at, event.id, event.note)
            if event.referral_id not in found or key > found[event.referral_id]:
                found[event.referral_id] = key
    return {rid: note for rid, (_, _, note) in found.items()}


# ===================================================================== what changed
def _unseen(session: Session) -> list[str]:
    meta = session.get(Meta, UNSEEN_KEY)
    if meta is None:
        return []
    try:
        value = json.loads(meta.value)
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def note_service_updates(session: Session, referral_ids: Iterable[str]) -> None:
    """Remember referrals the receiving service changed (called by the sync pull, in the
    transaction that writes its events), until an operator opens the board."""
    known = _unseen(session)
    added = [rid for rid in dict.fromkeys(referral_ids) if rid not in known]
    if not added:
        return
    value = json.dumps(known + added)
    meta = session.get(Meta, UNSEEN_KEY)
    if meta is None:
        session.add(Meta(key=UNSEEN_KEY, value=value))
    else:
        meta.value = value


def service_updates(session: Session, actor: Actor) -> list[str]:
    """Referrals the receiving service changed since the board was last opened (ids of
    live referrals, in the order their changes arrived)."""
    actor.require("person.read")
    unseen = _unseen(session)
    if not unseen:
        return []
    live = set(
        session.scalars(
            select(Referral.id).where(Referral.id.in_(unseen), Referral.deleted.is_(False))
        )
    )
    return [rid for rid in unseen if rid in live]


def mark_service_updates_seen(session: Session, actor: Actor) -> list[str]:
    """An operator opened the board: forget what was new; returns what it was."""
    seen = service_updates(session, actor)
    meta = session.get(Meta, UNSEEN_KEY)
    if meta is not None:
        session.delete(meta)
    return seen


def display_name(person: Person) -> str:
    """The Latin-script name when there is one (forms, lists), else the name as written."""
    latin = " ".join(n for n in (person.given_name_latin, person.family_name_latin) if n)
    written = " ".join(n for n in (person.given_name, person.family_name) if n)
    return latin or written
