"""The key file beside the database.

Format version 3 (JSON, UTF-8), documented in README "Files in the data folder"::

    {
      "format": "arco-desk-keyfile",
      "version": 3,
      "store_id": "<uuid>",          # binds every slot and the MAC to this one database
      "desk": "acli",
      "created_at": "2026-11-22T21:00:00Z",
      "slots": [
        {"kind": "operator", "login": "anna",
         "kdf": {"alg": "argon2id", "memory_kib": 262144, "iterations": 3, "lanes": 4},
         "salt": "<b64>", "nonce": "<b64>", "ciphertext": "<b64 wrapped private key>",
         "public": "<b64 X25519 public key>", "keys": {"database": "<b64 sealed key>"},
         "aad": 3},
        {"kind": "recovery", "salt": "<b64>", "nonce": "<b64>", "ciphertext": "<b64>",
         "public": "<b64>", "keys": {"database": "<b64>"}, "aad": 3}
      ],
      "digest": "<b64 SHA-256 of the body>",
      "mac": "<b64 HMAC-SHA256 of the body>"
    }

Each slot's secret (the operator's password through Argon2id, the recovery key through
HKDF) unwraps the slot's X25519 private key; the database key is *sealed* to the slot's
public key (``crypto.seal_key``). Sealing needs no secret of the slot, so a rekey seals the
new database key to every remaining operator and to the recovery key: nobody re-enters
or is given a password, and every earlier copy of the file (and every backup's) holds only
the old key. A password change makes a new key pair, so the old password with an old copy
of the file opens nothing sealed after the change.

The *body* is every field but ``digest`` and ``mac``, serialised canonically (sorted keys,
no spaces, ASCII). Three checks, in this order:

1. **At load, before any key is derived**: the structure (one recovery slot, at least one
   operator slot, logins unique, salts, nonces and wrapped keys of the right length), the
   Argon2id parameters inside fixed bounds (``crypto.KDF_READ_MIN``..``KDF_READ_MAX``) and
   the ``digest``. Any failure is ``KeyFileInvalid`` (a damaged file): it never counts as
   a failed sign-in and never costs an Argon2id run, however the parameters were changed.
2. **Opening a slot**: AES-256-GCM with additional data binding the slot to the store id,
   its kind, its login and (``"aad": 2``) its KDF parameters. A wrong secret fails here
   (``WrongPassword``).
3. **After a slot opened**: the ``mac``, keyed by a key derived from the database key, so
   it cannot be recomputed without a secret. A removed slot (the recovery slot, another
   operator's), an added one or changed parameters that the digest did not catch (someone
   recomputed it) fail here: ``KeyFileTampered``, and nothing is written.

Versions 1 (without ``digest``, ``mac`` and ``aad``; slots bound to store id, kind and
login only) and 2 (slots wrapping the database key itself, ``"aad": 2``) are still read,
and upgraded at the next successful unlock: the file is rewritten as version 3 with its
digest and MAC, and the unlocking slot becomes a key-pair slot under the same derived key.
Slots whose secret is not at hand (other operators, the recovery key) keep their binding
until their own next use; the MAC covers them anyway. A rekey cannot seal to such a slot:
it drops it and names its login (an admin sets that operator a new password).

What no check can tell apart: someone who rewrites the file, recomputing the digest, with
lowered parameters *on the slot being opened* makes that slot fail like a wrong password
(the key derived is different either way). The file's MAC then fails at the next unlock
with any other slot, and ``verify`` reports it.

It holds no personal data of the people served: only the desk id, operator logins, public
keys and wrapped copies of private and database keys. It is always replaced atomically
(temporary file, fsync, rename), so a crash leaves either the old or the new file, never
half of one.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.crypto import (
    KDF_READ_MAX,
    KDF_READ_MIN,
    KEY_BYTES,
    NONCE_BYTES,
    PUBLIC_BYTES,
    SALT_BYTES,
    SEALED_BYTES,
    KdfParams,
    constant_time_equal,
    derive_kek,
    key_file_mac_key,
    mac,
    new_key_pair,
    open_sealed_key,
    recovery_kek,
    seal_key,
    unwrap,
    wrap,
)
from models.errors import (
    KeyFileInvalid,
    KeyFileMissing,
    KeyFileTampered,
    KeyFileTooNew,
    UnknownOperator,
)
from models.legal import MAX_RING

FORMAT = "arco-desk-keyfile"
VERSION = 3
_WRAPPED_BYTES = KEY_BYTES + 16  # a 32-byte key (database or private) and the GCM tag
DATABASE = "database"  # the name of the sealed database key in a slot's "keys"
LEGAL = "legal"  # the legal key ring (models.legal): legal advisors' and the recovery slot
# A legal key ring another computer of the desk sealed to this slot, waiting for the slot's
# next opening to join its ring (models.legal_grants): "grant:" + the giver's key id.
GRANT_PREFIX = "grant:"
_GRANT_NAME = re.compile(r"grant:[0-9a-f]{16}")
MAX_GRANTS = 8
_SEAL_OVERHEAD = SEALED_BYTES - KEY_BYTES  # ephemeral key, nonce and tag around the keys


def is_sealed_ring(raw: bytes) -> bool:
    """Whether ``raw`` has the length of a sealed ring of 1 to ``MAX_RING`` keys."""
    keys, rest = divmod(len(raw) - _SEAL_OVERHEAD, KEY_BYTES)
    return not rest and 1 <= keys <= MAX_RING


def _sealed_ring(value: object) -> bytes:
    raw = _unb64(value)
    if not is_sealed_ring(raw):
        raise KeyFileInvalid("sealed key ring has the wrong length")
    return raw


_SEALS = ("digest", "mac")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, length: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise KeyFileInvalid("slot field is not text")
    try:
        data = base64.b64decode(text, validate=True)
    except ValueError:
        raise KeyFileInvalid("slot field is not base64") from None
    if length is not None and len(data) != length:
        raise KeyFileInvalid("slot field has the wrong length")
    return data


def canonical(body: dict[str, Any]) -> bytes:
    """The bytes the digest and the MAC are computed over."""
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def body_digest(body: dict[str, Any]) -> str:
    """The ``digest`` field of a key file whose other fields are ``body``."""
    return _b64(hashlib.sha256(canonical(body)).digest())


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


def slot_aad(
    store_id: str,
    slot_version: int,
    kind: str,
    login: str | None,
    kdf: KdfParams | None,
    public: bytes | None = None,
) -> bytes:
    """The AES-GCM additional data of a slot: version 2 binds the KDF parameters too, and
    version 3 also the slot's public key."""
    if slot_version == 1:
        return f"arco-slot|v1|{store_id}|{kind}|{login or ''}".encode()
    binding: list[Any] = [
        "arco-slot",
        slot_version,
        store_id,
        kind,
        login or "",
        kdf.to_dict() if kdf else None,
    ]
    if slot_version >= 3:
        binding.append(_b64(public or b""))
    return canonical({"binding": binding})


def sealed_aad(store_id: str, kind: str, login: str | None, name: str) -> bytes:
    """The additional data of a key sealed to a slot: a sealed key moved to another slot,
    store or name does not open."""
    return canonical({"sealed": ["arco-sealed", 3, store_id, kind, login or "", name]})


@dataclass
class Slot:
    """One way into the store. Since version 3 (``aad == 3``) the slot's secret (a
    password or the recovery key) opens a private key, ``ciphertext``, and the database
    key is sealed to the matching ``public`` key in ``keys``. A slot carried over from
    version 1 or 2 (``aad`` 1 or 2) wraps the database key itself, until its next use."""

    kind: str  # "operator" or "recovery"
    salt: bytes
    nonce: bytes
    ciphertext: bytes
    login: str | None = None
    kdf: KdfParams | None = None
    aad: int = VERSION
    public: bytes | None = None
    keys: dict[str, bytes] = field(default_factory=dict)

    @property
    def has_key_pair(self) -> bool:
        return self.aad >= 3

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        if self.login is not None:
            data["login"] = self.login
        if self.kdf is not None:
            data["kdf"] = self.kdf.to_dict()
        data.update(salt=_b64(self.salt), nonce=_b64(self.nonce), ciphertext=_b64(self.ciphertext))
        if self.has_key_pair:
            data["public"] = _b64(self.public or b"")
            data["keys"] = {name: _b64(sealed) for name, sealed in sorted(self.keys.items())}
        data["aad"] = self.aad
        return data

    @classmethod
    def from_dict(cls, data: object, version: int) -> Slot:
        if not isinstance(data, dict) or data.get("kind") not in ("operator", "recovery"):
            raise KeyFileInvalid("unknown slot kind")
        kind = data["kind"]
        login = data.get("login")
        kdf = None
        if kind == "operator":
            if not isinstance(login, str) or not login:
                raise KeyFileInvalid("operator slot without login")
            try:
                kdf = KdfParams.from_dict(data.get("kdf"))
            except ValueError:
                raise KeyFileInvalid("operator slot with bad kdf parameters") from None
            if not kdf.within(KDF_READ_MIN, KDF_READ_MAX):
                raise KeyFileInvalid("operator slot with kdf parameters out of bounds")
        elif "login" in data or "kdf" in data:
            raise KeyFileInvalid("recovery slot with operator fields")
        aad = data.get("aad") if version >= 2 else 1
        if not isinstance(aad, int) or isinstance(aad, bool) or not 1 <= aad <= version:
            raise KeyFileInvalid("slot with an unknown binding")
        public, keys = None, {}
        if aad >= 3:
            public = _unb64(data.get("public"), PUBLIC_BYTES)
            sealed = data.get("keys")
            if not isinstance(sealed, dict) or DATABASE not in sealed:
                raise KeyFileInvalid("slot without its sealed database key")
            grants = [name for name in sealed if _GRANT_NAME.fullmatch(name)]
            if not set(sealed) - set(grants) <= {DATABASE, LEGAL} or len(grants) > MAX_GRANTS:
                raise KeyFileInvalid("slot with an unknown sealed key")
            keys = {
                name: _unb64(value, SEALED_BYTES) if name == DATABASE else _sealed_ring(value)
                for name, value in sealed.items()
            }
        elif "public" in data or "keys" in data:
            raise KeyFileInvalid("slot with key-pair fields and an older binding")
        return cls(
            kind=kind,
            login=login if kind == "operator" else None,
            kdf=kdf,
            salt=_unb64(data.get("salt"), SALT_BYTES),
            nonce=_unb64(data.get("nonce"), NONCE_BYTES),
            ciphertext=_unb64(data.get("ciphertext"), _WRAPPED_BYTES),
            aad=int(aad),
            public=public,
            keys=keys,
        )


@dataclass
class KeyFile:
    store_id: str
    desk: str
    created_at: str
    slots: list[Slot] = field(default_factory=list)
    # The format version it was read in (a new file is written in the current one).
    version: int = VERSION
    # Body and MAC as last read or written: what ``check_mac`` compares against.
    _sealed_body: bytes | None = field(default=None, repr=False)
    _sealed_mac: bytes | None = field(default=None, repr=False)
    # Something (an upgrade) changed the file in memory: the store saves it after unlock.
    needs_save: bool = False
    # The central server revoked this computer: no operator slot is left, only the
    # recovery slot opens the store (``OpenStore.revoke_device``).
    revoked: bool = False

    # ------------------------------------------------------------- persistence
    @classmethod
    def load(cls, path: Path, require_slots: bool = True) -> KeyFile:
        """Read and check ``path`` (see the module docstring, check 1).

        ``require_slots=False`` leaves the required slots to the caller (``verify`` names
        what is missing instead of refusing the file).
        """
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise KeyFileMissing(str(path.name)) from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise KeyFileInvalid("not JSON") from None
        return cls.from_data(data, require_slots)

    @classmethod
    def from_data(cls, data: object, require_slots: bool = True) -> KeyFile:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise KeyFileInvalid("not an ARCO Desk key file")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise KeyFileInvalid("no version")
        if version > VERSION:
            raise KeyFileTooNew(f"key file version {version}")
        body = {k: v for k, v in data.items() if k not in _SEALS}
        sealed_mac = None
        if version >= 2:
            digest, tag = data.get("digest"), data.get("mac")
            if not isinstance(digest, str) or not isinstance(tag, str):
                raise KeyFileInvalid("no digest or mac")
            if not constant_time_equal(digest.encode(), body_digest(body).encode()):
                raise KeyFileInvalid("digest does not match")
            sealed_mac = _unb64(tag, 32)
        slots = data.get("slots")
        if not isinstance(slots, list):
            raise KeyFileInvalid("no slots")
        for name in ("store_id", "desk", "created_at"):
            if not isinstance(data.get(name), str):
                raise KeyFileInvalid(f"no {name}")
        revoked = data.get("revoked", False)
        if not isinstance(revoked, bool) or (revoked and version < 3):
            raise KeyFileInvalid("bad revoked mark")
        keyfile = cls(
            store_id=data["store_id"],
            desk=data["desk"],
            created_at=data["created_at"],
            slots=[Slot.from_dict(s, version) for s in slots],
            version=version,
            _sealed_body=canonical(body) if version >= 2 else None,
            _sealed_mac=sealed_mac,
            needs_save=version < VERSION,
            revoked=revoked,
        )
        if require_slots:
            keyfile._check_required_slots()
        return keyfile

    def slot_problems(self) -> list[str]:
        """What is missing or doubled among the slots, as codes (empty when fine)."""
        problems = []
        if not any(s.kind == "recovery" for s in self.slots):
            problems.append("no_recovery_slot")
        elif sum(1 for s in self.slots if s.kind == "recovery") > 1:
            problems.append("two_recovery_slots")
        logins = [s.login for s in self.slots if s.kind == "operator"]
        if not logins and not self.revoked:
            problems.append("no_operator_slot")
        if logins and self.revoked:
            problems.append("operator_slot_after_revocation")
        if len(set(logins)) != len(logins):
            problems.append("two_slots_for_one_login")
        return problems

    def _check_required_slots(self) -> None:
        """One recovery slot, one slot per login, at least one operator slot (none at all
        once revoked)."""
        problems = self.slot_problems()
        if problems:
            raise KeyFileInvalid(f"required slots: {problems[0]}")

    def body(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "store_id": self.store_id,
            "desk": self.desk,
            "created_at": self.created_at,
            "slots": [s.to_dict() for s in self.slots],
            **({"revoked": True} if self.revoked else {}),
        }

    def save(self, path: Path, dek: bytes) -> None:
        """Write the file (current version) with its digest and its MAC under ``dek``."""
        self._check_required_slots()
        body = self.body()
        sealed = canonical(body)
        tag = mac(key_file_mac_key(dek, self.store_id), sealed)
        data = {**body, "digest": body_digest(body), "mac": _b64(tag)}
        atomic_write(path, (json.dumps(data, indent=2) + "\n").encode("utf-8"))
        self.version, self._sealed_body, self._sealed_mac = VERSION, sealed, tag
        self.needs_save = False

    def check_mac(self, dek: bytes) -> None:
        """``KeyFileTampered`` unless the file read is the one ARCO Desk wrote under ``dek``.

        A version-1 file has no MAC (nothing to check; it is upgraded after the unlock), and
        neither does a file made in memory and not saved yet.
        """
        if self._sealed_body is None or self._sealed_mac is None:
            return
        expected = mac(key_file_mac_key(dek, self.store_id), self._sealed_body)
        if not constant_time_equal(expected, self._sealed_mac):
            raise KeyFileTampered("key file mac does not match")

    # ------------------------------------------------------------- slots
    def logins(self) -> list[str]:
        return sorted(s.login for s in self.slots if s.kind == "operator" and s.login)

    def operator_slot(self, login: str) -> Slot:
        for slot in self.slots:
            if slot.kind == "operator" and slot.login == login:
                return slot
        raise UnknownOperator("no key slot for this login")

    def recovery_slot(self) -> Slot:
        for slot in self.slots:
            if slot.kind == "recovery":
                return slot
        raise KeyFileInvalid("no recovery slot")

    def _slot_aad(self, slot: Slot) -> bytes:
        return slot_aad(self.store_id, slot.aad, slot.kind, slot.login, slot.kdf, slot.public)

    def _sealed_aad(self, slot: Slot, name: str) -> bytes:
        return sealed_aad(self.store_id, slot.kind, slot.login, name)

    def _new_slot(
        self, kind: str, login: str | None, kdf: KdfParams | None, salt: bytes, kek: bytes
    ) -> Slot:
        """A version-3 slot with a fresh key pair, its private key wrapped under ``kek``
        (the caller seals keys to it)."""
        private, public = new_key_pair()
        slot = Slot(kind, salt, b"", b"", login=login, kdf=kdf, public=public)
        slot.nonce, slot.ciphertext = wrap(kek, private, self._slot_aad(slot))
        return slot

    def seal_to(self, slot: Slot, name: str, secret: bytes) -> None:
        """Seal ``secret`` under ``name`` to ``slot``'s public key (no secret of it needed)."""
        assert slot.public is not None
        slot.keys[name] = seal_key(slot.public, secret, self._sealed_aad(slot, name))

    def _replace(self, old: Slot | None, new: Slot) -> None:
        self.slots = [s for s in self.slots if s is not old]
        self.slots.append(new)

    def set_operator_slot(
        self, login: str, password: str, dek: bytes, kdf: KdfParams, legal: bytes | None = None
    ) -> None:
        """Add or replace the slot of ``login``: a fresh salt and key pair on every change of
        password, so a copy of the old file and the old password open nothing sealed later.
        ``legal``: the legal key, for a legal advisor's slot when it is at hand."""
        if not kdf.within(KDF_READ_MIN, KDF_READ_MAX):
            raise ValueError("Argon2id parameters outside the readable bounds")
        salt = os.urandom(SALT_BYTES)
        slot = self._new_slot("operator", login, kdf, salt, derive_kek(password, salt, kdf))
        self.seal_to(slot, DATABASE, dek)
        if legal is not None:
            self.seal_to(slot, LEGAL, legal)
        self.remove_operator_slot(login)
        self.slots.append(slot)

    def remove_operator_slot(self, login: str) -> None:
        self.slots = [s for s in self.slots if not (s.kind == "operator" and s.login == login)]

    def open_operator_slot(self, login: str, password: str) -> bytes:
        """The database key from ``login``'s slot; ``WrongPassword`` or ``KeyFileTampered``.

        A slot from version 1 or 2 is replaced in memory by a version-3 slot under the same
        derived key (no second Argon2id run); ``needs_save`` tells the store to write it.
        """
        return self.open_operator_keys(login, password)[DATABASE]

    def open_operator_keys(self, login: str, password: str) -> dict[str, bytes]:
        """Every key sealed to ``login``'s slot: the database key, and the legal key for a
        legal advisor who holds it."""
        slot = self.operator_slot(login)
        assert slot.kdf is not None
        return self._open(slot, derive_kek(password, slot.salt, slot.kdf))

    def set_recovery_slot(
        self, raw_recovery: bytes, dek: bytes, legal: bytes | None = None
    ) -> None:
        salt = os.urandom(SALT_BYTES)
        slot = self._new_slot("recovery", None, None, salt, recovery_kek(raw_recovery, salt))
        self.seal_to(slot, DATABASE, dek)
        if legal is not None:
            self.seal_to(slot, LEGAL, legal)
        self.slots = [s for s in self.slots if s.kind != "recovery"]
        self.slots.append(slot)

    def open_recovery_slot(self, raw_recovery: bytes) -> bytes:
        return self.open_recovery_keys(raw_recovery)[DATABASE]

    def open_recovery_keys(self, raw_recovery: bytes) -> dict[str, bytes]:
        slot = self.recovery_slot()
        return self._open(slot, recovery_kek(raw_recovery, slot.salt))

    def _open(self, slot: Slot, kek: bytes) -> dict[str, bytes]:
        opened = unwrap(kek, slot.nonce, slot.ciphertext, self._slot_aad(slot))
        if not slot.has_key_pair:
            dek = opened
            self.check_mac(dek)
            upgraded = self._new_slot(slot.kind, slot.login, slot.kdf, slot.salt, kek)
            self.seal_to(upgraded, DATABASE, dek)
            self._replace(slot, upgraded)
            self.needs_save = True
            return {DATABASE: dek}
        keys = {
            DATABASE: open_sealed_key(opened, slot.keys[DATABASE], self._sealed_aad(slot, DATABASE))
        }
        self.check_mac(keys[DATABASE])
        for name, sealed in slot.keys.items():
            if name == LEGAL:
                keys[name] = open_sealed_key(opened, sealed, self._sealed_aad(slot, name))
            elif name != DATABASE:
                # a ring another computer sealed: one that does not open (sealed to an older
                # key pair of this slot) is left out, never a reason to refuse the unlock
                with contextlib.suppress(KeyFileTampered):
                    keys[name] = open_sealed_key(opened, sealed, self._sealed_aad(slot, name))
        return keys

    def grants(self, slot: Slot) -> list[str]:
        """The names of the key rings granted to ``slot`` and not yet merged."""
        return [name for name in slot.keys if name.startswith(GRANT_PREFIX)]

    def legal_key_exists(self) -> bool:
        """The recovery slot holds every legal key ever made (or a grant is pending)."""
        return any(LEGAL in s.keys for s in self.slots)

    def reseal(self, dek: bytes, active: set[str]) -> list[str]:
        """Seal a new database key ``dek`` to every key-pair slot of the ``active`` logins
        and to the recovery slot (a rekey); returns the logins whose slot was dropped:
        inactive ones, and slots from before version 3, which have no public key. A
        recovery slot from before version 3 is dropped too: the caller sets a new one."""
        kept, dropped = [], []
        for slot in self.slots:
            usable = slot.has_key_pair and (slot.kind == "recovery" or slot.login in active)
            if usable:
                self.seal_to(slot, DATABASE, dek)
                kept.append(slot)
            elif slot.kind == "operator" and slot.login:
                dropped.append(slot.login)
        self.slots = kept
        return sorted(dropped)
