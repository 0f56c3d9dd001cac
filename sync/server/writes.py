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
from models.ids import uuid7
from sync.server.schema import PERSON, Counter, Record

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


CENTRAL = "central"  # the origin of records the server itself makes


def server_record(
    entity: str,
    data: dict[str, Any],
    person_id: str | None,
    after: int = 0,
    person_id2: str | None = None,
) -> Record:
    """A new record made by the server (conflict, duplicate flag, status event), in the
    person scope, stamped later than ``after``. The caller adds it and touches it."""
    now = utcnow()
    return Record(
        id=uuid7(),
        entity=entity,
        hlc=server_stamp(after),
        origin_desk=CENTRAL,
        deleted=False,
        created_at=now,
        updated_at=now,
        data={**data, "deleted": False},
        field_hlc={},
        scope=PERSON,
        person_id=person_id,
        person_id2=person_id2,
    )
