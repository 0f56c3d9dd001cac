"""Key file version 3: key-pair slots (the database key sealed to each slot's public key),
bounded, authenticated parameters, a digest and a MAC over the slots, and the upgrade of
version-1 files (the committed schema fixtures) and version-2 files (``fixtures/keyfile/v2``)."""

from __future__ import annotations

import json
import shutil
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from models.crypto import (
    DEFAULT_KDF,
    KDF_READ_MAX,
    KDF_READ_MIN,
    MINIMUM_KDF,
    KdfParams,
    derive_kek,
    public_of,
    unwrap,
)
from models.errors import KeyFileInvalid, KeyFileTampered, UnknownOperator, WrongPassword
from models.keyfile import KeyFile, body_digest, slot_aad
from models.store import DeskStore, OpenStore
from tests.conftest import ADMIN_PASSWORD, FAST_KDF, add_operator

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "db"
# Every fixture store so far was written with a version-1 key file (anna admin, lucia
# legal advisor, both with the suite's password); they are never remade.
V1_FIXTURES = ["0001", "0002"]

Data = dict[str, Any]


def read(path: Path) -> Data:
    data: Data = json.loads(path.read_text("utf-8"))
    return data


def write(path: Path, data: Data, reseal: bool = False) -> None:
    """Write ``data``; ``reseal`` recomputes the digest, as a deliberate attacker would."""
    if reseal:
        body = {k: v for k, v in data.items() if k not in ("digest", "mac")}
        data = {**data, "digest": body_digest(body)}
    path.write_text(json.dumps(data), "utf-8")


def slot(data: Data, login: str | None) -> Data:
    kind = "operator" if login else "recovery"
    found: Data = next(s for s in data["slots"] if s["kind"] == kind and s.get("login") == login)
    return found


def without(data: Data, login: str | None) -> Data:
    kind = "operator" if login else "recovery"
    slots = [s for s in data["slots"] if not (s["kind"] == kind and s.get("login") == login)]
    return {**data, "slots": slots}


def v1_store(tmp_path: Path, revision: str = "0002") -> DeskStore:
    folder = tmp_path / "desk"
    folder.mkdir()
    for name in ("desk.db", "desk.keys.json"):
        shutil.copy(FIXTURES / revision / name, folder / name)
    return DeskStore(folder)


def closed_v2(store: OpenStore) -> DeskStore:
    add_operator(store, "lucia", "legal_advisor")
    files = store.files
    store.lock()
    return files


def unchanged(files: DeskStore, attempt: Callable[[], object], error: type[Exception]) -> None:
    """``attempt`` raises ``error`` at once, writes nothing and counts no failed sign-in."""
    before = {p.name: p.read_bytes() for p in files.data_dir.iterdir() if p.is_file()}
    start = time.perf_counter()
    with pytest.raises(error) as raised:
        attempt()
    assert type(raised.value) is error
    assert time.perf_counter() - start < 2.0  # no Argon2id run with the altered cost
    assert {p.name: p.read_bytes() for p in files.data_dir.iterdir() if p.is_file()} == before
    assert files.attempts.failures("anna") == 0


# ===================================================================== version 1 → 2
@pytest.mark.parametrize("revision", V1_FIXTURES)
def test_a_version_1_key_file_is_upgraded_at_the_next_unlock(tmp_path: Path, revision: str) -> None:
    files = v1_store(tmp_path, revision)
    old = read(files.keyfile_path)
    assert old["version"] == 1 and "mac" not in old
    store = files.unlock("anna", ADMIN_PASSWORD)
    try:
        new = read(files.keyfile_path)
        assert new["version"] == 3 and set(new) >= {"digest", "mac"}
        assert new["store_id"] == old["store_id"]
        assert slot(new, "anna")["aad"] == 3  # a key-pair slot now
        assert set(slot(new, "anna")["keys"]) == {"database"}
        assert slot(new, "anna")["salt"] == slot(old, "anna")["salt"]  # same password key
        assert slot(new, "lucia") == {**slot(old, "lucia"), "aad": 1}  # her secret: not here
        assert slot(new, None) == {**slot(old, None), "aad": 1}
        assert stat.S_IMODE(files.keyfile_path.stat().st_mode) == 0o600
        assert not list(files.data_dir.glob(".desk.keys.json.*"))  # no temporary file left
        report = store.verify()
        assert report.ok and report.keyfile_problems == []
    finally:
        store.lock()
    files.unlock("lucia", ADMIN_PASSWORD).lock()  # her slot: rebound now
    assert slot(read(files.keyfile_path), "lucia")["aad"] == 3
    files.unlock("anna", ADMIN_PASSWORD).lock()


def test_a_wrong_password_does_not_upgrade_a_version_1_file(tmp_path: Path) -> None:
    files = v1_store(tmp_path)
    before = files.keyfile_path.read_bytes()
    with pytest.raises(WrongPassword):
        files.unlock("anna", "not the password at all")
    assert files.keyfile_path.read_bytes() == before


def test_a_version_1_file_with_a_raised_cost_is_damaged_not_slow(tmp_path: Path) -> None:
    files = v1_store(tmp_path)
    data = read(files.keyfile_path)
    slot(data, "anna")["kdf"]["iterations"] = 1_000_000
    write(files.keyfile_path, data)
    unchanged(files, lambda: files.unlock("anna", ADMIN_PASSWORD), KeyFileInvalid)


def test_a_version_1_file_without_its_recovery_slot_is_refused(tmp_path: Path) -> None:
    files = v1_store(tmp_path)
    write(files.keyfile_path, without(read(files.keyfile_path), None))
    unchanged(files, lambda: files.unlock("anna", ADMIN_PASSWORD), KeyFileInvalid)


def test_version_1_could_not_tell_a_lowered_cost_from_a_wrong_password(tmp_path: Path) -> None:
    """What version 2 fixes: the same edit after the upgrade is a damaged file."""
    files = v1_store(tmp_path)
    pristine = read(files.keyfile_path)
    slot(pristine, "anna")["kdf"]["memory_kib"] = 2048  # in bounds, but not the real one
    write(files.keyfile_path, pristine)
    with pytest.raises(WrongPassword):
        files.unlock("anna", ADMIN_PASSWORD)
    assert files.attempts.failures("anna") == 1


# ===================================================================== version 2 refusals
@pytest.mark.parametrize(
    ("field", "value"),
    [("iterations", 1_000_000), ("iterations", 2), ("memory_kib", 4096), ("lanes", 2)],
)
def test_an_edited_cost_is_a_damaged_key_file_not_a_wrong_password(
    store: OpenStore, field: str, value: int
) -> None:
    files = closed_v2(store)
    data = read(files.keyfile_path)
    slot(data, "anna")["kdf"][field] = value
    write(files.keyfile_path, data)
    unchanged(files, lambda: files.unlock("anna", ADMIN_PASSWORD), KeyFileInvalid)


@pytest.mark.parametrize(
    "kdf",
    [
        {"alg": "argon2id", "memory_kib": 1024, "iterations": 11, "lanes": 1},
        {"alg": "argon2id", "memory_kib": 2_097_152, "iterations": 1, "lanes": 1},
        {"alg": "argon2id", "memory_kib": 512, "iterations": 1, "lanes": 1},
        {"alg": "argon2id", "memory_kib": 1024, "iterations": 1, "lanes": 16},
        {"alg": "argon2id", "memory_kib": 1024, "iterations": "1", "lanes": 1},
        {"alg": "scrypt", "memory_kib": 1024, "iterations": 1, "lanes": 1},
    ],
)
def test_costs_out_of_bounds_are_refused_before_any_key_is_derived(
    store: OpenStore, kdf: Data
) -> None:
    """Even with the digest recomputed: the bounds are checked first."""
    files = closed_v2(store)
    data = read(files.keyfile_path)
    slot(data, "anna")["kdf"] = kdf
    write(files.keyfile_path, data, reseal=True)
    unchanged(files, lambda: files.unlock("anna", ADMIN_PASSWORD), KeyFileInvalid)


@pytest.mark.parametrize("login", [None, "anna"])
def test_a_file_missing_a_required_slot_is_refused(store: OpenStore, login: str | None) -> None:
    files = store.files
    store.lock()
    data = without(read(files.keyfile_path), login)  # the recovery slot, or the only operator
    write(files.keyfile_path, data, reseal=True)
    unchanged(files, lambda: files.unlock("anna", ADMIN_PASSWORD), KeyFileInvalid)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: without(d, "lucia"),  # another operator's slot removed
        lambda d: {**d, "desk": "san-martino"},
        lambda d: {**d, "slots": [*d["slots"], {**slot(d, "lucia"), "login": "mallory"}]},
        lambda d: {
            **d,
            "slots": [
                {**s, "kdf": {**s["kdf"], "iterations": 2}} if s.get("login") == "lucia" else s
                for s in d["slots"]
            ],
        },
    ],
    ids=["slot-removed", "desk-changed", "slot-added", "other-cost-changed"],
)
def test_a_resealed_file_is_found_altered_by_its_mac_at_unlock(
    store: OpenStore, tamper: Callable[[Data], Data]
) -> None:
    files = closed_v2(store)
    write(files.keyfile_path, tamper(read(files.keyfile_path)), reseal=True)
    unchanged(files, lambda: files.unlock("anna", ADMIN_PASSWORD), KeyFileTampered)


def test_the_recovery_key_also_checks_the_mac(tmp_path: Path) -> None:
    created = DeskStore(tmp_path / "d", kdf=FAST_KDF).create("acli", "anna", ADMIN_PASSWORD)
    add_operator(created.store, "lucia", "legal_advisor")
    files = created.store.files
    created.store.lock()
    write(files.keyfile_path, without(read(files.keyfile_path), "lucia"), reseal=True)
    before = files.keyfile_path.read_bytes()
    with pytest.raises(KeyFileTampered):
        files.reset_password(created.recovery_key, "anna", "a fresh sentence for anna")
    assert files.keyfile_path.read_bytes() == before


def test_the_slot_binding_covers_the_kdf_parameters_and_the_public_key(store: OpenStore) -> None:
    """Version-3 additional data: the right key under other parameters does not open."""
    files = closed_v2(store)
    keyfile = KeyFile.load(files.keyfile_path)
    anna = keyfile.operator_slot("anna")
    assert anna.kdf == FAST_KDF and anna.aad == 3 and anna.public is not None
    kek = derive_kek(ADMIN_PASSWORD, anna.salt, FAST_KDF)
    aad = slot_aad(keyfile.store_id, 3, "operator", "anna", FAST_KDF, anna.public)
    private = unwrap(kek, anna.nonce, anna.ciphertext, aad)
    assert public_of(private) == anna.public
    other = KdfParams(memory_kib=1024, iterations=2, lanes=1)
    lucia = keyfile.operator_slot("lucia")
    for wrong in (
        slot_aad(keyfile.store_id, 3, "operator", "anna", other, anna.public),
        slot_aad(keyfile.store_id, 3, "operator", "anna", FAST_KDF, lucia.public),
        slot_aad(keyfile.store_id, 2, "operator", "anna", FAST_KDF),
        slot_aad(keyfile.store_id, 3, "operator", "lucia", FAST_KDF, anna.public),
    ):
        with pytest.raises(WrongPassword):
            unwrap(kek, anna.nonce, anna.ciphertext, wrong)


def test_a_sealed_key_moved_to_another_slot_does_not_open(store: OpenStore) -> None:
    """Even with the digest recomputed: lucia's sealed key in anna's slot is refused."""
    files = closed_v2(store)
    data = read(files.keyfile_path)
    slot(data, "anna")["keys"] = slot(data, "lucia")["keys"]
    write(files.keyfile_path, data, reseal=True)
    unchanged(files, lambda: files.unlock("anna", ADMIN_PASSWORD), KeyFileTampered)


# ===================================================================== version 2 → 3
V2 = FIXTURES.parent / "keyfile" / "v2"


def v2_store(tmp_path: Path) -> DeskStore:
    folder = tmp_path / "desk"
    folder.mkdir(mode=0o700)
    for name in ("desk.db", "desk.keys.json", "desk.journal.json"):
        shutil.copy(V2 / name, folder / name)
    return DeskStore(folder)


def test_a_version_2_key_file_is_upgraded_slot_by_slot(tmp_path: Path) -> None:
    files = v2_store(tmp_path)
    old = read(files.keyfile_path)
    assert old["version"] == 2 and {s["aad"] for s in old["slots"]} == {2}
    store = files.unlock("anna", ADMIN_PASSWORD)
    try:
        new = read(files.keyfile_path)
        assert new["version"] == 3 and slot(new, "anna")["aad"] == 3
        assert slot(new, "lucia") == slot(old, "lucia")  # her secret is not here
        assert slot(new, None) == slot(old, None)
        assert store.verify().ok
    finally:
        store.lock()
    recovery = (V2 / "recovery-key.txt").read_text().strip()
    files.reset_password(recovery, "omar", "a brand new sentence for omar")
    assert slot(read(files.keyfile_path), None)["aad"] == 3  # the recovery slot too
    files.unlock("lucia", ADMIN_PASSWORD).lock()
    files.unlock("omar", "a brand new sentence for omar").lock()
    assert {s["aad"] for s in read(files.keyfile_path)["slots"]} == {3}


def test_a_rekey_names_the_operators_it_could_not_keep(tmp_path: Path) -> None:
    """A version-2 slot has no public key: the rekey cannot seal to it and says whose."""
    files = v2_store(tmp_path)
    files.unlock("lucia", ADMIN_PASSWORD).lock()  # lucia's slot: version 3
    store = files.unlock("anna", ADMIN_PASSWORD)
    recovery, dropped = store.rekey(ADMIN_PASSWORD, new_recovery_key=False)
    assert dropped == ["omar"]
    assert recovery is not None  # a version-2 recovery slot cannot be kept either: a new key
    store.lock()
    files.unlock("lucia", ADMIN_PASSWORD).lock()
    with pytest.raises(UnknownOperator):
        files.unlock("omar", ADMIN_PASSWORD)


def test_verify_reports_a_version_2_file_put_back(tmp_path: Path) -> None:
    files = v2_store(tmp_path)
    v2 = files.keyfile_path.read_bytes()
    store = files.unlock("anna", ADMIN_PASSWORD)
    try:
        files.keyfile_path.write_bytes(v2)
        assert store.verify().keyfile_problems == ["not_upgraded"]
    finally:
        store.lock()


# ===================================================================== verify
def _verify_after(store: OpenStore, tamper: Callable[[Data], Data], reseal: bool) -> list[str]:
    path = store.files.keyfile_path
    write(path, tamper(read(path)), reseal=reseal)
    report = store.verify()
    assert not report.ok
    return report.keyfile_problems


def test_verify_reports_a_removed_recovery_slot(store: OpenStore) -> None:
    problems = _verify_after(store, lambda d: without(d, None), reseal=True)
    assert problems == ["altered", "no_recovery_slot"]


def test_verify_reports_a_removed_administrator_slot(store: OpenStore) -> None:
    add_operator(store, "lucia", "legal_advisor")
    problems = _verify_after(store, lambda d: without(d, "anna"), reseal=True)
    assert problems == ["altered", "no_admin_slot"]


def test_verify_reports_a_damaged_key_file(store: OpenStore) -> None:
    problems = _verify_after(store, lambda d: {**d, "desk": "quarenghi"}, reseal=False)
    assert problems == ["damaged"]


def test_verify_reports_a_version_1_file_put_back_after_unlock(tmp_path: Path) -> None:
    files = v1_store(tmp_path)
    v1 = files.keyfile_path.read_bytes()
    store = files.unlock("anna", ADMIN_PASSWORD)
    try:
        files.keyfile_path.write_bytes(v1)
        assert store.verify().keyfile_problems == ["not_upgraded"]
    finally:
        store.lock()


def test_verify_reports_a_genuine_but_stale_key_file(store: OpenStore) -> None:
    """An older key file of this store (the MAC is genuine) with a disabled operator's slot."""
    add_operator(store, "omar", "desk_operator")
    stale = store.files.keyfile_path.read_bytes()
    store.disable_operator("omar")
    store.files.keyfile_path.write_bytes(stale)
    assert store.verify().keyfile_problems == ["stale_operator_slot"]


def test_verify_reports_a_key_file_of_another_store(store: OpenStore, tmp_path: Path) -> None:
    other = DeskStore(tmp_path / "other", kdf=FAST_KDF).create("acli", "anna", ADMIN_PASSWORD)
    other.store.lock()
    shutil.copy(other.store.files.keyfile_path, store.files.keyfile_path)
    problems = store.verify().keyfile_problems
    assert problems == ["altered", "other_store"]


# ===================================================================== bounds and floor
def test_bounds_hold_the_production_and_the_test_parameters() -> None:
    for params in (DEFAULT_KDF, MINIMUM_KDF, FAST_KDF):
        assert params.within(KDF_READ_MIN, KDF_READ_MAX)
    assert DEFAULT_KDF.at_least(MINIMUM_KDF)
    assert not FAST_KDF.at_least(MINIMUM_KDF)


def test_the_production_floor_refuses_weak_new_slots(tmp_path: Path) -> None:
    files = DeskStore(tmp_path / "d", kdf=FAST_KDF, kdf_floor=MINIMUM_KDF)
    with pytest.raises(ValueError, match="floor"):
        files.create("acli", "anna", ADMIN_PASSWORD)
    assert not files.exists()


def test_the_floor_also_guards_operators_and_password_changes(store: OpenStore) -> None:
    store.files.kdf_floor = MINIMUM_KDF
    before = store.files.keyfile_path.read_bytes()
    with pytest.raises(ValueError, match="floor"):
        store.add_operator("omar", "desk_operator", ADMIN_PASSWORD)
    with pytest.raises(ValueError, match="floor"):
        store.set_password("anna", "another fine sentence")
    assert store.files.keyfile_path.read_bytes() == before
