"""Refusals the server answers with: an HTTP status, a stable code and an English message.

Messages name fields and rules, never values from a record (they end up in logs).
"""

from __future__ import annotations


class Refused(Exception):
    """A request the server will not carry out; nothing has been changed."""

    status = 400

    def __init__(self, code: str, message: str, mutation_ids: list[str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.mutation_ids = mutation_ids or []


class Unauthorised(Refused):
    status = 401


class Forbidden(Refused):
    status = 403


class NotFound(Refused):
    status = 404


class Conflict(Refused):
    status = 409


class UpgradeRequired(Refused):
    status = 426


class TooManyAttempts(Refused):
    """Too many failed sign-ins or enrolment codes: answered 429 with ``Retry-After``."""

    status = 429

    def __init__(self, code: str, message: str, retry_after: int) -> None:
        super().__init__(code, message)
        self.retry_after = retry_after
