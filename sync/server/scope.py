"""What a desk may receive and write (R12): computed here from the device, never from
request parameters.

- reference data (desks, service catalog, code lists): every desk;
- a person and everything attached to them: the desks in ``person_access`` (the desk that
  registered them, and both desks of a merged pair);
- legal consultations: only the desk whose advisor wrote them.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_, insert, or_, select
from sqlalchemy.orm import Session

from sync.entities import DESK_ONLY, REFERENCE
from sync.server.schema import DESK, PERSON, PersonAccess, Record
from sync.server.schema import REFERENCE as REFERENCE_SCOPE


def scope_of(entity: str) -> str:
    if entity in REFERENCE:
        return REFERENCE_SCOPE
    if entity in DESK_ONLY:
        return DESK
    return PERSON


def visible_to(desk: str) -> ColumnElement[bool]:
    """SQL condition: the record may be sent to ``desk``."""
    people = select(PersonAccess.person_id).where(PersonAccess.desk == desk)
    return or_(
        Record.scope == REFERENCE_SCOPE,
        and_(Record.scope == DESK, Record.origin_desk == desk),
        and_(
            Record.scope == PERSON,
            or_(Record.person_id.in_(people), Record.person_id2.in_(people)),
        ),
        # a conflict on a code list has no person: every desk's coordinators see it
        and_(Record.entity == "sync_conflicts", Record.person_id.is_(None)),
    )


def accessible(session: Session, desk: str, person_ids: Iterable[str | None]) -> set[str]:
    """The subset of ``person_ids`` the desk may see."""
    wanted = {p for p in person_ids if p}
    if not wanted:
        return set()
    rows = session.scalars(
        select(PersonAccess.person_id).where(
            PersonAccess.desk == desk, PersonAccess.person_id.in_(sorted(wanted))
        )
    )
    return set(rows)


def grant(session: Session, desk: str, person_id: str) -> bool:
    """Let ``desk`` receive the person's records; True if that is new."""
    if session.get(PersonAccess, (person_id, desk)) is not None:
        return False
    session.add(PersonAccess(person_id=person_id, desk=desk))
    return True


def grant_many(session: Session, desk: str, person_ids: Iterable[str]) -> None:
    """:func:`grant` for many people at once (one query)."""
    wanted = set(person_ids)
    known = accessible(session, desk, wanted)
    rows = [{"person_id": p, "desk": desk} for p in sorted(wanted - known)]
    if rows:
        session.execute(insert(PersonAccess), rows)


def desks_of(session: Session, person_id: str) -> set[str]:
    return set(
        session.scalars(select(PersonAccess.desk).where(PersonAccess.person_id == person_id))
    )
