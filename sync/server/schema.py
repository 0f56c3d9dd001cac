"""Tables of the central server (SQLite embedded, PostgreSQL in production).

Records of every synced entity live in one ``records`` table: the latest state of each row
as JSON, the HLC of each field's last write (for the three-way merge), and ``seq``, the
server commit sequence of its latest change, which is what desks pull from (R9). Scope
columns (``scope``, ``person_id``, ``person_id2``) let a pull select only what a desk may
receive without looking inside the JSON.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, Index, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}

# Scopes of a record: every desk, the desks that may see the person, the origin desk only.
REFERENCE = "reference"
PERSON = "person"
DESK = "desk"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class ServerMeta(Base):
    __tablename__ = "server_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class Counter(Base):
    """The commit sequence. Its row is locked at the start of every writing transaction, so
    sequence numbers are handed out in commit order on PostgreSQL too (R9)."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Record(Base):
    __tablename__ = "records"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(48))
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    hlc: Mapped[int] = mapped_column(BigInteger)
    origin_desk: Mapped[str] = mapped_column(String(32))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # field -> [hlc, desk] of the write that set it; "*": of every field without its own
    # (the insert's, stored once)
    field_hlc: Mapped[dict[str, Any]] = mapped_column(default=dict)
    scope: Mapped[str] = mapped_column(String(12))
    person_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    person_id2: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)

    __table_args__ = (Index("ix_records_entity_seq", "entity", "seq"),)


class DuplicateQueue(Base):
    """People a push created or changed whose duplicate check is still to run (out of the
    push's transaction: ``sync.server.duplicates.drain``). Idempotent: a person queued
    twice is checked once, a check run twice changes nothing."""

    __tablename__ = "duplicate_queue"
    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    desk: Mapped[str] = mapped_column(String(32), index=True)  # the desk that pushed
    queued_at: Mapped[datetime] = mapped_column(DateTime)


class PersonAccess(Base):
    """Which desks may receive a person's records (the origin desk, and both desks of a
    merged pair)."""

    __tablename__ = "person_access"
    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    desk: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    desk: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    secret_hash: Mapped[str] = mapped_column(String(64))
    # credential rotation: the secret handed out at the last anchor, valid together with
    # ``secret_hash`` until a request uses it (then it replaces it)
    next_secret_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    rotated_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    wipe: Mapped[bool] = mapped_column(Boolean, default=False)
    clock_offset_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    last_cursor: Mapped[int] = mapped_column(BigInteger, default=0)
    outbox_depth: Mapped[int] = mapped_column(Integer, default=0)
    protocol_version: Mapped[int] = mapped_column(Integer, default=0)


class EnrolmentCode(Base):
    __tablename__ = "enrolment_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    desk: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class StaffUser(Base):
    """Central users: MWC staff (update referrals to their services) and coordinators."""

    __tablename__ = "staff_users"
    login: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    services: Mapped[list[Any]] = mapped_column(default=list)
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AppliedBatch(Base):
    """The answer given to a push batch, returned unchanged when the batch is replayed."""

    __tablename__ = "applied_batches"
    batch_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    response: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AppliedMutation(Base):
    """Every mutation ever applied, so a mutation sent again in another batch is not
    applied twice (R5)."""

    __tablename__ = "applied_mutations"
    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    batch_id: Mapped[str] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(String(48), default="")


class PersonKey(Base):
    """Name keys of people (transliteration skeletons), to find duplicates across desks
    without comparing everyone with everyone."""

    __tablename__ = "person_keys"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)


class AuditEvent(Base):
    """What a device or a central user did on the server: ids and action names, never
    values (``arco-central audit`` lists them)."""

    __tablename__ = "server_audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor_kind: Mapped[str] = mapped_column(String(12))  # device, staff, admin, server
    actor: Mapped[str] = mapped_column(String(64))  # device id, staff login, "cli"
    desk: Mapped[str] = mapped_column(String(32), default="")
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(48), default="")
    record_id: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(String(200), default="")


class MergeApproval(Base):
    """One party's approval of merging a flagged pair: the desk owning one of the people,
    or ``central`` (an MWC coordinator). A merge needs both people's owners, or one owner
    and a central coordinator."""

    __tablename__ = "merge_approvals"
    flag_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    party: Mapped[str] = mapped_column(String(32), primary_key=True)
    survivor: Mapped[str] = mapped_column(String(36))
    approved_by: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime)


class AuthThrottle(Base):
    """Failed sign-ins and enrolment attempts per key (``login:<name>``, ``source:<ip>``,
    ``enrol:<ip>``), shared by every worker through the database."""

    __tablename__ = "auth_throttle"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(DateTime)
    blocked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class AuditAnchor(Base):
    """The audit chain of a desk device as anchored at its last sync: length and head hash,
    its latest restore event, and the open finding (``flag``: shortened, rewritten,
    restored) that central coordinators see until they clear it."""

    __tablename__ = "audit_anchors"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    desk: Mapped[str] = mapped_column(String(32), index=True)
    length: Mapped[int] = mapped_column(BigInteger, default=0)
    head: Mapped[str] = mapped_column(String(64), default="")
    restore_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    restore_hash: Mapped[str] = mapped_column(String(64), default="")
    flag: Mapped[str] = mapped_column(String(16), default="")
    flagged_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    flags: Mapped[int] = mapped_column(Integer, default=0)
    anchored_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class LegalRecipient(Base):
    """Who may be granted a desk's legal keys (``sync/server/legal_keys.py``): a legal
    advisor's key slot on a desk computer (``device:<device id>:<login>``, as the computer
    reported it at its last sync) or an MWC legal staff member's key pair (``staff:<login>``).
    Only public keys: the server never holds a legal key in clear."""

    __tablename__ = "legal_recipients"
    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # advisor, staff
    desk: Mapped[str] = mapped_column(String(32), index=True)  # "" for staff
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    login: Mapped[str] = mapped_column(String(64))
    public: Mapped[str] = mapped_column(String(44))
    store_id: Mapped[str] = mapped_column(String(36))  # "central" for staff
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class LegalGrant(Base):
    """A desk computer's legal key ring sealed to one recipient's public key."""

    __tablename__ = "legal_grants"
    recipient_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    giver_key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    desk: Mapped[str] = mapped_column(String(32), index=True)
    key_ids: Mapped[list[Any]] = mapped_column(default=list)
    sealed: Mapped[str] = mapped_column(String(1024))
    giver_device: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class StaffLegalKey(Base):
    """An MWC legal staff member's key pair: the private key wrapped (AES-256-GCM) under a
    key derived with scrypt from their password, so the database alone opens nothing."""

    __tablename__ = "staff_legal_keys"
    login: Mapped[str] = mapped_column(String(64), primary_key=True)
    public: Mapped[str] = mapped_column(String(44))
    salt: Mapped[str] = mapped_column(String(32))
    nonce: Mapped[str] = mapped_column(String(24))
    wrapped: Mapped[str] = mapped_column(String(96))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class WebSession(Base):
    """A signed-in session of the MWC web workspace (``sync/server/web``). The browser
    holds a random token; only its SHA-256 is kept here, so a copy of the database holds
    no usable session. Ended by signing out, by ``idle`` minutes without a request, after
    a maximum lifetime, and when the user is disabled (``admin.set_active``)."""

    __tablename__ = "web_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    login: Mapped[str] = mapped_column(String(64), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)
