"""Visits: the desk's day at a glance (who came today, when, how)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.referrals import display_name
from models.roles import Actor
from models.schema import Person, Visit


@dataclass(frozen=True)
class TodayVisit:
    """One visit of the day: who, when (naive UTC, as stored) and through which channel."""

    visit_id: str
    person_id: str
    person_name: str
    at: datetime
    channel: str
    first_time: bool
    operator: str


def day_bounds(day: date, tz: tzinfo = UTC) -> tuple[datetime, datetime]:
    """The naive UTC instants where ``day`` in ``tz`` starts and the next day starts."""
    start = datetime.combine(day, time.min, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)
    return (
        start.astimezone(UTC).replace(tzinfo=None),
        end.astimezone(UTC).replace(tzinfo=None),
    )


def todays_visits(session: Session, actor: Actor, day: date, tz: tzinfo = UTC) -> list[TodayVisit]:
    """The visits at the actor's desk on ``day`` (in time zone ``tz``), earliest first.

    Removed visits and erased, merged or removed persons are left out.
    """
    actor.require("person.read")
    start, end = day_bounds(day, tz)
    stmt = (
        select(Visit, Person)
        .join(Person, Person.id == Visit.person_id)
        .where(
            Visit.desk_code == actor.desk,
            Visit.at >= start,
            Visit.at < end,
            Visit.deleted.is_(False),
            Person.deleted.is_(False),
            Person.erased_at.is_(None),
            Person.merged_into.is_(None),
        )
        .order_by(Visit.at, Visit.id)
    )
    return [
        TodayVisit(
            visit_id=visit.id,
            person_id=person.id,
            person_name=display_name(person),
            at=visit.at,
            channel=visit.channel,
            first_time=visit.first_time,
            operator=visit.operator,
        )
        for visit, person in session.execute(stmt)
    ]
