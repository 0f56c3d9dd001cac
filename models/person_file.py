"""The person file: the one read of everything about a person, for the person view.

It is audited as a VIEW, and the consultations in it are filtered by role (legal content
for legal advisors only). Plain values, no ORM objects, so the view never touches the
session.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit, consultations
from models.clock import utcnow
from models.consent import PROCESSING, active_consent
from models.lookup import live_person
from models.referrals import is_overdue
from models.roles import Actor
from models.schema import (
    Consent,
    HouseholdMember,
    IdentityDocument,
    Need,
    Person,
    Referral,
    ReferralEvent,
    Visit,
    Vulnerability,
)

EXPIRY_WARNING_DAYS = 60  # permits are renewed before expiry: warn two months ahead


@dataclass(frozen=True)
class PersonView:
    """The person record as shown in the file."""

    id: str
    given_name: str
    family_name: str
    given_name_latin: str
    family_name_latin: str
    sex: str
    birth_date: date | None
    birth_year: int | None
    birth_country: str
    citizenships: tuple[str, ...]
    languages: tuple[str, ...]
    preferred_language: str
    phone: str
    email: str
    address: str
    municipio: int | None
    arrival_date: date | None
    legal_status: str
    permit_expiry: date | None
    notes: str
    restricted: bool
    origin_desk: str
    created_at: datetime
    updated_at: datetime
    last_activity_at: datetime | None


@dataclass(frozen=True)
class HouseholdView:
    """A relative in the household."""

    id: str
    relationship_code: str
    given_name: str
    family_name: str
    birth_year: int | None
    lives_in: str
    country: str
    dependent: bool
    linked_person_id: str | None


@dataclass(frozen=True)
class DocumentView:
    """An identity or civil document."""

    id: str
    doc_type: str
    number: str
    issuer: str
    issue_date: date | None
    expiry_date: date | None


@dataclass(frozen=True)
class VulnerabilityView:
    """A vulnerability, with who recorded it and when."""

    id: str
    code: str
    reason: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class VisitView:
    """One visit at a desk."""

    id: str
    at: datetime
    desk_code: str
    channel: str
    first_time: bool
    language: str
    mediator_called: bool
    operator: str
    notes: str


@dataclass(frozen=True)
class NeedView:
    """A need expressed at a visit, with its status (open, referred, closed)."""

    id: str
    visit_id: str | None
    service_code: str
    description: str
    urgency: str
    status: str


@dataclass(frozen=True)
class ReferralEventView:
    """One status change of a referral."""

    from_status: str
    to_status: str
    at: datetime
    by: str
    note: str


@dataclass(frozen=True)
class ReferralView:
    """A referral with its status history and overdue flag."""

    id: str
    number: str
    need_id: str | None
    from_desk: str
    target_service: str
    reason: str
    status: str
    consent_id: str | None
    appointment_at: datetime | None
    appointment_place: str
    outcome: str
    created_by: str
    created_at: datetime
    overdue: bool
    history: tuple[ReferralEventView, ...]
    consultation_id: str | None  # None unless the reader may know consultations exist


@dataclass(frozen=True)
class ConsentView:
    """A consent or other lawful basis, withdrawn ones included."""

    id: str
    purpose: str
    basis: str
    given_at: datetime
    withdrawn_at: datetime | None
    notice_version: str
    language: str
    recorded_by: str

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


@dataclass(frozen=True)
class Alert:
    """Something in the file that needs attention.

    Codes: ``permit_expired``, ``permit_expiring`` (``days`` left), ``document_expired``,
    ``document_expiring`` (``record_id`` is the document), ``referral_overdue``
    (``record_id`` is the referral), ``no_processing_basis``, ``restricted``.
    """

    code: str
    record_id: str = ""
    days: int | None = None


@dataclass(frozen=True)
class PersonFile:
    """Everything about one person that the reader's role allows, at one moment."""

    person: PersonView
    household: tuple[HouseholdView, ...]
    documents: tuple[DocumentView, ...]
    vulnerabilities: tuple[VulnerabilityView, ...]
    visits: tuple[VisitView, ...]  # newest first
    needs: tuple[NeedView, ...]
    referrals: tuple[ReferralView, ...]  # newest first, each with its history
    consents: tuple[ConsentView, ...]  # newest first, withdrawn ones included
    # Legal advisors: ConsultationDetail items; coordinators/admins: ConsultationSummary;
    # desk operators: always empty, and consultations_visible is False.
    consultations: tuple[consultations.ConsultationSummary, ...]
    consultations_visible: bool
    alerts: tuple[Alert, ...]


def person_file(
    session: Session, actor: Actor, person_id: str, today: date | None = None
) -> PersonFile:
    """The full file of a live person, filtered by role; audited as a VIEW.

    Erased, merged or removed persons raise ``NotFound``. ``today`` (default: the current
    UTC date) decides the expiry and overdue alerts.
    """
    actor.require("person.read")
    person = live_person(session, person_id)
    today = today or utcnow().date()
    pid = person.id

    def rows(cls: Any, *order: Any) -> list[Any]:
        stmt = select(cls).where(cls.person_id == pid, cls.deleted.is_(False)).order_by(*order)
        return list(session.scalars(stmt))

    household = rows(HouseholdMember, HouseholdMember.created_at, HouseholdMember.id)
    documents = rows(IdentityDocument, IdentityDocument.created_at, IdentityDocument.id)
    vulnerabilities = rows(Vulnerability, Vulnerability.created_at, Vulnerability.id)
    visits = rows(Visit, Visit.at.desc(), Visit.id.desc())
    needs = rows(Need, Need.created_at, Need.id)
    referrals = rows(Referral, Referral.created_at.desc(), Referral.id.desc())
    consents = rows(Consent, Consent.given_at.desc(), Consent.id.desc())

    events: dict[str, list[ReferralEvent]] = {r.id: [] for r in referrals}
    if referrals:
        stmt = (
            select(ReferralEvent)
            .where(ReferralEvent.referral_id.in_(events), ReferralEvent.deleted.is_(False))
            .order_by(ReferralEvent.at, ReferralEvent.id)
        )
        for event in session.scalars(stmt):
            events[event.referral_id].append(event)

    level = consultations.access_level(actor)
    visible = consultations.visible_for_person(session, actor, pid)
    show_links = level != consultations.NOTHING

    referral_views = tuple(_referral_view(r, events[r.id], today, show_links) for r in referrals)
    alerts = _alerts(person, documents, referral_views, session, today)
    audit.record(session, actor.login, audit.VIEW, "persons", pid, f"file;consultations={level}")
    return PersonFile(
        person=_person_view(person),
        household=tuple(_view(HouseholdView, m) for m in household),
        documents=tuple(_view(DocumentView, d) for d in documents),
        vulnerabilities=tuple(
            _view(VulnerabilityView, v, recorded_at=v.created_at) for v in vulnerabilities
        ),
        visits=tuple(_view(VisitView, v) for v in visits),
        needs=tuple(_view(NeedView, n) for n in needs),
        referrals=referral_views,
        consents=tuple(_view(ConsentView, c) for c in consents),
        consultations=tuple(visible),
        consultations_visible=show_links,
        alerts=alerts,
    )


V = TypeVar("V")


def _view(cls: type[V], row: object, **extra: object) -> V:
    """A read-model dataclass filled from the row's attributes of the same names."""
    values = {f.name: getattr(row, f.name) for f in fields(cls) if f.name not in extra}  # type: ignore[arg-type]
    return cls(**values, **extra)


def _person_view(p: Person) -> PersonView:
    return _view(
        PersonView,
        p,
        citizenships=tuple(p.citizenships or ()),
        languages=tuple(p.languages or ()),
    )


def _referral_view(
    r: Referral, events: list[ReferralEvent], today: date, show_links: bool
) -> ReferralView:
    last_change = events[-1].at if events else r.updated_at
    return ReferralView(
        id=r.id,
        number=r.number,
        need_id=r.need_id,
        from_desk=r.from_desk,
        target_service=r.target_service,
        reason=r.reason,
        status=r.status,
        consent_id=r.consent_id,
        appointment_at=r.appointment_at,
        appointment_place=r.appointment_place,
        outcome=r.outcome,
        created_by=r.created_by,
        created_at=r.created_at,
        overdue=is_overdue(r.status, last_change, r.appointment_at, today),
        history=tuple(
            ReferralEventView(
                from_status=e.from_status, to_status=e.to_status, at=e.at, by=e.by, note=e.note
            )
            for e in events
        ),
        consultation_id=r.consultation_id if show_links else None,
    )


def expiry_alert(kind: str, expiry: date | None, today: date, record_id: str = "") -> Alert | None:
    """``<kind>_expired`` / ``<kind>_expiring`` within :data:`EXPIRY_WARNING_DAYS`, or None."""
    if expiry is None:
        return None
    days = (expiry - today).days
    if days < 0:
        return Alert(f"{kind}_expired", record_id, days)
    if days <= EXPIRY_WARNING_DAYS:
        return Alert(f"{kind}_expiring", record_id, days)
    return None


def _alerts(
    person: Person,
    documents: list[IdentityDocument],
    referrals: tuple[ReferralView, ...],
    session: Session,
    today: date,
) -> tuple[Alert, ...]:
    found: list[Alert | None] = [expiry_alert("permit", person.permit_expiry, today)]
    found += [expiry_alert("document", d.expiry_date, today, d.id) for d in documents]
    found += [Alert("referral_overdue", r.id) for r in referrals if r.overdue]
    if active_consent(session, person.id, PROCESSING) is None:
        found.append(Alert("no_processing_basis"))
    if person.restricted:
        found.append(Alert("restricted"))
    return tuple(a for a in found if a is not None)
