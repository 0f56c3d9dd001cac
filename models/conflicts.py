"""Sync conflicts for a coordinator to review: the same field changed at two replicas.

The central server merges field by field; when two replicas changed the *same* field it
keeps one value (the later stamp) and sends every desk a :class:`~models.schema.SyncConflict`
holding both. Here a coordinator or an administrator sees them and decides: keep the value
the merge chose (``"kept"``), or restore the other one (``"other"``). Restoring writes the
other value back into the record through the ORM, so change capture sends it to the server
like any edit; the conflict row itself is marked resolved and travels the same way.

Values are stored as JSON: dates and times come back as ISO strings and are converted to
the column's type before they are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import Date, DateTime, select
from sqlalchemy.orm import Session

from models.errors import NotFound, ValidationFailed
from models.referrals import display_name
from models.roles import Actor
from models.schema import SYNCED_TABLES, Person, SyncConflict, Synced

OPEN, RESOLVED = "open", "resolved"
Choice = Literal["kept", "other"]
KEPT: Choice = "kept"
OTHER: Choice = "other"

_TABLES: dict[str, type[Synced]] = {table.__tablename__: table for table in SYNCED_TABLES}  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ConflictView:
    """One open conflict as the Sync view shows it (plain values, no ORM object)."""

    id: str
    entity: str  # table name, e.g. "persons"
    row_id: str
    field: str
    person_id: str | None
    record_label: str  # the person's display name, "" when this desk does not have them
    kept_value: Any
    other_value: Any
    kept_desk: str
    other_desk: str


def _label(session: Session, conflict: SyncConflict) -> str:
    person_id = conflict.row_id if conflict.entity == "persons" else conflict.person_id
    if not person_id:
        return ""
    person = session.get(Person, person_id)
    return display_name(person) if person is not None else ""


def open_conflicts(session: Session, actor: Actor) -> list[ConflictView]:
    """The conflicts still to decide, oldest first. Needs ``conflict.resolve``."""
    actor.require("conflict.resolve")
    rows = session.scalars(
        select(SyncConflict)
        .where(SyncConflict.status == OPEN, SyncConflict.deleted.is_(False))
        .order_by(SyncConflict.created_at, SyncConflict.id)
    )
    return [
        ConflictView(
            id=c.id,
            entity=c.entity,
            row_id=c.row_id,
            field=c.field,
            person_id=c.person_id,
            record_label=_label(session, c),
            kept_value=c.kept_value,
            other_value=c.other_value,
            kept_desk=c.kept_desk,
            other_desk=c.other_desk,
        )
        for c in rows
    ]


def _from_json(column_type: Any, value: Any) -> Any:
    """A JSON value back to what the column holds (ISO strings to dates and times)."""
    if isinstance(value, str) and value:
        if isinstance(column_type, DateTime):
            return datetime.fromisoformat(value)
        if isinstance(column_type, Date):
            return date.fromisoformat(value[:10])
    return value


def _restore_other(session: Session, conflict: SyncConflict) -> None:
    table = _TABLES.get(conflict.entity)
    if table is None:
        raise ValidationFailed("entity", "unknown")
    columns = table.__table__.columns  # type: ignore[attr-defined]
    if conflict.field not in columns or conflict.field in Synced.SYSTEM_FIELDS:
        raise ValidationFailed("field", "unknown")
    record = session.get(table, conflict.row_id)
    if record is None or record.deleted:
        raise NotFound(conflict.entity, conflict.row_id)
    try:
        value = _from_json(columns[conflict.field].type, conflict.other_value)
    except ValueError:
        raise ValidationFailed(conflict.field, "invalid_format") from None
    setattr(record, conflict.field, value)


def resolve(session: Session, actor: Actor, conflict_id: str, keep: Choice) -> None:
    """Decide one conflict: keep the merged value, or write the other one back.

    Raises ``PermissionDenied`` without ``conflict.resolve``, ``NotFound`` for an unknown
    conflict (or a record this desk no longer has, when restoring), ``ValidationFailed``
    (``conflict``/``already_resolved``) when it was decided already, here or elsewhere.
    """
    actor.require("conflict.resolve")
    if keep not in (KEPT, OTHER):
        raise ValidationFailed("resolution", "unknown")
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None or conflict.deleted:
        raise NotFound("sync_conflicts", conflict_id)
    if conflict.status != OPEN:
        raise ValidationFailed("conflict", "already_resolved")
    if keep == OTHER:
        _restore_other(session, conflict)
    conflict.status = RESOLVED
    conflict.resolution = keep
    conflict.resolved_by = actor.login
    session.flush()
