"""The desk's side of the legal-key exchange (``sync/PROTOCOL.md`` "Legal keys").

At every sync a desk computer tells the central server who its legal advisors are (the
public keys of their key-pair slots, with this store's id), and, while a legal advisor is
signed in, seals its legal key ring (``models.legal``) to whoever of the desk's other
computers and of MWC's legal staff lacks it. Rings other computers sealed to this
computer's advisors are written into those advisors' slots (``grant:<giver key id>``) and
join their ring at their next unlock (``OpenStore.settle_legal_key``). Nothing here sees a
legal key of another computer in clear: this module only moves sealed bytes.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from sqlalchemy import select

from models.crypto import seal_key
from models.errors import UnknownOperator
from models.keyfile import GRANT_PREFIX, MAX_GRANTS, is_sealed_ring, sealed_aad
from models.roles import LEGAL_ADVISOR
from models.schema import Meta, Operator
from models.store import OpenStore

ABSORBED_KEY = "legal.absorbed"  # grants already written into slots (meta, JSON list)


@dataclass(frozen=True)
class Recipient:
    """One of this computer's legal advisors, as the server lists them to the others."""

    login: str
    public: str  # base64
    store_id: str


@dataclass(frozen=True)
class Wanted:
    """Someone the server says lacks this computer's keys."""

    recipient: str
    kind: str  # advisor, staff
    login: str
    public: str
    store_id: str


@dataclass(frozen=True)
class Grant:
    """This computer's ring sealed to ``recipient``, or another's sealed to ``login``."""

    recipient: str
    login: str
    giver_key_id: str
    key_ids: tuple[str, ...]
    sealed: str  # base64


def recipients(store: OpenStore) -> list[Recipient]:
    """This computer's active legal advisors with a key-pair slot."""
    with store.session() as session:
        advisors = set(
            session.scalars(
                select(Operator.login).where(Operator.active, Operator.role == LEGAL_ADVISOR)
            )
        )
    keyfile = store.keyfile
    return [
        Recipient(slot.login, base64.b64encode(slot.public).decode("ascii"), keyfile.store_id)
        for slot in keyfile.slots
        if slot.kind == "operator" and slot.login in advisors and slot.public is not None
    ]


def ring_ids(store: OpenStore) -> list[str]:
    """The ids of the keys this computer can seal now (empty: no legal advisor signed in)."""
    ring = store.legal_keyring
    return ring.ids() if ring is not None else []


def seal_for(store: OpenStore, wanted: list[Wanted]) -> list[Grant]:
    """This computer's ring sealed to each wanted recipient (bound to their store, kind,
    login and this ring's first key)."""
    ring = store.legal_keyring
    if ring is None or not wanted:
        return []
    packed, ids = ring.packed(), ring.ids()
    grants = []
    for item in wanted:
        kind = "operator" if item.kind == "advisor" else "staff"
        aad = sealed_aad(item.store_id, kind, item.login, GRANT_PREFIX + ids[0])
        try:
            public = base64.b64decode(item.public, validate=True)
        except binascii.Error:
            continue
        sealed = seal_key(public, packed, aad)
        grants.append(
            Grant(
                recipient=item.recipient,
                login=item.login,
                giver_key_id=ids[0],
                key_ids=tuple(ids),
                sealed=base64.b64encode(sealed).decode("ascii"),
            )
        )
    return grants


def accept(store: OpenStore, grants: list[Grant]) -> int:
    """Write rings sealed to this computer's advisors into their slots; returns how many
    were new. A ring already written once is not written again (it may have been merged
    and removed since)."""
    with store.session() as session:
        row = session.get(Meta, ABSORBED_KEY)
        absorbed = set(json.loads(row.value)) if row is not None else set()
    keyfile = store.keyfile
    taken = []
    for grant in grants:
        mark = f"{grant.login}|{grant.giver_key_id}|{','.join(sorted(grant.key_ids))}"
        if mark in absorbed:
            continue
        try:
            slot = keyfile.operator_slot(grant.login)
            sealed = base64.b64decode(grant.sealed, validate=True)
        except (UnknownOperator, binascii.Error):  # an advisor gone since, or a bad answer
            continue
        # a ring of the wrong length would make the key file unreadable: never written
        if not (slot.has_key_pair and is_sealed_ring(sealed)):
            continue
        if len(keyfile.grants(slot)) >= MAX_GRANTS:
            continue
        slot.keys[GRANT_PREFIX + grant.giver_key_id] = sealed
        taken.append(mark)
    if taken:
        keyfile.save(store.files.keyfile_path, store.dek)
        with store.session() as session:
            session.merge(Meta(key=ABSORBED_KEY, value=json.dumps(sorted(absorbed | set(taken)))))
    return len(taken)
