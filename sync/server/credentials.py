"""Device credentials, enrolment codes and central users' passwords.

The server stores only hashes: SHA-256 for high-entropy secrets (device secrets, one-time
codes), scrypt for the passwords people choose.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import unicodedata
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.ids import uuid7
from sync.protocol import EnrolRequest, EnrolResponse
from sync.server import audit
from sync.server.errors import Forbidden, Refused, Unauthorised
from sync.server.schema import Device, EnrolmentCode, ServerMeta, StaffUser
from sync.server.writes import utcnow

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
CODE_LENGTH = 12
EPOCH_KEY = "epoch"
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
# scrypt of a random password nobody kept: what unknown logins are checked against.
_DUMMY_HASH = (
    "scrypt$54f21e9590b70a88e1a9e581ae045963$"
    "3db19a8cddafd0c9442b3aef02376e17b6b45c7e5283649a541625149bba7913"
)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def _normalise_code(code: str) -> str:
    """The code as issued whatever was typed around it: no spaces or dashes, upper case
    (people read it over the phone and type it as they hear it)."""
    return "".join(
        ch for ch in code.upper() if not (ch.isspace() or unicodedata.category(ch) == "Pd")
    )


def _legacy_code_hash(normalised: str) -> str:
    """The hash of codes issued before codes were hashed without their dashes (they live at
    most 14 days): the dashed form, upper case."""
    return digest("-".join(normalised[i : i + 4] for i in range(0, len(normalised), 4)))


def issue_code(session: Session, desk: str, valid_for: timedelta) -> str:
    """A one-time enrolment code for ``desk``; only its hash is kept."""
    code = new_code()
    session.add(
        EnrolmentCode(
            code_hash=digest(_normalise_code(code)), desk=desk, expires_at=utcnow() + valid_for
        )
    )
    return code


def enrol(session: Session, request: EnrolRequest) -> EnrolResponse:
    """Exchange a valid, unused code for a device credential (the secret is shown once)."""
    typed = _normalise_code(request.code)
    found = session.get(EnrolmentCode, digest(typed)) or session.get(
        EnrolmentCode, _legacy_code_hash(typed)
    )
    if found is None or found.used_at is not None or found.expires_at < utcnow():
        raise Forbidden("enrolment_code_invalid", "the enrolment code is unknown, used or expired")
    if found.desk != request.desk:
        raise Forbidden("enrolment_wrong_desk", "the enrolment code was issued for another desk")
    found.used_at = utcnow()
    secret = new_secret()
    device = Device(
        id=uuid7(),
        desk=found.desk,
        name=request.device_name,
        secret_hash=digest(secret),
        created_at=utcnow(),
    )
    session.add(device)
    audit.by_device(session, device, "device_enrolled", "devices", device.id)
    epoch = session.get(ServerMeta, EPOCH_KEY)
    number = session.scalar(
        select(func.count()).select_from(Device).where(Device.desk == device.desk)
    )
    return EnrolResponse(
        device_id=device.id,
        secret=secret,
        desk=device.desk,
        epoch=epoch.value if epoch else "",
        device_number=number or 1,
    )


def new_secret() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii").rstrip("=")


def rotate(device: Device) -> str:
    """A new secret for ``device`` (credential rotation, at every anchor): the server keeps
    only its hash, beside the current one, and both are valid until a request uses the new
    one (``device_for``). So an answer lost on the way never locks the desk out, and a copy
    of the previous secret stops working once the desk has used the new one. A new
    rotation before the last one was used replaces the unused secret."""
    secret = new_secret()
    device.next_secret_hash = digest(secret)
    return secret


def device_for(session: Session, authorization: str | None) -> Device:
    """The device behind a ``Bearer <device id>.<secret>`` header, or a refusal. The secret
    is the device's current one or the one handed out at its last rotation; using the
    latter makes it the current one (in the request's transaction)."""
    if not authorization or not authorization.startswith("Bearer "):
        raise Unauthorised("credential_missing", "this request needs a device credential")
    device_id, _, secret = authorization[len("Bearer ") :].strip().partition(".")
    device = session.get(Device, device_id) if len(device_id) == 36 else None
    given = digest(secret)
    current = device is not None and hmac.compare_digest(device.secret_hash, given)
    rotated = (
        device is not None
        and device.next_secret_hash is not None
        and hmac.compare_digest(device.next_secret_hash, given)
    )
    if device is None or not (current or rotated):
        raise Unauthorised("credential_invalid", "the device credential is not valid")
    if rotated:  # the desk stored the secret handed out last: the previous one ends here
        device.secret_hash, device.next_secret_hash = given, None
        device.rotated_at = utcnow()
    if device.wipe:
        raise Forbidden("device_wipe", "this device must erase its data")
    if device.revoked_at is not None:
        raise Forbidden("device_revoked", "this device has been revoked")
    return device


# ===================================================================== central users
def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, **SCRYPT)
    return f"scrypt${salt.hex()}${key.hex()}"


def check_password(stored: str, password: str) -> bool:
    try:
        _, salt, key = stored.split("$")
        again = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), **SCRYPT)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(again.hex(), key)


def password_matches(user: StaffUser | None, password: str) -> bool:
    """Whether ``user`` exists, is active and has this password. Unknown and disabled
    logins are checked against a dummy hash: the same scrypt work, so the time an answer
    takes does not tell which logins exist."""
    usable = user is not None and user.active
    stored = user.password_hash if user is not None and usable else _DUMMY_HASH
    return check_password(stored, password) and usable


def staff_for(session: Session, login: str, password: str) -> StaffUser:
    """The active central user with this login and password, or ``staff_credential_invalid``
    (the same refusal for an unknown login, a disabled user and a wrong password)."""
    user = session.get(StaffUser, login)
    if not password_matches(user, password) or user is None:
        raise Unauthorised("staff_credential_invalid", "login or password not valid")
    return user


def check_new_password(password: str) -> None:
    if len(password) < 12:
        raise Refused("password_too_short", "passwords have at least 12 characters")
