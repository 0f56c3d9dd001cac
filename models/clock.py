"""Wall-clock time as the store records it: naive UTC datetimes, whole microseconds."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Current UTC time without tzinfo (SQLite stores datetimes without a zone)."""
    return datetime.now(UTC).replace(tzinfo=None)
