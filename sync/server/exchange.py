"""The three desk calls of a sync cycle: hello, push, pull (``sync/PROTOCOL.md``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session

from models.hlc import physical_ms
from sync.entities import PARENTS_FIRST, wire_text
from sync.protocol import (
    ANCHOR_VERSION,
    HelloRequest,
    HelloResponse,
    PushRequest,
    PushResponse,
)
from sync.server import anchors, audit, duplicates, erasure, merge, scope
from sync.server.credentials import EPOCH_KEY
from sync.server.errors import Conflict
from sync.server.schema import Device, Record, ServerMeta
from sync.server.writes import latest_seq, now_ms, server_stamp, utcnow

CLOCK_SUSPECT_MS = 2 * 60 * 1000  # R11: a desk clock this far off never wins a collision
FUTURE_LIMIT_MS = 60 * 1000  # stamps further ahead than this are refused


def epoch(session: Session) -> str:
    found = session.get(ServerMeta, EPOCH_KEY)
    return found.value if found else ""


def hello(session: Session, device: Device, request: HelloRequest, version: int) -> HelloResponse:
    """Record what the desk reports (clock, cursor, outbox depth) and answer with ours."""
    server_ms = now_ms()
    offset = request.client_time_ms - server_ms
    device.clock_offset_ms = offset
    device.last_cursor = request.cursor
    device.outbox_depth = request.outbox_depth
    device.protocol_version = version
    device.last_seen_at = utcnow()
    length, head = anchors.stored(session, device) if version >= ANCHOR_VERSION else (0, "")
    return HelloResponse(
        desk=device.desk,
        epoch=epoch(session),
        server_time_ms=server_ms,
        server_hlc=server_stamp(request.hlc),
        clock_offset_ms=offset,
        clock_suspect=abs(offset) > CLOCK_SUSPECT_MS,
        latest_seq=latest_seq(session),
        audit_length=length,
        audit_head=head,
    )


# the fields of a hello answer that desks before protocol 3 do not know (they refuse
# unknown fields): left out of their answers
HELLO_V3_FIELDS = frozenset({"audit_length", "audit_head"})


def push(session: Session, device: Device, request: PushRequest) -> PushResponse:
    """Apply a batch (atomically, idempotently); the people it created or changed are
    queued for the duplicate check, which runs after it (``duplicates.drain``)."""
    limit = now_ms() + FUTURE_LIMIT_MS
    late = [m.mutation_id for m in request.mutations if physical_ms(m.hlc) > limit]
    if late:
        raise Conflict("clock_ahead", "change stamps are ahead of the server's clock", late)
    suspect = abs(device.clock_offset_ms) > CLOCK_SUSPECT_MS
    if session.get_bind().dialect.name == "postgresql":
        # one push of a device at a time (a batch resent while the first copy is still
        # being applied then gets the stored answer); other devices' pushes run alongside
        session.execute(select(func.pg_advisory_xact_lock(func.hashtext(device.id))))
    device.last_seen_at = utcnow()
    counted = erasure.counted_before(session, request)  # None unless it erases someone
    response, outcome = merge.apply_batch(session, device, request, suspect)
    if outcome.writer is not None:
        for flag_id in outcome.merges:
            duplicates.merge(session, outcome.writer, flag_id)
        if outcome.erased:
            erasure.scrub(session, outcome.writer, outcome.erased, counted)
            for person_id in sorted(outcome.erased):
                audit.by_device(session, device, "person_erased", "persons", person_id)
        if outcome.persons:
            duplicates.enqueue(session, device.desk, outcome.persons)
    outcome.complete()
    return response


_PULLED = (
    Record.seq,
    Record.entity,
    Record.id,
    Record.hlc,
    Record.origin_desk,
    Record.deleted,
    Record.created_at,
    Record.updated_at,
    cast(Record.data, Text),  # the stored JSON text: checked, then sent as it is
)


def pull(session: Session, device: Device, cursor: int, limit: int, known_epoch: str) -> bytes:
    """The latest state of records in the desk's scope changed after ``cursor``: a
    ``PullResponse`` as JSON, read only (Core rows, the fields' JSON text spliced in as
    stored once it validates: no ORM object and no decoding)."""
    current = epoch(session)
    if known_epoch and known_epoch != current:
        raise Conflict("resync", "the server was reset: pull again from the start")
    rows = session.execute(
        select(*_PULLED)
        .where(Record.seq > cursor, scope.visible_to(device.desk))
        .order_by(Record.seq)
        .limit(limit + 1)
    ).all()
    page = rows[:limit]
    changes = ",".join(
        change_json(seq, entity, rid, hlc, origin, deleted, created, updated, data)
        for seq, entity, rid, hlc, origin, deleted, created, updated, text in page
        # a stored record that no longer validates is left out (logged), never a 500
        if (data := wire_text(entity, rid, text)) is not None
    )
    next_cursor = page[-1].seq if page else cursor
    more = "true" if len(rows) > limit else "false"
    return (
        f'{{"epoch":{json.dumps(current)},"changes":[{changes}],'
        f'"next_cursor":{next_cursor},"has_more":{more}}}'
    ).encode()


def change_json(
    seq: int,
    entity: str,
    rid: str,
    hlc: int,
    origin: str,
    deleted: bool,
    created: datetime,
    updated: datetime,
    data: str,
) -> str:
    """One ``Change`` as JSON, ``data`` the fields' JSON text (what pydantic would write)."""
    return (
        f'{{"seq":{seq},"entity":{json.dumps(entity)},"id":{json.dumps(rid)},"hlc":{hlc},'
        f'"origin_desk":{json.dumps(origin)},"deleted":{"true" if deleted else "false"},'
        f'"created_at":"{created.isoformat()}","updated_at":"{updated.isoformat()}",'
        f'"data":{data}}}'
    )


SNAPSHOT_FETCH = 2000  # rows fetched from the database at a time while streaming


def snapshot(session: Session, device: Device, known_epoch: str) -> Iterator[bytes]:
    """Everything in the desk's scope as of one moment, as NDJSON (protocol 4): a header
    line ``{"epoch", "as_of", "count"}``, one ``Change`` per line, parents before the rows
    hanging off them (entity by entity), and ``{"end": true, "count"}``. Read in one
    snapshot (REPEATABLE READ on PostgreSQL; a read transaction of SQLite's WAL): every
    change up to ``as_of`` and none after it, so the desk pulls on from ``as_of``.
    ``session`` must not have read yet; the generator closes nothing (the caller does)."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    current = epoch(session)
    if known_epoch and known_epoch != current:
        raise Conflict("resync", "the server was reset: pull again from the start")
    as_of = latest_seq(session)
    visible = (Record.seq <= as_of, scope.visible_to(device.desk))
    count = session.scalar(select(func.count()).select_from(Record).where(*visible)) or 0
    return _snapshot_lines(session, current, as_of, count, visible)


def _snapshot_lines(
    session: Session, current: str, as_of: int, count: int, visible: tuple[Any, ...]
) -> Iterator[bytes]:
    header = {"epoch": current, "as_of": as_of, "count": count}
    yield (json.dumps(header) + "\n").encode()
    sent = 0
    for entity in PARENTS_FIRST:
        rows = session.execute(
            select(*_PULLED)
            .where(Record.entity == entity, *visible)
            .order_by(Record.seq)
            .execution_options(yield_per=SNAPSHOT_FETCH)
        )
        lines: list[str] = []
        for seq, name, rid, hlc, origin, deleted, created, updated, text in rows:
            data = wire_text(name, rid, text)
            if data is None:
                continue
            lines.append(change_json(seq, name, rid, hlc, origin, deleted, created, updated, data))
            if len(lines) >= SNAPSHOT_FETCH:
                sent += len(lines)
                yield ("\n".join(lines) + "\n").encode()
                lines = []
        if lines:
            sent += len(lines)
            yield ("\n".join(lines) + "\n").encode()
    yield (json.dumps({"end": True, "count": sent}) + "\n").encode()
