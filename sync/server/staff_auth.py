"""Signing in a central user by login and password: the one check behind the staff API's
HTTP Basic and the MWC web workspace's sign-in form.

Throttled per login and per source address (``sync.server.throttle``): a blocked key is
refused before the password is looked at; failures are counted and audited in
transactions of their own, since a refusal rolls back the request's. The password hash
(scrypt) is checked outside any transaction: it takes a while, and SQLite would hold its
write lock meanwhile. Unknown, disabled and wrong all get the same refusal.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from sync.server import audit, credentials, throttle
from sync.server.errors import Unauthorised
from sync.server.schema import StaffUser


def verify(factory: sessionmaker[Session], login: str, password: str, source: str) -> str:
    """The login of an active central user whose password is right, or ``Unauthorised``
    (``TooManyAttempts`` while the login or the source is blocked)."""
    if "\x00" in login:  # PostgreSQL text cannot hold NUL: no such login
        raise Unauthorised("staff_credential_invalid", "login or password not valid")
    keys = [throttle.login_key(login), throttle.source_key(source)]
    with factory.begin() as session:
        throttle.check(session, keys)  # blocked: refused before the password is looked at
        user = session.get(StaffUser, login)
        had_failures = throttle.has_failures(session, keys[0])
    if credentials.password_matches(user, password):
        if had_failures:
            with factory.begin() as session:
                throttle.succeeded(session, keys[0])
        return login
    with factory.begin() as session:
        throttle.failed(session, keys)
        audit.record(
            session, audit.STAFF, login, "staff_signin_refused",
            entity="staff_users", detail=f"from {source}",
        )  # fmt: skip
    raise Unauthorised("staff_credential_invalid", "login or password not valid")
