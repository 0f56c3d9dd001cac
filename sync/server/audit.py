"""The central server's audit trail: who (a device, a central user, the administrator's
command line), what, when, on which record. Ids and action names only, never values.

Written in the same transaction as the change it describes, so an audited action and its
event are committed together or not at all. ``arco-central audit`` lists it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.schema import AuditEvent, Device, StaffUser
from sync.server.writes import utcnow

DEVICE, STAFF, ADMIN, SERVER = "device", "staff", "admin", "server"


def record(
    session: Session,
    actor_kind: str,
    actor: str,
    action: str,
    *,
    desk: str = "",
    entity: str = "",
    record_id: str = "",
    detail: str = "",
) -> None:
    """Append one event (ids and codes only: ``detail`` must never hold a personal value)."""
    session.add(
        AuditEvent(
            at=utcnow(),
            actor_kind=actor_kind,
            actor=actor[:64],
            desk=desk[:32],
            action=action[:40],
            entity=entity[:48],
            record_id=record_id[:64],
            detail=detail[:200],
        )
    )


def by_device(
    session: Session, device: Device, action: str, entity: str = "", record_id: str = "",
    detail: str = "",
) -> None:  # fmt: skip
    """An event done by an enrolled desk device."""
    record(
        session, DEVICE, device.id, action, desk=device.desk, entity=entity,
        record_id=record_id, detail=detail,
    )  # fmt: skip


def by_staff(
    session: Session, user: StaffUser, action: str, entity: str = "", record_id: str = "",
    detail: str = "",
) -> None:  # fmt: skip
    """An event done by a central user (MWC staff or a coordinator)."""
    record(session, STAFF, user.login, action, entity=entity, record_id=record_id, detail=detail)


def events(session: Session, limit: int = 200, action: str | None = None) -> Sequence[AuditEvent]:
    """The latest events, newest first."""
    stmt = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    return session.scalars(stmt).all()
