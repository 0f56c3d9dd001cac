"""Hash-chained audit trail: who did what to which record, and when.

Each event's hash covers the previous event's hash, so ``verify_chain`` notices an event
removed from the middle or altered anywhere; the head (count and last hash) is also kept in
``meta`` so that a truncated tail is noticed too. Events carry ids and action names, never
the values of personal fields.

Someone holding the database key could still remove events and recompute the chain and the
head. So at every sync the desk *anchors* its chain at the central server (length and head
hash, see ``sync/PROTOCOL.md``): the server notices a chain that got shorter or changed
below its last anchor, and the desk keeps that anchor in ``meta`` (``ANCHOR_KEY``) so that
``verify`` notices an event removed since the last sync (``check_anchor``). A restore of a
backup is itself an event (``record_restore``), so the server can tell a chain that went
back with a restore from one rewritten quietly.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from models.clock import utcnow
from models.errors import AuditChainBroken
from models.roles import Actor
from models.schema import (
    AuditEvent,
    Consent,
    Consultation,
    HouseholdMember,
    IdentityDocument,
    Meta,
    Need,
    Referral,
    Visit,
    Vulnerability,
)

GENESIS = "0" * 64
HEAD_KEY = "audit_head"
ANCHOR_KEY = "audit_anchor"  # "<length>:<hash>" last acknowledged by the central server
RESTORE = "restore"

# Actions recorded (the detail column says more where useful, without personal values).
CREATE, UPDATE, DELETE, VIEW, EXPORT, ERASE, UNLOCK, UNLOCK_FAILED = (
    "create",
    "update",
    "delete",
    "view",
    "export",
    "erase",
    "unlock",
    "unlock_failed",
)


def _digest(
    prev: str, seq: int, at: datetime, operator: str, action: str, entity: str, rid: str, det: str
) -> str:
    text = "|".join((prev, str(seq), at.isoformat(), operator, action, entity, rid, det))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _stored_head(session: Session) -> tuple[int, str]:
    row = session.get(Meta, HEAD_KEY)
    if row is None:
        return 0, GENESIS
    seq, _, digest = row.value.partition(":")
    return int(seq), digest


def _head(session: Session) -> tuple[int, str]:
    """The chain head as this transaction sees it: the last event written (read once per
    transaction from the table itself, which stays right across savepoint rollbacks)."""
    head: tuple[int, str] | None = session.info.get(HEAD_KEY)
    if head is None:
        last = session.execute(
            select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
        ).first()
        head = (last.seq, last.hash) if last is not None else (0, GENESIS)
    return head


def save_head(session: Session, also: dict[str, str] | None = None) -> None:
    """Persist the head once per transaction (called just before commit), with the other
    ``meta`` rows in ``also`` in the same statement."""
    values = dict(also or {})
    head = session.info.pop(HEAD_KEY, None)
    if head is not None:
        values[HEAD_KEY] = f"{head[0]}:{head[1]}"
    put_meta(session, values)


def put_meta(session: Session, values: dict[str, str]) -> None:
    """Write ``meta`` rows (key → value) in a single statement (an upsert, no read first)."""
    if not values:
        return
    stmt = sqlite_insert(Meta.__table__)  # type: ignore[arg-type]
    stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value})
    session.connection().execute(stmt, [{"key": k, "value": v} for k, v in values.items()])


def forget_head(session: Session) -> None:
    session.info.pop(HEAD_KEY, None)


def record(
    session: Session,
    operator: str,
    action: str,
    entity: str = "",
    record_id: str = "",
    detail: str = "",
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction."""
    seq, prev = _head(session)
    seq += 1
    at = utcnow()
    digest = _digest(prev, seq, at, operator, action, entity, record_id, detail)
    event = AuditEvent(
        seq=seq,
        at=at,
        operator=operator,
        action=action,
        entity=entity,
        record_id=record_id,
        detail=detail,
        prev_hash=prev,
        hash=digest,
    )
    session.add(event)
    session.info[HEAD_KEY] = (seq, digest)
    return event


def record_many(session: Session, operator: str, events: list[tuple[str, str, str]]) -> None:
    """Append events ``(action, entity, record_id)`` to the chain in one Core insert, in the
    caller's transaction (change capture: one event per captured row)."""
    if not events:
        return
    seq, prev = _head(session)
    at = utcnow()
    rows = []
    for action, entity, record_id in events:
        seq += 1
        digest = _digest(prev, seq, at, operator, action, entity, record_id, "")
        rows.append(
            {
                "seq": seq,
                "at": at,
                "operator": operator,
                "action": action,
                "entity": entity,
                "record_id": record_id,
                "detail": "",
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    session.connection().execute(_INSERT, rows)
    session.info[HEAD_KEY] = (seq, prev)


_INSERT = insert(AuditEvent.__table__)  # type: ignore[arg-type]


def verify_chain(session: Session) -> int:
    """Check every event against its predecessor and the stored head; returns the count."""
    prev, expected_seq = GENESIS, 0
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)):
        expected_seq += 1
        digest = _digest(
            prev,
            event.seq,
            event.at,
            event.operator,
            event.action,
            event.entity,
            event.record_id,
            event.detail,
        )
        if event.seq != expected_seq or event.prev_hash != prev or event.hash != digest:
            raise AuditChainBroken(expected_seq)
        prev = event.hash
    head_seq, head_hash = _stored_head(session)
    if (head_seq, head_hash) != (expected_seq, prev):
        raise AuditChainBroken(expected_seq + 1)
    return expected_seq


def record_restore(session: Session, login: str, detail: str = "") -> AuditEvent:
    """Record that this store was restored from a backup, in the restored store itself.

    Called by the restore code once the backup is in place, in a session of the restored
    store; ``detail`` says which backup (a file name or a time, never personal data). The
    event goes at the end of the restored chain, so the central server, seeing the chain
    went back below its last anchor, reports "restored" rather than "rewritten". The head
    is saved here, so the call is complete in any transaction that commits.
    """
    event = record(session, login, RESTORE, entity="store", detail=detail[:200])
    save_head(session)
    return event


@dataclass(frozen=True)
class ChainPosition:
    """What the desk tells the central server about its chain at a sync."""

    length: int
    head: str
    restore_seq: int  # the latest restore event (0: none)
    restore_hash: str


def position(session: Session) -> ChainPosition:
    """Length and head of the chain as stored, and its latest restore event."""
    length, head = _head(session)
    restore = session.execute(
        select(AuditEvent.seq, AuditEvent.hash)
        .where(AuditEvent.action == RESTORE)
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    return ChainPosition(
        length, head, restore.seq if restore else 0, restore.hash if restore else ""
    )


def event_hash(session: Session, seq: int) -> str:
    """The hash of event ``seq`` ("" when the chain has no such event; GENESIS for 0)."""
    if seq == 0:
        return GENESIS
    found = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == seq))
    return found or ""


def anchor(session: Session) -> tuple[int, str] | None:
    """The last anchor the central server acknowledged, or None before the first sync."""
    row = session.get(Meta, ANCHOR_KEY)
    if row is None or ":" not in row.value:
        return None
    seq, _, digest = row.value.partition(":")
    return int(seq), digest


def save_anchor(session: Session, length: int, head: str) -> None:
    session.merge(Meta(key=ANCHOR_KEY, value=f"{length}:{head}"))


# What ``check_anchor`` reports (``integrity.Report.audit_anchor_problem``).
ANCHOR_SHORTENED = "shortened"  # fewer events than at the last sync
ANCHOR_REWRITTEN = "rewritten"  # the event anchored at the last sync is not the same


def check_anchor(session: Session) -> str | None:
    """Whether the chain still holds the event the central server anchored at the last
    sync: None when it does (or before any sync), else ``ANCHOR_SHORTENED`` or
    ``ANCHOR_REWRITTEN``. (Someone with the database key can also rewrite the anchor kept
    here: the server's own check at the next sync is the one that cannot be fooled.)"""
    found = anchor(session)
    if found is None or found[0] == 0:
        return None
    length, digest = found
    here = event_hash(session, length)
    if not here:
        return ANCHOR_SHORTENED
    return None if here == digest else ANCHOR_REWRITTEN


def history(session: Session, record_id: str) -> list[AuditEvent]:
    """Events about one record, oldest first (shown to coordinators in the person file)."""
    stmt = select(AuditEvent).where(AuditEvent.record_id == record_id).order_by(AuditEvent.seq)
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class HistoryEntry:
    """One audit event as the person file shows it: ids and names, never field values."""

    seq: int
    at: datetime
    operator: str
    action: str
    entity: str
    record_id: str


# Tables whose rows belong to one person (``person_id``): their events are the person's too.
_LINKED = (
    HouseholdMember,
    IdentityDocument,
    Vulnerability,
    Visit,
    Need,
    Referral,
    Consent,
    Consultation,
)


def person_history(session: Session, actor: Actor, person_id: str) -> list[HistoryEntry]:
    """Audit events about a person and their linked rows, oldest first (coordinators only).

    Removed linked rows are included: their creation and removal are part of the history.
    """
    actor.require("audit.read")
    ids = {person_id}
    for table in _LINKED:
        ids.update(session.scalars(select(table.id).where(table.person_id == person_id)))
    stmt = select(AuditEvent).where(AuditEvent.record_id.in_(sorted(ids))).order_by(AuditEvent.seq)
    return [
        HistoryEntry(e.seq, e.at, e.operator, e.action, e.entity, e.record_id)
        for e in session.scalars(stmt)
    ]
