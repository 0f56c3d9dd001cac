"""Change capture: every write to a synced table lands in the outbox, in the same transaction.

Installed on the store's ``sessionmaker``; no service has to remember it. A flush that
inserts, updates or tombstones a synced row stamps it (HLC, origin desk, timestamps),
appends one ``OutboxEntry`` per row and one audit event per row. Hard deletes and bulk
UPDATE/DELETE statements on synced tables are refused, because they would bypass capture.

Writes applied from the central server (sync pulls) and seeded reference data set
``session.info["replicating"] = True``: they are already known upstream and must not echo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import (
    ORMExecuteState,
    Session,
    SessionTransaction,
    UOWTransaction,
    sessionmaker,
)

from models import audit
from models.clock import utcnow
from models.errors import BypassedOutbox
from models.hlc import HybridClock
from models.ids import uuid7
from models.roles import Actor
from models.schema import SYNCED_TABLES, OutboxEntry, Synced

HLC_KEY = "hlc"
# The rows inserted in this transaction, held until it ends: the session's identity map
# keeps only weak references, so a service that reads back a row written a step before
# (a referral for the person just registered) would otherwise go to the database for it.
WRITTEN_KEY = "written"
_SYNCED_TABLE_NAMES = frozenset(cls.__tablename__ for cls in SYNCED_TABLES)  # type: ignore[attr-defined]


@dataclass
class CaptureContext:
    """What capture needs to know about the store it runs in."""

    desk: str
    clock: HybridClock
    schema_version: str


def to_json(value: Any) -> Any:
    """A column value as it travels in the outbox (dates as ISO text)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return list(value)
    return value


def _columns(obj: Synced) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs]


def _apply_defaults(obj: Synced) -> None:
    """Fill Python-side column defaults now, so the outbox carries the stored values."""
    for column in inspect(obj).mapper.columns:
        key = column.key
        if key is None or getattr(obj, key) is not None or column.default is None:
            continue
        default: Any = column.default
        if default.is_scalar:
            setattr(obj, key, default.arg)
        elif default.is_callable:
            setattr(obj, key, default.arg(None))


def _entity(obj: Synced) -> str:
    return type(obj).__tablename__  # type: ignore[attr-defined, no-any-return]


def _capture(session: Session, _ctx: UOWTransaction, _instances: object) -> None:
    if session.info.get("replicating"):
        return
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise BypassedOutbox("synced rows are tombstoned, never deleted")
    capture: CaptureContext = session.info["capture"]
    actor: Actor = session.info["actor"]
    tx_id = session.info.setdefault("tx_id", uuid7())
    now = utcnow()
    entries: list[dict[str, Any]] = []

    written: list[Synced] = session.info.setdefault(WRITTEN_KEY, [])
    for obj in list(session.new):
        if not isinstance(obj, Synced):
            continue
        written.append(obj)
        if obj.id is None:
            obj.id = uuid7()
        obj.hlc = capture.clock.now()
        obj.origin_desk = obj.origin_desk or capture.desk
        obj.created_at = obj.updated_at = now
        _apply_defaults(obj)
        values = {
            key: to_json(getattr(obj, key))
            for key in _columns(obj)
            if key not in Synced.SYSTEM_FIELDS
        }
        entries.append(_entry(capture, actor, tx_id, obj, "insert", values, {}, 0, now))

    for obj in list(session.dirty):
        if not isinstance(obj, Synced) or not session.is_modified(obj):
            continue
        state = inspect(obj)
        fields: dict[str, Any] = {}
        base: dict[str, Any] = {}
        for key in _columns(obj):
            if key in Synced.SYSTEM_FIELDS:
                continue
            hist = state.attrs[key].history
            if hist.has_changes() and hist.deleted != hist.added:
                fields[key] = to_json(getattr(obj, key))
                base[key] = to_json(hist.deleted[0]) if hist.deleted else None
        if not fields:
            continue
        op = "delete" if fields.get("deleted") is True else "update"
        base_hlc = obj.hlc
        obj.hlc = capture.clock.now()
        obj.updated_at = now
        entries.append(_entry(capture, actor, tx_id, obj, op, fields, base, base_hlc, now))

    if not entries:
        return
    # Core inserts (one executemany each): the outbox and audit rows are written as they
    # are, never read back or changed in this session, so they need no ORM objects.
    session.connection().execute(_OUTBOX_INSERT, entries)
    audit.record_many(
        session,
        actor.login,
        [(_AUDIT_ACTION[e["op"]], e["entity"], e["row_id"]) for e in entries],
    )
    session.info[HLC_KEY] = capture.clock.last


_AUDIT_ACTION = {"insert": audit.CREATE, "update": audit.UPDATE, "delete": audit.DELETE}
_OUTBOX_INSERT = insert(OutboxEntry.__table__)  # type: ignore[arg-type]


def _entry(
    capture: CaptureContext,
    actor: Actor,
    tx_id: str,
    obj: Synced,
    op: str,
    fields: dict[str, Any],
    base: dict[str, Any],
    base_hlc: int,
    now: datetime,
) -> dict[str, Any]:
    """An outbox row (``OutboxEntry``'s columns but its autoincrement ``op_seq``)."""
    return {
        "mutation_id": uuid7(),
        "tx_id": tx_id,
        "entity": _entity(obj),
        "row_id": obj.id,
        "op": op,
        "fields": fields,
        "base_values": base,
        "base_hlc": base_hlc,
        "hlc": obj.hlc,
        "operator": actor.login,
        "schema_version": capture.schema_version,
        "created_at": now,
    }


def _forbid_bulk_writes(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete) or state.session.info.get("replicating"):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in _SYNCED_TABLE_NAMES:
        raise BypassedOutbox("bulk UPDATE/DELETE on a synced table")


def _before_commit(session: Session) -> None:
    """Counters kept in ``meta`` are written once per transaction, not once per flush."""
    if session.get_nested_transaction() is not None:
        return  # a savepoint: the outer transaction writes them
    session.flush()  # run capture for what is pending, so the counters are final
    stamp = session.info.pop(HLC_KEY, None)
    audit.save_head(session, {HLC_KEY: str(stamp)} if stamp is not None else None)


def _after_commit(session: Session) -> None:
    if session.get_nested_transaction() is None:
        _forget(session)


def _savepoint_begins(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        saved = session.info.setdefault("hlc_at_savepoint", {})
        saved[id(transaction)] = session.info.get(HLC_KEY)


def _after_rollback(session: Session, previous: SessionTransaction) -> None:
    # Events of a rolled-back savepoint are gone: re-read the chain head from the table,
    # and write back the stamp as it was, so a refused call leaves no trace at all.
    audit.forget_head(session)
    if not previous.nested:
        _forget(session)
        return
    stamp = session.info.get("hlc_at_savepoint", {}).pop(id(previous), None)
    if stamp is None:
        session.info.pop(HLC_KEY, None)
    else:
        session.info[HLC_KEY] = stamp


def _forget(session: Session) -> None:
    session.info.pop(WRITTEN_KEY, None)
    session.info.pop("hlc_at_savepoint", None)
    session.info.pop("tx_id", None)
    session.info.pop(HLC_KEY, None)
    audit.forget_head(session)


def install(factory: sessionmaker[Session]) -> None:
    """Attach change capture to every session the factory makes."""
    event.listen(factory, "before_flush", _capture)
    event.listen(factory, "do_orm_execute", _forbid_bulk_writes)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_commit", _after_commit)
    event.listen(factory, "after_transaction_create", _savepoint_begins)
    event.listen(factory, "after_soft_rollback", _after_rollback)
