"""Hybrid logical clock stamps for change capture.

A stamp packs 48 bits of wall-clock milliseconds and a 16-bit counter into one integer,
so stamps compare with ``<`` and never go backwards even when the laptop clock does. Ties
between desks are broken by the origin desk id, stored beside the stamp.
"""

from __future__ import annotations

import time
from collections.abc import Callable

COUNTER_BITS = 16


def pack(ms: int, counter: int) -> int:
    return (ms << COUNTER_BITS) | counter


def physical_ms(stamp: int) -> int:
    return stamp >> COUNTER_BITS


class HybridClock:
    """Issues strictly increasing stamps; ``observe`` merges stamps seen from elsewhere."""

    def __init__(self, last: int = 0, wall_ms: Callable[[], int] | None = None) -> None:
        self.last = last
        self._wall_ms = wall_ms or (lambda: time.time_ns() // 1_000_000)

    def now(self) -> int:
        wall = pack(self._wall_ms(), 0)
        self.last = wall if wall > self.last else self.last + 1
        return self.last

    def observe(self, stamp: int) -> None:
        if stamp > self.last:
            self.last = stamp
