"""What the central server keeps of erased people for the city-wide indicators.

The desks fold an erased person's contribution into anonymous local tables
(``models.indicator_facts``), which never sync. The city-wide figures of the MWC web
workspace (``sync.server.indicators``) are counted from the server's own records, so the
server keeps its own tables of the same shape and the same rules: no person id, no name,
no time finer than a day in Milan, no operator; a random token ties an erased person's
accesses together (people reached stay *distinct* people) and nothing else:

- ``indicator_erased_people``: token, sex, age band, citizenship class;
- ``indicator_erased_accesses``: token, day, desk, channel;
- ``indicator_erased_records``: needs, referrals sent (with status and days to close) and
  consultations: day, desk, citizenship class, service or topic, with no token;
- ``indicator_folded``: the ids of the people folded (they are in their tombstones anyway),
  so a person is folded once.

When they are folded
--------------------
A push that erases a person (``sync.server.exchange.push``) is read twice:
:func:`counted_before`, before the push applies, notes what the server counts of the
people it erases — their live rows and their person record as it was (every citizenship,
the birth date) — and which rows the push itself inserts or tombstones outside the
erasure; :func:`fold_erased`, after it applies and before ``erasure.scrub`` blanks what
the desk did not have, folds exactly what was counted: the rows live on the server before
the push (whoever wrote them), the rows the push brings live (written at the desk before
the erasure and never synced), less the rows the push tombstones in a transaction of
their own (deleted at the desk before the erasure). So the city-wide report of a past
period is the same before and after an erasure.

People erased before this version (no fold at the time) are folded once, the first time
the database is opened by this version (:func:`backfill`), from their tombstones (which
keep every dimension the indicators read: ``models.gdpr.KEPT``), every row of theirs the
server holds counted (as a desk counts people erased elsewhere). Those tombstones kept one
citizenship only (the server kept the first of the list; desks before the indicators did
too), so a dual citizen erased then (an Egyptian-French, say) may be counted in the class
of the citizenship kept; and their age band is the one the erasing desk kept, if any.

Re-identification risk: as at the desks (``models.indicator_facts``), plus one: on
PostgreSQL, rows are stored in the order they are written, so the physical order of the
tables follows the order of erasures (SQLite stores them in the order of their random
keys). The tables are read only by the indicator queries; the web page shows totals with
small counts suppressed.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.hlc import physical_ms
from models.indicator_facts import (
    CONSULTATION,
    NEED,
    NOT_STATED,
    REFERRAL,
    ErasedAccessColumns,
    ErasedPersonColumns,
    ErasedRecordColumns,
    FoldedPersonColumns,
    age_band,
    citizenship_class,
    close_days,
    local_day,
    sent_and_closed,
)
from sync.entities import stored_datetime
from sync.server.schema import Base, Record, ServerMeta

if TYPE_CHECKING:
    from sync.protocol import PushRequest

# The entities whose rows the indicators count (besides the person).
COUNTED = ("visits", "needs", "referrals", "referral_events", "consultations")
# server_meta key: the people erased before this version are folded (:func:`backfill`)
BACKFILLED = "indicators.backfilled"
ALL_FIELDS = "*"  # as ``sync.server.writes.ALL_FIELDS`` (the insert's field stamp)
_EPOCH = datetime(1970, 1, 1)
_CHUNK = 500


# ===================================================================== tables
class ErasedPerson(ErasedPersonColumns, Base):
    """An erased person (see :class:`models.indicator_facts.ErasedPersonColumns`)."""


class ErasedAccess(ErasedAccessColumns, Base):
    """An access of an erased person."""


class ErasedRecord(ErasedRecordColumns, Base):
    """A need, referral or consultation of an erased person."""


class FoldedPerson(FoldedPersonColumns, Base):
    """A person already folded."""


ERASED_TABLES = (ErasedPerson, ErasedAccess, ErasedRecord, FoldedPerson)


# ===================================================================== definitions
def inserted_at(field_hlc: dict[str, Any] | None, hlc: int) -> datetime:
    """When the desk wrote a record (naive UTC, to the millisecond): the physical time of
    its insert's stamp, which a record keeps (``ALL_FIELDS``) whatever changes later.

    The server's ``created_at`` is when the record reached it, which may be days later
    for a desk that was offline; a desk counts a need, and a person's age at registration,
    by the time it wrote them, and so does the server."""
    stamp = (field_hlc or {}).get(ALL_FIELDS)
    value = stamp[0] if isinstance(stamp, list) and stamp and isinstance(stamp[0], int) else hlc
    return _EPOCH + timedelta(milliseconds=physical_ms(int(value or 0)))


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


@dataclass(frozen=True)
class PersonFacts:
    """What the indicators count of a person: sex, age band, citizenship class."""

    sex: str
    band: str
    klass: str

    @classmethod
    def live(cls, data: dict[str, Any], registered: datetime) -> PersonFacts:
        """As the live figures count a person record (``sync.server.indicators``)."""
        birth_year = data.get("birth_year")
        band = age_band(
            _date(data.get("birth_date")),
            birth_year if isinstance(birth_year, int) else None,
            registered.date(),
        )
        return cls(_text(data.get("sex")), band, citizenship_class(data.get("citizenships")))

    @classmethod
    def kept(cls, data: dict[str, Any]) -> PersonFacts:
        """From an erased person's tombstone (what erasure keeps)."""
        return cls(
            _text(data.get("sex")),
            _text(data.get("stats_age_band")),
            citizenship_class(data.get("citizenships")),
        )


@dataclass(frozen=True)
class _Row:
    """A counted record of an erased person, as the fold reads it."""

    id: str
    entity: str
    origin_desk: str
    data: dict[str, Any]
    inserted: datetime


@dataclass(frozen=True)
class _Event:
    to_status: str
    at: datetime | None


# ===================================================================== folding
def _token() -> str:
    return uuid.uuid4().hex  # random: it says nothing of when


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _folded(session: Session, ids: Sequence[str]) -> set[str]:
    done: set[str] = set()
    for chunk in _chunks(ids):
        done.update(
            session.scalars(select(FoldedPerson.person_id).where(FoldedPerson.person_id.in_(chunk)))
        )
    return done


def _rows(session: Session, person_ids: Sequence[str]) -> dict[str, list[_Row]]:
    """Every counted record of these people (live or not), by person id."""
    found: dict[str, list[_Row]] = defaultdict(list)
    for chunk in _chunks(person_ids):
        stmt = select(
            Record.id,
            Record.entity,
            Record.origin_desk,
            Record.data,
            Record.field_hlc,
            Record.hlc,
            Record.person_id,
        ).where(
            Record.person_id.in_(chunk),
            Record.entity.in_(COUNTED),
        )
        for rid, entity, origin, data, stamps, hlc, person_id in session.execute(stmt):
            found[person_id].append(
                _Row(rid, entity, origin, dict(data or {}), inserted_at(stamps, hlc))
            )
    return found


def fold_person(session: Session, person_id: str, facts: PersonFacts, rows: Iterable[_Row]) -> None:
    """Write one person's contribution (``rows``: the records to count) and mark them
    folded. The caller checked they were not folded yet."""
    by_entity: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        by_entity[row.entity].append(row)
    visits = sorted(
        (
            (at, row)
            for row in by_entity["visits"]
            if (at := stored_datetime(row.data.get("at"))) is not None
        ),
        key=lambda pair: (pair[0], pair[1].id),
    )
    if visits:
        token = _token()
        session.add(
            ErasedPerson(
                token=token,
                sex=facts.sex or NOT_STATED,
                age_band=facts.band or NOT_STATED,
                citizenship_class=facts.klass,
            )
        )
        session.add_all(
            ErasedAccess(
                token=token,
                seq=seq,
                day=local_day(at),
                desk=_text(row.data.get("desk_code")),
                channel=_text(row.data.get("channel")),
            )
            for seq, (at, row) in enumerate(visits)
        )
    records = [
        ErasedRecord(
            id=_token(),
            kind=NEED,
            day=local_day(row.inserted),
            desk=row.origin_desk,
            citizenship_class=facts.klass,
            code=_text(row.data.get("service_code")),
        )
        for row in by_entity["needs"]
    ]
    events: dict[str, list[_Event]] = defaultdict(list)
    for row in by_entity["referral_events"]:
        events[_text(row.data.get("referral_id"))].append(
            _Event(_text(row.data.get("to_status")), stored_datetime(row.data.get("at")))
        )
    for row in by_entity["referrals"]:
        sent_at, closed_at = sent_and_closed(events.get(row.id, []))  # type: ignore[arg-type]
        if sent_at is None:
            continue  # never sent: not a referral the indicators count
        status = _text(row.data.get("status"))
        records.append(
            ErasedRecord(
                id=_token(),
                kind=REFERRAL,
                day=local_day(sent_at),
                desk=_text(row.data.get("from_desk")),
                citizenship_class=facts.klass,
                code=_text(row.data.get("target_service")),
                status=status,
                days_to_close=close_days(status, sent_at, closed_at),
            )
        )
    for row in by_entity["consultations"]:
        at = stored_datetime(row.data.get("at"))
        if at is None:
            continue
        records.append(
            ErasedRecord(
                id=_token(),
                kind=CONSULTATION,
                day=local_day(at),
                desk=row.origin_desk,
                citizenship_class=facts.klass,
                code=_text(row.data.get("topic")),
            )
        )
    session.add_all(records)
    session.add(FoldedPerson(person_id=person_id))


@dataclass
class Before:
    """What the server counts of the people a push erases, read before it applies."""

    people: dict[str, PersonFacts] = field(default_factory=dict)  # live person records
    live: set[str] = field(default_factory=set)  # their live counted rows on the server
    inserted: set[str] = field(default_factory=set)  # rows the push inserts live
    dropped: set[str] = field(default_factory=set)  # rows it tombstones outside an erasure


def counted_before(session: Session, request: PushRequest) -> Before | None:
    """Before a push applies: ``None`` when it erases no one (no query), else what
    :func:`fold_erased` needs (see the module documentation)."""
    erasing = [m for m in request.mutations if m.entity == "persons" and m.fields.get("erased_at")]
    if not erasing:
        return None
    erasures = {m.tx_id for m in erasing}  # one transaction may erase several people
    ids = sorted({m.row_id for m in erasing})
    before = Before()
    for chunk in _chunks(ids):
        for rid, data, stamps, hlc in session.execute(
            select(Record.id, Record.data, Record.field_hlc, Record.hlc).where(
                Record.id.in_(chunk), Record.entity == "persons"
            )
        ):
            data = dict(data or {})
            if not data.get("erased_at"):
                before.people[rid] = PersonFacts.live(data, inserted_at(stamps, hlc))
        before.live.update(
            session.scalars(
                select(Record.id).where(
                    Record.person_id.in_(chunk),
                    Record.entity.in_(COUNTED),
                    Record.deleted.is_(False),
                )
            )
        )
    for m in request.mutations:
        if m.entity not in COUNTED:
            continue
        if m.op == "insert" and m.fields.get("deleted") is not True:
            before.inserted.add(m.row_id)
        elif m.fields.get("deleted") is True and m.tx_id not in erasures:
            before.dropped.add(m.row_id)
    return before


def fold_erased(session: Session, before: Before | None, person_ids: Iterable[str]) -> int:
    """After a push erased ``person_ids``: fold what the server counted of them (with
    ``before``; without it, as :func:`backfill` does). Returns how many were folded."""
    ids = sorted(set(person_ids))
    done = _folded(session, ids)
    todo = [p for p in ids if p not in done]
    if not todo:
        return 0
    tombstones: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(todo):
        stmt = select(Record.id, Record.data).where(
            Record.id.in_(chunk), Record.entity == "persons"
        )
        tombstones.update((rid, dict(data or {})) for rid, data in session.execute(stmt))
    rows = _rows(session, todo)
    for person_id in todo:
        mine = rows.get(person_id, [])
        if before is None:
            facts = PersonFacts.kept(tombstones.get(person_id, {}))
        else:
            facts = before.people.get(person_id) or PersonFacts.kept(tombstones.get(person_id, {}))
            mine = [
                r
                for r in mine
                if (r.id in before.live or r.id in before.inserted) and r.id not in before.dropped
            ]
        fold_person(session, person_id, facts, mine)
    session.flush()
    return len(todo)


def backfill(session: Session) -> int:
    """Once per database: fold the people erased before the server kept these tables
    (from their tombstones, every row the server holds of them). Returns how many."""
    if session.get(ServerMeta, BACKFILLED) is not None:
        return 0
    erased = sorted(
        session.scalars(
            select(Record.id).where(
                Record.entity == "persons", Record.data["erased_at"].as_string().is_not(None)
            )
        )
    )
    folded = sum(fold_erased(session, None, chunk) for chunk in _chunks(erased))
    session.add(ServerMeta(key=BACKFILLED, value=str(folded)))
    session.flush()
    return folded
