"""Desk-wide settings kept in the store's ``meta`` table (so they are encrypted with it).

Small and local on purpose: the typed settings registry belongs in ``models/settings.py``
(STYLE lesson 9); until it exists, the keys the desktop needs are declared here, once.
Call these inside an op (``ui.ops``): they open their own session.
"""

from __future__ import annotations

from models import audit
from models.errors import ValidationFailed
from models.schema import Meta
from models.store import OpenStore

IDLE_LOCK_KEY = "idle_lock_minutes"
IDLE_LOCK_DEFAULT = 5
IDLE_LOCK_MIN = 1
IDLE_LOCK_MAX = 60


def read_idle_lock_minutes(store: OpenStore) -> int:
    """Minutes of inactivity before the desk locks itself (default 5)."""
    with store.session() as session:
        row = session.get(Meta, IDLE_LOCK_KEY)
        try:
            value = int(row.value) if row is not None else IDLE_LOCK_DEFAULT
        except ValueError:
            return IDLE_LOCK_DEFAULT
    return min(IDLE_LOCK_MAX, max(IDLE_LOCK_MIN, value))


def write_idle_lock_minutes(store: OpenStore, minutes: int) -> None:
    """Set the idle-lock delay; admins only, audited."""
    store.actor.require("operators.manage")
    if not IDLE_LOCK_MIN <= minutes <= IDLE_LOCK_MAX:
        raise ValidationFailed(IDLE_LOCK_KEY, "out_of_range")
    with store.session() as session:
        session.merge(Meta(key=IDLE_LOCK_KEY, value=str(minutes)))
        audit.record(
            session, store.actor.login, "setting_change", "meta", IDLE_LOCK_KEY, str(minutes)
        )
