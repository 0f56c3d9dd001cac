"""Reference data: the four desks, the service catalog and editable code lists.

Seeded from ``resources/reference/*.json`` when a store is created. Seeded rows get
deterministic ids (UUIDv5 of kind and code) so every desk and the central server agree on
them, and they are written as replicated data: they do not go to the outbox.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.clock import utcnow
from models.errors import ValidationFailed
from models.ids import uuid5_for
from models.schema import Desk, ReferenceValue, Service

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
REFERENCE = RESOURCES / "reference"
SEED_ORIGIN = "central"


@cache
def _load(name: str) -> tuple[dict[str, Any], ...]:
    data = json.loads((REFERENCE / name).read_text("utf-8"))
    return tuple(data)


def desks() -> tuple[dict[str, Any], ...]:
    return _load("desks.json")


def desk_codes() -> tuple[str, ...]:
    return tuple(d["code"] for d in desks())


def catalog() -> tuple[dict[str, Any], ...]:
    """The service catalog as shipped (resources/reference/services.json)."""
    return _load("services.json")


def code_lists() -> tuple[dict[str, Any], ...]:
    """The code lists as shipped (resources/reference/reference_values.json)."""
    return _load("reference_values.json")


def desk_by_code(code: str) -> dict[str, Any]:
    for desk in desks():
        if desk["code"] == code:
            return desk
    raise ValidationFailed("desk", "unknown")


def seed(session: Session) -> None:
    """Insert the reference rows that are missing (idempotent)."""
    now = utcnow()
    common = {"origin_desk": SEED_ORIGIN, "hlc": 0, "created_at": now, "updated_at": now}
    have_desks = set(session.scalars(select(Desk.code)))
    for row in desks():
        if row["code"] not in have_desks:
            session.add(Desk(id=uuid5_for("desk", row["code"]), **row, **common))
    have_services = set(session.scalars(select(Service.code)))
    for sort, row in enumerate(_load("services.json")):
        if row["code"] not in have_services:
            session.add(Service(id=uuid5_for("service", row["code"]), sort=sort, **row, **common))
    have_values = {
        tuple(row) for row in session.execute(select(ReferenceValue.kind, ReferenceValue.code))
    }
    for row in _load("reference_values.json"):
        if (row["kind"], row["code"]) not in have_values:
            rid = uuid5_for(f"ref:{row['kind']}", row["code"])
            session.add(ReferenceValue(id=rid, **row, **common))


def services(session: Session, active_only: bool = True) -> list[Service]:
    stmt = select(Service).where(Service.deleted.is_(False)).order_by(Service.sort)
    if active_only:
        stmt = stmt.where(Service.active.is_(True))
    return list(session.scalars(stmt))


def values(session: Session, kind: str) -> list[ReferenceValue]:
    stmt = (
        select(ReferenceValue)
        .where(ReferenceValue.kind == kind, ReferenceValue.deleted.is_(False))
        .order_by(ReferenceValue.sort)
    )
    return list(session.scalars(stmt))


def _active_codes(session: Session) -> frozenset[tuple[str, str]]:
    """Every active (kind, code), read once per unit of work: an intake checks several."""
    codes: frozenset[tuple[str, str]] | None = session.info.get("reference_codes")
    if codes is None:
        services = session.scalars(
            select(Service.code).where(Service.deleted.is_(False), Service.active.is_(True))
        )
        values = session.execute(
            select(ReferenceValue.kind, ReferenceValue.code).where(
                ReferenceValue.deleted.is_(False), ReferenceValue.active.is_(True)
            )
        )
        codes = frozenset({("service", c) for c in services} | {(k, c) for k, c in values})
        session.info["reference_codes"] = codes
    return codes


def require_code(session: Session, kind: str, code: str, field: str) -> None:
    """Refuse a code that is not in the active reference list ``kind``."""
    if (kind, code) not in _active_codes(session):
        raise ValidationFailed(field, "unknown_code")
