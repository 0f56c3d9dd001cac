"""What the funders' indicators count about a person, and what erasure keeps of it.

The FAMI indicators of ARCO (``models.indicators`` computes them) count people, accesses,
needs, referrals and consultations by a few dimensions that this module defines once, for
the live records and for the contributions of erased people alike:

Citizenship class
    From the person's citizenships (ISO 3166-1 alpha-2), FAMI's definition (Regulation
    (EU) 2021/1147, art. 2: a third-country national is anyone who is not a citizen of the
    Union within the meaning of art. 20(1) TFEU):

    - ``it``: an Italian citizen (whatever other citizenships they hold);
    - ``eu``: a citizen of another EU member state (:data:`EU_MEMBER_STATES`), not Italian;
    - ``tcn``: at least one citizenship and none of the 27 member states. Citizens of
      Norway, Iceland, Liechtenstein and Switzerland are third-country nationals for FAMI;
    - ``unknown``: no citizenship recorded: not counted as a third-country national until
      the desk records one (the report shows how many there are).

    A person with one EU and one non-EU citizenship is *not* a third-country national.

Age band
    The age at the person's first registration (``persons.created_at``, its UTC date), from
    the birth date, or from the birth year alone (``year - birth_year``); the bands are
    :data:`AGE_BANDS` (25-44 is the band MWC reports as prevailing). Fixed at registration,
    so a person does not move between bands from one report to the next and the band can
    be kept when the birth date is erased.

Day
    The day in Milan (Europe/Rome) of an instant the store records in naive UTC.

Indicators that survive erasure
-------------------------------
Erasure (``models.gdpr``) blanks a person; the report of a past period must not change. So
just before the blanking, :func:`fold` writes the person's contribution to the indicators
into four local tables (never synced, never exported) that hold no person id, no name, no
time finer than a day and no operator:

- ``indicator_erased_people``: one row per erased person who had an access: a random
  token (made for this row, linked to nothing else), sex, age band, citizenship class;
- ``indicator_erased_accesses``: their accesses: token, day, desk, channel. The token is
  what lets "people reached" stay a count of *distinct* people over any period;
- ``indicator_erased_records``: their needs (day, desk, class, service), referrals sent
  (day sent, desk, class, service, status, days to close) and consultations (day, desk,
  class, topic), with no token: a need, a referral or a legal topic cannot be tied back to
  the person row above;
- ``indicator_folded``: the ids of the people whose contribution is in these tables (the
  ids of erased people are in their tombstones anyway), so a person is folded once even
  when the erasure comes back by sync or a store pulls everything again.

The tables are ``WITHOUT ROWID``, stored in the order of their random keys: the order of
insertion, which would follow the order of erasure, is not kept.

Re-identification risk (accepted and documented): whoever knows that someone came to a
desk on given days can look for a token with those days and learn that person's sex, age
band and citizenship class, which they most likely knew already. Needs, referrals and
topics are not linked to the token. On a desk that sees few people of a rare combination
(a woman of 65+ from a rare country class on a given day), a day count of one in the
erased records says what that one person asked for: the report shows counts per period,
and exports of small periods should be handled like the store itself.

The live records are counted by the same definitions (``models.indicators``), so the
report is the same before and after an erasure (a test proves it). Contributions of people
erased *at another desk* (received by sync) are folded from what their tombstones keep
(``models.gdpr.KEPT``): sex, the age band fixed by the erasing desk, the one citizenship
kept (an EU one when the person had one, so the class does not change), and every row of
theirs this desk holds.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Date, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from models.schema import (
    Base,
    Consultation,
    Need,
    Person,
    Referral,
    ReferralEvent,
    Visit,
)

MILAN = ZoneInfo("Europe/Rome")

# The 27 member states of the European Union (ISO 3166-1 alpha-2; Greece is GR, not EL).
EU_MEMBER_STATES = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip
ITALY = "IT"

# Citizenship classes.
TCN = "tcn"
EU = "eu"
ITALIAN = "it"
UNKNOWN = "unknown"
CITIZENSHIP_CLASSES = (TCN, EU, ITALIAN, UNKNOWN)

NOT_STATED = ""  # an unknown age band or sex
SEXES = ("F", "M", "X", NOT_STATED)
AGE_BANDS: tuple[tuple[int, int | None, str], ...] = (
    (0, 17, "0-17"),
    (18, 24, "18-24"),
    (25, 44, "25-44"),
    (45, 64, "45-64"),
    (65, None, "65+"),
)
BAND_LABELS = (*(label for _low, _high, label in AGE_BANDS), NOT_STATED)
MAX_AGE = 120

# Referral statuses the indicators read (the lifecycle is ``models.referrals``'s).
SENT = "sent"
# Statuses by which the receiving service closed a referral: they have a time to close.
CLOSED_BY_SERVICE = ("completed", "declined", "no_show")

# Kinds of ``indicator_erased_records``.
NEED = "need"
REFERRAL = "referral"
CONSULTATION = "consultation"

_BATCH = 500
T = TypeVar("T")


# ===================================================================== definitions
def citizenship_class(citizenships: Iterable[object] | None) -> str:
    """``it``, ``eu``, ``tcn`` or ``unknown`` for a list of ISO country codes (see above)."""
    codes = {str(c).strip().upper() for c in citizenships or () if str(c).strip()}
    if ITALY in codes:
        return ITALIAN
    if codes & EU_MEMBER_STATES:
        return EU
    return TCN if codes else UNKNOWN


def kept_citizenship(citizenships: Sequence[object] | None) -> list[str]:
    """The one citizenship erasure keeps: Italian if held, else the first EU one, else the
    first. The citizenship class of what is kept is the class of the whole list."""
    codes = [str(c) for c in citizenships or () if str(c).strip()]
    upper = [c.upper() for c in codes]
    if ITALY in upper:
        return [codes[upper.index(ITALY)]]
    for code, up in zip(codes, upper, strict=True):
        if up in EU_MEMBER_STATES:
            return [code]
    return codes[:1]


def age_band(birth_date: date | None, birth_year: int | None, on: date) -> str:
    """The statistics age band of someone on date ``on``; ``""`` when unknown.

    With only a birth year the age is taken as ``on.year - birth_year`` (the person may be a
    year younger; bands are wide enough for the indicators).
    """
    if birth_date is not None:
        age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    elif birth_year is not None:
        age = on.year - birth_year
    else:
        return NOT_STATED
    return band_of_age(age)


def band_of_age(age: int) -> str:
    if age < 0 or age > MAX_AGE:
        return NOT_STATED
    for low, high, label in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return NOT_STATED  # pragma: no cover - the bands cover 0..MAX_AGE


def registration_band(person: Person) -> str:
    """The person's age band at first registration; for a person whose birth date is gone
    (erased), the band the erasure kept."""
    if person.birth_date is None and person.birth_year is None:
        return person.stats_age_band or NOT_STATED
    registered = person.created_at.date() if person.created_at else date.today()
    return age_band(person.birth_date, person.birth_year, registered)


def local_day(at: datetime) -> date:
    """The day in Milan of a stored (naive UTC) instant."""
    return at.replace(tzinfo=UTC).astimezone(MILAN).date()


def day_start(day: date) -> datetime:
    """The stored (naive UTC) instant at which ``day`` starts in Milan."""
    start = datetime.combine(day, time.min, tzinfo=MILAN)
    return start.astimezone(UTC).replace(tzinfo=None)


def close_days(status: str, sent_at: datetime | None, closed_at: datetime | None) -> int | None:
    """Days from sending a referral to the service closing it (completed, declined, no
    show), counted as days in Milan; ``None`` while it is not closed by the service."""
    if status not in CLOSED_BY_SERVICE or sent_at is None or closed_at is None:
        return None
    return max(0, (local_day(closed_at) - local_day(sent_at)).days)


# ===================================================================== tables
# The same four tables stand in the desk's store and in the central server's database
# (sync.server.indicator_facts): the columns once, as mixins, each database its own class.
class ErasedPersonColumns:
    """An erased person who had an access: no id, a random token for their accesses."""

    __tablename__ = "indicator_erased_people"
    __table_args__ = {"sqlite_with_rowid": False}
    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    sex: Mapped[str] = mapped_column(String(1), default="")
    age_band: Mapped[str] = mapped_column(String(8), default="")
    citizenship_class: Mapped[str] = mapped_column(String(8))


class ErasedAccessColumns:
    """One access (visit) of an erased person: the day, the desk and the channel."""

    __tablename__ = "indicator_erased_accesses"
    __table_args__ = {"sqlite_with_rowid": False}
    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    day: Mapped[date] = mapped_column(Date)
    desk: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))


class ErasedRecordColumns:
    """A need, referral sent or consultation of an erased person, tied to no token."""

    __tablename__ = "indicator_erased_records"
    __table_args__ = {"sqlite_with_rowid": False}
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))  # need | referral | consultation
    day: Mapped[date] = mapped_column(Date)
    desk: Mapped[str] = mapped_column(String(32))
    citizenship_class: Mapped[str] = mapped_column(String(8))
    code: Mapped[str] = mapped_column(String(48))  # service or topic
    status: Mapped[str] = mapped_column(String(20), default="")  # referrals
    days_to_close: Mapped[int | None] = mapped_column(Integer, nullable=True)  # referrals


class FoldedPersonColumns:
    """A person whose contribution is in the erased-indicator tables (folded once)."""

    __tablename__ = "indicator_folded"
    __table_args__ = {"sqlite_with_rowid": False}
    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class ErasedPerson(ErasedPersonColumns, Base):
    """An erased person of this desk store (see :class:`ErasedPersonColumns`)."""


class ErasedAccess(ErasedAccessColumns, Base):
    """An access of an erased person (see :class:`ErasedAccessColumns`)."""


class ErasedRecord(ErasedRecordColumns, Base):
    """A need, referral or consultation of an erased person (see :class:`ErasedRecordColumns`)."""


class FoldedPerson(FoldedPersonColumns, Base):
    """A person already folded (see :class:`FoldedPersonColumns`)."""


ERASED_TABLES = (ErasedPerson, ErasedAccess, ErasedRecord, FoldedPerson)


# ===================================================================== folding
def _token() -> str:
    return uuid.uuid4().hex  # random: unlike a UUIDv7, it says nothing of when


def _batches(items: Sequence[T], size: int = _BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class _Rows:
    """The rows of a batch of people that the indicators count, by person id."""

    visits: dict[str, list[Visit]]
    needs: dict[str, list[Need]]
    referrals: dict[str, list[Referral]]
    events: dict[str, list[ReferralEvent]]  # by referral id
    consultations: dict[str, list[Consultation]]


def _by(rows: Iterable[Any], key: str) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        found[getattr(row, key)].append(row)
    return found


def _load(session: Session, ids: Sequence[str], live_only: bool) -> _Rows:
    def rows(model: Any, column: Any, keys: Sequence[str]) -> list[Any]:
        found: list[Any] = []
        for chunk in _batches(keys):
            stmt = select(model).where(column.in_(chunk))
            if live_only:
                stmt = stmt.where(model.deleted.is_(False))
            found.extend(session.scalars(stmt))
        return found

    referrals = rows(Referral, Referral.person_id, ids)
    events = rows(ReferralEvent, ReferralEvent.referral_id, [r.id for r in referrals])
    return _Rows(
        visits=_by(rows(Visit, Visit.person_id, ids), "person_id"),
        needs=_by(rows(Need, Need.person_id, ids), "person_id"),
        referrals=_by(referrals, "person_id"),
        events=_by(events, "referral_id"),
        consultations=_by(rows(Consultation, Consultation.person_id, ids), "person_id"),
    )


def sent_and_closed(events: Iterable[ReferralEvent]) -> tuple[datetime | None, datetime | None]:
    """When a referral was first sent, and first closed by the service."""
    sent = [e.at for e in events if e.to_status == SENT]
    closed = [e.at for e in events if e.to_status in CLOSED_BY_SERVICE]
    return (min(sent) if sent else None), (min(closed) if closed else None)


def fold(session: Session, people: Sequence[Person], *, live_only: bool) -> int:
    """Write the indicator contribution of ``people`` into the erased-indicator tables.

    Call it just before erasing them (``live_only=True``: the rows an erasure tombstones;
    rows tombstoned before are not counted, as they were not while the person was live),
    or for people erased at another desk (``live_only=False``: every row this desk holds,
    as their tombstones keep it). People already folded are skipped. Returns how many
    people were folded.
    """
    ids = [p.id for p in people]
    done: set[str] = set()
    for chunk in _batches(ids):
        done.update(
            session.scalars(select(FoldedPerson.person_id).where(FoldedPerson.person_id.in_(chunk)))
        )
    todo = [p for p in people if p.id not in done and p.id]
    if not todo:
        return 0
    rows = _load(session, [p.id for p in todo], live_only)
    for person in todo:
        klass = citizenship_class(person.citizenships)
        visits = sorted(rows.visits.get(person.id, []), key=lambda v: (v.at, v.id))
        if visits:
            token = _token()
            session.add(
                ErasedPerson(
                    token=token,
                    sex=person.sex or NOT_STATED,
                    age_band=registration_band(person),
                    citizenship_class=klass,
                )
            )
            session.add_all(
                ErasedAccess(
                    token=token,
                    seq=seq,
                    day=local_day(visit.at),
                    desk=visit.desk_code,
                    channel=visit.channel,
                )
                for seq, visit in enumerate(visits)
            )
        records = [
            ErasedRecord(
                id=_token(),
                kind=NEED,
                day=local_day(need.created_at),
                desk=need.origin_desk,
                citizenship_class=klass,
                code=need.service_code,
            )
            for need in rows.needs.get(person.id, [])
        ]
        for referral in rows.referrals.get(person.id, []):
            sent_at, closed_at = sent_and_closed(rows.events.get(referral.id, []))
            if sent_at is None:
                continue  # never sent: not a referral the indicators count
            records.append(
                ErasedRecord(
                    id=_token(),
                    kind=REFERRAL,
                    day=local_day(sent_at),
                    desk=referral.from_desk,
                    citizenship_class=klass,
                    code=referral.target_service,
                    status=referral.status,
                    days_to_close=close_days(referral.status, sent_at, closed_at),
                )
            )
        records.extend(
            ErasedRecord(
                id=_token(),
                kind=CONSULTATION,
                day=local_day(consultation.at),
                desk=consultation.origin_desk,
                citizenship_class=klass,
                code=consultation.topic,
            )
            for consultation in rows.consultations.get(person.id, [])
        )
        session.add_all(records)
        session.add(FoldedPerson(person_id=person.id))
    session.flush()
    return len(todo)
