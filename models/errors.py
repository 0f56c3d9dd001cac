"""Typed errors raised by the core.

The core never formats messages for people: it raises one of these with structured
fields, and the presentation layer (``ui/``, ``desktop/``) turns each one into text in the
operator's language. ``str()`` of these errors never contains personal data, so they are
safe to log.
"""

from __future__ import annotations


class ArcoError(Exception):
    """Base of every error the core raises on purpose."""

    code = "error"


# ----------------------------------------------------------------- store and keys
class StoreError(ArcoError):
    """Something about the encrypted store itself."""

    code = "store"


class StoreNotFound(StoreError):
    code = "store_not_found"


class StoreExists(StoreError):
    code = "store_exists"


class KeyFileMissing(StoreError):
    code = "key_file_missing"


class KeyFileInvalid(StoreError):
    """The key file is damaged: not JSON, a missing or malformed field, a slot missing,
    parameters out of bounds, or a digest that does not match. Found before any key is
    derived, so it never counts as a failed sign-in."""

    code = "key_file_invalid"


class KeyFileTampered(KeyFileInvalid):
    """The key file is well formed and a slot opened, but its MAC (keyed by the database
    key) does not match: something other than ARCO Desk changed it (a slot removed, added
    or altered, the parameters changed)."""

    code = "key_file_tampered"


class KeyFileTooNew(StoreError):
    code = "key_file_too_new"


class WrongPassword(StoreError):
    code = "wrong_password"


class UnknownOperator(StoreError):
    code = "unknown_operator"


class OperatorDisabled(StoreError):
    code = "operator_disabled"


class Throttled(StoreError):
    """Too many failed attempts: the operator must wait ``retry_after`` seconds."""

    code = "throttled"

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"unlock throttled for {retry_after:.0f} s")
        self.retry_after = retry_after


class DeviceRevoked(StoreError):
    """The central server revoked this computer: no password opens the store any more;
    the recovery key does (a password reset), and the desk must then be enrolled again."""

    code = "device_revoked"


class OfflineTooLong(StoreError):
    """This computer has not synchronised for more than the allowed days: only an
    administrator (or the recovery key, through a password reset) may unlock it."""

    code = "offline_too_long"

    def __init__(self, days: int, limit: int) -> None:
        super().__init__(f"not synchronised for {days} days (limit {limit})")
        self.days = days
        self.limit = limit


class CorruptStore(StoreError):
    """The database file fails its integrity or authentication checks."""

    code = "corrupt_store"


class JournalDamaged(CorruptStore):
    """The database's write-ahead log or its seal does not match (``models.journal``).

    ``reason``: ``behind`` (committed changes are missing: the log was damaged, cut,
    deleted or replaced by an older one), ``unreadable`` (the log does not open with this
    store's key: another store's, or damaged), ``seal_missing`` or ``seal_invalid``.
    Nothing was written: the log was not applied.
    """

    code = "journal_damaged"

    def __init__(self, reason: str) -> None:
        super().__init__(f"journal check failed: {reason}")
        self.reason = reason


class SchemaTooNew(StoreError):
    """The database was written by a newer version of the application."""

    code = "schema_too_new"


class StoreLocked(StoreError):
    """The store was locked: its key is gone from this session."""

    code = "store_locked"


class WeakPassword(StoreError):
    """A new password is refused (``models.passwords``).

    ``reason``: ``too_short``, ``too_long`` or ``too_guessable``; for the last,
    ``crack_time`` is the class of the estimated guessing time (``instant``, ``minutes``,
    ``hours``, …) and ``hint`` what made it guessable (``personal``, ``common``, …, or "").
    """

    code = "weak_password"

    def __init__(self, reason: str, crack_time: str = "", hint: str = "") -> None:
        super().__init__(f"{reason} {crack_time} {hint}".strip())
        self.reason = reason
        self.crack_time = crack_time
        self.hint = hint


class BackupError(StoreError):
    code = "backup"


# ----------------------------------------------------------------- domain
class DomainError(ArcoError):
    code = "domain"


class LegalKeyUnavailable(DomainError):
    """The signed-in legal advisor does not hold the legal key yet (a new advisor, or one
    whose password an administrator reset): it is granted at the next unlock of another
    legal advisor, or by a password reset with the recovery key (``models.legal``)."""

    code = "legal_key_unavailable"


class PermissionDenied(DomainError):
    """The acting operator's role does not allow this action."""

    code = "permission_denied"

    def __init__(self, action: str, role: str) -> None:
        super().__init__(f"role {role!r} may not {action}")
        self.action = action
        self.role = role


class NotFound(DomainError):
    code = "not_found"

    def __init__(self, entity: str, record_id: str) -> None:
        super().__init__(f"{entity} {record_id} not found")
        self.entity = entity
        self.record_id = record_id


class ValidationFailed(DomainError):
    """Input rejected; ``field`` names the offending field, ``reason`` a stable code."""

    code = "validation"

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class IllegalTransition(DomainError):
    code = "illegal_transition"

    def __init__(self, current: str, requested: str) -> None:
        super().__init__(f"referral cannot go from {current} to {requested}")
        self.current = current
        self.requested = requested


class StatusOwnedByService(DomainError):
    """A desk tried to set a referral status that only the receiving service sets
    (``models.referrals.CENTRAL_STATUSES``: accepted, appointment set, completed,
    declined); those reach the desk by synchronisation."""

    code = "status_owned_by_service"

    def __init__(self, status: str) -> None:
        super().__init__(f"referral status {status} is set by the receiving service")
        self.status = status


class ConsentRequired(DomainError):
    code = "consent_required"

    def __init__(self, purpose: str) -> None:
        super().__init__(f"consent for {purpose!r} is required")
        self.purpose = purpose


class BypassedOutbox(DomainError):
    """A write tried to skip change capture (bulk UPDATE/DELETE on a synced table)."""

    code = "bypassed_outbox"


class AuditChainBroken(StoreError):
    code = "audit_chain_broken"

    def __init__(self, seq: int) -> None:
        super().__init__(f"audit chain broken at event {seq}")
        self.seq = seq


class PersonRestricted(DomainError):
    """The person's processing is restricted (GDPR art. 18): no new processing is allowed."""

    code = "person_restricted"

    def __init__(self, record_id: str) -> None:
        super().__init__(f"person {record_id} is restricted")
        self.record_id = record_id
