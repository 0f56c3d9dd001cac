"""Personal data never reaches a file in plaintext: store, WAL, backups, temp files, logs.

This test writes the canary through every storage path of the core; the session-wide
check in ``tests/conftest.py`` then scans every file the whole run wrote.
"""

from __future__ import annotations

import logging
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from models import backups
from models.schema import Person, Visit
from models.search import find_people
from models.store import OpenStore
from tests.conftest import ADMIN_PASSWORD, CANARY, leaked_canary

NOON = datetime(2026, 11, 22, 12, 0)


def test_the_canary_is_nowhere_in_plaintext(store: OpenStore, tmp_path: Path) -> None:
    given, family = CANARY.split(" ", 1)
    with store.session() as session:
        person = Person(given_name=given, family_name=family, notes=CANARY, phone=CANARY[:40])
        session.add(person)
    with store.session() as session:
        assert find_people(session, CANARY)
        session.get(Person, person.id).notes = CANARY + " again"  # type: ignore[union-attr]
    logging.getLogger("models").debug("person saved")  # logs run at DEBUG during tests
    store.backup_to(tmp_path / "backup.db")
    files = store.files
    backups.backup_then_lock(store)  # a rolling backup
    again = files.unlock("anna", ADMIN_PASSWORD)
    again.rekey(ADMIN_PASSWORD)
    assert again.verify().ok
    # While the store is open its WAL holds recent pages: check them now, then after close.
    assert leaked_canary(tmp_path) == []
    backups.backup_then_lock(again)
    assert leaked_canary(tmp_path) == []
    assert leaked_canary(Path(tempfile.gettempdir())) == []


def test_the_scanner_finds_a_plaintext_canary(tmp_path: Path) -> None:
    leak = tmp_path / "notes.txt"
    leak.write_text(f"name: {CANARY}", encoding="utf-16")
    try:
        assert leaked_canary(tmp_path) == [leak]
    finally:
        leak.unlink()  # or the session-wide check would (rightly) fail the run


def test_database_errors_do_not_quote_personal_values(store: OpenStore) -> None:
    """A failing statement's message (which ends up in tracebacks) holds no values."""
    visit = Visit(
        person_id="no-such-person", desk_code="acli", channel=CANARY, operator="anna", at=NOON
    )
    with pytest.raises(IntegrityError) as failure, store.session() as session:
        session.add(visit)
    assert CANARY not in str(failure.value)
    assert "hidden due to hide_parameters" in str(failure.value)
