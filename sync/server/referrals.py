"""MWC staff close the loop: they see referrals addressed to their services and change
their status; the change reaches the referring desk by its next pull.

The lifecycle is the desk's (``models.referrals.TRANSITIONS``): an illegal change is refused
with the same rule on both sides. Each change also writes a ``referral_events`` record, so
the referral's history reads the same at the desk.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from models.referrals import APPOINTMENT_SET, DRAFT, FINAL, SERVICE_MARK, TRANSITIONS
from sync.protocol import StaffReferral, StatusUpdate
from sync.server import audit, needs
from sync.server.errors import Forbidden, NotFound, Refused
from sync.server.legacy import readable
from sync.server.schema import Record, StaffUser
from sync.server.writes import Writer, save, server_record, utcnow

STAFF_ROLES = ("mwc_staff", "coordinator")
NOTE_LENGTH = 2000  # as ``StatusUpdate.note``


def _visible(user: StaffUser, record: Record) -> bool:
    return user.role == "coordinator" or record.data.get("target_service") in user.services


def _summary(record: Record) -> StaffReferral:
    data = record.data
    return StaffReferral(
        id=record.id,
        number=data.get("number", ""),
        target_service=data.get("target_service", ""),
        status=data.get("status", ""),
        from_desk=data.get("from_desk", ""),
        appointment_at=data.get("appointment_at"),
        appointment_place=data.get("appointment_place", ""),
        updated_at=record.updated_at,
    )


def visible(user: StaffUser, statuses: Iterable[str] | None = None) -> Select[Record]:
    """The query of the sent referrals ``user`` may see: addressed to one of their services
    (all of them for coordinators), in ``statuses`` if given."""
    state = Record.data["status"].as_string()
    stmt = select(Record).where(
        Record.entity == "referrals", Record.deleted.is_(False), state != DRAFT
    )
    if statuses is not None:
        stmt = stmt.where(state.in_(sorted(statuses)))
    if user.role != "coordinator":
        stmt = stmt.where(Record.data["target_service"].as_string().in_(list(user.services)))
    return stmt


def listing(session: Session, user: StaffUser, status: str | None = None) -> list[StaffReferral]:
    """Referrals addressed to the user's services (all of them for coordinators)."""
    stmt = visible(user, None if status is None else [status])
    found = sorted(readable(session.scalars(stmt), _summary), key=lambda s: s.number)
    audit.by_staff(session, user, "referrals_listed", detail=str(len(found)))
    return found


def find(session: Session, number: str) -> Record:
    record = session.scalar(
        select(Record)
        .where(Record.entity == "referrals", Record.deleted.is_(False))
        .where(Record.data["number"].as_string() == number)
    )
    if record is None:
        raise NotFound("referral_unknown", "no referral has this number")
    return record


def find_for(session: Session, user: StaffUser, number: str) -> Record:
    """The referral ``number`` if ``user`` may see it: addressed to one of their services
    (any, for coordinators) and sent. One answer for "not yours", "not sent yet" and "no
    such number": staff must not learn which numbers exist at other services."""
    record = find(session, number)
    if not _visible(user, record) or record.data.get("status") == DRAFT:
        raise NotFound("referral_unknown", "no referral has this number")
    return record


def _writable(session: Session, user: StaffUser, number: str) -> Record:
    if user.role not in STAFF_ROLES:
        raise Forbidden("staff_role", "this user may not change referrals")
    return find_for(session, user, number)


def _event(record: Record, user: StaffUser, old: str, new: str, note: str) -> Record:
    return server_record(
        "referral_events",
        {
            "referral_id": record.id,
            "from_status": old,
            "to_status": new,
            "at": utcnow().isoformat(),
            "by": f"{SERVICE_MARK}{user.login}"[:64],
            "note": note,
        },
        record.person_id,
        after=record.hlc,
    )


def change_status(
    session: Session, user: StaffUser, number: str, update: StatusUpdate
) -> StaffReferral:
    """Move a referral along its lifecycle on behalf of MWC staff."""
    record = _writable(session, user, number)
    writer = Writer(session)
    current = record.data.get("status", "")
    if update.status not in TRANSITIONS.get(current, frozenset()):
        raise Refused(
            "illegal_transition", f"a referral cannot go from {current} to {update.status}"
        )
    if update.status == APPOINTMENT_SET and update.appointment_at is None:
        raise Refused("appointment_missing", "an appointment needs a date and time")
    data = dict(record.data)
    data["status"] = update.status
    if update.appointment_at is not None:
        data["appointment_at"] = update.appointment_at.isoformat()
        data["appointment_place"] = update.appointment_place
    if update.status in FINAL and update.note:
        data["outcome"] = update.note
    save(writer, record, data, by="central")
    needs.follow_referral(session, writer, record)
    event = _event(record, user, current, update.status, update.note)
    session.add(event)
    writer.touch(event)
    audit.by_staff(
        session, user, "referral_status", "referrals", record.id, f"{current}->{update.status}"
    )
    return _summary(record)


def add_note(session: Session, user: StaffUser, number: str, note: str) -> StaffReferral:
    """A note from the service to the referring desk without a change of status: a status
    event from the current status to itself, which the desk shows with the referral."""
    record = _writable(session, user, number)
    note = note.strip()
    if not note:
        raise Refused("note_missing", "a note needs some text")
    if len(note) > NOTE_LENGTH:
        raise Refused("note_too_long", f"a note has at most {NOTE_LENGTH} characters")
    current = str(record.data.get("status", ""))
    event = _event(record, user, current, current, note)
    session.add(event)
    Writer(session).touch(event)
    audit.by_staff(session, user, "referral_note", "referrals", record.id)
    return _summary(record)
