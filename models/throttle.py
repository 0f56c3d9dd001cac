"""Failed unlock attempts per login, kept on disk so that a restart does not reset them.

Five attempts are free, then each failure makes the next attempt wait: 30 s doubling up to
15 minutes. This slows a person at the keyboard; an offline attacker faces the Argon2id cost
of each guess instead (``models.crypto``). The counters (``unlock-attempts.json`` in the data
folder) hold logins and times only.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from models.keyfile import atomic_write

FREE_ATTEMPTS = 5
FIRST_DELAY = 30.0
MAX_DELAY = 900.0


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` consecutive failures: 5 free, then 30 s doubling."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY, FIRST_DELAY * float(2 ** (failures - FREE_ATTEMPTS)))


class AttemptLog:
    """Failed unlock attempts per login, persisted so a restart does not reset them.

    This only slows a person at the keyboard; an offline attacker faces the Argon2id cost.
    """

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock

    def _read(self) -> dict[str, dict[str, float]]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def retry_after(self, login: str) -> float:
        """Seconds before ``login`` may try again (0 when it may try now)."""
        entry = self._read().get(login)
        if not entry:
            return 0.0
        wait = delay_after(int(entry.get("failures", 0)))
        remaining = float(entry.get("last", 0.0)) + wait - self.clock()
        return max(0.0, remaining)

    def failures(self, login: str) -> int:
        """Consecutive failures recorded for ``login`` since its last success."""
        return int(self._read().get(login, {}).get("failures", 0))

    def failed(self, login: str) -> None:
        data = self._read()
        entry = data.get(login, {})
        data[login] = {"failures": int(entry.get("failures", 0)) + 1, "last": self.clock()}
        atomic_write(self.path, json.dumps(data).encode("utf-8"))

    def succeeded(self, login: str) -> None:
        data = self._read()
        if login in data:
            del data[login]
            atomic_write(self.path, json.dumps(data).encode("utf-8"))
