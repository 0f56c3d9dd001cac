"""Names as words and keys (models.names): the pieces the search and the duplicate checks
are built from."""

from __future__ import annotations

import pytest

from models.names import (
    Keys,
    Unit,
    alternatives,
    chinese_readings,
    coarse,
    deletions,
    parts,
    tokens,
    units,
    words,
)


def test_every_script_becomes_folded_latin_words() -> None:
    assert tokens("Koval'chuk Traoré") == ["kovalchuk", "traore"]
    assert tokens("张晓明") == ["zhang", "xiao", "ming"]  # one syllable per character
    assert tokens("Олександр Шевченко") == ["oleksandr", "shevchenko"]
    assert tokens("শহিদুল আলম") == ["shidul", "alm"]  # vowel signs kept inside the word
    arabic = words("عبد الرحيم")
    assert [(w.text, w.optional, w.abjad) for w in arabic] == [
        ("3bd", False, True),  # ayn written 3
        ("al", True, True),  # the article, split off and optional
        ("rhym", False, True),
    ]
    assert tokens("عمرو") == ["3mrw"]  # ayn kept as 3: not the same as مروة (Marwa)


def test_typed_abbreviations_and_optional_words() -> None:
    typed = words("Gh. Mustafa Ch. Mst El", typed=True)
    assert [(w.text, w.abbrev, w.optional) for w in typed] == [
        ("gh", True, False),
        ("mustafa", False, False),
        ("ch", True, False),
        ("mst", False, True),  # a title
        ("el", False, True),  # a particle
    ]


@pytest.mark.parametrize(
    "same",
    [
        ("zhang", "chang"),
        ("xie", "hsieh"),
        ("ragab", "rajab"),
        ("quispe", "kispe"),
        ("kovalchuk", "kowalczuk"),
        ("mahmoud", "mahmood"),
        ("huaman", "waman"),
        ("diarra", "jara"),
        ("ouali", "wali"),
        ("rahman", "rahaman"),
    ],
)
def test_spellings_of_one_name_share_a_class_key(same: tuple[str, str]) -> None:
    assert coarse(same[0]) == coarse(same[1])


def test_one_consonant_apart_share_a_deletion() -> None:
    assert deletions(coarse("nwachukwu")) & ({coarse("nwachuku")} | deletions(coarse("nwachuku")))
    assert deletions("knk") == set()  # short keys have none in the index


def test_compound_words_are_read_as_their_parts() -> None:
    assert ("abdel", "aziz") in parts("abdelaziz")
    assert ("ben", "romdhane") in parts("benromdhane")
    assert ("oluwa", "seun") in parts("oluwaseun")
    assert ("nour", "eddine") in parts("noureddine")
    assert parts("maria") == []


def test_units_run_neighbours_and_particles_together() -> None:
    found = {u.text for u in units([words("De la Cruz Mamani")])}
    assert {"delacruz", "cruzmamani", "delacruzmamani"} <= found
    across = {u.text for u in units([words("Nurul"), words("Amin")])}
    assert "nurulamin" in across  # given and family run together


def test_spelling_alternations_of_a_typed_word() -> None:
    def alt(text: str) -> set[str]:
        return {a.text for a in alternatives(words(text)[0])}

    assert "shaimaa" in alt("Chaimaa")  # French ch for sh
    assert "hrihorenko" in alt("Grigorenko")  # Russian g for Ukrainian h
    assert "yulia" in alt("Julia")
    assert {"xie"} <= set(chinese_readings("hsieh"))
    assert {"qian", "jian"} <= set(chinese_readings("chien"))
    assert chinese_readings("mohamed") == []


def test_closeness_orders_variants_before_other_names() -> None:
    keys = Keys()

    def close(a: str, b: str) -> float:
        typed, stored = Unit(a, (0,), "word"), Unit(b, (0,), "word")
        return keys.closeness(typed, stored)

    assert close("shevchenko", "shevchenko") == 1.0
    assert close("shevtchenko", "shevchenko") > close("savchenko", "shevchenko")
    assert close("aminah", "amina") > 0.85  # typed longer
    assert close("funmi", "funmilayo") > 0.8  # short form by its beginning
    assert close("sasha", "oleksandr") > 0.85  # equivalent names
    assert close("mariam", "traore") == 0.0
