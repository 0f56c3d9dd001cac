"""The warning at save: likely existing people with their evidence, and the "different
person" decisions that are never asked again."""

from __future__ import annotations

from datetime import date

import pytest

from models import audit, duplicates, gdpr, pair_decisions
from models.errors import NotFound, PermissionDenied, ValidationFailed
from models.intake import IntakeForm, register
from models.likely_matches import Probe, likely_matches
from models.people import DocumentForm, PersonForm, add_document, create_person
from models.roles import Actor
from models.schema import AuditEvent, Visit
from models.store import OpenStore

TAX_CODE = "RCCMNL83S18D969H"


def person(store: OpenStore, actor: Actor, **fields: object) -> str:
    with store.session(actor) as session:
        return create_person(session, actor, PersonForm(**fields)).id  # type: ignore[arg-type]


def found(store: OpenStore, actor: Actor, probe: Probe, **kw: object) -> list[str]:
    with store.session(actor) as session:
        return [m.person_id for m in likely_matches(session, actor, probe, **kw)]  # type: ignore[arg-type]


@pytest.fixture
def amina(store: OpenStore, operator: Actor) -> str:
    pid = person(store, operator, given_name="Aminata", family_name="Diakité",
                 birth_date=date(1991, 5, 2), phone="+39 333 123 4567")  # fmt: skip
    person(store, operator, given_name="Aminata", family_name="Keita", birth_year=1991)
    person(store, operator, given_name="Awa", family_name="Diakité", birth_year=1991)
    person(store, operator, given_name="Aminata", family_name="Diakité", birth_year=1960)
    return pid


def test_a_close_name_with_the_same_birth_date_is_proposed_with_its_evidence(
    store: OpenStore, operator: Actor, amina: str
) -> None:
    probe = Probe(given_name="Aminatou", family_name="Diakhite", birth_date=date(1991, 5, 2))
    with store.session(operator) as session:
        matches = likely_matches(session, operator, probe)
    assert [m.person_id for m in matches] == [amina]  # not the namesake born in 1960
    best = matches[0]
    assert best.reasons == ("similar_name", "same_birth_date")
    assert 0.6 <= best.score <= 1.0 and 0.75 <= best.name_score < 1.0
    assert best.display_name == "Aminata Diakité" and best.birth_year == 1991


def test_a_name_without_a_birth_to_compare_must_be_very_close(
    store: OpenStore, operator: Actor, amina: str
) -> None:
    assert amina in found(store, operator, Probe(given_name="Aminata", family_name="Diakite"))
    assert found(store, operator, Probe(given_name="Amina", family_name="Diallo")) == []


def test_the_same_phone_or_document_finds_a_name_written_differently(
    store: OpenStore, operator: Actor, amina: str
) -> None:
    with store.session(operator) as session:
        add_document(session, operator, amina, DocumentForm("passport", "AB1234567"))
        add_document(session, operator, amina, DocumentForm("tax_code", TAX_CODE))
    by_phone = Probe(given_name="Aminata", family_name="Jakite", phone="333 1234567",
                     birth_year=1991)  # fmt: skip
    relative = Probe(given_name="Fatoumata", family_name="Traore", phone="333 1234567")
    passport_number = [("passport", "ab 123-4567")]
    by_passport = Probe(given_name="A.", family_name="Jakite", documents=passport_number)
    by_tax = Probe(given_name="Minata", tax_code=TAX_CODE.lower())
    with store.session(operator) as session:
        phone = likely_matches(session, operator, by_phone)
        passport = likely_matches(session, operator, by_passport)
        tax = likely_matches(session, operator, by_tax)
        assert likely_matches(session, operator, relative) == []  # a phone alone: family
    assert phone[0].person_id == amina and phone[0].reasons[0] == "same_phone"
    assert [m.person_id for m in passport] == [amina]
    assert passport[0].reasons[0] == "same_document"
    assert [m.person_id for m in tax] == [amina] and tax[0].reasons[0] == "same_tax_code"


def test_names_in_another_script_are_compared(store: OpenStore, operator: Actor) -> None:
    pid = person(store, operator, given_name="طارق", family_name="رجب", birth_year=1988)
    probe = Probe(given_name="Tarek", family_name="Ragab", birth_year=1988)
    assert found(store, operator, probe) == [pid]


def test_probe_from_the_intake_forms(store: OpenStore, operator: Actor, amina: str) -> None:
    form = PersonForm(given_name="Aminata", family_name="Diakite", birth_year=1991)
    probe = Probe.from_forms(form, [DocumentForm("tax_code", TAX_CODE), DocumentForm("passport")])
    assert probe.tax_code == TAX_CODE and list(probe.documents) == []
    assert found(store, operator, probe)[0] == amina


def test_different_person_is_recorded_audited_and_never_proposed_again(
    store: OpenStore, operator: Actor, coordinator: Actor, amina: str
) -> None:
    probe = Probe(given_name="Aminata", family_name="Diakite", birth_year=1991)
    assert amina in found(store, operator, probe)
    new = person(store, operator, given_name="Aminata", family_name="Diakite", birth_year=1991)
    with store.session(operator) as session:
        assert pair_decisions.record_different(session, operator, new, [amina]) == [amina]
        assert pair_decisions.record_different(session, operator, new, [amina]) == []  # once
    # editing the new person later: the pair is not proposed again, the person not either
    assert amina not in found(store, operator, probe, person_id=new)
    assert new not in found(store, operator, probe, person_id=new)
    with store.session(coordinator) as session:
        assert pair_decisions.is_decided(session, amina, new)
        assert amina not in [c.person_id for c in duplicates.candidates(session, new)]
        pairs = {(p.person_id, p.other_id) for p in duplicates.find_all(session)}
        assert tuple(sorted((amina, new))) not in pairs
        events = [e for e in session.query(AuditEvent).filter_by(action=pair_decisions.ACTION)]
        assert {e.record_id for e in events} == {amina, new}
        assert {e.operator for e in events} == {operator.login}
        assert {e.detail for e in events} == {f"other={new}", f"other={amina}"}  # ids only
        assert audit.verify_chain(session) > 0


def test_a_decision_needs_live_people_and_two_of_them(
    store: OpenStore, operator: Actor, amina: str
) -> None:
    with store.session(operator) as session:
        with pytest.raises(ValidationFailed):
            pair_decisions.record_different(session, operator, amina, [amina])
        with pytest.raises(NotFound):
            pair_decisions.record_different(session, operator, amina, ["no-such-person"])


def test_same_person_is_a_new_visit_for_the_existing_one(
    store: OpenStore, operator: Actor, amina: str
) -> None:
    with store.session(operator) as session:
        result = register(session, operator, IntakeForm(person_id=amina, needs=[]))
        assert result.person_id == amina
        assert session.query(Visit).filter_by(person_id=amina).count() == 1


def test_reading_needs_a_role_that_reads_people(store: OpenStore, amina: str) -> None:
    nobody = Actor("x", "nobody", store.desk)
    with store.session() as session, pytest.raises((PermissionDenied, KeyError)):
        likely_matches(session, nobody, Probe(given_name="Aminata"))


def test_erasing_a_person_drops_the_decisions_about_them(
    store: OpenStore, operator: Actor, coordinator: Actor, amina: str
) -> None:
    other = person(store, operator, given_name="Aminata", family_name="Diakite", birth_year=1991)
    with store.session(operator) as session:
        pair_decisions.record_different(session, operator, other, [amina])
    with store.session(coordinator) as session:
        gdpr.erase_person(session, coordinator, other)
    with store.session(coordinator) as session:
        assert pair_decisions.decided_with(session, amina) == set()
