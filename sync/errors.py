"""The one error type of the desk side of sync, and its stable codes.

Every trouble the desk itself finds (no connection, an unverifiable certificate, a desk
not enrolled, a device secret missing…) is a :class:`SyncError` whose ``code`` is a
:class:`SyncErrorCode`. The codes are stable strings: ``SyncReport.error`` carries them and
``ui.sync_messages`` turns each into a translated sentence, so a value never changes.

A refusal by the central server (``sync.transport.ServerRefused``) is not one of these: it
carries the server's own code (``sync/PROTOCOL.md``), passed on as the server wrote it.
"""

from __future__ import annotations

from enum import StrEnum


class SyncErrorCode(StrEnum):
    """What went wrong on the desk's side of a sync (the values are the stable codes)."""

    OFFLINE = "offline"  # no connection, or an answer cut short
    TLS_ERROR = "tls_error"  # the server's certificate could not be verified
    SERVER_BUSY = "server_busy"  # 5xx or 429: the server cannot answer now
    INSECURE_SERVER = "insecure_server"  # plain HTTP off loopback, or not a usable URL
    NOT_ENROLLED = "not_enrolled"
    DEVICE_REVOKED = "device_revoked"  # the desk already knows it was revoked: no call
    CREDENTIAL_UNAVAILABLE = "credential_unavailable"  # the device secret is not here
    INVALID_ANSWER = "invalid_answer"  # an answer that does not match the protocol
    INTERNAL = "internal"  # anything else: reported, never wedging the sync worker


class SyncError(Exception):
    """Trouble on the desk's side of a sync; ``code`` says which (``ui`` words it)."""

    code: SyncErrorCode = SyncErrorCode.INTERNAL


class NotEnrolled(SyncError):
    """This desk has no credential for the central server: an administrator enrols it."""

    code = SyncErrorCode.NOT_ENROLLED


class DeviceRevoked(SyncError):
    """The central server revoked this computer (learnt at an earlier cycle)."""

    code = SyncErrorCode.DEVICE_REVOKED
