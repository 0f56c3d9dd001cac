"""City-wide FAMI indicators: the desks' indicators summed from what they have synced.

The same figures as a desk's Reports view (``models.indicators``: definitions in
``models.indicator_facts``), counted by the same SQL (:func:`models.indicators.figures`)
over two parts:

- :func:`live_sources`, the server's ``records`` table described as the indicators'
  sources: JSON fields read in SQL (PostgreSQL and SQLite), rows not tombstoned, people
  not erased. Times stored as ISO text are read as times (:func:`iso_time`); a need and a
  person's registration are dated by when the desk wrote them (the physical time of the
  insert's stamp, :func:`written_at`), as the desk dates them, not by when they reached
  the server;
- the contributions of erased people the server folded (``sync.server.indicator_facts``).

With every desk, people are counted once however many desks they visited (*distinct*
people over the whole city): people merged across desks are one record, so they count
once; people registered at two desks and never merged are two records and count twice.
With one desk, the figures are those of that desk's Reports view (counting that desk's
accesses, needs, referrals and consultations), over every record the server holds.

Only what the desks have synced is counted: a desk that has not synced for a while is
behind (the page shows each desk's last sync).

Progress towards the ARCO target (1,200 third-country nationals over 36 months from
March 2026 unless set otherwise) counts every desk. The server keeps its own target in
``server_meta`` (``arco-central target``), with the desks' defaults and bounds
(``models.settings``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    DateTime,
    and_,
    case,
    cast,
    func,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.selectable import Subquery

from models import settings
from models.indicator_facts import CLOSED_BY_SERVICE, SENT, close_days
from models.indicators import (
    Period,
    Report,
    Sources,
    Target,
    age_sql,
    assemble,
    band_sql,
    citizenship_class_sql,
    erased_sources,
)
from sync.server import audit
from sync.server.indicator_facts import ALL_FIELDS, ErasedAccess, ErasedPerson, ErasedRecord
from sync.server.schema import Device, Record, ServerMeta

POSTGRESQL = "postgresql"
_ISO_TIME = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?$"
_ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
TARGET_SETTINGS = (settings.TARGET_PEOPLE, settings.PROJECT_START, settings.PROJECT_MONTHS)


# ===================================================================== SQL over JSON
def iso_time(text: Any, dialect: str) -> ColumnElement[datetime]:
    """A time stored as ISO text in a record's JSON (``2025-03-10T09:00:00[.ffffff]``, naive
    UTC) as a value that compares with Python datetimes, as a desk's column does.

    PostgreSQL: a ``timestamp`` (``NULL`` for text that is not an ISO time, so a malformed
    old record cannot fail the page). SQLite: the text in the layout SQLAlchemy stores
    datetimes in (``2025-03-10 09:00:00.000000``), which compares as a desk's column."""
    if dialect == POSTGRESQL:
        return case((text.regexp_match(_ISO_TIME), cast(text, DateTime)), else_=None)
    normal = func.substr(func.replace(text, "T", " ") + ".000000", 1, 26)
    return type_coerce(normal, DateTime)


def iso_date(text: Any, dialect: str) -> ColumnElement[date]:
    """A date stored as ISO text (``2000-03-14``)."""
    if dialect == POSTGRESQL:
        return case((text.regexp_match(_ISO_DATE), cast(text, Date)), else_=None)
    return type_coerce(text, Date)


def written_at(record: Any, dialect: str) -> ColumnElement[datetime]:
    """When the desk wrote ``record`` (naive UTC, to the millisecond): the physical part of
    its insert's stamp (``field_hlc["*"]``, else its ``hlc``), as
    ``sync.server.indicator_facts.inserted_at`` reads it."""
    stamp = func.coalesce(
        cast(record.field_hlc[(ALL_FIELDS, 0)].as_string(), BigInteger), record.hlc
    )
    ms = stamp // 65536  # models.hlc: 16 bits of counter under the milliseconds
    if dialect == POSTGRESQL:
        epoch: ColumnElement[Any] = literal_column("TIMESTAMP '1970-01-01 00:00:00'")
        return type_coerce(epoch + ms * literal_column("INTERVAL '1 millisecond'"), DateTime)
    seconds = func.strftime("%Y-%m-%d %H:%M:%S", ms // 1000, "unixepoch")
    text = seconds + "." + func.printf("%03d", ms % 1000) + "000"
    return type_coerce(text, DateTime)


def _field(record: Any, name: str) -> ColumnElement[str]:
    field: ColumnElement[str] = record.data[name].as_string()
    return field


def _live_person(person: Any) -> ColumnElement[bool]:
    return and_(person.entity == "persons", _field(person, "erased_at").is_(None))


def live_sources(dialect: str) -> Sources:
    """The server's live records as the indicators' sources (see the module documentation):
    the desk's ``models.indicators.live_sources`` column for column."""

    def klass(person: Any) -> ColumnElement[str]:
        return citizenship_class_sql(_field(person, "citizenships"))

    person = aliased(Record, name="person")
    aged = (
        select(
            person.id.label("who"),
            func.coalesce(_field(person, "sex"), "").label("sex"),
            klass(person).label("klass"),
            age_sql(
                iso_date(_field(person, "birth_date"), dialect),
                person.data["birth_year"].as_integer(),
                written_at(person, dialect),
            ).label("age"),
        )
        .where(_live_person(person))
        .subquery("aged")
    )
    people = select(
        aged.c.who, aged.c.sex, band_sql(aged.c.age).label("band"), aged.c.klass
    ).subquery("people")

    visit = aliased(Record, name="visit")
    accesses = (
        select(
            visit.person_id.label("who"),
            iso_time(_field(visit, "at"), dialect).label("at"),
            _field(visit, "desk_code").label("desk"),
            _field(visit, "channel").label("channel"),
        )
        .where(visit.entity == "visits", visit.deleted.is_(False))
        .subquery("accesses")
    )

    def by_person(entity: str, name: str, at: Any, desk: Any, code: str) -> Subquery:
        row = aliased(Record, name=entity)
        owner = aliased(Record, name=f"{entity}_person")
        return (
            select(
                at(row).label("at"),
                desk(row).label("desk"),
                klass(owner).label("klass"),
                _field(row, code).label("code"),
            )
            .join(owner, owner.id == row.person_id)
            .where(row.entity == entity, row.deleted.is_(False), _live_person(owner))
            .subquery(name)
        )

    needs = by_person(
        "needs", "needs", lambda r: written_at(r, dialect), lambda r: r.origin_desk, "service_code"
    )
    consultations = by_person(
        "consultations",
        "consultations",
        lambda r: iso_time(_field(r, "at"), dialect),
        lambda r: r.origin_desk,
        "topic",
    )

    def first_event(statuses: tuple[str, ...], name: str) -> Subquery:
        event = aliased(Record, name=f"{name}_event")
        referral_id = _field(event, "referral_id")
        return (
            select(
                referral_id.label("referral_id"),
                func.min(iso_time(_field(event, "at"), dialect)).label("at"),
            )
            .where(
                event.entity == "referral_events",
                event.deleted.is_(False),
                _field(event, "to_status").in_(statuses),
            )
            .group_by(referral_id)
            .subquery(name)
        )

    sent = first_event((SENT,), "sent")
    closed = first_event(CLOSED_BY_SERVICE, "closed")
    referral = aliased(Record, name="referral")
    owner = aliased(Record, name="referral_person")
    referrals = (
        select(
            sent.c.at.label("at"),
            _field(referral, "from_desk").label("desk"),
            klass(owner).label("klass"),
            _field(referral, "target_service").label("code"),
            _field(referral, "status").label("status"),
            closed.c.at.label("closed"),
        )
        .select_from(referral)
        .join(sent, sent.c.referral_id == referral.id)
        .outerjoin(closed, closed.c.referral_id == referral.id)
        .join(owner, owner.id == referral.person_id)
        .where(
            referral.entity == "referrals",
            referral.deleted.is_(False),
            _live_person(owner),
        )
        .subquery("referrals")
    )
    return Sources(people, accesses, needs, referrals, consultations, True, close_days)


def sources(session: Session) -> tuple[Sources, Sources]:
    """The two parts of the city-wide figures: live records, folded erasures."""
    dialect = session.get_bind().dialect.name
    return live_sources(dialect), erased_sources(ErasedPerson, ErasedAccess, ErasedRecord)


# ===================================================================== target
def read_target(session: Session) -> Target:
    """The ARCO target as the server keeps it (the desks' defaults until set)."""
    people, month, months = (
        setting.parse(row.value if (row := session.get(ServerMeta, setting.key)) else None)
        for setting in TARGET_SETTINGS
    )
    return Target(people=people, start=date(month // 100, month % 100, 1), months=months)


def write_target(session: Session, target: Target, by: str = "cli") -> Target:
    """Store a new target (each value checked as at the desks: ``ValidationFailed``);
    audited (``indicator_target_set``, with the values: they are not personal)."""
    values = (target.people, target.start.year * 100 + target.start.month, target.months)
    for setting, value in zip(TARGET_SETTINGS, values, strict=True):
        checked = str(setting.check(value))
        row = session.get(ServerMeta, setting.key)
        if row is None:
            session.add(ServerMeta(key=setting.key, value=checked))
        else:
            row.value = checked
    session.flush()
    found = read_target(session)
    audit.record(
        session,
        audit.ADMIN,
        by,
        "indicator_target_set",
        detail=f"{found.people} people, {found.months} months from {found.start:%Y-%m}",
    )
    return found


# ===================================================================== the report
def names(session: Session) -> dict[str, dict[str, tuple[str, str]]]:
    """Labels (it, en) of services, channels and consultation topics, in catalog order."""
    found: dict[str, dict[str, tuple[str, str]]] = {
        "service": {},
        "channel": {},
        "consultation_topic": {},
    }
    rows: list[tuple[int, str, str, str, str]] = []
    stmt = select(Record.entity, Record.data).where(
        Record.entity.in_(("services", "reference_values")), Record.deleted.is_(False)
    )
    for entity, data in session.execute(stmt):
        kind = "service" if entity == "services" else str(data.get("kind", ""))
        if kind not in found:
            continue
        it, en = ("name_it", "name_en") if entity == "services" else ("label_it", "label_en")
        sort = data.get("sort")
        code = str(data.get("code", ""))
        rows.append(
            (
                sort if isinstance(sort, int) else 0,
                code,
                kind,
                str(data.get(it) or code),
                str(data.get(en) or code),
            )
        )
    for _sort, code, kind, it_label, en_label in sorted(rows):
        found[kind][code] = (it_label, en_label)
    return found


def desks(session: Session) -> list[tuple[str, str]]:
    """The desks (code, name) a report can be about, by name."""
    stmt = select(Record.data).where(Record.entity == "desks", Record.deleted.is_(False))
    found = {
        str(data.get("code", "")): str(data.get("name") or data.get("code", ""))
        for data in session.scalars(stmt)
    }
    return sorted(found.items(), key=lambda pair: (pair[1], pair[0]))


def last_syncs(session: Session) -> dict[str, datetime]:
    """Each desk's latest contact (naive UTC) from any of its devices not revoked."""
    stmt = (
        select(Device.desk, func.max(Device.last_seen_at))
        .where(Device.revoked_at.is_(None), Device.last_seen_at.is_not(None))
        .group_by(Device.desk)
    )
    return {desk: seen for desk, seen in session.execute(stmt) if seen is not None}


def compute(session: Session, period: Period, desk: str | None, today: date) -> Report:
    """The city-wide indicators of ``period`` at ``desk`` (``None``: every desk).

    ``today`` (a day in Milan) is where progress towards the target stops. Who may ask is
    the caller's business (the web workspace: coordinators)."""
    desk_name = dict(desks(session)).get(desk, desk) if desk is not None else ""
    return assemble(
        session,
        sources(session),
        period,
        desk,
        desk_name or "",
        read_target(session),
        names(session),
        today,
    )
