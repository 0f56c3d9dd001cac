"""A writing transaction on the central database: commit sequence and server stamps.

Sequence numbers are handed out at the **end** of a writing transaction, not at its start
(R9): :class:`Writer` notes the records a transaction touches; just before commit it
locks the rows it will renumber (PostgreSQL: ``SELECT … FOR UPDATE``, in id order), then
takes a block of numbers from the counter row (``UPDATE … RETURNING``), which stays
locked until commit, and writes them. So numbers still become visible in the order they
were handed out — a desk that pulled up to ``seq`` N never later finds a change with a
smaller number — while the locked section is only the final write and the commit: pushes
merge, check and validate side by side. A writer holding the counter waits for nothing
but the disk (every row it still writes is already locked by it), so writers never
deadlock on it. On SQLite, BEGIN IMMEDIATE already serialises writers.

A new record touched before its number exists carries the placeholder 0 until the end of
its transaction (never visible: the transaction has not committed).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, inspect, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from models.hlc import pack
from models.ids import uuid7
from sync.server.schema import PERSON, Counter, Record

SEQ = "seq"
PLACEHOLDER = 0  # the seq of a record whose transaction has not yet taken its number
_CHUNK = 500


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def server_stamp(after: int = 0) -> int:
    """An HLC stamp for a change made by the server, later than ``after``."""
    return max(pack(now_ms(), 0), after + 1)


# PostgreSQL: take ``count`` numbers and give them, in order, to the records ``ids`` that
# are already written (the others take theirs when written)
_NUMBER = text(
    "WITH block AS (UPDATE counters SET value = value + :count WHERE name = 'seq' "
    "RETURNING value), "
    "renumbered AS (UPDATE records SET seq = block.value - :count + u.ord "
    "FROM block, unnest(CAST(:ids AS varchar[])) WITH ORDINALITY AS u(id, ord) "
    "WHERE records.id = u.id RETURNING 1) "
    "SELECT value FROM block"
)


def take_numbers(session: Session, count: int) -> int:
    """Reserve ``count`` sequence numbers; returns the first. The counter row stays locked
    until the transaction ends (PostgreSQL), so numbers are visible in commit order."""
    table = Counter.__table__
    last = session.execute(
        update(table)  # type: ignore[arg-type]
        .where(table.c.name == SEQ)
        .values(value=table.c.value + count)
        .returning(table.c.value)
    ).scalar_one()
    return int(last) - count + 1


class Writer:
    """Notes the records a transaction changes; numbers them just before its commit.

    ``touch(record)``: every desk in scope pulls ``record`` again. Records are numbered
    in the order of their last touch. ``finish()`` numbers what was touched so far (the
    commit calls it; a caller writing rows itself calls it first).

    ``serialise`` (the default) also takes the counter row at once, as every writer did
    before the push learnt to take it late: the transaction runs alone among writers
    (staff status changes, merge approvals, administration read and decide under it).
    The push passes False: it locks the rows it merges and takes the counter at the end.
    """

    def __init__(self, session: Session, serialise: bool = True) -> None:
        self.session = session
        self._touched: dict[int, Any] = {}  # id(record) -> record, in touch order
        self._last = 0
        self.serialised = serialise
        if serialise:
            take_numbers(session, 0)
        event.listen(session, "before_commit", self._before_commit)

    def touch(self, record: Any) -> None:
        """Give ``record`` a new sequence number at the end of the transaction."""
        key = id(record)
        self._touched.pop(key, None)
        self._touched[key] = record
        if getattr(record, "seq", None) is None:
            record.seq = PLACEHOLDER

    def finish(self) -> None:
        """Number every record touched so far (see the module documentation)."""
        if not self._touched:
            return
        records = list(self._touched.values())
        self._touched.clear()
        self.session.flush()  # this transaction's row changes (and their row locks) first
        if self.session.get_bind().dialect.name != "postgresql":
            first = take_numbers(self.session, len(records))  # SQLite: writers run alone
            for i, record in enumerate(records):
                record.seq = first + i
            self._last = first + len(records) - 1
            return
        persistent = sorted(
            r.id for r in records if isinstance(r, Record) and inspect(r).persistent
        )
        for i in range(0, len(persistent), _CHUNK):
            chunk = persistent[i : i + _CHUNK]
            self.session.execute(select(Record.id).where(Record.id.in_(chunk)).with_for_update())
        # The counter and the renumbering of the rows already written in one statement: the
        # counter is held from here to the commit, one round trip and the commit's flush.
        last = int(
            self.session.execute(
                _NUMBER, {"count": len(records), "ids": [r.id for r in records]}
            ).scalar_one()
        )
        first = last - len(records) + 1
        for i, record in enumerate(records):
            if isinstance(record, Record):
                set_committed_value(record, "seq", first + i)  # written by _NUMBER
            else:
                record.seq = first + i  # a draft not yet written takes it when written
        self._last = last

    def _before_commit(self, session: Session) -> None:
        if session.get_nested_transaction() is None:
            self.finish()

    @property
    def last(self) -> int:
        """The last number this writer handed out (0: none yet)."""
        return self._last


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
# The key of ``field_hlc`` holding the stamp of every field without one of its own (the
# insert's: a record written once stores one stamp, not one per field)
ALL_FIELDS = "*"


class Draft:
    """A record a push creates, as plain attributes (a ``Record``'s columns): written with
    one Core ``executemany`` at the end of the batch instead of as an ORM object, which
    costs several times more per row. Merge code reads and writes it like a ``Record``."""

    __slots__ = COLUMNS = (
        "id", "entity", "seq", "hlc", "origin_desk", "deleted", "created_at", "updated_at",
        "data", "field_hlc", "scope", "person_id", "person_id2",
    )  # fmt: skip
    id: str
    entity: str
    seq: int | None
    hlc: int
    origin_desk: str
    deleted: bool
    created_at: datetime
    updated_at: datetime
    data: dict[str, Any]
    field_hlc: dict[str, Any]
    scope: str
    person_id: str | None
    person_id2: str | None

    def __init__(self, **values: Any) -> None:
        self.seq = self.person_id = self.person_id2 = None
        self.hlc, self.origin_desk, self.deleted, self.scope = 0, "", False, PERSON
        self.data, self.field_hlc = {}, {}
        for name, value in values.items():
            setattr(self, name, value)

    def row(self) -> dict[str, Any]:
        """The record's columns (a record written before its number: the placeholder)."""
        row = {name: getattr(self, name) for name in self.COLUMNS}
        if row["seq"] is None:
            row["seq"] = PLACEHOLDER
        return row


def server_values(
    entity: str,
    data: dict[str, Any],
    person_id: str | None,
    after: int = 0,
    person_id2: str | None = None,
) -> dict[str, Any]:
    """The columns of a new record made by the server (conflict, duplicate flag, status
    event), in the person scope, stamped later than ``after``."""
    now = utcnow()
    return {
        "id": uuid7(),
        "entity": entity,
        "hlc": server_stamp(after),
        "origin_desk": CENTRAL,
        "deleted": False,
        "created_at": now,
        "updated_at": now,
        "data": {**data, "deleted": False},
        "field_hlc": {},
        "scope": PERSON,
        "person_id": person_id,
        "person_id2": person_id2,
    }


def server_record(
    entity: str,
    data: dict[str, Any],
    person_id: str | None,
    after: int = 0,
    person_id2: str | None = None,
) -> Record:
    """:func:`server_values` as a ``Record``. The caller adds it and touches it."""
    return Record(**server_values(entity, data, person_id, after, person_id2))
