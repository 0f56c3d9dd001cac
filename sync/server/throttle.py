"""Throttling of guesses: staff sign-ins (per login and per source address) and enrolment
codes (per source address), counted in ``auth_throttle`` so every worker sees the same
counts.

A key that failed ``limit`` times within the window is blocked for a delay that doubles
with every further failure (30 s, 1 min, 2 min … up to 15 min by default); while blocked,
attempts are refused without checking the credential (a correct password too) and are not
counted. A successful sign-in clears its login's counter, never the source's: one valid
account must not buy unlimited guesses at others.

Failures are recorded by the caller in a transaction of their own: the refused request's
transaction is rolled back with everything it did.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sync.server.errors import TooManyAttempts
from sync.server.schema import AuthThrottle
from sync.server.writes import utcnow

# Overrides the policy, read at every call (tests and operators tune it without code):
# "login=5,source=20,enrol=5,window=900,block=30,max_block=900" (counts and seconds).
ENV = "ARCO_CENTRAL_THROTTLE"
KEY_LENGTH = 120  # AuthThrottle.key


@dataclass(frozen=True)
class Policy:
    """How many failures a key may have within ``window`` before it is blocked."""

    login: int = 5
    source: int = 20  # several staff may sit behind one office address
    enrol: int = 5
    window: float = 15 * 60.0
    block: float = 30.0
    max_block: float = 15 * 60.0


_FIELDS = {f.name for f in fields(Policy)}
_COUNTS = {"login", "source", "enrol"}


def policy() -> Policy:
    """The policy in force: the defaults, with what ``ARCO_CENTRAL_THROTTLE`` overrides.

    Raises ``ValueError`` for a malformed value (``arco-central serve`` checks it at start)."""
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return Policy()
    changes: dict[str, Any] = {}
    for item in raw.split(","):
        name, _, value = item.partition("=")
        name = name.strip()
        if name not in _FIELDS:
            raise ValueError(f"{ENV}: unknown setting {name!r}")
        number = float(value)
        if not math.isfinite(number) or number <= 0:
            raise ValueError(f"{ENV}: {name} must be a positive number")
        changes[name] = max(1, int(number)) if name in _COUNTS else number
    return replace(Policy(), **changes)


def login_key(login: str) -> str:
    """The key counting failed sign-ins of a login (as typed: unknown logins count too, so a
    block says nothing about whether a login exists)."""
    return ("login:" + login)[:KEY_LENGTH]


def source_key(address: str) -> str:
    """The key counting failed sign-ins from one source address."""
    return ("source:" + address)[:KEY_LENGTH]


def enrol_key(address: str) -> str:
    """The key counting refused enrolment codes from one source address."""
    return ("enrol:" + address)[:KEY_LENGTH]


def _limit(key: str, rules: Policy) -> int:
    kind = key.partition(":")[0]
    return {"login": rules.login, "source": rules.source}.get(kind, rules.enrol)


def check(session: Session, keys: Iterable[str], now: datetime | None = None) -> None:
    """Refuse with ``TooManyAttempts`` (429, ``Retry-After``) while any key is blocked."""
    now = now or utcnow()
    rows = session.scalars(select(AuthThrottle).where(AuthThrottle.key.in_(list(keys))))
    waits = [
        (row.blocked_until - now).total_seconds()
        for row in rows
        if row.blocked_until is not None and row.blocked_until > now
    ]
    if waits:
        raise TooManyAttempts(
            "too_many_attempts",
            "too many failed attempts: try again later",
            retry_after=max(1, math.ceil(max(waits))),
        )


def failed(session: Session, keys: Iterable[str], now: datetime | None = None) -> None:
    """Count one failure against each key, blocking those over their limit."""
    now = now or utcnow()
    rules = policy()
    window, first, longest = (
        timedelta(seconds=s) for s in (rules.window, rules.block, rules.max_block)
    )
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    # Sorted, so two workers failing on the same login and source lock rows in one order.
    for key in sorted(set(keys)):
        # Insert-if-missing then lock: two workers failing on one key at once both count.
        session.execute(
            insert(AuthThrottle)
            .values(key=key, failures=0, window_start=now, blocked_until=None)
            .on_conflict_do_nothing(index_elements=["key"])
        )
        row = session.scalars(
            select(AuthThrottle)
            .where(AuthThrottle.key == key)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).one()
        blocked = row.blocked_until is not None and row.blocked_until > now
        if now - row.window_start > window and not blocked:
            row.failures, row.window_start, row.blocked_until = 0, now, None
        row.failures += 1
        over = row.failures - _limit(key, rules)
        if over >= 0:
            row.blocked_until = now + min(first * 2 ** min(over, 30), longest)
    session.flush()


def succeeded(session: Session, key: str) -> None:
    """Forget the failures of ``key`` (a login that signed in)."""
    session.execute(delete(AuthThrottle).where(AuthThrottle.key == key))


def has_failures(session: Session, key: str) -> bool:
    """Whether ``key`` has failures on record (so a success has something to clear)."""
    return session.get(AuthThrottle, key) is not None
