"""A writing transaction on the central database: commit sequence and server stamps.

Every write takes the counter row first (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's
BEGIN IMMEDIATE already serialises writers). Holding it until commit means sequence
numbers become visible in the order they were handed out, so a desk that pulled up to
``seq`` N can never later find a change with a smaller number (R9).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.hlc import pack
from sync.server.schema import Counter, Record

SEQ = "seq"


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def server_stamp(after: int = 0) -> int:
    """An HLC stamp for a change made by the server, later than ``after``."""
    return max(pack(now_ms(), 0), after + 1)


class Writer:
    """Hands out commit sequence numbers inside one writing transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._counter = session.execute(
            select(Counter).where(Counter.name == SEQ).with_for_update()
        ).scalar_one()
        self._next = self._counter.value

    def touch(self, record: Record) -> None:
        """Give ``record`` a new sequence number: every desk in scope pulls it again."""
        self._next += 1
        record.seq = self._next
        self._counter.value = self._next

    @property
    def last(self) -> int:
        return self._next


def latest_seq(session: Session) -> int:
    return session.execute(select(Counter.value).where(Counter.name == SEQ)).scalar_one()


def save(writer: Writer, record: Record, data: dict[str, Any], by: str = "central") -> None:
    """Write a server-made change to a record (new field stamps, new sequence number)."""
    stamp = server_stamp(record.hlc)
    changed = {k for k, v in data.items() if record.data.get(k) != v}
    record.data = data
    record.field_hlc = {**record.field_hlc, **{k: [stamp, by] for k in changed}}
    record.hlc = stamp
    record.updated_at = utcnow()
    writer.touch(record)
