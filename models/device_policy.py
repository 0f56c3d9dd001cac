"""Who may unlock this computer, after what sync learnt: a revocation, a long time offline.

- **Revoked.** When the central server answers that this device is revoked, the store is
  re-encrypted under a new key sealed to the recovery slot alone, and every operator slot
  is removed from the key file and from the key files of the rolling backups made under
  the current key (``OpenStore.revoke_device``). No password opens the store any more,
  with this key file or any earlier copy of it; the unlock screen says so before a
  password is asked. The recovery key lifts it (a password reset, which also forgets the
  dead sync credential: the desk is enrolled again with a new code).
- **Offline too long.** A desk enrolled with the server that has not synchronised for
  more than ``models.settings.OFFLINE_DAYS`` (30 by default, set by an admin) opens only
  for administrators; an administrator's unlock vouches for the computer for another
  period (audited). The time offline runs from the last successful sync or vouching to
  the later of the clock and the latest time seen at an unlock, so setting the clock back
  does not shorten it. This one is a rule of the application: someone who holds an
  operator's password *and* the database tools can read the store without it. Only the
  revocation is enforced by the key.

The meta keys written by the sync client are named here, so that the core can read them
before anything is written (on the read-only connection of ``journal.check_before_open``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from models.errors import OfflineTooLong
from models.settings import OFFLINE_DAYS

# Written by sync/client.py and sync/credential.py.
DEVICE_ID = "sync.device_id"
SECRET = "sync.secret"  # noqa: S105 (a meta key name)
REVOKED = "sync.revoked"
LAST_OK = "sync.last_ok"
# Written here.
VOUCHED = "device.vouched_at"
CLOCK_HIGH = "device.clock_high"
_KEYS = (DEVICE_ID, LAST_OK, VOUCHED, CLOCK_HIGH, OFFLINE_DAYS.key)


@dataclass(frozen=True)
class DeviceState:
    """What the store knows of its contact with the central server."""

    enrolled: bool
    last_contact: datetime | None  # the last successful sync or admin vouching
    clock_high: datetime | None  # the latest time seen at an unlock
    offline_days: int

    def days_offline(self, now: datetime) -> int:
        """Whole days since the last contact (0 when never enrolled or no contact yet)."""
        if not self.enrolled or self.last_contact is None:
            return 0
        latest = max(now, self.clock_high) if self.clock_high else now
        return max(0, (latest - self.last_contact) // timedelta(days=1))

    def too_long_offline(self, now: datetime) -> bool:
        return self.days_offline(now) > self.offline_days


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        return None  # never written by us; read as "no contact"


def state_from(values: dict[str, str]) -> DeviceState:
    """The device state from the meta values (key → value)."""
    contacts = [t for t in (_time(values.get(LAST_OK)), _time(values.get(VOUCHED))) if t]
    return DeviceState(
        enrolled=bool(values.get(DEVICE_ID)),
        last_contact=max(contacts) if contacts else None,
        clock_high=_time(values.get(CLOCK_HIGH)),
        offline_days=OFFLINE_DAYS.parse(values.get(OFFLINE_DAYS.key)),
    )


def read_state(conn: Any) -> DeviceState:
    """The device state read on a DB-API connection (the read-only one at unlock)."""
    marks = ",".join("?" for _ in _KEYS)
    rows = conn.execute(f"SELECT key, value FROM meta WHERE key IN ({marks})", _KEYS)
    return state_from({str(key): str(value) for key, value in rows.fetchall()})


def check_unlock(conn: Any, login: str, now: datetime) -> bool:
    """Refuse a non-administrator on a desk offline too long (``OfflineTooLong``).

    Returns True when an administrator unlocks such a desk: the caller records the
    vouching once the store is open.
    """
    state = read_state(conn)
    if not state.too_long_offline(now):
        return False
    row = conn.execute("SELECT role, active FROM operators WHERE login = ?", (login,)).fetchone()
    if row is None or row[0] != "admin" or not row[1]:
        raise OfflineTooLong(state.days_offline(now), state.offline_days)
    return True
