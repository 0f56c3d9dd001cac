"""Exact identifiers: tax code, phone, document numbers, countries; and where a person is
saved, they are stored in one form."""

from __future__ import annotations

import pytest

from models import identifiers
from models.errors import ValidationFailed
from models.identifiers import (
    country_choices,
    country_name,
    document_number,
    match_countries,
    phone,
    tax_code,
)
from models.people import DocumentForm, PersonForm, add_document, create_person
from models.roles import Actor
from models.schema import IdentityDocument, Person
from models.store import OpenStore

VALID_TAX_CODE = "RCCMNL83S18D969H"  # a well-formed example with its check character


def test_tax_code_is_compacted_upper_cased_and_checked() -> None:
    assert tax_code("rccmnl 83s18 d969h") == VALID_TAX_CODE
    assert tax_code("") == ""
    assert tax_code("00743110157") == "00743110157"  # the 11-digit temporary number


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("RCCMNL83S18D969X", "tax_code_checksum"),  # one character mistyped
        ("RCCMNL83S18D96", "invalid_tax_code"),  # too short
        ("12345678901", "invalid_tax_code"),
        ("not a tax code!", "invalid_tax_code"),
    ],
)
def test_a_wrong_tax_code_is_refused_without_its_value(typed: str, reason: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        tax_code(typed, "documents[0].number")
    assert (caught.value.field, caught.value.reason) == ("documents[0].number", reason)
    assert typed not in str(caught.value)  # personal data never in the message


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("+39 333 000 1111", "+393330001111"),
        ("333 000 1111", "+393330001111"),  # Italian when no prefix
        ("0039 333 000 1111", "+393330001111"),
        ("+20 100 123 4567", "+201001234567"),
        ("0020 100 123 4567", "+201001234567"),
        ("02 884 41", "+390288441"),
        ("", ""),
    ],
)
def test_phone_numbers_are_stored_in_e164(typed: str, e164: str) -> None:
    assert phone(typed) == e164


@pytest.mark.parametrize("typed", ["call the shop", "12", "+39"])
def test_what_is_not_a_phone_number_is_refused(typed: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        phone(typed)
    assert caught.value.reason == "invalid_format"
    assert identifiers.phone_key(typed) == ""


def test_document_numbers_lose_spaces_and_dashes() -> None:
    assert document_number(" ya 12-34 567 ") == "YA1234567"
    assert document_number("") == ""


def test_countries_come_from_the_iso_list() -> None:
    assert identifiers.countries(["eg", "BD", "EG", "XK"], "citizenships") == ["EG", "BD", "XK"]
    with pytest.raises(ValidationFailed) as caught:
        identifiers.country("ZZ", "birth_country")
    assert caught.value.reason == "unknown_code"
    with pytest.raises(ValidationFailed) as caught:
        identifiers.country("EGY", "birth_country")
    assert caught.value.reason == "invalid_format"


def test_country_names_for_the_completer_in_italian_and_english() -> None:
    assert country_name("EG", "it") == "Egitto"
    assert country_name("EG", "en") == "Egypt"
    assert country_name("BO", "en") == "Bolivia"  # the common name, not the formal one
    italian = country_choices("it")
    assert len(italian) > 240
    names = [c.name for c in italian]
    assert names.index("Cina") < names.index("Egitto") < names.index("Perù")
    assert [c.code for c in match_countries("egi", "it")][:1] == ["EG"]
    assert [c.code for c in match_countries("Egypt", "it")][:1] == ["EG"]  # English too
    assert [c.code for c in match_countries("bd", "it")][:1] == ["BD"]  # the code itself
    assert [c.code for c in match_countries("costa d", "it")][:1] == ["CI"]
    assert match_countries("", "it") == []


def test_saving_a_person_normalises_phone_and_countries(store: OpenStore, operator: Actor) -> None:
    form = PersonForm(given_name="Amina", family_name="Diallo", phone="333 000 1111",
                      citizenships=["ml"], birth_country="ml")  # fmt: skip
    with store.session(operator) as session:
        person = create_person(session, operator, form)
        assert (person.phone, person.citizenships, person.birth_country) == (
            "+393330001111", ["ML"], "ML")  # fmt: skip
        with pytest.raises(ValidationFailed) as caught:
            create_person(session, operator, PersonForm(given_name="X", citizenships=["QQ"]))
        assert (caught.value.field, caught.value.reason) == ("citizenships", "unknown_code")


def test_saving_a_document_normalises_its_number_and_checks_a_tax_code(
    store: OpenStore, operator: Actor
) -> None:
    with store.session(operator) as session:
        pid = create_person(session, operator, PersonForm(given_name="Amina")).id
        tax = add_document(session, operator, pid, DocumentForm("tax_code", "rccmnl83s18d969h"))
        passport = add_document(session, operator, pid, DocumentForm("passport", "ya 12-345"))
        assert (tax.number, passport.number) == (VALID_TAX_CODE, "YA12345")
        with pytest.raises(ValidationFailed) as caught:
            add_document(session, operator, pid, DocumentForm("tax_code", "RCCMNL83S18D969X"))
        assert (caught.value.field, caught.value.reason) == ("number", "tax_code_checksum")
        count = session.query(IdentityDocument).filter_by(person_id=pid).count()
        assert count == 2 and session.get(Person, pid) is not None
