"""Identifiers for synced rows: UUID version 7 (time-ordered, generated offline)."""

from __future__ import annotations

import os
import time
import uuid


def uuid7() -> str:
    """A new RFC 9562 UUIDv7 as text: 48-bit Unix ms, then 74 random bits.

    Time-ordered ids keep B-tree inserts local (fast intake) and let two desks create
    rows offline without ever colliding.
    """
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 62) & 0xFFF) << 64  # rand_a, 12 bits
    value |= 0b10 << 62  # variant
    value |= rand & ((1 << 62) - 1)  # rand_b
    return str(uuid.UUID(int=value))


def uuid5_for(kind: str, code: str) -> str:
    """Deterministic id for seeded reference rows, identical on every desk and the server."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"arco:{kind}:{code}"))
