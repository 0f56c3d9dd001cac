"""The journal seal: a damaged, missing, stale or foreign write-ahead log is refused, with
nothing written and nothing committed lost; a process killed mid-write recovers."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from models import journal
from models.backups import restore
from models.errors import CorruptStore, JournalDamaged
from models.schema import AuditEvent, Person
from models.store import DeskStore, OpenStore
from tests.conftest import ADMIN_PASSWORD, FAST_KDF

ROOT = Path(__file__).resolve().parents[2]
FILES = ("desk.db", "desk.db-wal", "desk.keys.json", journal.SEAL_NAME)


def add_people(store: OpenStore, count: int, family: str = "Journal") -> list[str]:
    ids = []
    for i in range(count):
        with store.session() as session:
            person = Person(given_name=f"Person{i}", family_name=family, birth_year=1990)
            session.add(person)
        ids.append(person.id)
    return ids


def snapshot(store: OpenStore, dest: Path) -> DeskStore:
    """The data folder as a crash would leave it: the WAL not yet folded into the file."""
    dest.mkdir(parents=True)
    for name in FILES:
        source = store.files.data_dir / name
        if source.exists():
            shutil.copy2(source, dest / name)
    return DeskStore(dest)


def digests(files: DeskStore) -> dict[str, str]:
    return {
        name: hashlib.sha256((files.data_dir / name).read_bytes()).hexdigest()
        for name in FILES
        if (files.data_dir / name).exists()
    }


def people_in(files: DeskStore) -> set[str]:
    opened = files.unlock("anna", ADMIN_PASSWORD)
    try:
        with opened.session() as session:
            return set(session.scalars(select(Person.id)))
    finally:
        opened.lock()


def unchanged(files: DeskStore, before: dict[str, str]) -> None:
    """The files are as they were; SQLite's read-only open may only add an empty log."""
    after = digests(files)
    for name in set(after) - set(before):
        assert (files.data_dir / name).stat().st_size == 0, name
    assert {name: after[name] for name in before} == before


def refused(files: DeskStore, reason: str | None = None) -> JournalDamaged | CorruptStore:
    before = digests(files)
    with pytest.raises(CorruptStore) as caught:
        files.unlock("anna", ADMIN_PASSWORD)
    unchanged(files, before)  # nothing written, the log not applied
    if reason is not None:
        assert isinstance(caught.value, JournalDamaged), type(caught.value)
        assert caught.value.reason == reason
    return caught.value


@pytest.fixture
def live(store: OpenStore) -> Iterator[tuple[OpenStore, list[str], list[str]]]:
    """A store with 20 people folded into the file and 12 more only in the WAL."""
    early = add_people(store, 20, "Early")
    assert store.engine is not None
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    recent = add_people(store, 12, "Recent")
    assert journal.wal_path(store.files.db_path).stat().st_size > 0
    yield store, early, recent


# ===================================================================== good paths
def test_a_crash_snapshot_opens_with_every_commit(live, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, early, recent = live
    files = snapshot(store, tmp_path / "copy")
    assert people_in(files) == set(early + recent)


def test_a_seal_behind_the_database_is_normal(live, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The process died between a commit and its seal: the database is ahead, accepted."""
    store, early, recent = live
    older = (store.files.data_dir / journal.SEAL_NAME).read_bytes()
    add_people(store, 3, "Later")
    files = snapshot(store, tmp_path / "copy")
    (files.data_dir / journal.SEAL_NAME).write_bytes(older)
    assert len(people_in(files)) == len(early + recent) + 3


def test_each_write_advances_the_seal_and_reads_do_not(store: OpenStore) -> None:
    path = store.files.data_dir / journal.SEAL_NAME

    def sealed() -> int:
        return int(json.loads(path.read_text())["commits"])

    before = sealed()
    add_people(store, 2)
    assert sealed() == before + 2
    with store.session() as session:
        session.scalars(select(Person)).all()
    assert sealed() == before + 2


# ===================================================================== damaged logs
def test_every_flipped_byte_in_the_log_is_refused_or_harmless(live, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """No flip is accepted with a committed intake missing."""
    store, early, recent = live
    pristine = snapshot(store, tmp_path / "pristine")
    wal = journal.wal_path(pristine.db_path).read_bytes()
    rng = random.Random(20261202)
    outcomes = {"refused": 0, "harmless": 0}
    for n in range(25):
        files = DeskStore(tmp_path / f"flip{n}")
        shutil.copytree(pristine.data_dir, files.data_dir)
        damaged = bytearray(wal)
        damaged[rng.randrange(len(wal))] ^= 1 << rng.randrange(8)
        journal.wal_path(files.db_path).write_bytes(bytes(damaged))
        before = digests(files)
        try:
            opened = files.unlock("anna", ADMIN_PASSWORD)
        except CorruptStore:
            unchanged(files, before)
            outcomes["refused"] += 1
            continue
        try:
            with opened.session() as session:
                assert set(session.scalars(select(Person.id))) == set(early + recent)
        finally:
            opened.lock()
        outcomes["harmless"] += 1
    assert outcomes["refused"] >= 20  # the log is almost all page images of recent commits


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda wal: wal.unlink(), id="deleted"),
        pytest.param(lambda wal: wal.write_bytes(wal.read_bytes()[:40_000]), id="truncated"),
        pytest.param(lambda wal: wal.write_bytes(b""), id="emptied"),
        pytest.param(lambda wal: wal.write_bytes(b"\x00" * wal.stat().st_size), id="zeroed"),
    ],
)
def test_a_damaged_log_is_refused_with_nothing_changed(
    live,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    damage: Callable[[Path], None],
) -> None:
    store, _early, _recent = live
    files = snapshot(store, tmp_path / "copy")
    damage(journal.wal_path(files.db_path))
    refused(files, "behind")


def test_a_stale_log_put_back_is_refused(live, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, _early, _recent = live
    old_wal = journal.wal_path(store.files.db_path).read_bytes()
    add_people(store, 5, "Newer")
    files = snapshot(store, tmp_path / "copy")
    journal.wal_path(files.db_path).write_bytes(old_wal)
    refused(files, "behind")


def test_an_older_database_file_is_refused(store: OpenStore, tmp_path: Path) -> None:
    add_people(store, 3)
    files = store.files
    store.lock()
    old = files.db_path.read_bytes()
    opened = files.unlock("anna", ADMIN_PASSWORD)
    add_people(opened, 3, "Later")
    opened.lock()
    files.db_path.write_bytes(old)
    refused(files, "behind")


def test_another_stores_log_is_never_applied(store: OpenStore, tmp_path: Path) -> None:
    mine = add_people(store, 4, "Mine")
    files = store.files
    store.lock()  # clean: no log of its own
    other = DeskStore(tmp_path / "other", kdf=FAST_KDF).create("acli", "anna", ADMIN_PASSWORD)
    add_people(other.store, 6, "Theirs")
    foreign = journal.wal_path(other.store.files.db_path).read_bytes()
    other.store.lock()
    journal.wal_path(files.db_path).write_bytes(foreign)
    refused(files, "unreadable")
    journal.wal_path(files.db_path).unlink()  # the healthy file was not touched
    assert people_in(files) == set(mine)


def test_a_truncated_database_beside_its_log_is_refused_unchanged(live, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, _early, _recent = live
    files = snapshot(store, tmp_path / "copy")
    files.db_path.write_bytes(files.db_path.read_bytes()[:8192])
    refused(files)


# ===================================================================== the seal itself
def test_a_missing_seal_is_refused(live, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, _early, _recent = live
    files = snapshot(store, tmp_path / "copy")
    (files.data_dir / journal.SEAL_NAME).unlink()
    refused(files, "seal_missing")


@pytest.mark.parametrize("field", ["commits", "store_id", "mac"])
def test_an_edited_seal_is_refused(live, tmp_path: Path, field: str) -> None:  # type: ignore[no-untyped-def]
    store, _early, _recent = live
    files = snapshot(store, tmp_path / "copy")
    path = files.data_dir / journal.SEAL_NAME
    data = json.loads(path.read_text())
    data[field] = {"commits": 1, "store_id": "x", "mac": "AAAA"}[field]
    path.write_text(json.dumps(data))
    refused(files, "seal_invalid")


def test_verify_reports_a_removed_seal(store: OpenStore) -> None:
    add_people(store, 2)
    (store.files.data_dir / journal.SEAL_NAME).unlink()
    report = store.verify()
    assert report.journal_problems == ["seal_missing"] and not report.ok


# ===================================================================== lifecycle
def test_rekey_and_restore_keep_the_seal_true(store: OpenStore, tmp_path: Path) -> None:
    ids = add_people(store, 3)
    backup = store.backup_to(tmp_path / "b" / "desk-backup.db")
    add_people(store, 2, "AfterBackup")
    store.rekey(ADMIN_PASSWORD)
    files = store.files
    store.lock()
    assert len(people_in(files)) == 5
    restore(files, backup, "anna", ADMIN_PASSWORD)
    assert people_in(files) == set(ids)
    opened = files.unlock("anna", ADMIN_PASSWORD)
    try:
        with opened.session() as session:
            actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))
        assert "restore" in actions
        assert opened.verify().ok
    finally:
        opened.lock()


WRITER = textwrap.dedent(
    """
    import sys
    import tests  # the suite's fast key-slot floor
    from models.schema import Person
    from models.store import DeskStore

    store = DeskStore(sys.argv[1]).unlock("anna", sys.argv[2])
    i = 0
    while True:
        with store.session() as session:
            person = Person(given_name=f"Killed{i}", family_name="Midwrite", birth_year=1990)
            session.add(person)
        print(person.id, flush=True)
        i += 1
    """
)


def test_kill_9_during_writes_recovers_every_acknowledged_intake(
    store: OpenStore, tmp_path: Path
) -> None:
    files = store.files
    store.lock()
    for round_ in range(3):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(files.data_dir), ADMIN_PASSWORD],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert child.stdout is not None
        acknowledged = [child.stdout.readline().strip() for _ in range(40 + 17 * round_)]
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        acknowledged += [line.strip() for line in child.stdout if line.strip()]
        child.stdout.close()
        found = people_in(files)
        assert set(acknowledged) <= found
    opened = files.unlock("anna", ADMIN_PASSWORD)
    try:
        assert opened.verify().ok
    finally:
        opened.lock()
