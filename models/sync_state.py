"""Read-only views of this desk's sync bookkeeping, for the Sync view.

Pending changes and refused changes are shown by entity, operation and time only: their
values may be personal data and never reach the screen from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.schema import OutboxEntry, RejectedChange, SyncRun


@dataclass(frozen=True)
class PendingChange:
    entity: str
    op: str  # insert, update, delete
    created_at: datetime


@dataclass(frozen=True)
class Rejected:
    entity: str
    op: str
    reason: str  # a stable code from the server
    rejected_at: datetime


@dataclass(frozen=True)
class Run:
    started_at: datetime
    finished_at: datetime
    pushed: int
    pulled: int
    rejected: int
    conflicts: int
    ok: bool
    error: str


def pending_changes(session: Session, limit: int = 200) -> list[PendingChange]:
    """The oldest changes waiting to be sent, at most ``limit`` of them."""
    rows = session.execute(
        select(OutboxEntry.entity, OutboxEntry.op, OutboxEntry.created_at)
        .order_by(OutboxEntry.op_seq)
        .limit(limit)
    )
    return [PendingChange(entity, op, created_at) for entity, op, created_at in rows]


def rejected_changes(session: Session) -> list[Rejected]:
    """Every change the server refused, newest first."""
    rows = session.execute(
        select(
            RejectedChange.entity,
            RejectedChange.op,
            RejectedChange.reason,
            RejectedChange.rejected_at,
        ).order_by(RejectedChange.rejected_at.desc(), RejectedChange.op_seq.desc())
    )
    return [Rejected(entity, op, reason, at) for entity, op, reason, at in rows]


def sync_history(session: Session, limit: int = 50) -> list[Run]:
    """The latest sync attempts, newest first."""
    rows = session.scalars(select(SyncRun).order_by(SyncRun.id.desc()).limit(limit))
    return [
        Run(r.started_at, r.finished_at, r.pushed, r.pulled, r.rejected, r.conflicts, r.ok, r.error)
        for r in rows
    ]
