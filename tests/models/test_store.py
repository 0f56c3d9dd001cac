"""The encrypted store: keys, wrong passwords, corruption, schema, durability settings."""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import stat
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import func, select, text
from sqlalchemy.orm import sessionmaker

from models.errors import (
    CorruptStore,
    KeyFileInvalid,
    KeyFileMissing,
    KeyFileTooNew,
    OperatorDisabled,
    PermissionDenied,
    SchemaTooNew,
    StoreExists,
    StoreLocked,
    StoreNotFound,
    Throttled,
    UnknownOperator,
    ValidationFailed,
    WeakPassword,
    WrongPassword,
)
from models.keyfile import body_digest
from models.roles import Actor
from models.schema import Person
from models.store import DeskStore, OpenStore
from models.throttle import FREE_ATTEMPTS
from tests.conftest import ADMIN_PASSWORD, FAST_KDF, add_operator


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_person(store: OpenStore, given: str = "Amina", family: str = "Diallo") -> str:
    with store.session() as session:
        person = Person(given_name=given, family_name=family, birth_year=1991)
        session.add(person)
    return person.id


def closed(store: OpenStore) -> DeskStore:
    """Lock without a backup; closing the last connection folds the WAL into the file."""
    files = store.files
    store.lock()
    assert not Path(f"{files.db_path}-wal").exists()
    return files


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


# ===================================================================== create and open
def test_create_writes_only_the_database_and_a_key_file_without_personal_data(
    store: OpenStore, data_dir: Path
) -> None:
    add_person(store, "CANARYNAME")
    names = {p.name for p in data_dir.iterdir()}
    assert {"desk.db", "desk.keys.json"} <= names
    assert names <= {"desk.db", "desk.db-wal", "desk.db-shm", "desk.keys.json", "desk.journal.json"}
    keyfile = json.loads((data_dir / "desk.keys.json").read_text())
    assert keyfile["format"] == "arco-desk-keyfile" and keyfile["version"] == 3
    assert keyfile["desk"] == "acli"
    assert {s["kind"] for s in keyfile["slots"]} == {"operator", "recovery"}
    assert "CANARYNAME" not in (data_dir / "desk.keys.json").read_text()
    for name in names:
        assert stat.S_IMODE((data_dir / name).stat().st_mode) & 0o077 == 0, name


def test_connections_are_durable_encrypted_and_key_first(store: OpenStore) -> None:
    assert store.engine is not None
    with store.engine.connect() as conn:
        pragma = conn.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert pragma("PRAGMA temp_store").scalar() == 2  # MEMORY
        version = str(pragma("PRAGMA cipher_version").scalar()).split()[0]
        assert tuple(int(x) for x in version.split(".")[:2]) >= (4, 7)
        assert str(pragma("PRAGMA cipher_page_size").scalar()) == "4096"


def test_the_database_file_is_not_readable_as_plain_sqlite(store: OpenStore) -> None:
    files = closed(store)
    header = files.db_path.read_bytes()[:16]
    assert header != b"SQLite format 3\x00"
    conn = sqlcipher.connect(str(files.db_path))  # no key: like any plain sqlite reader
    with pytest.raises(sqlcipher.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    conn.close()


def test_create_refuses_an_existing_store_and_leaves_it_alone(store: OpenStore) -> None:
    files = closed(store)
    before = digest(files.db_path)
    with pytest.raises(StoreExists):
        DeskStore(files.data_dir, kdf=FAST_KDF).create("acli", "other", ADMIN_PASSWORD)
    assert digest(files.db_path) == before


@pytest.mark.parametrize(
    ("desk", "login", "password", "error"),
    [
        ("nowhere", "anna", ADMIN_PASSWORD, ValidationFailed),
        ("acli", "anna smith", ADMIN_PASSWORD, ValidationFailed),
        ("acli", "anna", "short", WeakPassword),
        ("acli", "anna", "password1", WeakPassword),
    ],
)
def test_create_rejects_bad_input_and_writes_nothing(
    tmp_path: Path, desk: str, login: str, password: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        DeskStore(tmp_path / "d", kdf=FAST_KDF).create(desk, login, password)
    assert not (tmp_path / "d").exists() or not any((tmp_path / "d").iterdir())


def test_unlock_with_the_right_password_reads_back_what_was_saved(store: OpenStore) -> None:
    pid = add_person(store)
    files = closed(store)
    again = files.unlock("anna", ADMIN_PASSWORD)
    with again.session() as session:
        assert session.get(Person, pid) is not None
    again.lock()


# ===================================================================== wrong passwords
def test_wrong_password_is_refused_and_the_database_is_untouched(store: OpenStore) -> None:
    files = closed(store)
    before = {p.name: digest(p) for p in files.data_dir.glob("desk.db*")}
    with pytest.raises(WrongPassword):
        files.unlock("anna", "not the password")
    assert {p.name: digest(p) for p in files.data_dir.glob("desk.db*")} == before


def test_repeated_failures_throttle_even_after_a_restart(store: OpenStore) -> None:
    files = closed(store)
    clock = Clock()
    first = DeskStore(files.data_dir, attempts_clock=clock)
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(WrongPassword):
            first.unlock("anna", "wrong password!")
    restarted = DeskStore(files.data_dir, attempts_clock=clock)
    with pytest.raises(Throttled) as throttled:
        restarted.unlock("anna", ADMIN_PASSWORD)  # even the right one must wait
    assert 25 <= throttled.value.retry_after <= 30
    clock.now += 31
    with pytest.raises(WrongPassword):
        restarted.unlock("anna", "wrong again!!")
    with pytest.raises(Throttled) as longer:
        restarted.unlock("anna", ADMIN_PASSWORD)
    assert longer.value.retry_after > 30  # the delay grows
    clock.now += 61
    restarted.unlock("anna", ADMIN_PASSWORD).lock()
    assert restarted.attempts.retry_after("anna") == 0


def test_unknown_login_is_refused_like_a_wrong_password(store: OpenStore) -> None:
    files = closed(store)
    with pytest.raises(UnknownOperator):
        files.unlock("mallory", ADMIN_PASSWORD)


# ===================================================================== damaged files
def test_missing_key_file_is_named_and_nothing_is_created(store: OpenStore) -> None:
    files = closed(store)
    before = digest(files.db_path)
    files.keyfile_path.unlink()
    with pytest.raises(KeyFileMissing):
        files.unlock("anna", ADMIN_PASSWORD)
    assert digest(files.db_path) == before
    assert not files.keyfile_path.exists()


def test_missing_database_is_never_recreated(store: OpenStore) -> None:
    files = closed(store)
    files.db_path.unlink()
    with pytest.raises(StoreNotFound):
        files.unlock("anna", ADMIN_PASSWORD)
    assert not files.db_path.exists()


@pytest.mark.parametrize(
    "mangle",
    [
        lambda d: "not json",
        lambda d: json.dumps({**d, "format": "something-else"}),
        lambda d: json.dumps({**d, "slots": "none"}),
        lambda d: json.dumps({**d, "slots": [{"kind": "operator", "login": "anna"}]}),
    ],
)
def test_invalid_key_file_is_refused_clearly(store: OpenStore, mangle) -> None:  # type: ignore[no-untyped-def]
    files = closed(store)
    data = json.loads(files.keyfile_path.read_text())
    files.keyfile_path.write_text(mangle(data))
    with pytest.raises(KeyFileInvalid):
        files.unlock("anna", ADMIN_PASSWORD)


def test_key_file_from_a_newer_version_is_refused(store: OpenStore) -> None:
    files = closed(store)
    data = json.loads(files.keyfile_path.read_text())
    files.keyfile_path.write_text(json.dumps({**data, "version": 99}))
    with pytest.raises(KeyFileTooNew):
        files.unlock("anna", ADMIN_PASSWORD)


def test_a_tampered_key_slot_does_not_open(store: OpenStore) -> None:
    files = closed(store)
    data = json.loads(files.keyfile_path.read_text())
    slot = next(s for s in data["slots"] if s["kind"] == "operator")
    other = next(s for s in data["slots"] if s["kind"] == "recovery")
    slot["ciphertext"] = other["ciphertext"]  # a valid-looking but foreign slot
    files.keyfile_path.write_text(json.dumps(data))
    with pytest.raises(KeyFileInvalid):  # the digest no longer matches
        files.unlock("anna", ADMIN_PASSWORD)
    body = {k: v for k, v in data.items() if k not in ("digest", "mac")}
    files.keyfile_path.write_text(json.dumps({**data, "digest": body_digest(body)}))
    with pytest.raises(WrongPassword):  # digest recomputed: the slot itself does not open
        files.unlock("anna", ADMIN_PASSWORD)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: b"\x00" * len(raw),  # zeroed
        lambda raw: bytes(reversed(raw)),  # garbage of the right size
        lambda raw: b"",  # empty file
    ],
)
def test_corrupt_database_is_reported_and_left_in_place(store: OpenStore, damage) -> None:  # type: ignore[no-untyped-def]
    files = closed(store)
    files.db_path.write_bytes(damage(files.db_path.read_bytes()))
    before = digest(files.db_path)
    with pytest.raises(CorruptStore):
        files.unlock("anna", ADMIN_PASSWORD)
    assert digest(files.db_path) == before


def test_every_random_single_byte_flip_is_detected(store: OpenStore) -> None:
    for i in range(50):
        add_person(store, f"Person{i}", "Flip")
    files = closed(store)
    pristine = files.db_path.read_bytes()
    rng = random.Random(20261122)
    flips = 120
    detected = 0
    for _ in range(flips):
        offset = rng.randrange(len(pristine))
        damaged = bytearray(pristine)
        damaged[offset] ^= 1 << rng.randrange(8)
        files.db_path.write_bytes(bytes(damaged))
        for suffix in ("-wal", "-shm"):
            Path(f"{files.db_path}{suffix}").unlink(missing_ok=True)
        try:
            opened = files.unlock("anna", ADMIN_PASSWORD)
        except CorruptStore:
            detected += 1
            continue
        try:
            report = opened.verify()
        except CorruptStore:
            report = None
        finally:
            opened.lock()
        if report is None or not report.ok:
            detected += 1
    assert detected == flips


def test_a_database_from_a_newer_version_is_refused_unchanged(store: OpenStore) -> None:
    assert store.engine is not None
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'f999_from_the_future'")
    files = closed(store)
    before = digest(files.db_path)
    with pytest.raises(SchemaTooNew):
        files.unlock("anna", ADMIN_PASSWORD)
    assert digest(files.db_path) == before


# ===================================================================== operators and keys
def test_password_change_rewraps_the_key_without_re_encrypting(store: OpenStore) -> None:
    files = store.files
    salt_before = files.db_path.read_bytes()[:16]
    store.set_password("anna", "a new long passphrase")
    store.lock()
    assert files.db_path.read_bytes()[:16] == salt_before
    with pytest.raises(WrongPassword):
        files.unlock("anna", ADMIN_PASSWORD)
    files.unlock("anna", "a new long passphrase").lock()


def test_operators_get_their_own_slot_and_role(store: OpenStore) -> None:
    add_operator(store, "omar", "desk_operator")
    files = store.files
    store.lock()
    omar = files.unlock("omar", ADMIN_PASSWORD)
    assert omar.actor == Actor("omar", "desk_operator", "acli")
    with pytest.raises(PermissionDenied):
        omar.add_operator("eve", "admin", "another long password")
    omar.lock()


def test_disabled_operator_cannot_unlock_and_their_slot_is_gone(store: OpenStore) -> None:
    add_operator(store, "omar", "desk_operator")
    store.disable_operator("omar")
    assert "omar" not in store.keyfile.logins()
    files = store.files
    store.lock()
    with pytest.raises(UnknownOperator):
        files.unlock("omar", ADMIN_PASSWORD)


def test_an_operator_disabled_in_the_database_is_refused(store: OpenStore) -> None:
    """A stale key file (restored from elsewhere) must not resurrect a disabled operator."""
    add_operator(store, "omar", "desk_operator")
    stale = store.files.keyfile_path.read_bytes()
    store.disable_operator("omar")
    files = store.files
    store.lock()
    files.keyfile_path.write_bytes(stale)
    with pytest.raises(OperatorDisabled):
        files.unlock("omar", ADMIN_PASSWORD)


def test_recovery_key_resets_a_forgotten_password(tmp_path: Path) -> None:
    created = DeskStore(tmp_path / "d", kdf=FAST_KDF).create("quarenghi", "anna", ADMIN_PASSWORD)
    files = created.store.files
    created.store.lock()
    typed_back = created.recovery_key.lower().replace("-", " ")
    files.reset_password(typed_back, "anna", "brand new passphrase")
    files.unlock("anna", "brand new passphrase").lock()
    with pytest.raises(WrongPassword):
        files.reset_password("AAAA-" * 12 + "AAAA", "anna", "brand new passphrase 2")


def test_rekey_re_encrypts_so_old_keys_no_longer_open(store: OpenStore) -> None:
    pid = add_person(store)
    add_operator(store, "omar", "desk_operator")
    files = store.files
    old_keyfile = files.keyfile_path.read_bytes()
    old_dek = store.dek
    recovery, dropped = store.rekey(ADMIN_PASSWORD)
    assert dropped == [] and recovery is not None and len(recovery.split("-")) == 13
    store.lock()
    conn = sqlcipher.connect(str(files.db_path))
    conn.execute(f"PRAGMA key = \"x'{old_dek.hex()}'\"")
    with pytest.raises(sqlcipher.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    conn.close()
    again = files.unlock("anna", ADMIN_PASSWORD)
    with again.session() as session:
        assert session.get(Person, pid) is not None
    assert again.verify().ok
    again.lock()
    files.unlock("omar", ADMIN_PASSWORD).lock()  # kept working, same password
    shutil.copy(files.keyfile_path, files.data_dir / "new.keys.json")
    files.keyfile_path.write_bytes(old_keyfile)
    with pytest.raises(CorruptStore):
        files.unlock("anna", ADMIN_PASSWORD)


def test_locked_store_refuses_every_query(store: OpenStore, tmp_path: Path) -> None:
    store.lock()
    assert store.is_locked
    with pytest.raises(StoreLocked), store.session():
        pass
    with pytest.raises(StoreLocked):
        _ = store.dek
    for action in (
        store.verify,
        store.operators,
        lambda: store.backup_to(tmp_path / "copy.db"),
        lambda: store.rekey(ADMIN_PASSWORD),
        lambda: store.add_operator("omar", "desk_operator", ADMIN_PASSWORD),
    ):
        with pytest.raises(StoreLocked):
            action()
    assert not (tmp_path / "copy.db").exists()


def test_a_locked_store_opens_no_connection_for_whoever_kept_its_engine(
    store: OpenStore,
) -> None:
    """Engines, session factories and sessions taken before the lock are dead after it."""
    engine = store.engine
    assert engine is not None
    factory = sessionmaker(bind=engine)
    session = factory()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM operators").scalar() == 1
    busy = engine.connect()  # a worker in the middle of its work when the lock comes
    raw = busy.connection.dbapi_connection
    assert raw is not None
    store.lock()
    assert busy.exec_driver_sql("SELECT count(*) FROM operators").scalar() == 1
    busy.close()  # handed back: closed, not kept in a pool with its key
    with pytest.raises(sqlcipher.ProgrammingError):
        raw.execute("SELECT 1")
    with pytest.raises(StoreLocked):
        engine.connect()
    with pytest.raises(StoreLocked):
        engine.raw_connection()
    with pytest.raises(StoreLocked):
        factory().execute(text("SELECT count(*) FROM operators"))
    with pytest.raises(StoreLocked):
        session.execute(text("SELECT count(*) FROM operators"))
    session.close()
    again = store.files.unlock("anna", ADMIN_PASSWORD)  # the store itself is fine
    again.lock()


def test_lock_wipes_the_key_the_engine_reads(store: OpenStore) -> None:
    key = store._key
    assert key.value() == store.dek and len(key.value()) == 32
    store.lock()
    assert key.wiped and key._key == bytearray(32)  # zeroed in place
    with pytest.raises(StoreLocked):
        key.value()


# ===================================================================== verify
def test_verify_passes_on_a_healthy_store(store: OpenStore) -> None:
    add_person(store)
    report = store.verify()
    assert report.ok and report.audit_events >= 2


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE audit_events SET action = 'view' WHERE seq = 2",
        "DELETE FROM audit_events WHERE seq = 2",
        "DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)",
    ],
)
def test_verify_detects_an_altered_or_removed_audit_event(store: OpenStore, tamper: str) -> None:
    add_person(store)
    add_person(store, "Second")
    assert store.engine is not None
    with store.engine.begin() as conn:
        conn.exec_driver_sql(tamper)
    report = store.verify()
    assert not report.ok and report.audit_broken_at is not None


def test_writes_are_acknowledged_only_when_durable(store: OpenStore) -> None:
    """Each unit of work is one transaction: a failure inside it leaves no trace."""
    with pytest.raises(RuntimeError), store.session() as session:
        session.add(Person(given_name="Half", family_name="Written"))
        session.flush()
        raise RuntimeError("operator closed the form mid-save")
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0
