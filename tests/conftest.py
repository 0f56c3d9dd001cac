"""Shared fixtures: real encrypted stores in temporary folders, headless Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from models.crypto import KdfParams
from models.roles import Actor
from models.store import DeskStore, OpenStore

# The central server fixtures serve the sync, desktop and ui suites alike.
pytest_plugins = ["tests.sync.fixtures"]

# Argon2id at test strength: the production parameters are exercised by the CLI tests
# and the benchmarks; everything else would spend minutes deriving keys.
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
ADMIN_PASSWORD = "correct horse battery"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "desk"


@pytest.fixture
def store(data_dir: Path) -> Iterator[OpenStore]:
    """A fresh, unlocked store for the ACLI desk; admin ``anna``."""
    created = DeskStore(data_dir, kdf=FAST_KDF).create("acli", "anna", ADMIN_PASSWORD)
    yield created.store
    created.store.lock()


def add_operator(store: OpenStore, login: str, role: str) -> Actor:
    """Add an operator with the test password and return them as an actor."""
    store.add_operator(login, role, ADMIN_PASSWORD)
    if role == "legal_advisor":
        # as if they signed in at this computer: the legal key (made by the first legal
        # advisor) is at hand for sessions acting as them
        store.adopt_legal_key(login, ADMIN_PASSWORD)
    return Actor(login=login, role=role, desk=store.desk)


@pytest.fixture
def operator(store: OpenStore) -> Actor:
    return add_operator(store, "omar", "desk_operator")


@pytest.fixture
def advisor(store: OpenStore) -> Actor:
    return add_operator(store, "lucia", "legal_advisor")


@pytest.fixture
def coordinator(store: OpenStore) -> Actor:
    return add_operator(store, "carla", "coordinator")


# ===================================================================== canary leak check
# Tests type this name into stores (people, searches, forms). When the whole session ends,
# no file written under the session's temporary folder may contain it in plaintext —
# databases, WAL files, backups, key files, temporary files, logs — except exports the user
# asked for, whose file names contain "export". Log records of the whole run go to a
# file there too, at DEBUG level, so a log call that leaks a name fails the run.
CANARY = "Zyxwanda Qorvath-Canary"


@pytest.hookimpl(trylast=True)  # after pytest's tmp_path plugin has set up the base folder
def pytest_configure(config: pytest.Config) -> None:
    import logging
    import tempfile

    basetemp = config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]
    tmp = basetemp / "process-temp"
    tmp.mkdir(exist_ok=True)
    tempfile.tempdir = str(tmp)  # the app's temporary files land where we scan
    # Device secrets of the sync credential (sync.credential): never the real user's
    # configuration folder or keystore; the fallback file, under the session's folder
    # (inherited by the desk and server processes the tests start).
    os.environ["ARCO_CONFIG_DIR"] = str(basetemp / "config")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    handler = logging.FileHandler(basetemp / "arco-test.log", encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)


def leaked_canary(root: Path) -> list[Path]:
    """Files under ``root`` holding the canary in UTF-8 or UTF-16, exports excepted."""
    needles = [CANARY.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    needles += [CANARY.upper().encode(), CANARY.lower().encode()]
    found = []
    for path in root.rglob("*"):
        if not path.is_file() or "export" in path.name.lower():
            continue
        data = path.read_bytes()
        if any(needle in data for needle in needles):
            found.append(path)
    return found


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    import logging

    for handler in logging.getLogger().handlers:
        handler.flush()
    basetemp = session.config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]
    leaks = leaked_canary(basetemp)
    if leaks:
        print("\nPLAINTEXT LEAK: the canary name was found in:")
        for path in leaks:
            print("   ", path)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def opens_with(db_path: Path, dek: bytes) -> bool:
    """Whether the database file reads with the raw key ``dek``, as someone holding that
    key and sqlcipher would read it (no application involved)."""
    conn = sqlcipher.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        return True
    except sqlcipher.DatabaseError:
        return False
    finally:
        conn.close()
