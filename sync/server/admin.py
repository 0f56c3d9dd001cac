"""What the central administrator does: initialise, desks, enrolment codes, devices,
central users, the service catalog. Used by ``arco-central`` (see ``sync/server/cli.py``)."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models import reference
from models.ids import uuid5_for
from sync.entities import defaults, normalise
from sync.server import audit, credentials, legal_keys
from sync.server.credentials import EPOCH_KEY
from sync.server.errors import NotFound, Refused
from sync.server.schema import (
    REFERENCE,
    Counter,
    Device,
    Record,
    ServerMeta,
    StaffUser,
    WebSession,
)
from sync.server.writes import SEQ, Writer, save, utcnow

ROLES = ("mwc_staff", "coordinator")


def initialise(session: Session) -> bool:
    """Counter, epoch and reference data, once; True when the database was new."""
    if session.get(Counter, SEQ) is not None:
        return False
    session.add(Counter(name=SEQ, value=0))
    session.add(ServerMeta(key=EPOCH_KEY, value=secrets.token_hex(8)))
    session.flush()
    writer = Writer(session)
    for row in reference.desks():
        _upsert(session, writer, "desks", uuid5_for("desk", row["code"]), row)
    for sort, row in enumerate(reference.catalog()):
        _upsert(
            session, writer, "services", uuid5_for("service", row["code"]), {**row, "sort": sort}
        )
    for row in reference.code_lists():
        rid = uuid5_for(f"ref:{row['kind']}", row["code"])
        _upsert(session, writer, "reference_values", rid, row)
    return True


def _upsert(session: Session, writer: Writer, entity: str, rid: str, row: dict[str, Any]) -> bool:
    """Insert or update a reference record; True when something changed."""
    model_fields = normalise(entity, {**defaults(entity), **row})
    record = session.get(Record, rid)
    if record is None:
        now = utcnow()
        record = Record(
            id=rid,
            entity=entity,
            hlc=0,
            origin_desk=reference.SEED_ORIGIN,
            deleted=False,
            created_at=now,
            updated_at=now,
            data=model_fields,
            field_hlc={},
            scope=REFERENCE,
        )
        session.add(record)
        writer.touch(record)
        return True
    merged = {**record.data, **model_fields}
    if merged == record.data:
        return False
    save(writer, record, merged)
    return True


def publish_catalog(session: Session, path: Path) -> int:
    """Add or update services from a JSON list (the format of resources/reference/
    services.json); returns how many changed. Services missing from the file are kept."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(rows, list):
            raise ValueError
    except (OSError, ValueError) as exc:
        raise Refused("catalog_unreadable", "the catalog file is not a JSON list") from exc
    writer = Writer(session)
    changed = 0
    for sort, row in enumerate(rows):
        if not isinstance(row, dict) or not isinstance(row.get("code"), str):
            raise Refused("catalog_invalid", f"entry {sort + 1} has no code")
        try:
            changed += _upsert(
                session,
                writer,
                "services",
                uuid5_for("service", row["code"]),
                {"sort": sort, **row},
            )
        except ValueError as exc:
            raise Refused("catalog_invalid", f"entry {sort + 1} is not a valid service") from exc
    return changed


def add_desk(session: Session, row: dict[str, Any]) -> None:
    writer = Writer(session)
    rid = uuid5_for("desk", row["code"])
    if session.get(Record, rid) is not None:
        raise Refused("desk_exists", "a desk with this code exists")
    try:
        _upsert(session, writer, "desks", rid, row)
    except ValueError as exc:
        raise Refused("desk_invalid", "desk fields are not valid") from exc


def desk_codes(session: Session) -> list[str]:
    rows = session.scalars(select(Record).where(Record.entity == "desks"))
    return sorted(r.data.get("code", "") for r in rows)


def issue_code(session: Session, desk: str, hours: int) -> str:
    if desk not in desk_codes(session):
        raise NotFound("desk_unknown", "no desk has this code")
    if not 1 <= hours <= 24 * 14:
        raise Refused("code_validity", "a code is valid from 1 hour to 14 days")
    return credentials.issue_code(session, desk, timedelta(hours=hours))


def devices(session: Session) -> list[Device]:
    return list(session.scalars(select(Device).order_by(Device.desk, Device.created_at)))


def revoke(session: Session, device_id: str, wipe: bool) -> Device:
    device = session.get(Device, device_id)
    if device is None:
        raise NotFound("device_unknown", "no device has this id")
    device.revoked_at = device.revoked_at or utcnow()
    device.wipe = device.wipe or wipe
    return device


def add_user(
    session: Session,
    login: str,
    role: str,
    password: str,
    services: list[str],
    name: str = "",
    by: str = "cli",
) -> StaffUser:
    """Create an active central user (``by``: who did it, for the audit trail)."""
    if role not in ROLES:
        raise Refused("role_unknown", f"role is one of {', '.join(ROLES)}")
    if session.get(StaffUser, login) is not None:
        raise Refused("user_exists", "a user with this login exists")
    credentials.check_new_password(password)
    known = {
        r.data.get("code")
        for r in session.scalars(select(Record).where(Record.entity == "services"))
    }
    unknown = sorted(set(services) - known)
    if unknown:
        raise Refused("service_unknown", f"unknown services: {', '.join(unknown)}")
    user = StaffUser(
        login=login,
        display_name=name,
        role=role,
        services=services,
        password_hash=credentials.hash_password(password),
        active=True,
    )
    session.add(user)
    audit.record(session, audit.ADMIN, by, "user_added", entity="staff_users", record_id=login)
    legal_keys.ensure_staff_key(session, user, password)
    return user


def set_active(
    session: Session, login: str, active: bool, by: str = "cli", by_kind: str = audit.ADMIN
) -> StaffUser:
    """Disable a central user (their requests are refused like a wrong password and their
    web workspace sessions end at once) or enable them again; audited either way, as done
    by the command line (``by_kind`` admin) or by a coordinator (staff)."""
    user = session.get(StaffUser, login)
    if user is None:
        raise NotFound("user_unknown", "no user has this login")
    user.active = active
    if not active:
        legal_keys.drop_staff_key(session, login)
        session.execute(delete(WebSession).where(WebSession.login == login))
    action = "user_enabled" if active else "user_disabled"
    audit.record(session, by_kind, by, action, entity="staff_users", record_id=login)
    return user
