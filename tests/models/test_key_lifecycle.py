"""Key lifecycle: a rekey keeps every remaining operator and retires every earlier key
file; a revoked computer opens with no password; a desk offline too long opens only for
administrators. Real SQLCipher files throughout."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from models import backup_copies, device_policy
from models.clock import utcnow
from models.errors import (
    DeviceRevoked,
    OfflineTooLong,
    PermissionDenied,
    ValidationFailed,
    WrongPassword,
)
from models.keyfile import KeyFile
from models.schema import AuditEvent, Meta, Person
from models.store import DeskStore, OpenStore
from tests.conftest import ADMIN_PASSWORD, FAST_KDF, add_operator, opens_with
from tests.models.service_helpers import add_person

NEW_PASSWORD = "a sentence nobody else has seen"


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file's bytes; SQLite's shared-memory index and an empty log, which a
    read-only look at the database may create, are not writes."""
    found = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    found.pop("desk.db-shm", None)
    if not found.get("desk.db-wal", b"x"):
        del found["desk.db-wal"]
    return found


def set_meta(store: OpenStore, **values: str) -> None:
    with store.session() as session:
        for key, value in values.items():
            session.merge(Meta(key=key, value=value))


def audit_actions(store: OpenStore) -> list[str]:
    with store.session() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


# ===================================================================== rekey
def test_after_disable_and_rekey_the_leavers_old_key_file_opens_nothing(store: OpenStore) -> None:
    add_operator(store, "omar", "desk_operator")
    add_operator(store, "lucia", "legal_advisor")
    pid = add_person(store, store.actor)
    files = store.files
    leaver_copy = files.keyfile_path.read_bytes()  # what omar could have copied
    store.disable_operator("omar")
    recovery, dropped = store.rekey(ADMIN_PASSWORD)
    assert recovery is not None and dropped == []
    store.lock()

    # omar's old password with his old copy yields the old key, which no longer reads.
    old_dek = KeyFile.from_data(json.loads(leaver_copy)).open_operator_slot("omar", ADMIN_PASSWORD)
    assert not opens_with(files.db_path, old_dek)
    # and the rolling backup the rekey took first holds only the old key's slots too.
    (_at, backup), *_ = backup_copies.list_rolling(files.data_dir)
    in_backup = KeyFile.load(backup_copies.keys_path(backup))
    assert not opens_with(files.db_path, in_backup.open_operator_slot("lucia", ADMIN_PASSWORD))

    # Everyone who remains signs in with the password they had: nobody re-enters anything.
    for login in ("anna", "lucia"):
        again = files.unlock(login, ADMIN_PASSWORD)
        with again.session() as session:
            assert session.get(Person, pid) is not None
        again.lock()
    assert "omar" not in files.logins()


def test_a_password_change_and_rekey_retire_the_leaked_password(store: OpenStore) -> None:
    add_operator(store, "omar", "desk_operator")
    files = store.files
    leaked = files.keyfile_path.read_bytes()
    store.set_password("omar", NEW_PASSWORD)
    # A new key pair: the old password with the old file gives only the old database key,
    # which still reads the database until the rekey (why the rekey is offered).
    old_dek = KeyFile.from_data(json.loads(leaked)).open_operator_slot("omar", ADMIN_PASSWORD)
    assert opens_with(files.db_path, old_dek)
    _recovery, dropped = store.rekey(ADMIN_PASSWORD, new_recovery_key=False)
    assert dropped == []
    store.lock()
    assert not opens_with(files.db_path, old_dek)
    files.unlock("omar", NEW_PASSWORD).lock()


def test_a_rekey_may_keep_the_recovery_key(tmp_path: Path) -> None:
    created = DeskStore(tmp_path / "d", kdf=FAST_KDF).create("acli", "anna", ADMIN_PASSWORD)
    store = created.store
    recovery, _dropped = store.rekey(ADMIN_PASSWORD, new_recovery_key=False)
    assert recovery is None
    store.lock()
    created.store.files.reset_password(created.recovery_key, "anna", NEW_PASSWORD)
    created.store.files.unlock("anna", NEW_PASSWORD).lock()


def test_only_an_admin_rekeys_and_only_with_their_password(store: OpenStore) -> None:
    lucia = add_operator(store, "lucia", "legal_advisor")
    before = store.files.keyfile_path.read_bytes()
    with pytest.raises(WrongPassword):
        store.rekey("not the admin password")
    store.lock()
    as_lucia = store.files.unlock("lucia", ADMIN_PASSWORD)
    try:
        assert as_lucia.actor.login == lucia.login
        with pytest.raises(PermissionDenied):
            as_lucia.rekey(ADMIN_PASSWORD)
    finally:
        as_lucia.lock()
    assert store.files.keyfile_path.read_bytes() == before


# ===================================================================== revocation
def test_revocation_seals_the_store_and_its_backups_to_the_recovery_key(
    tmp_path: Path,
) -> None:
    created = DeskStore(tmp_path / "d", kdf=FAST_KDF).create("acli", "anna", ADMIN_PASSWORD)
    store = created.store
    add_operator(store, "omar", "desk_operator")
    files = store.files
    store.rolling_backup(force=True)
    old_copy = files.keyfile_path.read_bytes()
    store.revoke_device()
    assert "device_revoked" in audit_actions(store)
    store.lock()

    sealed = json.loads(files.keyfile_path.read_text())
    assert sealed["revoked"] is True and [s["kind"] for s in sealed["slots"]] == ["recovery"]
    for _at, backup in backup_copies.list_rolling(files.data_dir):
        kinds = [
            s["kind"] for s in json.loads(backup_copies.keys_path(backup).read_text())["slots"]
        ]
        assert kinds == ["recovery"]
    before = files_of(files.data_dir)
    for login in ("anna", "omar", "nobody"):
        with pytest.raises(DeviceRevoked):
            files.unlock(login, ADMIN_PASSWORD)
    assert files_of(files.data_dir) == before  # refused before anything, nothing counted
    assert files.attempts.failures("anna") == 0
    old_dek = KeyFile.from_data(json.loads(old_copy)).open_operator_slot("omar", ADMIN_PASSWORD)
    assert not opens_with(files.db_path, old_dek)


def test_a_revocation_that_died_midway_still_refuses_passwords(store: OpenStore) -> None:
    """The database changed key but the revoked key file is still pending beside it."""
    files = store.files
    current = files.keyfile_path.read_bytes()
    store.revoke_device()
    store.lock()
    files.keyfile_path.replace(files.pending_keyfile_path)
    files.keyfile_path.write_bytes(current)
    with pytest.raises(DeviceRevoked):
        files.unlock("anna", ADMIN_PASSWORD)


# ===================================================================== offline too long
def enrolled_days_ago(store: OpenStore, days: int) -> None:
    synced = utcnow() - timedelta(days=days)
    set_meta(
        store,
        **{device_policy.DEVICE_ID: "dev-1", device_policy.LAST_OK: synced.isoformat()},
    )


def test_a_desk_offline_too_long_opens_only_for_an_admin_who_vouches(store: OpenStore) -> None:
    add_operator(store, "omar", "desk_operator")
    enrolled_days_ago(store, 31)
    files = store.files
    store.lock()
    before = files_of(files.data_dir)
    with pytest.raises(OfflineTooLong) as refused:
        files.unlock("omar", ADMIN_PASSWORD)
    assert (refused.value.days, refused.value.limit) == (31, 30)
    assert files_of(files.data_dir) == before  # nothing written, not even an audit event
    admin = files.unlock("anna", ADMIN_PASSWORD)
    assert "offline_vouched" in audit_actions(admin)
    admin.lock()
    files.unlock("omar", ADMIN_PASSWORD).lock()  # vouched for another 30 days


def test_setting_the_clock_back_does_not_shorten_the_time_offline(store: OpenStore) -> None:
    add_operator(store, "omar", "desk_operator")
    enrolled_days_ago(store, 10)
    # The clock was 25 days ahead at the last unlock: it has been 35 days since the sync.
    ahead = utcnow() + timedelta(days=25)
    set_meta(store, **{device_policy.CLOCK_HIGH: ahead.isoformat()})
    store.lock()
    with pytest.raises(OfflineTooLong):
        store.files.unlock("omar", ADMIN_PASSWORD)


def test_the_admin_sets_how_long_a_desk_may_stay_offline(store: OpenStore) -> None:
    omar = add_operator(store, "omar", "desk_operator")
    enrolled_days_ago(store, 45)
    for bad in (0, 366, "60", True):
        with pytest.raises(ValidationFailed):
            store.set_offline_days(bad)  # type: ignore[arg-type]
    store.set_offline_days(60)
    assert store.device_state().offline_days == 60
    store.lock()
    as_omar = store.files.unlock("omar", ADMIN_PASSWORD)
    try:
        assert as_omar.actor == omar
        with pytest.raises(PermissionDenied):
            as_omar.set_offline_days(90)
    finally:
        as_omar.lock()


def test_a_desk_never_enrolled_has_no_offline_limit(store: OpenStore) -> None:
    add_operator(store, "omar", "desk_operator")
    set_meta(store, **{device_policy.LAST_OK: (utcnow() - timedelta(days=400)).isoformat()})
    store.lock()
    store.files.unlock("omar", ADMIN_PASSWORD).lock()


def test_the_recovery_key_vouches_for_a_desk_offline_too_long(tmp_path: Path) -> None:
    created = DeskStore(tmp_path / "d", kdf=FAST_KDF).create("acli", "anna", ADMIN_PASSWORD)
    add_operator(created.store, "omar", "desk_operator")
    enrolled_days_ago(created.store, 90)
    files = created.store.files
    created.store.lock()
    with pytest.raises(OfflineTooLong):
        files.unlock("omar", ADMIN_PASSWORD)
    files.reset_password(created.recovery_key, "omar", NEW_PASSWORD)
    files.unlock("omar", NEW_PASSWORD).lock()
