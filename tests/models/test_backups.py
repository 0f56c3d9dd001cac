"""Encrypted backups, rolling backups at lock, and restore."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from models import backup_copies, backups
from models.errors import (
    BackupError,
    CorruptStore,
    PermissionDenied,
    StoreExists,
    Throttled,
    WrongPassword,
)
from models.schema import Person
from models.store import DeskStore, OpenStore
from tests.conftest import ADMIN_PASSWORD, add_operator


def add_person(store: OpenStore, name: str) -> str:
    with store.session() as session:
        person = Person(given_name=name, family_name="Backup")
        session.add(person)
    return person.id


def names(store: OpenStore) -> set[str]:
    with store.session() as session:
        return {p.given_name for p in session.query(Person)}


def test_a_backup_is_a_store_that_opens_with_the_same_operators(
    store: OpenStore, tmp_path: Path
) -> None:
    add_operator(store, "omar", "desk_operator")
    add_person(store, "Before")
    dest = store.backup_to(tmp_path / "usb" / "acli-monday.db")
    assert backup_copies.keys_path(dest).exists()
    assert backups.inspect_backup(dest, "omar", ADMIN_PASSWORD).ok
    with pytest.raises(WrongPassword):
        backups.inspect_backup(dest, "omar", "not omar's password")
    with pytest.raises(StoreExists):
        store.backup_to(dest)


def test_restore_brings_back_the_backup_and_keeps_the_replaced_files(
    store: OpenStore, tmp_path: Path
) -> None:
    add_person(store, "Before")
    dest = store.backup_to(tmp_path / "backup.db")
    add_person(store, "After")
    files = store.files
    store.lock()
    aside = backups.restore(files, dest, "anna", ADMIN_PASSWORD)
    assert (aside / "desk.db").exists() and (aside / "desk.keys.json").exists()
    restored = files.unlock("anna", ADMIN_PASSWORD)
    assert names(restored) == {"Before"}
    restored.lock()
    # The replaced store is intact too: nothing was lost by restoring.
    previous = DeskStore(aside).unlock("anna", ADMIN_PASSWORD)
    assert names(previous) == {"Before", "After"}
    previous.lock()


def test_restore_refuses_a_damaged_backup_and_changes_nothing(
    store: OpenStore, tmp_path: Path
) -> None:
    add_person(store, "Keep me")
    dest = store.backup_to(tmp_path / "backup.db")
    raw = bytearray(dest.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    dest.write_bytes(bytes(raw))
    files = store.files
    store.lock()
    before = files.db_path.read_bytes()
    with pytest.raises(CorruptStore):
        backups.restore(files, dest, "anna", ADMIN_PASSWORD)
    assert files.db_path.read_bytes() == before
    backup_copies.keys_path(dest).unlink()
    with pytest.raises(BackupError):
        backups.restore(files, dest, "anna", ADMIN_PASSWORD)


def test_lock_takes_no_backup(store: OpenStore) -> None:
    add_person(store, "Not rolled")
    store.lock()
    assert backup_copies.list_rolling(store.files.data_dir) == []


def test_backup_then_lock_takes_a_rolling_backup_at_most_hourly(store: OpenStore) -> None:
    add_person(store, "Rolled")
    files = store.files
    backups.backup_then_lock(store)
    assert store.is_locked
    assert len(backup_copies.list_rolling(files.data_dir)) == 1
    again = files.unlock("anna", ADMIN_PASSWORD)
    backups.backup_then_lock(again)
    assert again.is_locked
    assert len(backup_copies.list_rolling(files.data_dir)) == 1
    _, path = backup_copies.list_rolling(files.data_dir)[0]
    assert backups.inspect_backup(path, "anna", ADMIN_PASSWORD).ok


def test_a_failed_backup_never_keeps_the_store_unlocked(
    store: OpenStore, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "rolling_backup", broken)
    with caplog.at_level(logging.ERROR, logger="models.backups"):
        backups.backup_then_lock(store)
    assert store.is_locked
    assert "rolling backup failed" in caplog.text


def test_thinning_keeps_recent_daily_weekly_and_monthly_copies() -> None:
    now = datetime(2026, 11, 22, 18, 0, tzinfo=UTC)
    # A backup every 3 hours for 400 days.
    stamps = [now - timedelta(hours=3 * i) for i in range(400 * 8)]
    keep = backup_copies.keep_set(stamps, now)
    assert sorted(stamps, reverse=True)[:3] == sorted(keep, reverse=True)[:3]
    assert len(keep) <= 3 + 8 + 5 + 13
    # Coverage: one copy for each of the last 7 days, each week of 5, each month of a year.
    for days in range(1, 7):
        assert any(abs((now - at) - timedelta(days=days)) < timedelta(days=1) for at in keep)
    for months in range(2, 12):
        assert any(
            abs((now - at) - timedelta(days=30 * months)) < timedelta(days=31) for at in keep
        )
    assert not any(now - at > timedelta(days=31 * 12 + 1) for at in keep)


def test_thin_deletes_backups_and_their_key_files(store: OpenStore) -> None:
    data_dir = store.files.data_dir
    now = datetime(2026, 11, 22, 18, 0, tzinfo=UTC)
    for hours in range(0, 48, 2):
        store.rolling_backup(force=True, now=now - timedelta(hours=hours))
    backup_copies.thin(data_dir, now)
    kept = backup_copies.list_rolling(data_dir)
    assert 3 <= len(kept) <= 3 + 3  # three newest, plus one for each of three days
    left = sorted(p.name for p in (data_dir / backup_copies.BACKUP_DIR).iterdir())
    assert len(left) == 2 * len(kept)  # each .db with its .keys.json, nothing orphaned


def test_only_an_admin_of_the_backup_may_restore_it(store: OpenStore, tmp_path: Path) -> None:
    add_operator(store, "omar", "desk_operator")
    dest = store.backup_to(tmp_path / "backup.db")
    files = store.files
    store.lock()
    before = files.db_path.read_bytes()
    with pytest.raises(PermissionDenied):
        backups.restore(files, dest, "omar", ADMIN_PASSWORD)
    assert files.db_path.read_bytes() == before


def test_wrong_passwords_on_restore_are_throttled(store: OpenStore, tmp_path: Path) -> None:
    dest = store.backup_to(tmp_path / "backup.db")
    files = store.files
    store.lock()
    for _ in range(5):
        with pytest.raises(WrongPassword):
            backups.restore(files, dest, "anna", "not the password")
    with pytest.raises(Throttled):
        backups.restore(files, dest, "anna", ADMIN_PASSWORD)
