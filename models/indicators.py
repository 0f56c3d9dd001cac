"""The FAMI indicators of ARCO for a period and a desk: what the funders are told.

:func:`compute` returns a :class:`Report` (plain values, ready for the Reports view and the
XLSX/PDF exports of ``models.documents.report``) for a :class:`Period` of days in Milan and
one desk or every desk whose records this store holds:

- **people reached**: distinct people with at least one access (visit) in the period, by
  citizenship class; the indicators count third-country nationals only (the FAMI target
  group; definitions in ``models.indicator_facts``), and every other figure below is about
  them;
- **new and returning**: a person is *new* when their first access at the chosen desk(s)
  ever recorded falls in the period (with every desk: their first access at any desk), else
  *returning*;
- **accesses** (visits) by channel and by month, with the people and new people of each
  month;
- **people reached by sex and age band** (age at first registration);
- **needs** recorded in the period by service, and **referrals sent** in the period by
  service; their **outcomes** (the status they have now) and the **median days to close**
  (from sending to the service's completed, declined or no-show, in days in Milan; cancelled
  referrals have no time to close);
- **consultations** by topic: counts only, legal content is never read;
- **progress** towards the target (``models.settings``: 1,200 third-country nationals over
  36 months from March 2026 unless an administrator set others): people reached since the
  start, at every desk of this store, against the share of the target due by now.

Every figure is the sum of two parts counted by the same SQL: the live records, and the
contributions of erased people folded by ``models.indicator_facts`` (which also holds the
definitions). People in the two parts are different people (a person id and a random
token), so distinct counts add up. Each part is described by a :class:`Sources` of SQL
selectables with fixed column names; the central server describes its synced records and
its own erased contributions the same way (``sync.server.indicators``) and sums the desks
with :func:`assemble`.

Everything is computed by set-based SQL (aggregates per group); only the referrals of the
period are read one by one, for the median.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    distinct,
    exists,
    extract,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import Subquery

from models import settings
from models.clock import utcnow
from models.errors import ValidationFailed
from models.indicator_facts import (
    AGE_BANDS,
    CLOSED_BY_SERVICE,
    CONSULTATION,
    EU,
    EU_MEMBER_STATES,
    ITALIAN,
    ITALY,
    MAX_AGE,
    NEED,
    NOT_STATED,
    REFERRAL,
    SENT,
    TCN,
    UNKNOWN,
    ErasedAccess,
    ErasedPerson,
    ErasedRecord,
    close_days,
    day_start,
    local_day,
)
from models.roles import Actor
from models.schema import (
    Consultation,
    Desk,
    Need,
    Person,
    ReferenceValue,
    Referral,
    ReferralEvent,
    Service,
    Visit,
)

# Period presets (the Reports view's choices).
THIS_MONTH = "this_month"
LAST_MONTH = "last_month"
THIS_YEAR = "this_year"
LAST_12_MONTHS = "last_12_months"
CUSTOM = "custom"
PRESETS = (THIS_MONTH, LAST_MONTH, THIS_YEAR, LAST_12_MONTHS)
MAX_DAYS = 366 * 10


# ===================================================================== periods
def _month_start(day: date) -> date:
    return day.replace(day=1)


def _add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """Days in Milan from ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationFailed("period", "end_before_start")
        if (self.end - self.start).days > MAX_DAYS:
            raise ValidationFailed("period", "too_long")

    def months(self) -> list[date]:
        """The first day of every month the period touches."""
        found, month = [], _month_start(self.start)
        while month <= self.end:
            found.append(month)
            month = _add_months(month, 1)
        return found

    def __str__(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


def preset(name: str, today: date) -> Period:
    """A preset period around ``today`` (a day in Milan): whole calendar months or years.

    ``this_month``, ``last_month``, ``this_year``, ``last_12_months`` (the current month
    and the eleven before it).
    """
    month = _month_start(today)
    if name == THIS_MONTH:
        return Period(month, _add_months(month, 1) - timedelta(days=1))
    if name == LAST_MONTH:
        return Period(_add_months(month, -1), month - timedelta(days=1))
    if name == THIS_YEAR:
        return Period(date(today.year, 1, 1), date(today.year, 12, 31))
    if name == LAST_12_MONTHS:
        return Period(_add_months(month, -11), _add_months(month, 1) - timedelta(days=1))
    raise ValidationFailed("period", "invalid_choice")


def today_in_milan(now: datetime | None = None) -> date:
    """Today's date in Milan (``now`` naive UTC, default the clock)."""
    return local_day(now or utcnow())


# ===================================================================== targets
@dataclass(frozen=True)
class Target:
    """People to reach within ``months`` months from the month ``start`` (its first day)."""

    people: int
    start: date
    months: int

    @property
    def end(self) -> date:
        """The last day of the project."""
        return _add_months(self.start, self.months) - timedelta(days=1)

    def months_elapsed(self, today: date) -> int:
        """Months of the project begun by ``today`` (0 before the start, at most all)."""
        begun = (today.year - self.start.year) * 12 + today.month - self.start.month + 1
        return max(0, min(self.months, begun))

    def due_by(self, today: date) -> int:
        """The share of the target due by the end of ``today``'s month (a straight line)."""
        return round(self.people * self.months_elapsed(today) / self.months)


def read_target(session: Session) -> Target:
    month = settings.read(session, settings.PROJECT_START)
    return Target(
        people=settings.read(session, settings.TARGET_PEOPLE),
        start=date(month // 100, month % 100, 1),
        months=settings.read(session, settings.PROJECT_MONTHS),
    )


def write_target(session: Session, actor: Actor, target: Target) -> Target:
    """Store a new target (administrators; each value checked and audited)."""
    settings.write(session, actor, settings.TARGET_PEOPLE, target.people)
    settings.write(
        session, actor, settings.PROJECT_START, target.start.year * 100 + target.start.month
    )
    settings.write(session, actor, settings.PROJECT_MONTHS, target.months)
    return read_target(session)


@dataclass(frozen=True)
class Progress:
    target: Target
    reached: int  # third-country nationals with an access since the start, up to today
    due: int  # the share of the target due by this month
    today: date

    @property
    def share(self) -> float:
        """``reached`` as a fraction of the whole target."""
        return self.reached / self.target.people if self.target.people else 0.0


# ===================================================================== sources
@dataclass(frozen=True)
class Sources:
    """Where one part of the figures comes from: SQL selectables with fixed columns.

    - ``people``: ``who`` (a person id or token), ``sex``, ``band``, ``klass``;
    - ``accesses``: ``who``, ``at``, ``desk``, ``channel``;
    - ``needs`` and ``consultations``: ``at``, ``desk``, ``klass``, ``code``;
    - ``referrals``: ``at`` (when sent), ``desk``, ``klass``, ``code`` (the service),
      ``status``, ``closed`` (see ``days``).

    ``at`` is a naive UTC instant when ``utc``, else a day in Milan. ``days(status, at,
    closed)`` gives a referral's days to close from its row.
    """

    people: Subquery
    accesses: Subquery
    needs: Subquery
    referrals: Subquery
    consultations: Subquery
    utc: bool
    days: Callable[[str, Any, Any], int | None]

    def bound(self, day: date) -> date | datetime:
        """The value of ``at`` where ``day`` starts."""
        return day_start(day) if self.utc else day


def citizenship_class_sql(citizenships: Any) -> ColumnElement[str]:
    """:func:`models.indicator_facts.citizenship_class` in SQL, over the JSON list of codes
    as stored (``["EG", "IT"]``): a code is a quoted two-letter string in the text.

    One citizenship (``["EG"]``, most people) is classified by looking its code up; longer
    lists by looking for each member state's code in the text.
    """
    text = func.coalesce(cast(citizenships, String), "")
    single = func.upper(func.substr(text, 3, 2))

    def holds(code: str) -> ColumnElement[bool]:
        return text.like(f'%"{code}"%')

    others = sorted(EU_MEMBER_STATES - {ITALY})
    return case(
        (func.length(text) == 6, case(
            (single == ITALY, literal(ITALIAN)),
            (single.in_(others), literal(EU)),
            else_=literal(TCN),
        )),
        (holds(ITALY), literal(ITALIAN)),
        (or_(*(holds(code) for code in others)), literal(EU)),
        (text.like('%"%'), literal(TCN)),
        else_=literal(UNKNOWN),
    )  # fmt: skip


def age_sql(birth_date: Any, birth_year: Any, on: Any) -> ColumnElement[Any]:
    """The age in whole years on the date of ``on`` (as ``indicator_facts.age_band``)."""

    def part(name: str, value: Any) -> ColumnElement[int]:
        return cast(extract(name, value), Integer)

    later_in_year = (part("month", birth_date) * 100 + part("day", birth_date)) > (
        part("month", on) * 100 + part("day", on)
    )
    return case(
        (
            birth_date.is_not(None),
            part("year", on) - part("year", birth_date) - case((later_in_year, 1), else_=0),
        ),
        (birth_year.is_not(None), part("year", on) - birth_year),
        else_=None,
    )


def band_sql(age: Any) -> ColumnElement[str]:
    """The age band of an age column (``""`` when unknown or out of range)."""
    whens: list[tuple[Any, Any]] = [
        (age.is_(None), literal(NOT_STATED)),
        (or_(age < 0, age > MAX_AGE), literal(NOT_STATED)),
    ]
    for low, high, label in AGE_BANDS:
        whens.append(((age <= high) if high is not None else (age >= low), literal(label)))
    return case(*whens, else_=literal(NOT_STATED))


def live_sources() -> Sources:
    """The desk's live records (people not erased, rows not tombstoned)."""
    klass = citizenship_class_sql(Person.citizenships)
    aged = (
        select(
            Person.id.label("who"),
            Person.sex.label("sex"),
            klass.label("klass"),
            age_sql(Person.birth_date, Person.birth_year, Person.created_at).label("age"),
        )
        .where(Person.erased_at.is_(None))
        .subquery("aged")
    )
    people = select(
        aged.c.who, aged.c.sex, band_sql(aged.c.age).label("band"), aged.c.klass
    ).subquery("people")
    accesses = (
        select(
            Visit.person_id.label("who"),
            Visit.at.label("at"),
            Visit.desk_code.label("desk"),
            Visit.channel.label("channel"),
        )
        .where(Visit.deleted.is_(False))
        .subquery("accesses")
    )
    live_person = Person.erased_at.is_(None)
    needs = (
        select(
            Need.created_at.label("at"),
            Need.origin_desk.label("desk"),
            klass.label("klass"),
            Need.service_code.label("code"),
        )
        .join(Person, Person.id == Need.person_id)
        .where(Need.deleted.is_(False), live_person)
        .subquery("needs")
    )
    sent = (
        select(ReferralEvent.referral_id, func.min(ReferralEvent.at).label("at"))
        .where(ReferralEvent.to_status == SENT, ReferralEvent.deleted.is_(False))
        .group_by(ReferralEvent.referral_id)
        .subquery("sent")
    )
    closed = (
        select(ReferralEvent.referral_id, func.min(ReferralEvent.at).label("at"))
        .where(ReferralEvent.to_status.in_(CLOSED_BY_SERVICE), ReferralEvent.deleted.is_(False))
        .group_by(ReferralEvent.referral_id)
        .subquery("closed")
    )
    referrals = (
        select(
            sent.c.at.label("at"),
            Referral.from_desk.label("desk"),
            klass.label("klass"),
            Referral.target_service.label("code"),
            Referral.status.label("status"),
            closed.c.at.label("closed"),
        )
        .join(sent, sent.c.referral_id == Referral.id)
        .outerjoin(closed, closed.c.referral_id == Referral.id)
        .join(Person, Person.id == Referral.person_id)
        .where(Referral.deleted.is_(False), live_person)
        .subquery("referrals")
    )
    consultations = (
        select(
            Consultation.at.label("at"),
            Consultation.origin_desk.label("desk"),
            klass.label("klass"),
            Consultation.topic.label("code"),
        )
        .join(Person, Person.id == Consultation.person_id)
        .where(Consultation.deleted.is_(False), live_person)
        .subquery("consultations")
    )
    return Sources(people, accesses, needs, referrals, consultations, True, close_days)


def erased_sources(
    person: Any = ErasedPerson, access: Any = ErasedAccess, record: Any = ErasedRecord
) -> Sources:
    """The contributions of erased people (``models.indicator_facts``). The central server
    passes its own tables of the same columns (``sync.server.indicator_facts``)."""

    def records(kind: str, *extra: Any) -> Subquery:
        return (
            select(
                record.day.label("at"),
                record.desk.label("desk"),
                record.citizenship_class.label("klass"),
                record.code.label("code"),
                *extra,
            )
            .where(record.kind == kind)
            .subquery(f"erased_{kind}s")
        )

    people = select(
        person.token.label("who"),
        person.sex.label("sex"),
        person.age_band.label("band"),
        person.citizenship_class.label("klass"),
    ).subquery("erased_people")
    accesses = select(
        access.token.label("who"),
        access.day.label("at"),
        access.desk.label("desk"),
        access.channel.label("channel"),
    ).subquery("erased_accesses")
    referrals = records(
        REFERRAL,
        record.status.label("status"),
        record.days_to_close.label("closed"),
    )
    return Sources(
        people,
        accesses,
        records(NEED),
        referrals,
        records(CONSULTATION),
        False,
        lambda _status, _at, days: None if days is None else int(days),
    )


# ===================================================================== figures
@dataclass
class Figures:
    """The counts of one part (or the sum of parts): plain values keyed by codes."""

    reached_by_class: Counter[str] = field(default_factory=Counter)
    by_sex_band: Counter[tuple[str, str]] = field(default_factory=Counter)
    new_by_month: Counter[str] = field(default_factory=Counter)
    accesses_by_month: Counter[str] = field(default_factory=Counter)
    people_by_month: Counter[str] = field(default_factory=Counter)
    accesses_by_channel: Counter[str] = field(default_factory=Counter)
    needs_by_service: Counter[str] = field(default_factory=Counter)
    referrals_by_service: Counter[str] = field(default_factory=Counter)
    referral_outcomes: Counter[str] = field(default_factory=Counter)
    closed_by_service: Counter[str] = field(default_factory=Counter)
    days_to_close: list[int] = field(default_factory=list)
    consultations_by_topic: Counter[str] = field(default_factory=Counter)

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            **{
                name: getattr(self, name) + getattr(other, name)
                for name in self.__dataclass_fields__
            }
        )


def _month_key(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def _in(sources: Sources, column: Any, period: Period) -> ColumnElement[bool]:
    return and_(
        column >= sources.bound(period.start),
        column < sources.bound(period.end + timedelta(days=1)),
    )


def _month_of(sources: Sources, column: Any, period: Period) -> ColumnElement[str]:
    """The ``YYYY-MM`` of ``column`` for the months of ``period`` (None outside it)."""
    months = period.months()
    whens: list[tuple[Any, Any]] = [(column < sources.bound(months[0]), literal(None, String))]
    for month in months:  # the first upper bound that the value is below
        following = _add_months(month, 1)
        whens.append((column < sources.bound(following), literal(_month_key(month))))
    return case(*whens, else_=literal(None, String))


def _at_desk(column: Any, desk: str | None) -> ColumnElement[bool]:
    return column == desk if desk is not None else literal(True)


def reached_people(sources: Sources, period: Period, desk: str | None) -> Select[Any]:
    """People (``who``) with an access in the period at the desk(s)."""
    acc = sources.accesses
    return select(acc.c.who).where(_in(sources, acc.c.at, period), _at_desk(acc.c.desk, desk))


def figures(session: Session, sources: Sources, period: Period, desk: str | None) -> Figures:
    """Every count of the report for one part, by a handful of grouped queries."""
    out = Figures()
    ppl, acc = sources.people, sources.accesses
    in_period = and_(_in(sources, acc.c.at, period), _at_desk(acc.c.desk, desk))

    # People reached, by citizenship class, sex and age band.
    reached = reached_people(sources, period, desk)
    stmt = (
        select(ppl.c.klass, ppl.c.sex, ppl.c.band, func.count())
        .where(ppl.c.who.in_(reached))
        .group_by(ppl.c.klass, ppl.c.sex, ppl.c.band)
    )
    for klass, sex, band, count in session.execute(stmt):
        out.reached_by_class[klass] += count
        if klass == TCN:
            out.by_sex_band[(sex or NOT_STATED, band or NOT_STATED)] += count

    # New people: their first access at the desk(s) is in the period (an access in it and
    # none before it), by the month of that first access.
    first = (
        select(acc.c.who, func.min(acc.c.at).label("first"))
        .where(in_period)
        .group_by(acc.c.who)
        .subquery("first_in_period")
    )
    earlier = sources.accesses.alias("earlier")
    month = _month_of(sources, first.c.first, period)
    stmt = (
        select(month, func.count())
        .join(ppl, ppl.c.who == first.c.who)
        .where(
            ppl.c.klass == TCN,
            ~exists().where(
                earlier.c.who == first.c.who,
                earlier.c.at < sources.bound(period.start),
                _at_desk(earlier.c.desk, desk),
            ),
        )
        .group_by(month)
    )
    out.new_by_month.update(dict(_pairs(session.execute(stmt))))

    # Accesses of third-country nationals by month (with people) and by channel.
    tcn_access = and_(in_period, ppl.c.klass == TCN)
    month = _month_of(sources, acc.c.at, period)
    stmt = (
        select(month, func.count(), func.count(distinct(acc.c.who)))
        .join(ppl, ppl.c.who == acc.c.who)
        .where(tcn_access)
        .group_by(month)
    )
    for key, count, people in session.execute(stmt):
        out.accesses_by_month[key] += count
        out.people_by_month[key] += people
    stmt = (
        select(acc.c.channel, func.count())
        .join(ppl, ppl.c.who == acc.c.who)
        .where(tcn_access)
        .group_by(acc.c.channel)
    )
    out.accesses_by_channel.update(dict(_pairs(session.execute(stmt))))

    # Needs and consultations by code.
    for table, counter in (
        (sources.needs, out.needs_by_service),
        (sources.consultations, out.consultations_by_topic),
    ):
        stmt = (
            select(table.c.code, func.count())
            .where(
                _in(sources, table.c.at, period),
                _at_desk(table.c.desk, desk),
                table.c.klass == TCN,
            )
            .group_by(table.c.code)
        )
        counter.update(dict(_pairs(session.execute(stmt))))

    # Referrals sent in the period: one row each (the median needs every duration).
    ref = sources.referrals
    stmt = select(ref.c.code, ref.c.status, ref.c.at, ref.c.closed).where(
        _in(sources, ref.c.at, period), _at_desk(ref.c.desk, desk), ref.c.klass == TCN
    )
    for code, status, at, closed in session.execute(stmt):
        out.referrals_by_service[code] += 1
        out.referral_outcomes[status] += 1
        days = sources.days(status, at, closed)
        if days is not None:
            out.closed_by_service[code] += 1
            out.days_to_close.append(days)
    return out


def _pairs(rows: Iterable[Any]) -> Iterable[tuple[Any, int]]:
    return ((key, count) for key, count in rows if key is not None)


def reached_count(
    session: Session,
    period: Period,
    desk: str | None = None,
    parts: Sequence[Sources] | None = None,
) -> int:
    """Third-country nationals with an access in the period (live and erased, or the
    ``parts`` given)."""
    total = 0
    for sources in parts if parts is not None else (live_sources(), erased_sources()):
        ppl = sources.people
        reached = reached_people(sources, period, desk)
        stmt = select(func.count()).where(ppl.c.who.in_(reached), ppl.c.klass == TCN)
        total += session.scalar(stmt) or 0
    return total


# ===================================================================== the report
@dataclass(frozen=True)
class MonthRow:
    month: str  # YYYY-MM
    accesses: int
    people: int
    new: int


@dataclass(frozen=True)
class Report:
    """The indicators of one period and desk (``None``: every desk of the store)."""

    period: Period
    desk: str | None
    desk_name: str
    figures: Figures
    months: list[MonthRow]
    progress: Progress
    # Labels of the codes the report holds, as kept in the store: kind -> code -> (it, en),
    # kinds "service", "channel", "consultation_topic".
    names: dict[str, dict[str, tuple[str, str]]]
    made_at: datetime

    # ------------------------------------------------------------- summary figures
    @property
    def reached(self) -> int:
        """Third-country nationals reached in the period."""
        return self.figures.reached_by_class[TCN]

    @property
    def new(self) -> int:
        return sum(self.figures.new_by_month.values())

    @property
    def returning(self) -> int:
        return self.reached - self.new

    @property
    def accesses(self) -> int:
        return sum(self.figures.accesses_by_month.values())

    @property
    def needs(self) -> int:
        return sum(self.figures.needs_by_service.values())

    @property
    def referrals(self) -> int:
        return sum(self.figures.referrals_by_service.values())

    @property
    def closed(self) -> int:
        return len(self.figures.days_to_close)

    @property
    def consultations(self) -> int:
        return sum(self.figures.consultations_by_topic.values())

    @property
    def median_days_to_close(self) -> float | None:
        days = self.figures.days_to_close
        return float(statistics.median(days)) if days else None

    def by_sex(self) -> dict[str, int]:
        found: Counter[str] = Counter()
        for (sex, _band), count in self.figures.by_sex_band.items():
            found[sex] += count
        return dict(found)

    def by_band(self) -> dict[str, int]:
        found: Counter[str] = Counter()
        for (_sex, band), count in self.figures.by_sex_band.items():
            found[band] += count
        return dict(found)

    def name(self, kind: str, code: str, language: str) -> str:
        """The label of a code in ``language`` (``it`` or anything else: English)."""
        pair = self.names.get(kind, {}).get(code)
        if pair is None:
            return code
        return pair[0] if language == "it" else pair[1]

    def services(self) -> list[str]:
        """Service codes with a need or a referral, in the catalog's order."""
        used = set(self.figures.needs_by_service) | set(self.figures.referrals_by_service)
        order = list(self.names.get("service", {}))
        return sorted(used, key=lambda c: (order.index(c) if c in order else len(order), c))

    def summary(self) -> dict[str, int]:
        """The headline figures, by key (the exports and the view list them in this order)."""
        return {
            "reached": self.reached,
            "new": self.new,
            "returning": self.returning,
            "accesses": self.accesses,
            "needs": self.needs,
            "referrals": self.referrals,
            "closed": self.closed,
            "consultations": self.consultations,
        }


def _names(session: Session) -> dict[str, dict[str, tuple[str, str]]]:
    names: dict[str, dict[str, tuple[str, str]]] = {"service": {}, "channel": {}}
    names["consultation_topic"] = {}
    for service in session.scalars(select(Service).order_by(Service.sort, Service.code)):
        names["service"][service.code] = (service.name_it, service.name_en)
    stmt = (
        select(ReferenceValue)
        .where(ReferenceValue.kind.in_(("channel", "consultation_topic")))
        .order_by(ReferenceValue.sort, ReferenceValue.code)
    )
    for value in session.scalars(stmt):
        names[value.kind][value.code] = (value.label_it, value.label_en)
    return names


def desks(session: Session) -> list[tuple[str, str]]:
    """The desks (code, name) a report can be about, from the reference data."""
    stmt = select(Desk.code, Desk.name).where(Desk.deleted.is_(False)).order_by(Desk.name)
    return [(code, name) for code, name in session.execute(stmt)]


def compute(
    session: Session,
    actor: Actor,
    period: Period,
    desk: str | None = None,
    today: date | None = None,
) -> Report:
    """The indicators of ``period`` at ``desk`` (``None``: every desk). ``reports.read``.

    ``today`` (a day in Milan, default now) is where progress towards the target stops.
    Reads only; nothing is audited, as nothing personal leaves the store.
    """
    actor.require("reports.read")
    desk_name = dict(desks(session)).get(desk, desk) if desk is not None else ""
    return assemble(
        session,
        (live_sources(), erased_sources()),
        period,
        desk,
        desk_name or "",
        read_target(session),
        _names(session),
        today or today_in_milan(),
    )


def assemble(
    session: Session,
    parts: Sequence[Sources],
    period: Period,
    desk: str | None,
    desk_name: str,
    target: Target,
    names: dict[str, dict[str, tuple[str, str]]],
    today: date,
) -> Report:
    """The report summed over ``parts`` (the store's live records and erased people's
    contributions; the central server passes its own). Progress towards ``target`` counts
    every desk of the parts, whatever ``desk`` is."""
    total = Figures()
    for sources in parts:
        total = total + figures(session, sources, period, desk)
    months = [
        MonthRow(
            key,
            total.accesses_by_month[key],
            total.people_by_month[key],
            total.new_by_month[key],
        )
        for key in (_month_key(m) for m in period.months())
    ]
    since_start = Period(target.start, max(target.start, min(today, target.end)))
    reached = reached_count(session, since_start, parts=parts) if today >= target.start else 0
    return Report(
        period=period,
        desk=desk,
        desk_name=desk_name,
        figures=total,
        months=months,
        progress=Progress(target, reached, target.due_by(today), today),
        names=names,
        made_at=utcnow().replace(microsecond=0),
    )
