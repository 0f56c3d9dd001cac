"""The desk's sync credential, wrapped so that the database key alone does not reveal it.

The device id and secret the central server hands out (at enrolment, then a new secret at
every sync: rotation) are stored in the encrypted store's ``meta`` (``sync.secret``) only
encrypted with AES-256-GCM — associated data: the device id — under a key derived (HKDF-
SHA256) from a random 32-byte **device secret** that is not in the store:

- in the operating system's keystore through ``keyring`` (Windows Credential Locker, macOS
  Keychain, the Secret Service of a Linux desktop) when it has a real backend;
- otherwise (a headless Linux, or a keystore that refuses) in a file of its own, mode 0600,
  in the user's configuration folder (``$XDG_CONFIG_HOME/ARCO/ARCO Desk/device-keys/``;
  ``ARCO_CONFIG_DIR`` overrides the folder), outside the data folder and so outside every
  backup.

What it protects against: a copy of ``desk.db`` (a backup, a stolen disk image) together
with the database key — any operator's password or the recovery key — no longer gives the
sync credential. What it does not: someone who can act as this computer's user account (the
keystore and the 0600 file are that user's), or a process running in the unlocked desk.
The server's rotation limits what a copied credential is worth: it stops working once the
desk has used the next one.

The keystore entry also keeps the latest wrapped credential, so that restoring a backup
(whose ``meta`` holds an older, rotated-away secret) does not lock the desk out: the wrapped
copy with the higher generation wins.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import logging
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.orm import Session

from models import device_policy
from models.schema import Meta
from models.user_folders import CONFIG, user_folder
from sync.errors import SyncError, SyncErrorCode

log = logging.getLogger(__name__)

SERVICE = "ARCO Desk sync"
CONFIG_DIR_ENV = "ARCO_CONFIG_DIR"
KEYS_FOLDER = "device-keys"
PREFIX = "gcm1:"  # a wrapped credential in meta; anything else is a plaintext one (upgraded)
DEVICE_ID = device_policy.DEVICE_ID
SECRET = device_policy.SECRET
_INFO = b"arco-desk sync credential v1"


class CredentialUnavailable(SyncError):
    """The device secret that wraps the credential is not on this computer (another user
    account, a store copied to another computer, a keystore emptied): enrol again."""

    code = SyncErrorCode.CREDENTIAL_UNAVAILABLE


@dataclass(frozen=True)
class Credential:
    device_id: str
    secret: str
    generation: int  # 1 at enrolment, one more at every rotation

    @property
    def bearer(self) -> str:
        return f"{self.device_id}.{self.secret}"


# ============================================================ where the device secret lives
def config_dir(
    environ: Mapping[str, str] | None = None, platform: str | None = None, home: Path | None = None
) -> Path:
    """The per-user configuration folder of ARCO Desk (never the data folder)."""
    return user_folder(CONFIG, environ, platform, home)


def _keyring() -> Any | None:
    """The ``keyring`` module when it has a real backend here, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:  # pragma: no cover - a dependency
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    return keyring


class Keystore:
    """Holds one entry per store (its id): the device secret and the latest wrapped
    credential. The OS keystore when there is one, else a 0600 file in ``folder``."""

    def __init__(self, folder: Path | None = None, use_keyring: bool = True) -> None:
        self.folder = (folder or config_dir()) / KEYS_FOLDER
        self._keyring = _keyring() if use_keyring else None

    @property
    def where(self) -> str:
        return "keyring" if self._keyring is not None else "file"

    def _path(self, store_id: str) -> Path:
        safe = "".join(ch for ch in store_id if ch.isalnum() or ch in "-_") or "store"
        return self.folder / f"{safe}.json"

    def read(self, store_id: str) -> dict[str, str] | None:
        raw: str | None = None
        if self._keyring is not None:
            try:
                raw = self._keyring.get_password(SERVICE, store_id)
            except Exception:
                log.warning("the system keystore could not be read; trying the fallback file")
        if raw is None:
            with contextlib.suppress(FileNotFoundError):
                raw = self._path(store_id).read_text(encoding="ascii")
        if raw is None:
            return None
        try:
            entry = json.loads(raw)
        except ValueError:
            return None
        if not isinstance(entry, dict) or not isinstance(entry.get("secret"), str):
            return None
        return {k: v for k, v in entry.items() if isinstance(v, str)}

    def write(self, store_id: str, entry: dict[str, str]) -> None:
        raw = json.dumps(entry, sort_keys=True)
        if self._keyring is not None:
            try:
                self._keyring.set_password(SERVICE, store_id, raw)
                return
            except Exception:
                log.warning("the system keystore refused the device secret; using the file")
        self.folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)
        path = self._path(store_id)
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)

    def delete(self, store_id: str) -> None:
        if self._keyring is not None:
            with contextlib.suppress(Exception):
                self._keyring.delete_password(SERVICE, store_id)
        with contextlib.suppress(FileNotFoundError):
            self._path(store_id).unlink()


# ===================================================================== wrapping
def _key(device_secret: bytes, store_id: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=store_id.encode("utf-8"), info=_INFO)
    return hkdf.derive(device_secret)


def wrap(device_secret: bytes, store_id: str, credential: Credential) -> str:
    nonce = secrets.token_bytes(12)
    plain = json.dumps({"secret": credential.secret, "generation": credential.generation})
    sealed = AESGCM(_key(device_secret, store_id)).encrypt(
        nonce, plain.encode("utf-8"), credential.device_id.encode("utf-8")
    )
    return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def unwrap(device_secret: bytes, store_id: str, device_id: str, wrapped: str) -> Credential:
    """The credential inside ``wrapped``; ``CredentialUnavailable`` when this device secret
    does not open it (another secret, another device id, altered bytes)."""
    try:
        raw = base64.b64decode(wrapped[len(PREFIX) :], validate=True)
        plain = AESGCM(_key(device_secret, store_id)).decrypt(
            raw[:12], raw[12:], device_id.encode("utf-8")
        )
        body = json.loads(plain)
        return Credential(device_id, str(body["secret"]), int(body["generation"]))
    except (InvalidTag, ValueError, KeyError, TypeError, binascii.Error):
        raise CredentialUnavailable("the sync credential cannot be opened here") from None


def _device_secret(entry: dict[str, str]) -> bytes:
    try:
        secret = base64.b64decode(entry["secret"], validate=True)
    except (KeyError, ValueError, binascii.Error):
        raise CredentialUnavailable("the device secret is damaged") from None
    if len(secret) != 32:
        raise CredentialUnavailable("the device secret is damaged")
    return secret


# ===================================================================== the store's credential
def store_id_of(session: Session) -> str:
    row = session.get(Meta, "store_id")
    return row.value if row is not None else "store"


def save(session: Session, keystore: Keystore, credential: Credential) -> None:
    """Store ``credential`` wrapped in ``meta`` and in the keystore entry (in the caller's
    transaction for ``meta``; the keystore is written first, so a crash in between leaves
    the newer copy there, which wins at the next load)."""
    store_id = store_id_of(session)
    entry = keystore.read(store_id)
    if entry is None:
        entry = {"secret": base64.b64encode(secrets.token_bytes(32)).decode("ascii")}
    wrapped = wrap(_device_secret(entry), store_id, credential)
    keystore.write(store_id, {"secret": entry["secret"], "device_id": credential.device_id,
                              "latest": wrapped})  # fmt: skip
    session.merge(Meta(key=DEVICE_ID, value=credential.device_id))
    session.merge(Meta(key=SECRET, value=wrapped))


def load(session: Session, keystore: Keystore) -> Credential | None:
    """The stored credential (None when the desk is not enrolled). A plaintext secret
    written before wrapping existed is wrapped now (in the caller's transaction)."""
    device = session.get(Meta, DEVICE_ID)
    stored = session.get(Meta, SECRET)
    if device is None or not device.value or stored is None:
        return None
    if not stored.value.startswith(PREFIX):  # written by an older version: wrap it now
        found = Credential(device.value, stored.value, 1)
        save(session, keystore, found)
        return found
    store_id = store_id_of(session)
    entry = keystore.read(store_id)
    if entry is None:
        raise CredentialUnavailable("the device secret is not on this computer")
    secret = _device_secret(entry)
    found = unwrap(secret, store_id, device.value, stored.value)
    latest = entry.get("latest", "")
    if latest and entry.get("device_id") == device.value:
        with contextlib.suppress(CredentialUnavailable):
            newer = unwrap(secret, store_id, device.value, latest)
            if newer.generation > found.generation:  # a restored backup held an older one
                session.merge(Meta(key=SECRET, value=latest))
                found = newer
    return found


def forget(store_id: str, keystore: Keystore) -> None:
    """Remove the device secret (the store was wiped)."""
    keystore.delete(store_id)
