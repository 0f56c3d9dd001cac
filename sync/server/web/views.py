"""What the pages of the MWC web workspace show, read from the central database.

Scope is the staff API's (``sync.server.referrals``): a member of MWC staff sees the sent
referrals addressed to their services, a central coordinator all of them; anything else
is the 404 of an unknown number. A referral shows what its service needs to act on it:
the referral, its need, the person's name and languages, and their phone number only
while the person's consent to be contacted by phone is active. A person whose processing
is restricted (GDPR art. 18), erased or merged away shows no personal value at all.
Reading a referral's page is audited (``referral_viewed``); lists are audited as the API's
are (``referrals_listed``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.consent import CONTACT_PHONE
from models.referrals import (
    ACCEPTED,
    APPOINTMENT_SET,
    CENTRAL_STATUSES,
    FINAL,
    OPEN,
    SENT,
    TRANSITIONS,
    is_overdue,
)
from sync.entities import stored_datetime
from sync.protocol import StaffDuplicate
from sync.server import approvals, audit, referrals
from sync.server.schema import Record, StaffUser

# Views of the inbox: which statuses each lists.
VIEWS: dict[str, tuple[str, ...]] = {
    "new": (SENT,),
    "open": (SENT, ACCEPTED, APPOINTMENT_SET),
    "closed": tuple(sorted(FINAL)),
}
# Age bands of open referrals in the coordinator view (days since sent; upper bounds).
AGE_BANDS: tuple[tuple[int | None, str], ...] = (
    (7, "0-7"),
    (14, "8-14"),
    (30, "15-30"),
    (None, "31+"),
)
_CHUNK = 500


@dataclass(frozen=True)
class Person:
    """What a service sees of the person a referral is about."""

    name: str  # Latin-script name (the name as written when there is none)
    written: str  # the name as the person writes it, when it differs
    languages: tuple[str, ...]  # ISO codes, the preferred one first
    phone: str  # only with an active consent to be contacted by phone
    withheld: bool  # restricted, erased or merged: no personal value shown


@dataclass(frozen=True)
class Event:
    from_status: str
    to_status: str
    at: datetime | None
    by: str
    note: str


@dataclass(frozen=True)
class Row:
    """One referral in a list."""

    number: str
    service: str
    desk: str
    status: str
    person: Person
    sent_at: datetime | None
    last_change: datetime | None
    appointment_at: datetime | None
    appointment_place: str
    overdue: bool
    age_days: int


@dataclass(frozen=True)
class Detail:
    """One referral's page."""

    row: Row
    reason: str
    outcome: str
    need_service: str
    need_description: str
    need_urgency: str
    events: tuple[Event, ...]
    moves: tuple[str, ...]  # the statuses the service may move it into now


@dataclass
class Overview:
    """The coordinator view."""

    by_service: dict[str, dict[str, int]] = field(default_factory=dict)  # service -> band -> n
    by_desk: dict[str, dict[str, int]] = field(default_factory=dict)  # desk -> status -> n
    overdue: list[Row] = field(default_factory=list)
    duplicates: list[StaffDuplicate] = field(default_factory=list)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _codes(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _person(session: Session, record: Record | None) -> Person:
    data = record.data if record is not None else {}
    if (
        record is None
        or record.deleted
        or data.get("restricted")
        or data.get("erased_at")
        or data.get("merged_into")
    ):
        return Person("", "", (), "", True)
    latin = " ".join(
        filter(None, (_text(data.get("given_name_latin")), _text(data.get("family_name_latin"))))
    )
    written = " ".join(
        filter(None, (_text(data.get("given_name")), _text(data.get("family_name"))))
    )
    preferred = _text(data.get("preferred_language"))
    languages = tuple(dict.fromkeys(filter(None, (preferred, *_codes(data.get("languages"))))))
    phone = _text(data.get("phone"))
    if phone and not approvals.active_consent(session, record.id, CONTACT_PHONE):
        phone = ""
    return Person(
        latin or written, written if latin and written != latin else "", languages, phone, False
    )


def _events(session: Session, referrals_: Iterable[Record]) -> dict[str, list[Event]]:
    """Status events of these referrals, oldest first, by referral id."""
    wanted = {r.id for r in referrals_}
    people = sorted({r.person_id for r in referrals_ if r.person_id})
    found: dict[str, list[Event]] = defaultdict(list)
    for start in range(0, len(people), _CHUNK):
        stmt = select(Record).where(
            Record.entity == "referral_events",
            Record.deleted.is_(False),
            Record.person_id.in_(people[start : start + _CHUNK]),
        )
        for record in session.scalars(stmt):
            data = record.data
            rid = data.get("referral_id")
            if rid in wanted:
                found[str(rid)].append(
                    Event(
                        _text(data.get("from_status")),
                        _text(data.get("to_status")),
                        stored_datetime(data.get("at")),
                        _text(data.get("by")),
                        _text(data.get("note")),
                    )
                )
    for events in found.values():
        events.sort(key=lambda e: (e.at or datetime.min, e.to_status))
    return found


def _rows(session: Session, records: list[Record], today: date) -> list[Row]:
    people_ids = sorted({r.person_id for r in records if r.person_id})
    people: dict[str, Record] = {}
    for start in range(0, len(people_ids), _CHUNK):
        chunk = people_ids[start : start + _CHUNK]
        people.update(
            (p.id, p) for p in session.scalars(select(Record).where(Record.id.in_(chunk)))
        )
    events = _events(session, records)
    rows = []
    for record in records:
        data = record.data
        history = events.get(record.id, [])
        sent = next((e.at for e in history if e.to_status == SENT), None) or record.created_at
        last = max((e.at for e in history if e.at is not None), default=record.updated_at)
        status = _text(data.get("status"))
        appointment = stored_datetime(data.get("appointment_at"))
        rows.append(
            Row(
                number=_text(data.get("number")),
                service=_text(data.get("target_service")),
                desk=_text(data.get("from_desk")),
                status=status,
                person=_person(session, people.get(record.person_id or "")),
                sent_at=sent,
                last_change=last,
                appointment_at=appointment,
                appointment_place=_text(data.get("appointment_place")),
                overdue=is_overdue(status, last, appointment, today),
                age_days=max(0, (today - sent.date()).days),
            )
        )
    return rows


def inbox(
    session: Session, user: StaffUser, view: str, today: date, service: str = ""
) -> list[Row]:
    """The referrals of one inbox view for ``user``: overdue first, then the oldest."""
    stmt = referrals.visible(user, VIEWS.get(view, VIEWS["open"]))
    if service:
        stmt = stmt.where(Record.data["target_service"].as_string() == service)
    rows = _rows(session, list(session.scalars(stmt)), today)
    audit.by_staff(session, user, "referrals_listed", detail=str(len(rows)))
    if view == "closed":
        return sorted(rows, key=lambda r: r.last_change or datetime.min, reverse=True)
    return sorted(rows, key=lambda r: (not r.overdue, r.sent_at or datetime.min, r.number))


def counts(session: Session, user: StaffUser) -> dict[str, int]:
    """How many referrals each inbox view holds for ``user`` (not audited: no record)."""
    found: dict[str, int] = {}
    for view, statuses in VIEWS.items():
        listed = referrals.visible(user, statuses).subquery()
        found[view] = session.scalar(select(func.count()).select_from(listed)) or 0
    return found


def detail(session: Session, user: StaffUser, number: str, today: date) -> Detail:
    """One referral as its service sees it (``NotFound`` outside the user's scope)."""
    record = referrals.find_for(session, user, number)
    row = _rows(session, [record], today)[0]
    data = record.data
    need = session.get(Record, _text(data.get("need_id"))) if data.get("need_id") else None
    need_data = need.data if need is not None and not need.deleted else {}
    status = row.status
    moves = tuple(
        s for s in _ORDER if s in TRANSITIONS.get(status, frozenset()) and s in CENTRAL_STATUSES
    )
    events = _events(session, [record]).get(record.id, [])
    audit.by_staff(session, user, "referral_viewed", "referrals", record.id)
    return Detail(
        row=row,
        reason=_text(data.get("reason")) if not row.person.withheld else "",
        outcome=_text(data.get("outcome")),
        need_service=_text(need_data.get("service_code")),
        need_description=_text(need_data.get("description")) if not row.person.withheld else "",
        need_urgency=_text(need_data.get("urgency")),
        events=tuple(events),
        moves=moves,
    )


_ORDER = ("accepted", "appointment_set", "completed", "no_show", "declined")


def overview(session: Session, user: StaffUser, today: date) -> Overview:
    """Open referrals of every service by age, by desk and status, the overdue ones, and
    the duplicates awaiting approval (``approvals.pending``: coordinators only)."""
    duplicates = approvals.pending(session, user)  # refuses anyone but a coordinator
    rows = _rows(session, list(session.scalars(referrals.visible(user, OPEN))), today)
    result = Overview(duplicates=duplicates)
    for row in rows:
        band = next(label for limit, label in AGE_BANDS if limit is None or row.age_days <= limit)
        service = result.by_service.setdefault(row.service, {label: 0 for _, label in AGE_BANDS})
        service[band] += 1
        desk = result.by_desk.setdefault(row.desk, {s: 0 for s in VIEWS["open"]})
        desk[row.status] = desk.get(row.status, 0) + 1
    result.by_service = dict(sorted(result.by_service.items()))
    result.by_desk = dict(sorted(result.by_desk.items()))
    result.overdue = sorted((r for r in rows if r.overdue), key=lambda r: -r.age_days)
    audit.by_staff(session, user, "referrals_overview", detail=str(len(rows)))
    return result


def service_names(session: Session, lang: str) -> dict[str, str]:
    """Service code -> name in ``lang`` (Italian unless English), from the catalog."""
    names = {}
    for record in session.scalars(select(Record).where(Record.entity == "services")):
        data = record.data
        code = _text(data.get("code"))
        names[code] = _text(data.get("name_en" if lang == "en" else "name_it")) or code
    return names


def desk_names(session: Session) -> dict[str, str]:
    return {
        _text(r.data.get("code")): _text(r.data.get("name")) or _text(r.data.get("code"))
        for r in session.scalars(select(Record).where(Record.entity == "desks"))
    }


def staff_users(session: Session) -> list[StaffUser]:
    return list(session.scalars(select(StaffUser).order_by(StaffUser.role, StaffUser.login)))
