"""Consent and lawful basis, per person and purpose.

Every record says which lawful basis the desk relies on for a purpose. Consent is often
not freely given when it is the price of help (ICRC Handbook, ch. 3; SECURITY-NOTES §5),
so the desk records the *actual* basis (vital interest, public interest, legitimate
interest) instead of forcing "consent". Records are never deleted: withdrawal sets
``withdrawn_at``, so the desk can always show what was agreed, when and on which notice
(GDPR art. 7(1) and 7(3)).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validate
from models.clock import utcnow
from models.ids import uuid7
from models.languages import NOTICE_VERSION, document_language
from models.lookup import live_person
from models.roles import Actor
from models.schema import Consent, Person

PROCESSING, SHARING, CONTACT_PHONE = "processing", "sharing", "contact_phone"
PURPOSES = (PROCESSING, SHARING, CONTACT_PHONE)
BASES = ("consent", "vital_interest", "public_interest", "legitimate_interest")


@dataclass
class ConsentForm:
    """A consent or other lawful basis as given at the desk."""

    purpose: str
    basis: str = "consent"
    # The printed notice the person was given; "" means the current one (NOTICE_VERSION).
    notice_version: str = ""
    # ISO 639: the language the notice was given in; "" means the language of the printed
    # notice for this person (``models.languages.document_language`` of their preference).
    language: str = ""


def check_consent(form: ConsentForm, prefix: str = "") -> ConsentForm:
    """The form with normalised values; ``ValidationFailed`` names ``prefix + field``."""
    return ConsentForm(
        purpose=validate.choice(form.purpose, PURPOSES, prefix + "purpose"),
        basis=validate.choice(form.basis, BASES, prefix + "basis"),
        notice_version=validate.text(form.notice_version, prefix + "notice_version", 32),
        language=validate.language(form.language, prefix + "language"),
    )


def active_consents(session: Session, person_id: str, purpose: str) -> list[Consent]:
    """Every active (given, not withdrawn, not removed) record for the purpose, newest first."""
    stmt = (
        select(Consent)
        .where(
            Consent.person_id == person_id,
            Consent.purpose == purpose,
            Consent.given.is_(True),
            Consent.withdrawn_at.is_(None),
            Consent.deleted.is_(False),
        )
        .order_by(Consent.given_at.desc(), Consent.id.desc())
    )
    return list(session.scalars(stmt))


def active_consent(session: Session, person_id: str, purpose: str) -> Consent | None:
    """The newest active record for ``purpose``, or None when the purpose is not covered."""
    found = active_consents(session, person_id, purpose)
    return found[0] if found else None


def add_consent(
    session: Session,
    actor: Actor,
    person_id: str,
    form: ConsentForm,
    registering: Person | None = None,
) -> Consent:
    """Write an already checked form (used by intake after validating the whole form).

    ``registering``: the person when they are being registered in this transaction, so
    they have no consent yet to look for (and are not in the database to be read)."""
    existing = None if registering else active_consent(session, person_id, form.purpose)
    # Giving the same basis twice is one fact, not two: keep the first record.
    if existing is not None and existing.basis == form.basis:
        return existing
    language = form.language
    if not language:
        person = registering or session.get(Person, person_id)
        language = document_language(person.preferred_language if person else None)
    consent = Consent(
        id=uuid7(),
        person_id=person_id,
        purpose=form.purpose,
        basis=form.basis,
        given=True,
        given_at=utcnow(),
        notice_version=form.notice_version or NOTICE_VERSION,
        language=language,
        recorded_by=actor.login,
    )
    session.add(consent)
    return consent


def give_consent(session: Session, actor: Actor, person_id: str, form: ConsentForm) -> Consent:
    """Record consent (or another lawful basis) for one purpose.

    If the same basis is already active for that purpose, the existing record is returned
    and nothing is written.
    """
    actor.require("consent.write")
    checked = check_consent(form)
    live_person(session, person_id)
    consent = add_consent(session, actor, person_id, checked)
    session.flush()
    return consent


def withdraw_consent(session: Session, actor: Actor, person_id: str, purpose: str) -> list[Consent]:
    """Withdraw every active record for ``purpose``; returns them (empty if none was active).

    Records are kept with ``withdrawn_at`` set, never deleted. Services that depend on the
    purpose (sending a referral needs "sharing") check it again at the moment they act.
    """
    actor.require("consent.write")
    validate.choice(purpose, PURPOSES, "purpose")
    live_person(session, person_id)
    now = utcnow()
    withdrawn = active_consents(session, person_id, purpose)
    for consent in withdrawn:
        consent.withdrawn_at = now
    session.flush()
    return withdrawn
