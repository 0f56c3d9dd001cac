"""Consent and lawful basis: given, shown, withdrawn, never deleted."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models.consent import ConsentForm, active_consent, give_consent, withdraw_consent
from models.errors import NotFound, ValidationFailed
from models.roles import Actor
from models.schema import Consent, Person
from models.store import OpenStore
from tests.models.service_helpers import add_person, outbox, outbox_head, refused


def test_give_and_withdraw_keeps_the_record(store: OpenStore, operator: Actor) -> None:
    pid = add_person(store, operator)
    with store.session(operator) as session:
        consent = give_consent(
            session, operator, pid, ConsentForm("sharing", "consent", "2026-01", "AR")
        )
        cid = consent.id
        assert active_consent(session, pid, "sharing") is consent
        assert active_consent(session, pid, "contact_phone") is None
    with store.session() as session:
        row = session.get(Consent, cid)
        assert row is not None
        assert (row.basis, row.notice_version, row.language, row.recorded_by) == (
            "consent",
            "2026-01",
            "ar",
            "omar",
        )

    head = outbox_head(store)
    with store.session(operator) as session:
        withdrawn = withdraw_consent(session, operator, pid, "sharing")
        assert [c.id for c in withdrawn] == [cid]
        assert active_consent(session, pid, "sharing") is None

    with store.session() as session:
        row = session.get(Consent, cid)
        assert row is not None
        assert row.withdrawn_at is not None and not row.deleted
    entries = outbox(store, head)
    assert [(e.entity, e.op, list(e.fields)) for e in entries] == [
        ("consents", "update", ["withdrawn_at"])
    ]


def test_same_basis_twice_is_one_record(store: OpenStore, operator: Actor) -> None:
    pid = add_person(store, operator)
    with store.session(operator) as session:
        first = give_consent(session, operator, pid, ConsentForm("processing"))
    head = outbox_head(store)
    with store.session(operator) as session:
        again = give_consent(session, operator, pid, ConsentForm("processing"))
    assert again.id == first.id
    assert outbox(store, head) == []


def test_the_actual_basis_is_recorded(store: OpenStore, operator: Actor) -> None:
    pid = add_person(store, operator)
    with store.session(operator) as session:
        give_consent(session, operator, pid, ConsentForm("processing", "consent"))
        vital = give_consent(session, operator, pid, ConsentForm("processing", "vital_interest"))
        # The newest basis is the one in force; both stay on file.
        assert active_consent(session, pid, "processing") is vital
        rows = session.scalars(select(Consent).where(Consent.person_id == pid)).all()
        assert sorted(r.basis for r in rows) == ["consent", "vital_interest"]
    with store.session(operator) as session:
        assert len(withdraw_consent(session, operator, pid, "processing")) == 2
        assert active_consent(session, pid, "processing") is None


def test_withdrawing_nothing_writes_nothing(store: OpenStore, operator: Actor) -> None:
    pid = add_person(store, operator)
    head = outbox_head(store)
    with store.session(operator) as session:
        assert withdraw_consent(session, operator, pid, "contact_phone") == []
    assert outbox(store, head) == []


@pytest.mark.parametrize(
    ("form", "field", "reason"),
    [
        (ConsentForm("newsletter"), "purpose", "not_allowed"),
        (ConsentForm("sharing", "implied"), "basis", "not_allowed"),
        (ConsentForm("sharing", language="arabic"), "language", "invalid_format"),
        (ConsentForm("sharing", notice_version="v" * 40), "notice_version", "too_long"),
    ],
)
def test_bad_consent_is_refused(
    shared: OpenStore, shared_operator: Actor, form: ConsentForm, field: str, reason: str
) -> None:
    store, operator = shared, shared_operator
    pid = add_person(store, operator)
    error = refused(
        store, operator, lambda s: give_consent(s, operator, pid, form), ValidationFailed
    )
    assert (error.field, error.reason) == (field, reason)


def test_consent_for_an_erased_person_is_refused(store: OpenStore, operator: Actor) -> None:
    pid = add_person(store, operator)
    with store.session(operator) as session:
        person = session.get(Person, pid)
        assert person is not None
        person.erased_at = person.updated_at
    refused(
        store,
        operator,
        lambda s: give_consent(s, operator, pid, ConsentForm("sharing")),
        NotFound,
    )
    refused(store, operator, lambda s: withdraw_consent(s, operator, pid, "sharing"), NotFound)
