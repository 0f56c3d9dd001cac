"""Audit anchors: the central server's copy of each desk device's audit chain position.

At every sync (protocol 3) a desk sends the length and head hash of its hash-chained audit
trail, the hash of its event at the length anchored here last time and its latest restore
event. A chain that is shorter than the anchor, or whose event at the anchored length is not
the one anchored, went back: events were removed or rewritten (``rewritten``,
``shortened``), or a backup was restored (``restored``: a restore event this server had not
seen sits at or below the point where the chain went back). The finding is written to the
server audit (``audit_chain_<status>``) and kept open on the anchor (``flag``) until a
central coordinator clears it; the desk is told at every sync while it is open.

Sync goes on: refusing it would keep the desk's new work away from the Welcome Center and
lose nothing for an attacker. The anchor then moves to the chain the desk has now, so the
next rewrite is caught against it.

A restore event is the desk's claim: someone holding the database key can dress a rewrite
as a restore, but never make it pass unflagged.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import AnchorRequest, AnchorResponse, StaffAnchor
from sync.server import audit, credentials
from sync.server.errors import Forbidden, NotFound
from sync.server.schema import AuditAnchor, Device, StaffUser
from sync.server.writes import utcnow

OK, SHORTENED, REWRITTEN, RESTORED = "ok", "shortened", "rewritten", "restored"


def stored(session: Session, device: Device) -> tuple[int, str]:
    """The anchored (length, head) of ``device`` ((0, "") before its first anchor)."""
    row = session.get(AuditAnchor, device.id)
    return (row.length, row.head) if row is not None else (0, "")


def judge(row: AuditAnchor, request: AnchorRequest) -> str:
    """What the desk's chain did since ``row`` was anchored."""
    if row.length == 0:
        return OK
    if request.anchored_length != row.length:
        # the desk checked another position than ours (it did not read our hello): the
        # chain cannot be vouched for below the anchor
        went_back = REWRITTEN if request.length >= row.length else SHORTENED
    elif request.length < row.length:
        went_back = SHORTENED
    elif request.at_anchor != row.head:
        went_back = REWRITTEN
    else:
        return OK
    new_restore = request.restore_seq > 0 and (request.restore_seq, request.restore_hash) != (
        row.restore_seq,
        row.restore_hash,
    )
    if new_restore and request.restore_seq <= min(row.length, request.length):
        return RESTORED
    return went_back


def anchor(session: Session, device: Device, request: AnchorRequest) -> AnchorResponse:
    """Check the desk's chain against the anchor, store the new anchor, rotate the secret."""
    row = session.get(AuditAnchor, device.id)
    if row is None:
        row = AuditAnchor(
            device_id=device.id,
            desk=device.desk,
            length=0,
            head="",
            restore_seq=0,
            restore_hash="",
            flag="",
            flags=0,
        )
        session.add(row)
    status = judge(row, request)
    now = utcnow()
    if status != OK:
        audit.by_device(
            session,
            device,
            f"audit_chain_{status}",
            "audit_anchors",
            device.id,
            detail=f"anchored={row.length} now={request.length} restore={request.restore_seq}",
        )
        row.flag, row.flagged_at, row.flags = status, now, (row.flags or 0) + 1
    elif request.restore_seq and (request.restore_seq, request.restore_hash) != (
        row.restore_seq,
        row.restore_hash,
    ):
        # a restore that lost nothing anchored here: noted, not flagged
        audit.by_device(
            session,
            device,
            "desk_restore_seen",
            "audit_anchors",
            device.id,
            detail=f"restore={request.restore_seq}",
        )
    row.length, row.head = request.length, request.head
    row.restore_seq, row.restore_hash = request.restore_seq, request.restore_hash
    row.anchored_at = now
    device.last_seen_at = now
    return AnchorResponse(
        status=status,  # type: ignore[arg-type]
        flag=row.flag,
        length=row.length,
        head=row.head,
        secret=credentials.rotate(device),
    )


def listing(session: Session, flagged_only: bool = False) -> Sequence[AuditAnchor]:
    stmt = select(AuditAnchor).order_by(AuditAnchor.desk, AuditAnchor.device_id)
    if flagged_only:
        stmt = stmt.where(AuditAnchor.flag != "")
    return session.scalars(stmt).all()


def staff_listing(session: Session, user: StaffUser, flagged_only: bool) -> list[StaffAnchor]:
    """The anchors for a central coordinator (``GET /v1/staff/audit-anchors``)."""
    if user.role != "coordinator":
        raise Forbidden("staff_role", "only central coordinators see audit anchors")
    return [
        StaffAnchor(
            device_id=r.device_id,
            desk=r.desk,
            length=r.length,
            flag=r.flag,
            flagged_at=r.flagged_at,
            flags=r.flags,
            anchored_at=r.anchored_at,
        )
        for r in listing(session, flagged_only)
    ]


def clear(session: Session, device_id: str, actor_kind: str, actor: str) -> AuditAnchor:
    """A central coordinator looked into the finding: close it (audited)."""
    row = session.get(AuditAnchor, device_id)
    if row is None:
        raise NotFound("device_unknown", "no audit anchor for this device")
    audit.record(
        session,
        actor_kind,
        actor,
        "audit_flag_cleared",
        desk=row.desk,
        entity="audit_anchors",
        record_id=device_id,
        detail=f"flag={row.flag}",
    )
    row.flag = ""
    return row
