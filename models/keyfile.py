"""The key file beside the database, and the persisted unlock-attempt counters.

Format (JSON, UTF-8), documented in README "Files in the data folder"::

    {
      "format": "arco-desk-keyfile",
      "version": 1,
      "store_id": "<uuid>",          # binds every slot to this one database
      "desk": "acli",
      "created_at": "2026-11-22T21:00:00Z",
      "slots": [
        {"kind": "operator", "login": "anna", "kdf": {...argon2id params...},
         "salt": "<b64>", "nonce": "<b64>", "ciphertext": "<b64>"},
        {"kind": "recovery", "salt": "<b64>", "nonce": "<b64>", "ciphertext": "<b64>"}
      ]
    }

It holds no personal data of the people served: only the desk id, operator logins and
wrapped copies of the database key. It is always replaced atomically (temporary file,
fsync, rename), so a crash leaves either the old or the new file, never half of one.
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.crypto import (
    SALT_BYTES,
    KdfParams,
    derive_kek,
    recovery_kek,
    unwrap,
    wrap,
)
from models.errors import KeyFileInvalid, KeyFileMissing, KeyFileTooNew, UnknownOperator

FORMAT = "arco-desk-keyfile"
VERSION = 1


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise KeyFileInvalid("slot field is not text")
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        raise KeyFileInvalid("slot field is not base64") from None


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new content."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


@dataclass
class Slot:
    kind: str  # "operator" or "recovery"
    salt: bytes
    nonce: bytes
    ciphertext: bytes
    login: str | None = None
    kdf: KdfParams | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        if self.login is not None:
            data["login"] = self.login
        if self.kdf is not None:
            data["kdf"] = self.kdf.to_dict()
        data.update(salt=_b64(self.salt), nonce=_b64(self.nonce), ciphertext=_b64(self.ciphertext))
        return data

    @classmethod
    def from_dict(cls, data: object) -> Slot:
        if not isinstance(data, dict) or data.get("kind") not in ("operator", "recovery"):
            raise KeyFileInvalid("unknown slot kind")
        kind = data["kind"]
        login = data.get("login")
        kdf = None
        if kind == "operator":
            if not isinstance(login, str) or not login:
                raise KeyFileInvalid("operator slot without login")
            try:
                kdf = KdfParams.from_dict(data["kdf"])
            except (KeyError, TypeError, ValueError):
                raise KeyFileInvalid("operator slot with bad kdf parameters") from None
        return cls(
            kind=kind,
            login=login if kind == "operator" else None,
            kdf=kdf,
            salt=_unb64(data.get("salt")),
            nonce=_unb64(data.get("nonce")),
            ciphertext=_unb64(data.get("ciphertext")),
        )


@dataclass
class KeyFile:
    store_id: str
    desk: str
    created_at: str
    slots: list[Slot] = field(default_factory=list)

    # ------------------------------------------------------------- persistence
    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise KeyFileMissing(str(path.name)) from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise KeyFileInvalid("not JSON") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise KeyFileInvalid("not an ARCO Desk key file")
        version = data.get("version")
        if not isinstance(version, int):
            raise KeyFileInvalid("no version")
        if version > VERSION:
            raise KeyFileTooNew(f"key file version {version}")
        slots = data.get("slots")
        if not isinstance(slots, list):
            raise KeyFileInvalid("no slots")
        for name in ("store_id", "desk", "created_at"):
            if not isinstance(data.get(name), str):
                raise KeyFileInvalid(f"no {name}")
        return cls(
            store_id=data["store_id"],
            desk=data["desk"],
            created_at=data["created_at"],
            slots=[Slot.from_dict(s) for s in slots],
        )

    def save(self, path: Path) -> None:
        data = {
            "format": FORMAT,
            "version": VERSION,
            "store_id": self.store_id,
            "desk": self.desk,
            "created_at": self.created_at,
            "slots": [s.to_dict() for s in self.slots],
        }
        atomic_write(path, (json.dumps(data, indent=2) + "\n").encode("utf-8"))

    # ------------------------------------------------------------- slots
    def _aad(self, kind: str, login: str | None) -> bytes:
        return f"arco-slot|v{VERSION}|{self.store_id}|{kind}|{login or ''}".encode()

    def logins(self) -> list[str]:
        return sorted(s.login for s in self.slots if s.kind == "operator" and s.login)

    def operator_slot(self, login: str) -> Slot:
        for slot in self.slots:
            if slot.kind == "operator" and slot.login == login:
                return slot
        raise UnknownOperator("no key slot for this login")

    def set_operator_slot(self, login: str, password: str, dek: bytes, kdf: KdfParams) -> None:
        """Add or replace the slot of ``login`` (a fresh salt on every rewrap)."""
        salt = os.urandom(SALT_BYTES)
        kek = derive_kek(password, salt, kdf)
        nonce, ct = wrap(kek, dek, self._aad("operator", login))
        self.remove_operator_slot(login)
        self.slots.append(Slot("operator", salt, nonce, ct, login=login, kdf=kdf))

    def remove_operator_slot(self, login: str) -> None:
        self.slots = [s for s in self.slots if not (s.kind == "operator" and s.login == login)]

    def open_operator_slot(self, login: str, password: str) -> bytes:
        slot = self.operator_slot(login)
        assert slot.kdf is not None
        kek = derive_kek(password, slot.salt, slot.kdf)
        return unwrap(kek, slot.nonce, slot.ciphertext, self._aad("operator", login))

    def set_recovery_slot(self, raw_recovery: bytes, dek: bytes) -> None:
        salt = os.urandom(SALT_BYTES)
        nonce, ct = wrap(recovery_kek(raw_recovery, salt), dek, self._aad("recovery", None))
        self.slots = [s for s in self.slots if s.kind != "recovery"]
        self.slots.append(Slot("recovery", salt, nonce, ct))

    def open_recovery_slot(self, raw_recovery: bytes) -> bytes:
        for slot in self.slots:
            if slot.kind == "recovery":
                kek = recovery_kek(raw_recovery, slot.salt)
                return unwrap(kek, slot.nonce, slot.ciphertext, self._aad("recovery", None))
        raise KeyFileInvalid("no recovery slot")


# ----------------------------------------------------------------- throttling
FREE_ATTEMPTS = 5
FIRST_DELAY = 30.0
MAX_DELAY = 900.0


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` consecutive failures: 5 free, then 30 s doubling."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY, FIRST_DELAY * float(2 ** (failures - FREE_ATTEMPTS)))


class AttemptLog:
    """Failed unlock attempts per login, persisted so a restart does not reset them.

    This only slows a person at the keyboard; an offline attacker faces the Argon2id cost.
    """

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock

    def _read(self) -> dict[str, dict[str, float]]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def retry_after(self, login: str) -> float:
        """Seconds before ``login`` may try again (0 when it may try now)."""
        entry = self._read().get(login)
        if not entry:
            return 0.0
        wait = delay_after(int(entry.get("failures", 0)))
        remaining = float(entry.get("last", 0.0)) + wait - self.clock()
        return max(0.0, remaining)

    def failures(self, login: str) -> int:
        """Consecutive failures recorded for ``login`` since its last success."""
        return int(self._read().get(login, {}).get("failures", 0))

    def failed(self, login: str) -> None:
        data = self._read()
        entry = data.get(login, {})
        data[login] = {"failures": int(entry.get("failures", 0)) + 1, "last": self.clock()}
        atomic_write(self.path, json.dumps(data).encode("utf-8"))

    def succeeded(self, login: str) -> None:
        data = self._read()
        if login in data:
            del data[login]
            atomic_write(self.path, json.dumps(data).encode("utf-8"))
