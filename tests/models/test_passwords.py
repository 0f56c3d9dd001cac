"""The password rule (models.passwords): length, zxcvbn score 3 or more, personal words."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.errors import WeakPassword
from models.passwords import (
    HINTS,
    MAX_LENGTH,
    MIN_SCORE,
    check_password,
    estimate,
    personal_words,
)
from models.schema import Operator
from models.store import DeskStore, OpenStore
from tests.conftest import ADMIN_PASSWORD, FAST_KDF


def refused(password: str, words: list[str] | None = None) -> WeakPassword:
    with pytest.raises(WeakPassword) as raised:
        check_password(password, words or [])
    return raised.value


@pytest.mark.parametrize(
    ("password", "crack_time", "hint"),
    [
        ("password12", "instant", "common"),
        ("Welcome2026", "minutes", "common"),
        ("qwertyuiop12", "instant", "common"),
        ("aaaaaaaaaaaa", "instant", "repeat"),
        ("abcdefgh1234", "instant", "common"),
        ("Giuseppe1985", "instant", "names"),
    ],
)
def test_easy_passwords_are_refused_with_a_reason(password: str, crack_time: str, hint: str):
    exc = refused(password)
    assert (exc.reason, exc.crack_time, exc.hint) == ("too_guessable", crack_time, hint)
    assert password not in str(exc)  # errors never carry the secret
    assert estimate(password).score < MIN_SCORE


@pytest.mark.parametrize(
    "password",
    [ADMIN_PASSWORD, "una frase lunga e segreta", "Tre tigri contro tre tigri!", "x7#Lq9!vB2@m"],
)
def test_long_or_random_passwords_are_accepted(password: str) -> None:
    assert check_password(password).score >= MIN_SCORE


def test_lengths() -> None:
    assert refused("Xq7#vL9!").reason == "too_short"
    assert refused("a" * (MAX_LENGTH + 1)).reason == "too_long"
    long = "Tre tigri contro tre tigri, " * 9  # 252 characters: judged on the first 72
    assert len(long) <= MAX_LENGTH and check_password(long).score >= MIN_SCORE


def test_personal_words_cover_the_login_the_name_and_the_desk() -> None:
    words = personal_words("zkowalczyk", "Zbigniew Kowalczyk", "quarenghi")
    assert {"zkowalczyk", "zbigniew", "kowalczyk", "quarenghi"} <= set(words)
    assert check_password("ZbigniewKowalczyk").score >= MIN_SCORE  # fine for someone else
    assert refused("ZbigniewKowalczyk", words).hint == "personal"
    assert refused("quarenghi2026", words).hint == "personal"
    assert check_password("quarenghi2026", personal_words("anna", "", "acli")).score >= 3


def test_hints_are_codes_not_zxcvbn_sentences() -> None:
    for password in ("password12", "Welcome2026", "aaaaaaaaaaaa", "Giuseppe1985"):
        assert refused(password).hint in HINTS


# ===================================================================== where passwords are set
def test_the_store_applies_the_rule_with_the_desk_and_the_operator(tmp_path: Path) -> None:
    files = DeskStore(tmp_path / "d", kdf=FAST_KDF)
    with pytest.raises(WeakPassword) as desk_word:
        files.create("quarenghi", "anna", "Quarenghi2026!")
    assert desk_word.value.hint == "personal"
    assert not files.exists()
    store = files.create("quarenghi", "anna", ADMIN_PASSWORD, "Anna Bianchi").store
    try:
        with pytest.raises(WeakPassword):
            store.add_operator("omar", "desk_operator", "Welcome2026")
        with pytest.raises(WeakPassword) as own_name:
            store.add_operator(
                "zkowalczyk", "desk_operator", "ZbigniewKowalczyk", "Zbigniew Kowalczyk"
            )
        assert own_name.value.hint == "personal"
        with store.session() as session:
            assert session.get(Operator, "zkowalczyk") is None
        with pytest.raises(WeakPassword):
            store.set_password("anna", "password12")
        with pytest.raises(WeakPassword):
            store.set_password("anna", "AnnaBianchi")  # her own name
    finally:
        store.lock()
    files.unlock("anna", ADMIN_PASSWORD).lock()  # nothing changed


def test_the_recovery_reset_applies_the_rule(tmp_path: Path) -> None:
    created = DeskStore(tmp_path / "d", kdf=FAST_KDF).create("acli", "anna", ADMIN_PASSWORD)
    store: OpenStore = created.store
    files = store.files
    store.lock()
    before = files.keyfile_path.read_bytes()
    with pytest.raises(WeakPassword):
        files.reset_password(created.recovery_key, "anna", "Welcome2026")
    assert files.keyfile_path.read_bytes() == before
    files.unlock("anna", ADMIN_PASSWORD).lock()
