"""The legal key: consultation content that only legal advisors can decrypt, whatever path
another operator takes to it (the file with the database key, the outbox, a backup, the
services, an export), and how the key reaches legal advisors and survives a rekey."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import select

from models import legal
from models.consultations import get_consultation, record_consultation
from models.errors import LegalKeyUnavailable, PermissionDenied, ValidationFailed
from models.gdpr import export_person
from models.keyfile import LEGAL, KeyFile
from models.roles import Actor
from models.schema import AuditEvent, Consultation
from models.store import DeskStore, OpenStore
from tests.conftest import ADMIN_PASSWORD, FAST_KDF
from tests.models.service_helpers import add_person

QUESTION = "LEGALCANARY may she renew the permit while the appeal is pending?"
ADVICE = "LEGALCANARY yes, with the postal receipt"
SECRETS = ("LEGALCANARY",)
NEW_PASSWORD = "a sentence nobody else has seen"


def record(store: OpenStore, advisor: Actor, pid: str) -> str:
    with store.session(advisor) as session:
        return record_consultation(
            session, advisor, pid, "permit_of_stay", QUESTION, ADVICE, "LEGALCANARY renew"
        ).id


def raw_dump(db_path: Path, dek: bytes) -> str:
    """Every row of every table, as someone with the database key and sqlcipher reads it."""
    conn = sqlcipher.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return "\n".join(
            f"{table}: {row!r}"
            for table in tables
            for row in conn.execute(f'SELECT * FROM "{table}"')
        )
    finally:
        conn.close()


def question_seen_by(files: DeskStore, login: str, password: str, cid: str) -> str | None:
    """The consultation's question as ``login`` reads it after signing in."""
    store = files.unlock(login, password)
    try:
        with store.session() as session:
            return get_consultation(session, store.actor, cid).question
    finally:
        store.lock()


def slot_keys(store: OpenStore) -> dict[str, set[str]]:
    """Which keys each slot of the key file on disk holds (``#recovery``: the recovery slot)."""
    data = json.loads(store.files.keyfile_path.read_text())
    return {s.get("login", "#recovery"): set(s.get("keys", {})) for s in data["slots"]}


def test_no_path_but_a_legal_advisor_reads_consultation_content(
    store: OpenStore, operator: Actor, advisor: Actor, coordinator: Actor, tmp_path: Path
) -> None:
    pid = add_person(store, operator)
    cid = record(store, advisor, pid)
    files = store.files
    # The desk operator's own password gives the database key, and no legal key.
    omar_keys = KeyFile.load(files.keyfile_path).open_operator_keys("omar", ADMIN_PASSWORD)
    assert LEGAL not in omar_keys
    dek = omar_keys["database"]
    # The file (consultations, outbox, audit, everything) read with that key.
    dump = raw_dump(files.db_path, dek)
    assert "consultations" in dump and legal.PREFIX in dump
    for secret in SECRETS:
        assert secret not in dump
    # A backup, opened the same way.
    copy = store.backup_to(tmp_path / "copy.db")
    assert all(secret not in raw_dump(copy, dek) for secret in SECRETS)
    # The services: nothing for the operator, existence for the coordinator, and an export
    # by the coordinator withholds the content.
    with store.session(operator) as session, pytest.raises(PermissionDenied):
        get_consultation(session, operator, cid)
    with store.session(coordinator) as session:
        exported = json.dumps(export_person(session, coordinator, pid))
    assert all(secret not in exported for secret in SECRETS)
    # The legal advisor reads it, and exports it for the person.
    with store.session(advisor) as session:
        assert get_consultation(session, advisor, cid).question == QUESTION
        doc = export_person(session, advisor, pid)
    [item] = doc["consultations"]
    assert (item["question"], item["advice"]) == (QUESTION, ADVICE)


def test_a_sealed_field_opens_only_for_its_record_and_field(
    store: OpenStore, operator: Actor, advisor: Actor
) -> None:
    pid = add_person(store, operator)
    first, second = record(store, advisor, pid), record(store, advisor, pid)
    with store.session(advisor) as session:
        a, b = session.get(Consultation, first), session.get(Consultation, second)
        assert a is not None and b is not None
        a.question, a.advice = b.question, a.question  # moved across records and fields
    with store.session(advisor) as session:
        detail = get_consultation(session, advisor, first)
    assert (detail.question, detail.advice) == (None, None)  # unreadable, never wrong


def test_the_first_legal_advisor_makes_the_key_for_the_advisors_and_recovery(
    store: OpenStore, operator: Actor, advisor: Actor
) -> None:
    keys = slot_keys(store)
    assert keys["lucia"] == keys["#recovery"] == {"database", "legal"}
    assert keys["anna"] == keys["omar"] == {"database"}
    with store.session() as session:
        actions = list(session.scalars(select(AuditEvent.action)))
    assert "legal_key_created" in actions


def desk_with_a_consultation(folder: Path) -> tuple[DeskStore, str, str, str]:
    """A desk where anna (admin) added lucia, who signed in and recorded a consultation:
    (files, recovery key, person id, consultation id). Everything locked."""
    created = DeskStore(folder, kdf=FAST_KDF).create("acli", "anna", ADMIN_PASSWORD)
    anna = created.store
    anna.add_operator("lucia", "legal_advisor", ADMIN_PASSWORD)
    pid = add_person(anna, anna.actor)
    files = anna.files
    anna.lock()
    lucia = files.unlock("lucia", ADMIN_PASSWORD)
    try:
        cid = record(lucia, lucia.actor, pid)
    finally:
        lucia.lock()
    return files, created.recovery_key, pid, cid


def test_a_new_advisor_waits_for_a_grant_from_one_who_holds_the_key(tmp_path: Path) -> None:
    files, _recovery, pid, cid = desk_with_a_consultation(tmp_path / "d")
    anna = files.unlock("anna", ADMIN_PASSWORD)
    anna.add_operator("marco", "legal_advisor", ADMIN_PASSWORD)
    assert slot_keys(anna)["marco"] == {"database"}  # anna cannot give what she has not
    anna.lock()

    marco = files.unlock("marco", ADMIN_PASSWORD)
    try:
        assert not marco.holds_legal_key
        with marco.session() as session, pytest.raises(LegalKeyUnavailable):
            record_consultation(session, marco.actor, pid, "asylum", "q", "", "")
        with marco.session() as session:
            assert get_consultation(session, marco.actor, cid).question is None
    finally:
        marco.lock()
    files.unlock("lucia", ADMIN_PASSWORD).lock()  # lucia's unlock grants it
    assert question_seen_by(files, "marco", ADMIN_PASSWORD, cid) == QUESTION


def test_an_admin_reset_password_loses_the_key_until_the_recovery_key_or_a_grant(
    tmp_path: Path,
) -> None:
    files, recovery, _pid, cid = desk_with_a_consultation(tmp_path / "d")
    anna = files.unlock("anna", ADMIN_PASSWORD)
    anna.set_password("lucia", NEW_PASSWORD)  # anna does not hold the legal key
    assert slot_keys(anna)["lucia"] == {"database"}
    anna.lock()
    assert question_seen_by(files, "lucia", NEW_PASSWORD, cid) is None
    files.reset_password(recovery, "lucia", ADMIN_PASSWORD)
    assert question_seen_by(files, "lucia", ADMIN_PASSWORD, cid) == QUESTION


def test_a_rekey_keeps_the_legal_key_and_the_new_recovery_key_gets_it_back(
    store: OpenStore, operator: Actor, advisor: Actor
) -> None:
    pid = add_person(store, operator)
    cid = record(store, advisor, pid)
    recovery, _dropped = store.rekey(ADMIN_PASSWORD)
    assert recovery is not None
    assert slot_keys(store)["#recovery"] == {"database"}  # pending: anna cannot seal it
    files = store.files
    store.lock()
    lucia = files.unlock("lucia", ADMIN_PASSWORD)  # her unlock seals it to the recovery slot
    try:
        with lucia.session() as session:
            assert get_consultation(session, lucia.actor, cid).question == QUESTION
        assert slot_keys(lucia)["#recovery"] == {"database", "legal"}
    finally:
        lucia.lock()


def test_a_new_recovery_key_is_refused_while_only_the_old_one_holds_the_legal_key(
    store: OpenStore, advisor: Actor
) -> None:
    store.disable_operator("lucia")  # the only legal advisor leaves
    before = store.files.keyfile_path.read_bytes()
    with pytest.raises(ValidationFailed) as refused:
        store.rekey(ADMIN_PASSWORD)
    assert (refused.value.field, refused.value.reason) == ("recovery_key", "holds_the_legal_key")
    assert store.files.keyfile_path.read_bytes() == before
    _recovery, _dropped = store.rekey(ADMIN_PASSWORD, new_recovery_key=False)
    assert slot_keys(store)["#recovery"] == {"database", "legal"}


def test_lock_wipes_the_legal_key(store: OpenStore, advisor: Actor) -> None:
    assert store.holds_legal_key
    holder = store._legal
    assert holder is not None
    store.lock()
    assert not any(holder._packed)


def test_consultations_stored_in_clear_are_sealed_at_an_advisors_unlock(tmp_path: Path) -> None:
    """The schema fixture of revision 0002 holds lucia's consultation in clear."""
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "db" / "0002"
    folder = tmp_path / "desk"
    folder.mkdir()
    for name in ("desk.db", "desk.keys.json"):
        (folder / name).write_bytes((fixture / name).read_bytes())
    expected = json.loads((fixture / "expected.json").read_text())
    [row] = [v for k, v in expected.items() if k.startswith("consultations/")]
    files = DeskStore(folder)
    lucia = files.unlock("lucia", ADMIN_PASSWORD)
    try:
        with lucia.session() as session:
            stored = session.get(Consultation, row["id"])
            assert stored is not None and legal.is_sealed(stored.question)
            detail = get_consultation(session, lucia.actor, row["id"])
        assert (detail.question, detail.advice) == (row["question"], row["advice"])
        dek = KeyFile.load(files.keyfile_path).open_operator_keys("anna", ADMIN_PASSWORD)
        assert row["question"] not in raw_dump(files.db_path, dek["database"]).split("outbox")[0]
    finally:
        lucia.lock()
