"""Loading the records a service works on, refusing the ones that are gone.

A person who was erased (GDPR art. 17), merged into another record or tombstoned is
"not found" for every service: their remaining row exists only so that erasure and
merges can sync. A restricted person (art. 18) can still be read and rectified, but no
new processing (visits, referrals, consultations) may start.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from models.errors import NotFound, PersonRestricted
from models.schema import Person, Synced

T = TypeVar("T", bound=Synced)


def live_person(session: Session, person_id: str) -> Person:
    """The person with ``person_id``, or ``NotFound`` if absent, erased, merged or removed."""
    person = session.get(Person, person_id) if isinstance(person_id, str) else None
    if (
        person is None
        or person.deleted
        or person.erased_at is not None
        or person.merged_into is not None
    ):
        raise NotFound("persons", str(person_id))
    return person


def processable_person(session: Session, person_id: str) -> Person:
    """A live person on whom new processing may start (not restricted)."""
    person = live_person(session, person_id)
    if person.restricted:
        raise PersonRestricted(person.id)
    return person


def live_row(session: Session, cls: type[T], row_id: str) -> T:
    """A row of ``cls`` that is not tombstoned, or ``NotFound``."""
    row = session.get(cls, row_id) if isinstance(row_id, str) else None
    if row is None or row.deleted:
        raise NotFound(cls.__tablename__, str(row_id))  # type: ignore[attr-defined]
    return row
