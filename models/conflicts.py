"""Sync conflicts for a coordinator to review: the same field changed at two replicas.

The central server merges field by field; when two replicas changed the *same* field it
keeps one value (the later stamp) and sends every desk a :class:`~models.schema.SyncConflict`
holding both. Here someone decides: keep the value the merge chose (``"kept"``), or restore
the other one (``"other"``). Restoring writes the other value back into the record through
the ORM, so change capture sends it to the server like any edit; the conflict row itself is
marked resolved and travels the same way.

Who decides follows the rules of editing the record itself:

- a conflict on a legal consultation (:data:`LEGAL_ENTITIES`: every field of it is legal
  content) is for legal advisors only (``consultation.content``): they list its values and
  resolve it. Coordinators and administrators see that it exists, with its values hidden
  (``ConflictView.hidden``), and may not resolve it; nobody else sees it;
- any other conflict needs ``conflict.resolve`` (coordinators, administrators) *and* the
  permission of the service that edits that record (:data:`EDIT_PERMISSION`).

Fields the desk never writes itself (a referral's status, number or appointment, a merge,
the server's own records: :data:`NOT_RESTORABLE`) can only be kept.

Values are stored as JSON: dates and times come back as ISO strings and are converted to
the column's type before they are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import Date, DateTime, select
from sqlalchemy.orm import Session

from models import audit, legal
from models.errors import NotFound, PermissionDenied, ValidationFailed
from models.referrals import display_name
from models.roles import Actor
from models.schema import SYNCED_TABLES, Person, SyncConflict, Synced

OPEN, RESOLVED = "open", "resolved"
Choice = Literal["kept", "other"]
KEPT: Choice = "kept"
OTHER: Choice = "other"

_TABLES: dict[str, type[Synced]] = {table.__tablename__: table for table in SYNCED_TABLES}  # type: ignore[attr-defined]

# Entities whose every field is legal content (models.consultations): their conflicts are
# for legal advisors, values and decision alike.
LEGAL_ENTITIES = frozenset({"consultations"})
LEGAL_PERMISSION = "consultation.content"

# The permission of the service that edits each synced entity; resolving a conflict on a
# record needs it too, as an edit would.
EDIT_PERMISSION: dict[str, str] = {
    "desks": "reference.write",
    "services": "reference.write",
    "reference_values": "reference.write",
    "persons": "person.write",
    "household_members": "person.write",
    "identity_documents": "person.write",
    "vulnerabilities": "person.write",
    "visits": "person.write",
    "needs": "person.write",
    "referrals": "referral.write",
    "referral_events": "referral.write",
    "consultations": LEGAL_PERMISSION,
    "consents": "consent.write",
    "sync_conflicts": "conflict.resolve",
    "duplicate_flags": "duplicates.merge",
}

# Fields a desk never writes directly: the referral lifecycle, the receiving service or the
# server own them (None: every field). "Use the other value" is refused for them.
NOT_RESTORABLE: dict[str, frozenset[str] | None] = {
    "referrals": frozenset(
        {"status", "number", "from_desk", "appointment_at", "appointment_place"}
    ),
    "referral_events": None,  # the history is append-only
    "persons": frozenset({"merged_into"}),
    "visits": frozenset({"desk_code"}),
    "sync_conflicts": None,
    "duplicate_flags": None,
}


def restorable(entity: str, field: str) -> bool:
    """Whether the other value of ``entity.field`` may be written back at a desk."""
    if entity not in NOT_RESTORABLE:
        return True
    fields = NOT_RESTORABLE[entity]
    return fields is not None and field not in fields


def may_list(actor: Actor) -> bool:
    """Whether ``actor`` sees any conflict at all (coordinators, administrators, and legal
    advisors for the legal ones)."""
    return actor.can("conflict.resolve") or actor.can(LEGAL_PERMISSION)


@dataclass(frozen=True)
class ConflictView:
    """One open conflict as the Sync view shows it (plain values, no ORM object)."""

    id: str
    entity: str  # table name, e.g. "persons"
    row_id: str
    field: str
    person_id: str | None
    record_label: str  # the person's display name, "" when this desk does not have them
    kept_value: Any  # None when hidden
    other_value: Any  # None when hidden
    kept_desk: str
    other_desk: str
    hidden: bool = False  # legal content the actor may not read: values withheld
    restorable: bool = True  # "use the other value" is possible (see NOT_RESTORABLE)


def _label(session: Session, conflict: SyncConflict) -> str:
    person_id = conflict.row_id if conflict.entity == "persons" else conflict.person_id
    if not person_id:
        return ""
    person = session.get(Person, person_id)
    return display_name(person) if person is not None else ""


def _readable(keys: list[bytes], conflict: SyncConflict, value: Any) -> Any:
    """A legal field's value opened with the legal keys (``None`` when it does not open)."""
    if conflict.entity in LEGAL_ENTITIES and legal.is_sealed(value):
        return legal.read(keys, conflict.row_id, conflict.field, value)
    return value


def open_conflicts(session: Session, actor: Actor) -> list[ConflictView]:
    """The conflicts ``actor`` may see, oldest first.

    Coordinators and administrators (``conflict.resolve``) get every conflict, those on
    legal content with their values hidden; legal advisors get only the conflicts on legal
    content, with their values (the read is audited, as reading a consultation is). Anyone
    else: ``PermissionDenied``.
    """
    if not may_list(actor):
        raise PermissionDenied("conflict.resolve", actor.role)
    stmt = (
        select(SyncConflict)
        .where(SyncConflict.status == OPEN, SyncConflict.deleted.is_(False))
        .order_by(SyncConflict.created_at, SyncConflict.id)
    )
    if not actor.can("conflict.resolve"):
        stmt = stmt.where(SyncConflict.entity.in_(LEGAL_ENTITIES))
    legal_reader = actor.can(LEGAL_PERMISSION)
    keys = legal.ring_of(session)
    views = []
    for c in list(session.scalars(stmt)):
        is_legal = c.entity in LEGAL_ENTITIES
        hidden = is_legal and not legal_reader
        if is_legal and not hidden:
            audit.record(session, actor.login, audit.VIEW, c.entity, c.row_id, "conflict")
        views.append(
            ConflictView(
                id=c.id,
                entity=c.entity,
                row_id=c.row_id,
                field=c.field,
                person_id=c.person_id,
                record_label=_label(session, c),
                kept_value=None if hidden else _readable(keys, c, c.kept_value),
                other_value=None if hidden else _readable(keys, c, c.other_value),
                kept_desk=c.kept_desk,
                other_desk=c.other_desk,
                hidden=hidden,
                restorable=restorable(c.entity, c.field),
            )
        )
    return views


def _require_resolve(actor: Actor, entity: str) -> None:
    """The role rules of editing a record of ``entity``, for deciding one of its conflicts."""
    if entity in LEGAL_ENTITIES:
        actor.require(LEGAL_PERMISSION)
        return
    actor.require("conflict.resolve")
    permission = EDIT_PERMISSION.get(entity)
    if permission is None:
        raise ValidationFailed("entity", "unknown")
    actor.require(permission)


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

    Raises ``PermissionDenied`` unless the actor may decide conflicts on that record (see
    the module: legal advisors for legal content, otherwise ``conflict.resolve`` plus the
    record's edit permission), ``NotFound`` for an unknown conflict (or a record this desk
    no longer has, when restoring), ``ValidationFailed`` (``conflict``/``already_resolved``)
    when it was decided already, here or elsewhere, and (``<field>``/``not_restorable``)
    when the other value is of a field the desk never writes.
    """
    if not may_list(actor):
        raise PermissionDenied("conflict.resolve", actor.role)
    if keep not in (KEPT, OTHER):
        raise ValidationFailed("resolution", "unknown")
    conflict = session.get(SyncConflict, conflict_id) if isinstance(conflict_id, str) else None
    if conflict is None or conflict.deleted:
        raise NotFound("sync_conflicts", conflict_id)
    _require_resolve(actor, conflict.entity)
    if conflict.status != OPEN:
        raise ValidationFailed("conflict", "already_resolved")
    if keep == OTHER:
        if not restorable(conflict.entity, conflict.field):
            raise ValidationFailed(conflict.field, "not_restorable")
        _restore_other(session, conflict)
    conflict.status = RESOLVED
    conflict.resolution = keep
    conflict.resolved_by = actor.login
    session.flush()
