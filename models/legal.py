"""The legal key: consultation content that only legal advisors can decrypt.

Every operator's password opens the database key, so the database alone cannot keep legal
notes from a desk operator who reads the file with the database tools. The content of a
consultation (question, advice, outcome, why it was escalated: :data:`SEALED_FIELDS`) is
therefore encrypted once more, field by field, under a separate 256-bit **legal key**
(AES-256-GCM; the additional data binds the record id and the field name, so a sealed
value moved to another record or field fails to open). A sealed field is the text
``lk1:`` + base64url(nonce | ciphertext | tag). It is stored, captured in the outbox,
pushed, kept by the central server, pulled and kept in conflict records in that form: no
path but a legal advisor's unlocked session turns it back into text. The topic (a code of
the ``consultation_topic`` list) stays in clear: it is what the indicators count.

The legal key is sealed (``models.keyfile``) to the key-pair slot of every legal advisor
and to the recovery slot, never to another role's. It is created at the first unlock of a
legal advisor, and granted to a legal advisor who has not got it yet (a new one, or one
whose password an administrator reset) at the next unlock of any legal advisor who has it,
or by a password reset with the recovery key. Sealing to a slot needs only its public key,
so nobody but the holders ever sees the legal key.

Each store makes its own legal key and holds a *ring*: its own key first (it seals what is
written here) and the keys of the other computers of the same desk, which reach it through
the central server sealed to its legal advisors' public keys (``models.legal_grants``), so
that a consultation written on one laptop reads on the other. Content sealed under a key
not in the ring reads as unreadable (:data:`UNREADABLE`), never as an error.
"""

from __future__ import annotations

import base64
import hashlib
import math
import os
from collections.abc import Sequence
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from models.errors import StoreLocked

PREFIX = "lk1:"
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
SESSION_KEY = "legal_key"  # where an unlocked store puts the key holder in session.info

# The consultation fields that hold legal content (models.schema.Consultation).
SEALED_FIELDS = ("question", "advice", "outcome", "escalation_reason")
# What a reader gets for a sealed field whose key is not on this computer.
UNREADABLE = None
# The longest plaintext field (models.consultations) and the longest sealed text it makes:
# four UTF-8 bytes a character at worst, nonce and tag, base64.
MAX_PLAINTEXT = 20_000
MAX_SEALED_TEXT = len(PREFIX) + 4 * math.ceil((4 * MAX_PLAINTEXT + NONCE_BYTES + TAG_BYTES) / 3)
_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=")


class LegalKeyError(Exception):
    """A sealed field did not open (another key, another record or field, or damaged)."""


MAX_RING = 16  # legal keys a store may hold (its own and other computers' of the desk)


def key_id(key: bytes) -> str:
    """A legal key's public name (a hash: it tells nothing of the key)."""
    return hashlib.sha256(b"arco-legal-key-id|" + key).hexdigest()[:16]


def split_ring(packed: bytes) -> list[bytes]:
    """The keys of a packed ring (32 bytes each); ``ValueError`` for a malformed one."""
    if not packed or len(packed) % KEY_BYTES or len(packed) // KEY_BYTES > MAX_RING:
        raise ValueError("not a legal key ring")
    return [packed[i : i + KEY_BYTES] for i in range(0, len(packed), KEY_BYTES)]


def merge_rings(*packed: bytes | None) -> bytes:
    """The union of rings, in first-seen order (the first ring's first key leads)."""
    keys: list[bytes] = []
    for ring in packed:
        for key in split_ring(ring) if ring else []:
            if key not in keys:
                keys.append(key)
    return b"".join(keys[:MAX_RING])


class LegalKeyring:
    """The legal keys of an unlocked store, in one mutable buffer that lock wipes.

    The first key is this store's own: it seals what is written here. The others came
    from other computers of the desk (``models.legal_grants``): they open what was written
    there.
    """

    def __init__(self, packed: bytes) -> None:
        split_ring(packed)  # well formed
        self._packed = bytearray(packed)
        self._wiped = False

    def packed(self) -> bytes:
        if self._wiped:
            raise StoreLocked("store is locked")
        return bytes(self._packed)

    def keys(self) -> list[bytes]:
        return split_ring(self.packed())

    def primary(self) -> bytes:
        return self.keys()[0]

    def ids(self) -> list[str]:
        return [key_id(key) for key in self.keys()]

    def wipe(self) -> None:
        for i in range(len(self._packed)):
            self._packed[i] = 0
        self._wiped = True


def new_legal_key() -> bytes:
    return os.urandom(KEY_BYTES)


def _aad(record_id: str, field: str) -> bytes:
    return f"arco-legal|v1|{record_id}|{field}".encode()


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def looks_sealed(value: str) -> bool:
    """A well-formed sealed text (prefix, base64url, bounded): what the server accepts."""
    body = value[len(PREFIX) :]
    return (
        value.startswith(PREFIX)
        and len(value) <= MAX_SEALED_TEXT
        and len(body) % 4 == 0
        and set(body) <= _ALPHABET
    )


def seal(key: bytes, record_id: str, field: str, plaintext: str) -> str:
    """``plaintext`` sealed under ``key`` for ``field`` of record ``record_id``; the empty
    text stays empty (nothing to hide, and an erased field reads as blank)."""
    if plaintext == "":
        return ""
    nonce = os.urandom(NONCE_BYTES)
    ct = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), _aad(record_id, field))
    return PREFIX + base64.urlsafe_b64encode(nonce + ct).decode("ascii")


def open_sealed(key: bytes, record_id: str, field: str, value: str) -> str:
    """The text ``seal`` sealed; ``LegalKeyError`` when it does not open with ``key``."""
    if not is_sealed(value):
        raise LegalKeyError("not a sealed field")
    try:
        raw = base64.urlsafe_b64decode(value[len(PREFIX) :].encode("ascii"))
        data = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(record_id, field))
        return data.decode("utf-8")
    except Exception:
        raise LegalKeyError("sealed field did not open") from None


def key_of(session: Any) -> bytes | None:
    """The key that seals what is written in this session (the store's own legal key),
    when the signed-in operator holds it."""
    holder = session.info.get(SESSION_KEY)
    return holder.primary() if isinstance(holder, LegalKeyring) else None


def ring_of(session: Any) -> list[bytes]:
    """Every legal key the session may open content with (empty when none is at hand)."""
    holder = session.info.get(SESSION_KEY)
    return holder.keys() if isinstance(holder, LegalKeyring) else []


def read(keys: Sequence[bytes], record_id: str, field: str, value: str) -> str | None:
    """A legal field as its reader sees it: the text, or :data:`UNREADABLE` when it is
    sealed under no key at hand. Text stored before sealing existed reads as it is."""
    if not is_sealed(value):
        return value
    for key in keys:
        try:
            return open_sealed(key, record_id, field, value)
        except LegalKeyError:
            continue
    return UNREADABLE
