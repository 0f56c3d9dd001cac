"""The central server relays desk legal keys, sealed, and never holds one in clear.

Each desk computer makes its own legal key (``models.legal``). For a consultation written
on one laptop to read on another laptop of the same desk, and for MWC's legal staff to read
the consultations escalated to them, the computer that holds a ring of legal keys seals it
to the public key of everyone who should hold it. The server is the directory and the
letterbox (``sync/PROTOCOL.md`` "Legal keys"):

- at every sync a desk computer lists its legal advisors' public keys (the key-pair slots
  of its key file, with its store id: a sealed ring is bound to both) and, while a legal
  advisor is signed in, the ids of the keys it can seal;
- the server answers with who of the desk (the other computers' legal advisors) and of
  MWC's legal service lacks one of those keys (``wanted``), and with the rings sealed to
  the caller's own advisors (``grants``); the computer seals its ring to each wanted
  recipient in a second call.

An MWC legal staff member's key pair is made at their first signed-in request, its private
key wrapped under a key derived with scrypt from their password
(:class:`~sync.server.schema.StaffLegalKey`): the database alone opens no ring. Reading an
escalated consultation (``consultation_for_staff``) unwraps it with the password of that
request, opens the ring its desk granted and opens the sealed fields: in memory, for that
answer only.

What this trusts: the server process itself (a server changed by an attacker could list a
public key of its own as wanted, and be sealed the ring at the next sync of a legal
advisor; or keep a staff member's password as it passes). A copy of the database, or of
its backups, holds public keys and sealed rings only.
"""

from __future__ import annotations

import base64
import hashlib
import secrets

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models import legal
from models.crypto import new_key_pair, open_sealed_key
from models.errors import KeyFileTampered
from models.keyfile import GRANT_PREFIX, sealed_aad
from models.referrals import ESCALATION_SERVICE
from sync.protocol import (
    GrantedRing,
    LegalKeysRequest,
    LegalKeysResponse,
    LegalWanted,
    StaffConsultation,
)
from sync.server import audit, credentials
from sync.server.errors import Forbidden, NotFound, Refused
from sync.server.schema import (
    Device,
    LegalGrant,
    LegalRecipient,
    Record,
    StaffLegalKey,
    StaffUser,
)
from sync.server.writes import utcnow

ADVISOR, STAFF = "advisor", "staff"
CENTRAL_STORE = "central"  # the store id a staff member's ring is bound to


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def advisor_id(device_id: str, login: str) -> str:
    return f"device:{device_id}:{login}"


def staff_id(login: str) -> str:
    return f"staff:{login}"


def is_legal_staff(user: StaffUser) -> bool:
    """MWC staff of the second-level legal service: they read escalated consultations."""
    return user.role == "mwc_staff" and ESCALATION_SERVICE in (user.services or [])


# ===================================================================== desks
def exchange(session: Session, device: Device, request: LegalKeysRequest) -> LegalKeysResponse:
    """One computer's legal-key exchange at a sync (see the module docstring)."""
    now = utcnow()
    _register_advisors(session, device, request, now)
    stored = _store_grants(session, device, request, now)
    wanted = _wanted(session, device, request.key_ids)
    mine = {advisor_id(device.id, r.login): r.login for r in request.recipients}
    rows = session.scalars(select(LegalGrant).where(LegalGrant.recipient_id.in_(list(mine))))
    grants = [
        GrantedRing(
            login=mine[row.recipient_id],
            giver_key_id=row.giver_key_id,
            key_ids=list(row.key_ids),
            sealed=row.sealed,
        )
        for row in rows
        if row.giver_device != device.id
    ]
    if stored:
        audit.record(
            session, audit.DEVICE, device.id, "legal_keys_granted",
            desk=device.desk, detail=str(stored),
        )  # fmt: skip
    return LegalKeysResponse(wanted=wanted, grants=grants)


def _register_advisors(
    session: Session, device: Device, request: LegalKeysRequest, now: object
) -> None:
    """The caller's legal advisors, as it reported them now: a changed public key (a new
    password) voids that recipient's grants; one no longer reported is removed."""
    existing = {
        row.id: row
        for row in session.scalars(
            select(LegalRecipient).where(LegalRecipient.device_id == device.id)
        )
    }
    reported = set()
    for item in request.recipients:
        rid = advisor_id(device.id, item.login)
        reported.add(rid)
        row = existing.get(rid)
        if row is not None and (row.public, row.store_id) == (item.public, item.store_id):
            continue
        session.execute(delete(LegalGrant).where(LegalGrant.recipient_id == rid))
        if row is None:
            row = LegalRecipient(id=rid, kind=ADVISOR, desk=device.desk, device_id=device.id)
            session.add(row)
        row.login, row.public, row.store_id = item.login, item.public, item.store_id
        row.updated_at = now  # type: ignore[assignment]
    for rid, row in existing.items():
        if rid not in reported:
            session.execute(delete(LegalGrant).where(LegalGrant.recipient_id == rid))
            session.delete(row)


def _recipients_for(session: Session, device: Device) -> dict[str, LegalRecipient]:
    """Who may be granted the caller's keys: the other computers' legal advisors of its
    desk, and MWC's legal staff."""
    stmt = select(LegalRecipient).where(
        ((LegalRecipient.desk == device.desk) & (LegalRecipient.device_id != device.id))
        | (LegalRecipient.kind == STAFF)
    )
    return {row.id: row for row in session.scalars(stmt)}


def _store_grants(session: Session, device: Device, request: LegalKeysRequest, now: object) -> int:
    recipients = _recipients_for(session, device)
    for grant in request.grants:
        if grant.recipient not in recipients:
            raise Refused("recipient_unknown", "a grant for a recipient this desk may not seal to")
        if grant.giver_key_id not in grant.key_ids:
            raise Refused("grant_invalid", "the giver's key is not in the ring it sealed")
        row = session.get(LegalGrant, (grant.recipient, grant.giver_key_id))
        if row is None:
            row = LegalGrant(recipient_id=grant.recipient, giver_key_id=grant.giver_key_id)
            session.add(row)
        row.desk, row.giver_device, row.created_at = device.desk, device.id, now  # type: ignore[assignment]
        row.key_ids, row.sealed = list(grant.key_ids), grant.sealed
    return len(request.grants)


def _wanted(session: Session, device: Device, key_ids: list[str]) -> list[LegalWanted]:
    if not key_ids:
        return []
    recipients = _recipients_for(session, device)
    held: dict[str, set[str]] = {rid: set() for rid in recipients}
    for row in session.scalars(
        select(LegalGrant).where(LegalGrant.recipient_id.in_(list(recipients)))
    ):
        held[row.recipient_id].update(row.key_ids)
    return [
        LegalWanted(
            recipient=rid,
            kind=row.kind,  # type: ignore[arg-type]
            login=row.login,
            public=row.public,
            store_id=row.store_id,
        )
        for rid, row in sorted(recipients.items())
        if not set(key_ids) <= held[rid]
    ]


# ===================================================================== MWC legal staff
def _kek(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, **credentials.SCRYPT)


def ensure_staff_key(session: Session, user: StaffUser, password: str) -> None:
    """Give a legal staff member their key pair when they are added, or at their first
    signed-in request (users from before legal keys, or enabled again)."""
    if not is_legal_staff(user) or session.get(StaffLegalKey, user.login) is not None:
        return
    private, public = new_key_pair()
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(_kek(password, salt)).encrypt(nonce, private, user.login.encode())
    row = StaffLegalKey(login=user.login)
    session.add(row)
    row.public, row.salt, row.nonce = _b64(public), salt.hex(), nonce.hex()
    row.wrapped, row.created_at = _b64(wrapped), utcnow()
    rid = staff_id(user.login)
    session.execute(delete(LegalGrant).where(LegalGrant.recipient_id == rid))
    recipient = session.get(LegalRecipient, rid)
    if recipient is None:
        recipient = LegalRecipient(id=rid, kind=STAFF, desk="", device_id=None, login=user.login)
        session.add(recipient)
    recipient.public, recipient.store_id, recipient.updated_at = row.public, CENTRAL_STORE, utcnow()
    audit.by_staff(session, user, "legal_key_pair_made")


def drop_staff_key(session: Session, login: str) -> None:
    """A disabled staff member is no recipient any more (their grants go too)."""
    rid = staff_id(login)
    session.execute(delete(LegalGrant).where(LegalGrant.recipient_id == rid))
    session.execute(delete(LegalRecipient).where(LegalRecipient.id == rid))
    session.execute(delete(StaffLegalKey).where(StaffLegalKey.login == login))


def _private(row: StaffLegalKey, password: str) -> bytes | None:
    try:
        return AESGCM(_kek(password, bytes.fromhex(row.salt))).decrypt(
            bytes.fromhex(row.nonce), base64.b64decode(row.wrapped), row.login.encode()
        )
    except Exception:
        return None


def consultation_for_staff(
    session: Session, user: StaffUser, password: str, referral: Record
) -> StaffConsultation:
    """The consultation escalated with ``referral``, opened for a legal staff member."""
    if (
        not is_legal_staff(user)
        or referral.data.get("target_service") != ESCALATION_SERVICE
        or referral.data.get("status") == "draft"
    ):  # the one answer for what this user may not see (as for the referrals themselves)
        raise NotFound("referral_unknown", "no referral has this number")
    consultation_id = referral.data.get("consultation_id")
    record = session.get(Record, consultation_id) if consultation_id else None
    if record is None or record.entity != "consultations" or record.deleted:
        raise NotFound("consultation_not_found", "this referral carries no consultation")
    row = session.get(StaffLegalKey, user.login)
    private = _private(row, password) if row is not None else None
    keys: list[bytes] = []
    if private is not None:
        rid = staff_id(user.login)
        for grant in session.scalars(
            select(LegalGrant).where(
                LegalGrant.recipient_id == rid, LegalGrant.desk == record.origin_desk
            )
        ):
            aad = sealed_aad(CENTRAL_STORE, STAFF, user.login, GRANT_PREFIX + grant.giver_key_id)
            try:
                ring = open_sealed_key(private, base64.b64decode(grant.sealed), aad)
                keys.extend(legal.split_ring(ring))
            except (KeyFileTampered, ValueError):
                continue
    data = record.data
    content = {f: legal.read(keys, record.id, f, data.get(f) or "") for f in legal.SEALED_FIELDS}
    if any(value is None for value in content.values()):
        raise Forbidden("legal_key_not_shared", "the desk has not shared its legal key yet")
    audit.by_staff(
        session, user, "legal_consultation_read", entity="consultations", record_id=record.id
    )
    return StaffConsultation(
        id=record.id,
        desk=record.origin_desk,
        at=data.get("at"),
        topic=data.get("topic", ""),
        **content,
    )
