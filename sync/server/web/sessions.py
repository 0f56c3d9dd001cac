"""Server-side sessions of the MWC web workspace.

The browser holds a random 256-bit token in an HttpOnly, SameSite=Strict cookie (Secure
when the request came over TLS); the server keeps its SHA-256 with the login, the CSRF
token of the session (the synchronizer token every form carries), when it began and when
it was last used. A session ends when its user signs out, after :data:`IDLE` without a
request, after :data:`LIFETIME` whatever happens, and at once when the user is disabled
(``sync.server.admin.set_active`` deletes their rows; every request also checks that the
user is still active).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from sync.server.schema import StaffUser, WebSession
from sync.server.writes import utcnow

IDLE = timedelta(minutes=15)
LIFETIME = timedelta(hours=10)  # a working day; sign in again the next morning
TOUCH_EVERY = timedelta(seconds=30)  # last_seen_at is written at most this often
COOKIE = "arco_mwc_session"
PRE_COOKIE = "arco_mwc_signin"  # the sign-in form's own CSRF token (no session yet)
LANG_COOKIE = "arco_mwc_lang"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same(a: str, b: str) -> bool:
    """Constant-time comparison of two tokens (False when either is empty)."""
    return bool(a) and bool(b) and hmac.compare_digest(a.encode(), b.encode())


@dataclass(frozen=True)
class Signed:
    """The signed-in user of a request and their session's CSRF token."""

    user: StaffUser
    csrf: str


def start(session: Session, login: str, now: datetime | None = None) -> str:
    """A new session for ``login``; returns the token for the cookie (never stored)."""
    now = now or utcnow()
    token = new_token()
    session.add(
        WebSession(
            token_hash=_digest(token),
            login=login,
            csrf=new_token(),
            created_at=now,
            last_seen_at=now,
        )
    )
    # Sessions of anyone that ran out are deleted as new ones begin.
    session.execute(delete(WebSession).where(WebSession.last_seen_at < now - IDLE))
    session.execute(delete(WebSession).where(WebSession.created_at < now - LIFETIME))
    return token


def current(session: Session, token: str | None, now: datetime | None = None) -> Signed | None:
    """The session of ``token`` if it is still valid (used now: its idle clock restarts);
    None for an expired session or one of a user since disabled (deleted if the caller's
    transaction commits; the workspace ends it with :func:`end`)."""
    if not token or len(token) > 100:
        return None
    now = now or utcnow()
    row = session.get(WebSession, _digest(token))
    if row is None:
        return None
    user = session.get(StaffUser, row.login)
    if (
        user is None
        or not user.active
        or now - row.last_seen_at > IDLE
        or now - row.created_at > LIFETIME
    ):
        session.delete(row)
        return None
    if now - row.last_seen_at > TOUCH_EVERY:
        row.last_seen_at = now
    return Signed(user, row.csrf)


def end(session: Session, token: str | None) -> None:
    """Sign out: the session is gone."""
    if token:
        session.execute(delete(WebSession).where(WebSession.token_hash == _digest(token)))
