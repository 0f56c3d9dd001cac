"""Field encryption under the legal key (AES-256-GCM), for legal-advisor-only content.

A sealed field is the text ``lk1:`` + base64url(nonce | ciphertext | tag); the additional
data binds the record id and the field name, so a sealed value moved to another record or
field fails to open. Not yet wired into the key file or the consultation services.
"""

from __future__ import annotations

import base64
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "lk1:"
KEY_BYTES = 32
NONCE_BYTES = 12


class LegalKeyError(Exception):
    """A sealed field did not open (wrong key, other record or field, or damaged)."""


def new_legal_key() -> bytes:
    return os.urandom(KEY_BYTES)


def _aad(record_id: str, field: str) -> bytes:
    return f"arco-legal|v1|{record_id}|{field}".encode()


def is_sealed(value: str) -> bool:
    return value.startswith(PREFIX)


def seal(key: bytes, record_id: str, field: str, plaintext: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    ct = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), _aad(record_id, field))
    return PREFIX + base64.urlsafe_b64encode(nonce + ct).decode("ascii")


def open_sealed(key: bytes, record_id: str, field: str, value: str) -> str:
    if not is_sealed(value):
        raise LegalKeyError("not a sealed field")
    try:
        raw = base64.urlsafe_b64decode(value[len(PREFIX) :].encode("ascii"))
        data = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(record_id, field))
    except Exception:
        raise LegalKeyError("sealed field did not open") from None
    return data.decode("utf-8")
