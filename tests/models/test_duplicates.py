"""Probable duplicates on the real encrypted store."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest

from models import duplicates, gdpr
from models.clock import utcnow
from models.duplicates import DuplicateCandidate, candidates, find_all
from models.errors import NotFound
from models.roles import Actor
from models.schema import Person
from models.store import OpenStore


def add(store: OpenStore, actor: Actor, given: str, family: str, **extra: Any) -> str:
    with store.session(actor) as s:
        person = Person(given_name=given, family_name=family, **extra)
        s.add(person)
    return person.id


@pytest.fixture
def people(store: OpenStore, operator: Actor) -> dict[str, str]:
    eg = {"citizenships": ["EG"]}
    return {
        "muhamad": add(store, operator, "Muhamad", "Hasan", birth_year=1990, **eg),
        "mohammed": add(store, operator, "Mohammed", "Hassan", birth_year=1990, **eg),
        "maria": add(store, operator, "Maria", "Rossi", birth_year=1990, **eg),
        "older": add(store, operator, "Mohamed", "Hassan", birth_year=1975, **eg),
        "close": add(store, operator, "Mohamad", "Hasan", birth_year=1991, citizenships=["PE"]),
    }


def ids(found: list[DuplicateCandidate]) -> list[str]:
    return [c.person_id for c in found]


def test_transliterations_are_found_and_unrelated_names_are_not(
    store: OpenStore, people: dict[str, str]
) -> None:
    with store.session() as s:
        found = candidates(s, people["muhamad"])
    by_id = {c.person_id: c for c in found}
    best = found[0]
    assert best.person_id == people["mohammed"]
    assert best.reasons == ("same_name", "same_birth_year", "same_citizenship")
    assert best.score == pytest.approx(0.8)
    assert by_id[people["close"]].reasons == ("same_name", "birth_year_close")
    assert people["maria"] not in by_id
    assert people["older"] not in by_id  # 15 years apart: another person
    assert people["muhamad"] not in by_id  # never oneself
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    with store.session() as s:
        assert candidates(s, people["muhamad"], limit=1) == found[:1]
        assert people["muhamad"] not in ids(candidates(s, people["maria"]))


def test_written_script_and_latin_names_meet(store: OpenStore, operator: Actor) -> None:
    latin = add(store, operator, "Mohammed", "Hassan", birth_year=1990)
    written = add(
        store,
        operator,
        "محمد",
        "حسن",
        given_name_latin="Mohamed",
        family_name_latin="Hasan",
        birth_year=1990,
    )
    middle = add(store, operator, "Muhammad Ali", "Hassan", birth_year=1990)
    with store.session() as s:
        assert set(ids(candidates(s, latin))) == {written, middle}
        assert latin in ids(candidates(s, written))


def test_same_phone_counts_but_a_relative_sharing_it_is_not_a_duplicate(
    store: OpenStore, operator: Actor
) -> None:
    me = add(
        store,
        operator,
        "Ahmed",
        "Hassan",
        birth_year=1985,
        citizenships=["EG"],
        phone="333 1234567",
    )
    spelled = add(
        store,
        operator,
        "Ahmad",
        "Hasan",
        birth_date=date(1985, 3, 1),
        citizenships=["EG"],
        phone="+39 333-123-4567",
    )
    wife = add(
        store,
        operator,
        "Fatima",
        "Hassan",
        birth_year=1995,
        citizenships=["EG"],
        phone="3331234567",
    )
    with store.session() as s:
        found = candidates(s, me)
    assert ids(found) == [spelled]
    assert found[0].reasons == ("same_name", "same_birth_year", "same_citizenship", "same_phone")
    assert found[0].score == pytest.approx(0.95)
    assert wife not in ids(found)
    assert duplicates.phone_key("+39 333-123-4567") == duplicates.phone_key("3331234567")
    assert duplicates.phone_key("12") == ""


def test_erased_tombstoned_and_merged_people_are_never_proposed(
    store: OpenStore, operator: Actor, coordinator: Actor, people: dict[str, str]
) -> None:
    tombstoned = add(store, operator, "Mohammed", "Hasan", birth_year=1990, deleted=True)
    merged = add(
        store, operator, "Muhammad", "Hassan", birth_year=1990, merged_into=people["mohammed"]
    )
    with store.session(coordinator) as s:
        gdpr.erase_person(s, coordinator, people["mohammed"])
    with store.session() as s:
        found = ids(candidates(s, people["muhamad"]))
        assert people["mohammed"] not in found
        assert tombstoned not in found and merged not in found
        assert found == [people["close"]]
        pairs = find_all(s)
    everyone = {p for pair in pairs for p in (pair.person_id, pair.other_id)}
    assert not everyone & {people["mohammed"], tombstoned, merged}
    with store.session() as s, pytest.raises(NotFound):
        candidates(s, people["mohammed"])
    with store.session() as s, pytest.raises(NotFound):
        candidates(s, "no-such-id")


def test_find_all_lists_each_probable_pair_once(
    store: OpenStore, operator: Actor, people: dict[str, str]
) -> None:
    middle = add(store, operator, "Muhammad Ali", "Hassan", birth_year=1990, citizenships=["EG"])
    single = add(store, operator, "Mohammed", "", birth_year=1990)  # one token: not grouped
    with store.session() as s:
        pairs = find_all(s)
    as_sets = [frozenset((p.person_id, p.other_id)) for p in pairs]
    assert len(as_sets) == len(set(as_sets))
    assert all(p.person_id < p.other_id for p in pairs)
    expected = {
        frozenset((people["muhamad"], people["mohammed"])),
        frozenset((people["muhamad"], middle)),
        frozenset((people["mohammed"], middle)),
        frozenset((people["muhamad"], people["close"])),
        frozenset((people["mohammed"], people["close"])),
        frozenset((people["close"], middle)),
    }
    assert set(as_sets) == expected
    assert all(people["maria"] not in pair and single not in pair for pair in as_sets)
    assert all(people["older"] not in pair for pair in as_sets)
    top = pairs[0]
    assert top.score == pytest.approx(0.8)
    assert top.reasons == ("same_name", "same_birth_year", "same_citizenship")
    with store.session() as s:
        assert len(find_all(s, limit=2)) == 2


def test_find_all_agrees_with_candidates_on_a_crowd(store: OpenStore, operator: Actor) -> None:
    """Planted respellings among a few thousand people are found, and nothing spurious."""
    rng = random.Random(7)
    syllables = ["ba", "ko", "ri", "tu", "ne", "sa", "do", "mi", "lu", "fe", "ga", "pi", "vo"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(4)).capitalize()

    now = utcnow()
    with store.session(operator) as s:
        s.info["replicating"] = True  # bulk fixture: skip the outbox, keep the index
        for _ in range(3000):
            s.add(
                Person(
                    given_name=word(),
                    family_name=word(),
                    birth_year=rng.randint(1950, 2008),
                    citizenships=[rng.choice(["EG", "PE", "BD", "CN"])],
                    created_at=now,
                    updated_at=now,
                )
            )
    planted = [
        (("Mohammed", "Hassan", 1990), ("Muhamad", "Hasan", 1990)),
        (("Hussein", "Khalil", 1982), ("Husain", "Kalil", 1983)),
        (("Jamal", "Abdelrahman", 1977), ("Gamal", "Abd El Rahman", 1977)),
    ]
    pairs_ids = []
    for a, b in planted:
        first = add(store, operator, a[0], a[1], birth_year=a[2])
        second = add(store, operator, b[0], b[1], birth_year=b[2])
        pairs_ids.append(frozenset((first, second)))
    with store.session() as s:
        found = find_all(s, limit=1000)
        as_sets = {frozenset((p.person_id, p.other_id)) for p in found}
        assert as_sets == set(pairs_ids)
        for pair in as_sets:
            first, second = sorted(pair)
            assert second in ids(candidates(s, first))
