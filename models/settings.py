"""Desk-wide settings an administrator sets, kept in the store's ``meta`` table (so they
are encrypted with it): one typed registry, read and written the same way everywhere.

Reading never fails: a missing or unreadable value reads as the default, and a value out
of range as the nearest bound. Writing checks the value (``ValidationFailed`` naming the
setting's field), needs ``operators.manage`` and is audited (``setting_change``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from models import audit
from models.errors import ValidationFailed
from models.roles import Actor
from models.schema import Meta

if TYPE_CHECKING:  # the store reads its settings through this module
    from models.store import OpenStore


@dataclass(frozen=True)
class Setting:
    """One whole-number setting: where it is kept, its name in messages, its bounds."""

    key: str  # the meta key
    field: str  # the field a refusal names (translated by ui.errors)
    default: int
    minimum: int
    maximum: int

    def parse(self, text: str | None) -> int:
        """The value a stored text stands for (the default when missing or unreadable)."""
        try:
            value = int(text) if text else self.default
        except ValueError:
            return self.default
        return min(self.maximum, max(self.minimum, value))

    def check(self, value: object) -> int:
        """``value`` if it is a whole number within the bounds, else ``ValidationFailed``."""
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValidationFailed(self.field, "not_a_number")
        if not self.minimum <= value <= self.maximum:
            raise ValidationFailed(self.field, "out_of_range")
        return value


@dataclass(frozen=True)
class MonthSetting(Setting):
    """A calendar month, kept as the whole number ``YYYYMM`` (``202603``: March 2026)."""

    def parse(self, text: str | None) -> int:
        value = super().parse(text)
        return value if 1 <= value % 100 <= 12 else self.default

    def check(self, value: object) -> int:
        checked = super().check(value)
        if not 1 <= checked % 100 <= 12:
            raise ValidationFailed(self.field, "invalid_format")
        return checked


# Minutes of inactivity before the desk locks itself.
IDLE_LOCK_MINUTES = Setting("idle_lock_minutes", "idle_lock_minutes", 5, 1, 60)
# Days an enrolled desk may go without a sync before only administrators unlock it
# (models.device_policy).
OFFLINE_DAYS = Setting("device.offline_days", "offline_days", 30, 1, 365)
# The ARCO target the Reports view measures progress against (models.indicators): 1,200
# third-country nationals reached over 36 months. The default start is the month the City
# announced the four FAMI projects (1 March 2026); an administrator sets the real one.
TARGET_PEOPLE = Setting("indicators.target_people", "target_people", 1200, 1, 1_000_000)
PROJECT_START = MonthSetting("indicators.project_start", "project_start", 202603, 202001, 209912)
PROJECT_MONTHS = Setting("indicators.project_months", "project_months", 36, 1, 120)


def read(session: Session, setting: Setting) -> int:
    row = session.get(Meta, setting.key)
    return setting.parse(row.value if row is not None else None)


def write(session: Session, actor: Actor, setting: Setting, value: object) -> int:
    """Set ``setting`` (administrators), audited; returns the value stored."""
    actor.require("operators.manage")
    checked = setting.check(value)
    session.merge(Meta(key=setting.key, value=str(checked)))
    audit.record(session, actor.login, "setting_change", "meta", setting.key, str(checked))
    return checked


def get(store: OpenStore, setting: Setting) -> int:
    """``read`` in a unit of work of its own (for the application's background ops)."""
    with store.session() as session:
        return read(session, setting)


def put(store: OpenStore, setting: Setting, value: object) -> int:
    """``write`` as the store's operator, in a unit of work of its own."""
    with store.session() as session:
        return write(session, store.actor, setting, value)
