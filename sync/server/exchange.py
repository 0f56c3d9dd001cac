"""The three desk calls of a sync cycle: hello, push, pull (``sync/PROTOCOL.md``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.hlc import physical_ms
from sync.entities import wire_data
from sync.protocol import (
    ANCHOR_VERSION,
    Change,
    HelloRequest,
    HelloResponse,
    PullResponse,
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
    """Apply a batch (atomically, idempotently) and flag new cross-desk duplicates."""
    limit = now_ms() + FUTURE_LIMIT_MS
    late = [m.mutation_id for m in request.mutations if physical_ms(m.hlc) > limit]
    if late:
        raise Conflict("clock_ahead", "change stamps are ahead of the server's clock", late)
    suspect = abs(device.clock_offset_ms) > CLOCK_SUSPECT_MS
    device.last_seen_at = utcnow()
    response, outcome = merge.apply_batch(session, device, request, suspect)
    if outcome.writer is not None:
        for flag_id in outcome.merges:
            duplicates.merge(session, outcome.writer, flag_id)
        if outcome.erased:
            erasure.scrub(session, outcome.writer, outcome.erased)
            for person_id in sorted(outcome.erased):
                audit.by_device(session, device, "person_erased", "persons", person_id)
        if outcome.persons:
            duplicates.flag(session, outcome.writer, outcome.persons)
    return response


def pull(
    session: Session, device: Device, cursor: int, limit: int, known_epoch: str
) -> PullResponse:
    """The latest state of records in the desk's scope changed after ``cursor``."""
    current = epoch(session)
    if known_epoch and known_epoch != current:
        raise Conflict("resync", "the server was reset: pull again from the start")
    rows = session.scalars(
        select(Record)
        .where(Record.seq > cursor, scope.visible_to(device.desk))
        .order_by(Record.seq)
        .limit(limit + 1)
    ).all()
    page = rows[:limit]
    device.last_cursor = cursor
    return PullResponse(
        epoch=current,
        changes=[
            Change(
                seq=r.seq,
                entity=r.entity,
                id=r.id,
                hlc=r.hlc,
                origin_desk=r.origin_desk,
                deleted=r.deleted,
                created_at=r.created_at,
                updated_at=r.updated_at,
                data=data,
            )
            for r in page
            # a stored record that no longer validates is left out (logged), never a 500
            if (data := wire_data(r.entity, r.id, r.data)) is not None
        ],
        next_cursor=page[-1].seq if page else cursor,
        has_more=len(rows) > limit,
    )
