"""The persisted schema: every table of the desk store, mapped with SQLAlchemy 2.

Changes to this file go with an Alembic revision in ``models/migrations/versions`` (the
schema is only ever created or changed by migrations, applied at unlock).

Synced tables carry :class:`Synced` columns (UUIDv7 id, HLC version, origin desk,
tombstone); every insert, update and tombstone on them is written to ``outbox`` in the same
transaction by :mod:`models.changes`. Local tables (operators, outbox, meta, audit) never
leave the desk through the outbox.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from models.ids import uuid7

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Synced:
    """Columns every synced row has. ``hlc`` is the version of the row's last change."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=uuid7)
    hlc: Mapped[int] = mapped_column(BigInteger, default=0)
    origin_desk: Mapped[str] = mapped_column(String(32), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    # Columns managed by change capture itself: not reported as user changes.
    SYSTEM_FIELDS = frozenset({"id", "hlc", "origin_desk", "created_at", "updated_at"})


# ===================================================================== reference data
class Desk(Synced, Base):
    __tablename__ = "desks"
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    municipio: Mapped[int] = mapped_column(Integer)
    host: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(200), default="")
    referral_prefix: Mapped[str] = mapped_column(String(8))


class Service(Synced, Base):
    """An entry of the service catalog: a target for needs and referrals."""

    __tablename__ = "services"
    code: Mapped[str] = mapped_column(String(48), unique=True)
    name_it: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    hours: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    what_to_bring: Mapped[list[Any]] = mapped_column(default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort: Mapped[int] = mapped_column(Integer, default=0)


class ReferenceValue(Synced, Base):
    """Editable code lists: legal statuses, document types, vulnerabilities, channels…"""

    __tablename__ = "reference_values"
    __table_args__ = (UniqueConstraint("kind", "code", name="uq_reference_values_kind_code"),)
    kind: Mapped[str] = mapped_column(String(32))
    code: Mapped[str] = mapped_column(String(48))
    label_it: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort: Mapped[int] = mapped_column(Integer, default=0)


# ===================================================================== people
ACTIVITY_GRAIN = timedelta(minutes=1)  # finer than any retention period needs


class Person(Synced, Base):
    __tablename__ = "persons"

    # Names as the person writes them, and a Latin transliteration for search and forms.
    given_name: Mapped[str] = mapped_column(String(200), default="")
    family_name: Mapped[str] = mapped_column(String(200), default="")
    given_name_latin: Mapped[str] = mapped_column(String(200), default="")
    family_name_latin: Mapped[str] = mapped_column(String(200), default="")
    sex: Mapped[str] = mapped_column(String(1), default="")  # F, M, X, or "" (not stated)
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    birth_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    birth_country: Mapped[str] = mapped_column(String(2), default="")
    citizenships: Mapped[list[Any]] = mapped_column(default=list)  # ISO 3166 alpha-2
    languages: Mapped[list[Any]] = mapped_column(default=list)  # ISO 639-1/3
    preferred_language: Mapped[str] = mapped_column(String(8), default="")
    # E.164 (models.identifiers); indexed: the same number is evidence at save time.
    phone: Mapped[str] = mapped_column(String(40), default="", index=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    municipio: Mapped[int | None] = mapped_column(Integer, nullable=True)
    arrival_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    legal_status: Mapped[str] = mapped_column(String(48), default="unknown")
    permit_expiry: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # GDPR art. 18: kept but not processed further.
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    merged_into: Mapped[str | None] = mapped_column(String(36), nullable=True)
    erased_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # What survives erasure for the funders' indicators (no identifying value).
    stats_age_band: Mapped[str] = mapped_column(String(8), default="")
    last_activity_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    household: Mapped[list[HouseholdMember]] = relationship(
        back_populates="person", foreign_keys="HouseholdMember.person_id"
    )
    documents: Mapped[list[IdentityDocument]] = relationship(back_populates="person")
    vulnerabilities: Mapped[list[Vulnerability]] = relationship(back_populates="person")

    def note_activity(self, now: datetime) -> None:
        """Mark the person active at ``now`` (the retention rule of ``models.gdpr`` counts
        from it, in years). A mark less than a minute old stays: an intake and the referral
        made with it write the person once, not twice, and sync one change less."""
        last = self.last_activity_at
        if last is None or now - last >= ACTIVITY_GRAIN:
            self.last_activity_at = now

    __table_args__ = (
        Index("ix_persons_last_activity", "last_activity_at"),
        # Covers what the indicators read of a person (models.indicators): a visit's person
        # is looked up in the index alone.
        Index(
            "ix_persons_indicators",
            "id",
            "erased_at",
            "citizenships",
            "sex",
            "birth_date",
            "birth_year",
            "created_at",
        ),
    )


class HouseholdMember(Synced, Base):
    __tablename__ = "household_members"
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    relationship_code: Mapped[str] = mapped_column(String(32))  # spouse, child, parent, …
    given_name: Mapped[str] = mapped_column(String(200), default="")
    family_name: Mapped[str] = mapped_column(String(200), default="")
    birth_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    lives_in: Mapped[str] = mapped_column(String(8), default="italy")  # italy | abroad
    country: Mapped[str] = mapped_column(String(2), default="")
    dependent: Mapped[bool] = mapped_column(Boolean, default=False)
    linked_person_id: Mapped[str | None] = mapped_column(ForeignKey("persons.id"), nullable=True)

    person: Mapped[Person] = relationship(back_populates="household", foreign_keys=[person_id])


class IdentityDocument(Synced, Base):
    __tablename__ = "identity_documents"
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    doc_type: Mapped[str] = mapped_column(String(48))
    # Upper case without spaces or dashes (models.identifiers); indexed for likely matches.
    number: Mapped[str] = mapped_column(String(80), default="", index=True)
    issuer: Mapped[str] = mapped_column(String(200), default="")
    issue_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    expiry_date: Mapped[date | None] = mapped_column(Date, nullable=True)

    person: Mapped[Person] = relationship(back_populates="documents")


class Vulnerability(Synced, Base):
    """Special-category data: recorded only with a reason, by a named operator."""

    __tablename__ = "vulnerabilities"
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    code: Mapped[str] = mapped_column(String(48))
    reason: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(64))

    person: Mapped[Person] = relationship(back_populates="vulnerabilities")


def _parent() -> Any:
    """A many-to-one link whose only job is to make the unit of work insert the parent row
    before its children in one flush (a ``ForeignKey`` alone does not order them). Never
    loaded: services read and write the ``*_id`` column."""
    return relationship(lazy="raise")


# ===================================================================== visits and needs
class Visit(Synced, Base):
    __tablename__ = "visits"
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    person: Mapped[Person] = _parent()
    desk_code: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    channel: Mapped[str] = mapped_column(String(16))  # walk_in, appointment, phone, email
    first_time: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str] = mapped_column(String(8), default="")
    mediator_called: Mapped[bool] = mapped_column(Boolean, default=False)
    operator: Mapped[str] = mapped_column(String(64))
    notes: Mapped[str] = mapped_column(Text, default="")

    # Covers the visits of a period as the indicators count them (models.indicators).
    __table_args__ = (
        Index("ix_visits_indicators", "at", "deleted", "person_id", "desk_code", "channel"),
    )


class Need(Synced, Base):
    __tablename__ = "needs"
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id"), nullable=True)
    person: Mapped[Person] = _parent()
    visit: Mapped[Visit | None] = _parent()
    service_code: Mapped[str] = mapped_column(String(48))
    description: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[str] = mapped_column(String(8), default="normal")  # low, normal, high
    status: Mapped[str] = mapped_column(String(12), default="open")  # open, referred, closed


# ===================================================================== referrals
class Referral(Synced, Base):
    __tablename__ = "referrals"
    number: Mapped[str] = mapped_column(String(32), unique=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    need_id: Mapped[str | None] = mapped_column(ForeignKey("needs.id"), nullable=True)
    consultation_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    from_desk: Mapped[str] = mapped_column(String(32))
    target_service: Mapped[str] = mapped_column(String(48))
    reason: Mapped[str] = mapped_column(Text, default="")
    consent_id: Mapped[str | None] = mapped_column(ForeignKey("consents.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    appointment_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    appointment_place: Mapped[str] = mapped_column(String(300), default="")
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    outcome: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(64))
    person: Mapped[Person] = _parent()
    need: Mapped[Need | None] = _parent()
    consent: Mapped[Consent | None] = _parent()


class ReferralEvent(Synced, Base):
    """One status change of a referral (append-only history)."""

    __tablename__ = "referral_events"
    referral_id: Mapped[str] = mapped_column(ForeignKey("referrals.id"), index=True)
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    referral: Mapped[Referral] = _parent()


# ===================================================================== legal
class Consultation(Synced, Base):
    """First-level legal consultation. Content readable only by legal advisors."""

    __tablename__ = "consultations"
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id"), nullable=True)
    advisor: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime)
    topic: Mapped[str] = mapped_column(String(48))
    question: Mapped[str] = mapped_column(Text, default="")
    advice: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    escalation_referral_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    # Why the advisor escalated: legal content, so it stays here and never goes into the
    # (widely visible) referral's reason.
    escalation_reason: Mapped[str] = mapped_column(Text, default="")
    person: Mapped[Person] = _parent()
    visit: Mapped[Visit | None] = _parent()


# ===================================================================== consent
class Consent(Synced, Base):
    __tablename__ = "consents"
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(32))  # processing, sharing, contact_phone
    basis: Mapped[str] = mapped_column(String(32), default="consent")
    given: Mapped[bool] = mapped_column(Boolean, default=True)
    given_at: Mapped[datetime] = mapped_column(DateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    notice_version: Mapped[str] = mapped_column(String(32), default="")
    language: Mapped[str] = mapped_column(String(8), default="")
    recorded_by: Mapped[str] = mapped_column(String(64))
    person: Mapped[Person] = _parent()


# ===================================================================== sync records
class SyncConflict(Synced, Base):
    """The same field changed on two replicas: the value that was not kept, for review.

    Created by the central server only; a coordinator resolves it at a desk (keep the value
    chosen by the merge, or restore the other), and the resolution syncs like any change.
    """

    __tablename__ = "sync_conflicts"
    entity: Mapped[str] = mapped_column(String(48))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(64))
    person_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    kept_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    other_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    kept_desk: Mapped[str] = mapped_column(String(32), default="")
    other_desk: Mapped[str] = mapped_column(String(32), default="")
    status: Mapped[str] = mapped_column(String(12), default="open")  # open, resolved
    resolution: Mapped[str] = mapped_column(String(12), default="")  # kept, other
    resolved_by: Mapped[str] = mapped_column(String(64), default="")


class DuplicateFlag(Synced, Base):
    """Two people the central server thinks are the same human being, registered at two desks.

    Created by the server; a coordinator dismisses it or asks for a merge (status
    ``merge_requested`` with the survivor). The server performs the merge and the moved
    visits, needs and referrals reach every replica through the normal pull.
    """

    __tablename__ = "duplicate_flags"
    person_a: Mapped[str] = mapped_column(String(36), index=True)
    person_b: Mapped[str] = mapped_column(String(36), index=True)
    score: Mapped[int] = mapped_column(Integer, default=0)  # percent
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    # Minimal identification for the coordinator (name, birth year, desk): the other
    # person may belong to another desk, whose full file this desk does not receive.
    label_a: Mapped[str] = mapped_column(String(300), default="")
    label_b: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(16), default="open")
    survivor: Mapped[str | None] = mapped_column(String(36), nullable=True)
    decided_by: Mapped[str] = mapped_column(String(64), default="")


SYNCED_TABLES: tuple[type[Synced], ...] = (
    Desk,
    Service,
    ReferenceValue,
    Person,
    HouseholdMember,
    IdentityDocument,
    Vulnerability,
    Visit,
    Need,
    Referral,
    ReferralEvent,
    Consultation,
    Consent,
    SyncConflict,
    DuplicateFlag,
)


# ===================================================================== local tables
class Operator(Base):
    """A person who signs in at this desk. Their key slot lives in the key file."""

    __tablename__ = "operators"
    login: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class OutboxEntry(Base):
    """One captured change, waiting to be pushed to the central server."""

    __tablename__ = "outbox"
    op_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_id: Mapped[str] = mapped_column(String(36), unique=True, default=uuid7)
    tx_id: Mapped[str] = mapped_column(String(36), index=True)
    entity: Mapped[str] = mapped_column(String(48))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    op: Mapped[str] = mapped_column(String(8))  # insert, update, delete
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    base_values: Mapped[dict[str, Any]] = mapped_column(default=dict)
    base_hlc: Mapped[int] = mapped_column(BigInteger, default=0)
    hlc: Mapped[int] = mapped_column(BigInteger)
    operator: Mapped[str] = mapped_column(String(64), default="")
    schema_version: Mapped[str] = mapped_column(String(32), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Meta(Base):
    """Small key/value facts about this store (desk code, HLC high-water mark, counters)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditEvent(Base):
    """Who did what to which record, hash-chained so removal or alteration is detected.

    Holds ids and action names only, never the values of personal fields.
    """

    __tablename__ = "audit_events"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime)
    operator: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(48), default="")
    record_id: Mapped[str] = mapped_column(String(36), default="", index=True)
    detail: Mapped[str] = mapped_column(String(200), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class SyncRun(Base):
    """One sync attempt, for the Sync view's history (counts and an error code only)."""

    __tablename__ = "sync_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime] = mapped_column(DateTime)
    pushed: Mapped[int] = mapped_column(Integer, default=0)
    pulled: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    ok: Mapped[bool] = mapped_column(Boolean, default=False)
    error: Mapped[str] = mapped_column(String(48), default="")


class RejectedChange(Base):
    """A change the central server refused: kept here, visible, never silently dropped."""

    __tablename__ = "sync_rejected"
    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    op_seq: Mapped[int] = mapped_column(Integer)
    entity: Mapped[str] = mapped_column(String(48))
    row_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(8))
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    reason: Mapped[str] = mapped_column(String(48))
    rejected_at: Mapped[datetime] = mapped_column(DateTime)


class PairDecision(Base):
    """Two people an operator said are different human beings (``models.pair_decisions``).

    Kept so that the pair is never proposed again, neither by the warning at save
    (``models.likely_matches``) nor by the duplicate review (``models.duplicates``).
    ``person_a < person_b``. Local to this desk (not synced); audited.
    """

    __tablename__ = "person_pair_decisions"
    person_a: Mapped[str] = mapped_column(String(36), primary_key=True)
    person_b: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)
    decision: Mapped[str] = mapped_column(String(16), default="different")
    decided_by: Mapped[str] = mapped_column(String(64))
    decided_at: Mapped[datetime] = mapped_column(DateTime)
