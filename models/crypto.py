"""Key derivation and key wrapping for the desk store.

The database key (DEK) is 32 random bytes. It is never stored in clear: each operator's
key slot holds it encrypted with AES-256-GCM under a key derived from the operator's
password with Argon2id, and one more slot holds it under the recovery key shown once at
desk set-up. A wrong password fails the GCM tag check before the database is touched.

Since key file version 3 a slot's secret opens a *key pair* (X25519), and the database key
is sealed to the slot's public key: whoever holds the database key can seal a new one to
every slot without knowing any slot's secret, which is what lets a rekey keep every
remaining operator working (``models.keyfile``).
"""

from __future__ import annotations

import base64
import hmac
import os
import secrets
import time
from dataclasses import asdict, dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from models.errors import KeyFileTampered, WrongPassword

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters, stored beside each slot so they can be raised later."""

    memory_kib: int = 262_144  # 256 MiB: about 0.5 s on the reference 2-core machine
    iterations: int = 3
    lanes: int = 4

    def to_dict(self) -> dict[str, int | str]:
        return {"alg": "argon2id", **asdict(self)}

    @classmethod
    def from_dict(cls, data: object) -> KdfParams:
        """Exactly ``{"alg": "argon2id", "memory_kib", "iterations", "lanes"}``, integers."""
        if not isinstance(data, dict) or set(data) != {"alg", *_KDF_FIELDS}:
            raise ValueError("unexpected kdf fields")
        if data["alg"] != "argon2id":
            raise ValueError("unsupported kdf")
        values = [data[name] for name in _KDF_FIELDS]
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            raise ValueError("kdf parameters are not integers")
        return cls(*values)

    def within(self, low: KdfParams, high: KdfParams) -> bool:
        return all(
            getattr(low, name) <= getattr(self, name) <= getattr(high, name) for name in _KDF_FIELDS
        )

    def at_least(self, floor: KdfParams) -> bool:
        """As costly as ``floor`` for an attacker: memory and passes (lanes add no cost)."""
        return self.memory_kib >= floor.memory_kib and self.iterations >= floor.iterations


_KDF_FIELDS = ("memory_kib", "iterations", "lanes")

# Production default, chosen by ``calibrate`` on the reference 2-core machine (see README).
DEFAULT_KDF = KdfParams()
# RFC 9106's second recommendation: no new key slot is ever written below it, except by
# the test harness, which lowers the store's floor (``DeskStore.kdf_floor``) for speed.
MINIMUM_KDF = KdfParams(memory_kib=65_536, iterations=3, lanes=4)

# Every slot read must lie inside these bounds before any key is derived from it: a raised
# cost would hang the unlock (1 GiB and 10 passes, the most we accept, took 19.5 s on the
# 2-core machine where the default took 1.6 s), and a slot outside them is a damaged or
# altered key file, not a wrong password. The
# lower bound is the test suite's fast parameters: reading a weaker slot gives an attacker
# nothing (its key-encryption key cannot be derived without the password either), and it
# keeps the suite's stores readable by the production command line.
KDF_READ_MIN = KdfParams(memory_kib=1024, iterations=1, lanes=1)
KDF_READ_MAX = KdfParams(memory_kib=1_048_576, iterations=10, lanes=8)


def derive_kek(password: str, salt: bytes, params: KdfParams) -> bytes:
    """Derive a key-encryption key from an operator password."""
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(password.encode("utf-8"))


def calibrate(target_seconds: float = 0.6, floor: KdfParams = MINIMUM_KDF) -> KdfParams:
    """Pick the largest memory cost (doubling from ``floor``) that stays near the target."""
    params = floor
    while True:
        start = time.perf_counter()
        derive_kek("calibration", os.urandom(SALT_BYTES), params)
        took = time.perf_counter() - start
        doubled = KdfParams(params.memory_kib * 2, params.iterations, params.lanes)
        if took * 2 > target_seconds or doubled.memory_kib > 1_048_576:
            return params
        params = doubled


def wrap(kek: bytes, secret: bytes, aad: bytes) -> tuple[bytes, bytes]:
    """Encrypt ``secret`` under ``kek``; returns (nonce, ciphertext with tag)."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(kek).encrypt(nonce, secret, aad)


def unwrap(kek: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
    """Decrypt a wrapped secret; a wrong key or altered slot raises ``WrongPassword``."""
    try:
        return AESGCM(kek).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        raise WrongPassword("key slot did not open") from None


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


# ----------------------------------------------------------------- sealed keys
PUBLIC_BYTES = 32
SEALED_BYTES = PUBLIC_BYTES + NONCE_BYTES + KEY_BYTES + 16  # ephemeral key, nonce, key, tag


def new_key_pair() -> tuple[bytes, bytes]:
    """A fresh X25519 key pair as raw bytes: (private, public)."""
    private = X25519PrivateKey.generate()
    return private.private_bytes_raw(), private.public_key().public_bytes_raw()


def _sealing_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=None,
        info=b"arco-sealed-key|" + ephemeral + recipient,
    ).derive(shared)


def seal_key(recipient_public: bytes, secret: bytes, aad: bytes) -> bytes:
    """Encrypt ``secret`` so that only the holder of the matching private key opens it
    (ephemeral X25519, HKDF-SHA256, AES-256-GCM): ephemeral public | nonce | ciphertext."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    nonce = os.urandom(NONCE_BYTES)
    key = _sealing_key(shared, ephemeral_public, recipient_public)
    return ephemeral_public + nonce + AESGCM(key).encrypt(nonce, secret, aad)


def open_sealed_key(private: bytes, sealed: bytes, aad: bytes) -> bytes:
    """The secret ``seal_key`` sealed to ``private``'s public key.

    Only called once the private key itself opened (its own GCM tag passed), so a sealed
    key that does not open was altered or swapped: ``KeyFileTampered``.
    """
    own = X25519PrivateKey.from_private_bytes(private)
    recipient_public = own.public_key().public_bytes_raw()
    ephemeral_public = sealed[:PUBLIC_BYTES]
    nonce = sealed[PUBLIC_BYTES : PUBLIC_BYTES + NONCE_BYTES]
    try:
        shared = own.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        key = _sealing_key(shared, ephemeral_public, recipient_public)
        return AESGCM(key).decrypt(nonce, sealed[PUBLIC_BYTES + NONCE_BYTES :], aad)
    except (InvalidTag, ValueError):
        raise KeyFileTampered("sealed key did not open") from None


def public_of(private: bytes) -> bytes:
    """The public key of a raw X25519 private key."""
    return X25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw()


# ----------------------------------------------------------------- recovery key
# Crockford-style base32 without padding, in groups of four: easy to read aloud and to
# type back, with the ambiguous letters folded on input.
_RECOVERY_GROUP = 4


def format_recovery_key(raw: bytes) -> str:
    """Render 32 random bytes as ``XXXX-XXXX-…`` (13 groups) for printing."""
    text = base64.b32encode(raw).decode("ascii").rstrip("=")
    return "-".join(text[i : i + _RECOVERY_GROUP] for i in range(0, len(text), _RECOVERY_GROUP))


def parse_recovery_key(text: str) -> bytes:
    """Accept what a person types back: any case, spaces or dashes, 0/O and 1/I/L folded."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    padded = cleaned + "=" * (-len(cleaned) % 8)
    try:
        raw = base64.b32decode(padded)
    except ValueError:
        raise WrongPassword("recovery key is not well formed") from None
    if len(raw) != KEY_BYTES:
        raise WrongPassword("recovery key has the wrong length")
    return raw


def recovery_kek(raw_recovery: bytes, salt: bytes) -> bytes:
    """The recovery key has full entropy, so HKDF is enough (no password stretching)."""
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"arco-recovery-slot"
    ).derive(raw_recovery)


def key_file_mac_key(dek: bytes, store_id: str) -> bytes:
    """The key of the key file's MAC: derived from the database key, so only someone who
    opened a slot can make or check it, and bound to the store."""
    return HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=None,
        info=b"arco-keyfile-mac|" + store_id.encode("utf-8"),
    ).derive(dek)


def mac(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, "sha256").digest()


def constant_time_equal(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)
