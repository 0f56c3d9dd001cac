"""``arco-deskctl enroll`` and ``sync`` against a real central server process."""

from __future__ import annotations

import re
from pathlib import Path

from models.exit_codes import EXIT_FAILED
from models.people import PersonForm, create_person
from models.store import DeskStore
from sync.server.schema import Record
from tests.conftest import ADMIN_PASSWORD, FAST_KDF
from tests.desktop.test_deskctl import run
from tests.sync.fixtures import Central


def _desk(tmp_path: Path) -> Path:
    folder = tmp_path / "desk"
    store = DeskStore(folder, kdf=FAST_KDF).create("acli", "anna", ADMIN_PASSWORD).store
    with store.session() as session:
        create_person(session, store.actor, PersonForm(given_name="Awa", family_name="Ndiaye"))
    store.lock()
    return folder


def _people_on_server(central: Central) -> int:
    return len(central.run(lambda s: s.query(Record).filter_by(entity="persons").all()))


def test_enroll_then_sync_sends_the_desks_people(tmp_path: Path, central_sqlite: Central) -> None:
    folder = _desk(tmp_path)
    pw = ADMIN_PASSWORD + "\n"
    enrolled = run(folder, "--operator", "anna", "--password-stdin", "enroll",
                   "--server", central_sqlite.url, "--code", central_sqlite.code("acli"),
                   stdin=pw)  # fmt: skip
    assert enrolled.returncode == 0, enrolled.stderr
    assert "Postazione registrata" in enrolled.stdout
    synced = run(folder, "--operator", "anna", "--password-stdin", "sync", stdin=pw)
    assert synced.returncode == 0, synced.stderr
    assert "Sincronizzazione completata: 1" not in synced.stderr
    assert re.search(r"\b(\d+) (of|di) \1\b", synced.stderr)  # progress, on stderr
    assert _people_on_server(central_sqlite) == 1


def test_wrong_code_and_no_server_are_told_in_plain_words(
    tmp_path: Path, central_sqlite: Central
) -> None:
    folder = _desk(tmp_path)
    pw = ADMIN_PASSWORD + "\n"
    refused = run(folder, "--operator", "anna", "--password-stdin", "enroll",
                  "--server", central_sqlite.url, "--code", "AAAA-BBBB-CCCC", stdin=pw)  # fmt: skip
    assert refused.returncode == EXIT_FAILED
    assert "codice di registrazione" in refused.stderr.lower()
    not_yet = run(folder, "--operator", "anna", "--password-stdin", "sync", stdin=pw)
    assert (
        not_yet.returncode == EXIT_FAILED
        and "non è registrato presso il Welcome Center" in not_yet.stderr
    )
    insecure = run(folder, "--operator", "anna", "--password-stdin", "enroll",
                   "--server", "http://192.0.2.10:8765", "--code", "X", stdin=pw)  # fmt: skip
    assert insecure.returncode == EXIT_FAILED and "https://" in insecure.stderr
