"""``arco-deskctl`` end to end: the real command in a subprocess, on real encrypted stores.

The store is created once per module through ``init`` (production Argon2id parameters) and
copied for each test, so every test starts from the same fresh desk without paying for
another ``init``. Messages are checked in Italian, the default language.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from models.crypto import KdfParams
from models.exit_codes import (
    EXIT_FAILED,
    EXIT_IN_USE,
    EXIT_INTEGRITY,
    EXIT_INTERRUPTED,
    EXIT_SIGN_IN_REFUSED,
    EXIT_USAGE,
)
from models.keyfile import body_digest
from models.people import PersonForm, create_person
from models.schema import Person
from models.store import DeskStore

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"  # anna, the first administrator
NEW_PASSWORD = "a brand new passphrase"
THIRD_PASSWORD = "forgotten it, reset it"
CARLA_PASSWORD = "carla's own passphrase"
OMAR_PASSWORD = "omar's own passphrase"
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)  # only for in-test helpers
KEY_RE = re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{1,4}){12}\b")


def run(
    data_dir: Path | None,
    *args: str,
    stdin: str = "",
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m desktop.deskctl`` without a terminal (so it can never prompt)."""
    cmd = [sys.executable, "-m", "desktop.deskctl"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    cmd += args
    environ = {k: v for k, v in os.environ.items() if not k.startswith("ARCO_")}
    environ.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")
    environ.pop("LANGUAGE", None)
    environ.update(env or {})
    result = subprocess.run(
        cmd,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environ,
        cwd=REPO,
        start_new_session=True,  # no controlling terminal: getpass cannot be reached
        timeout=120,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def run_together(*calls: tuple[tuple[object, ...], dict[str, object]]) -> list[Any]:
    """Several independent ``run`` calls at once (process start-up dominates them)."""
    with ThreadPoolExecutor(len(calls)) as pool:
        futures = [pool.submit(run, *args, **kwargs) for args, kwargs in calls]  # type: ignore[arg-type]
        return [f.result() for f in futures]


def lines(*secrets: str) -> str:
    return "".join(f"{s}\n" for s in secrets)


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {
        name: (data_dir / name).read_bytes()
        for name in ("desk.db", "desk.keys.json")
        if (data_dir / name).exists()
    }


def person_names(data_dir: Path, person_id: str) -> tuple[str, str] | None:
    store = DeskStore(data_dir).unlock("anna", PASSWORD)
    try:
        with store.session() as session:
            person = session.get(Person, person_id)
            if person is None:
                return None
            return person.given_name, person.family_name
    finally:
        store.lock()


@dataclass(frozen=True)
class Template:
    data_dir: Path
    result: subprocess.CompletedProcess[str]
    recovery_key: str
    person_id: str


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    data_dir = tmp_path_factory.mktemp("template") / "desk"
    result = run(
        data_dir, "init", "--desk", "acli", "--admin", "anna", "--password-stdin",
        stdin=lines(PASSWORD),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    found = KEY_RE.search(result.stdout)
    assert found, result.stdout
    # One fictional person and a second operator (test-strength key slot), written
    # in-process through the real services, so the tests need no unlock of their own.
    store = DeskStore(data_dir, kdf=FAST_KDF).unlock("anna", PASSWORD)
    try:
        store.add_operator("omar", "desk_operator", OMAR_PASSWORD)
        with store.session() as session:
            form = PersonForm(given_name="Amina", family_name="Esempio", sex="F", birth_year=1990)
            person_id = create_person(session, store.actor, form).id
    finally:
        store.lock()
    return Template(data_dir, result, found.group(0), person_id)


@pytest.fixture
def desk(template: Template, tmp_path: Path) -> Iterator[Path]:
    """A private copy of the freshly initialised store."""
    data_dir = tmp_path / "desk"
    shutil.copytree(template.data_dir, data_dir)
    yield data_dir


# ===================================================================== init
def test_init_prints_the_recovery_key_once_with_instructions(template: Template) -> None:
    out = template.result.stdout
    assert out.count(template.recovery_key) == 1
    assert "CHIAVE DI RECUPERO" in out
    assert "SCRIVI QUESTA CHIAVE SU CARTA O STAMPALA" in out
    assert PASSWORD not in out + template.result.stderr
    for name in ("desk.db", "desk.keys.json"):
        path = template.data_dir / name
        assert path.is_file()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(template.data_dir.stat().st_mode) == 0o700
    assert not (template.data_dir / "arco-desk.lock").exists()


def test_init_twice_is_refused_and_leaves_the_store_alone(desk: Path) -> None:
    before = snapshot(desk)
    result = run(
        desk, "init", "--desk", "acli", "--admin", "bruno", "--password-stdin",
        stdin=lines(NEW_PASSWORD),
    )  # fmt: skip
    assert result.returncode == EXIT_FAILED
    assert "esiste già un archivio" in result.stderr
    assert snapshot(desk) == before
    assert KEY_RE.search(result.stdout) is None


def test_init_refuses_a_weak_password_and_writes_nothing(tmp_path: Path) -> None:
    init = ("init", "--admin", "anna", "--password-stdin")
    short, common, own_desk = run_together(
        ((tmp_path / "a", *init, "--desk", "acli"), {"stdin": lines("short")}),
        ((tmp_path / "b", *init, "--desk", "acli"), {"stdin": lines("Welcome2026")}),
        ((tmp_path / "c", *init, "--desk", "quarenghi"), {"stdin": lines("quarenghi2026")}),
    )
    assert "La password è troppo corta: usa almeno 10 caratteri." in short.stderr
    assert "Questa password è troppo facile da indovinare." in common.stderr
    assert "potrebbe trovarla in pochi minuti" in common.stderr
    assert "È una delle password più usate" in common.stderr
    assert "Contiene il tuo nome utente, il tuo nome o il nome dello sportello." in own_desk.stderr
    for result, name in ((short, "a"), (common, "b"), (own_desk, "c")):
        assert result.returncode == EXIT_FAILED
        assert not (tmp_path / name / "desk.db").exists()
        assert not (tmp_path / name / "desk.keys.json").exists()


def test_operator_add_and_passwd_refuse_guessable_passwords(desk: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(desk, other)  # each command holds its folder's lock
    before = snapshot(desk)
    add, passwd = run_together(
        (
            (desk, "operator", "add", "zoe", "--role", "desk_operator", "--operator", "anna",
             "--password-stdin"),
            {"stdin": lines(PASSWORD, "password12")},
        ),
        (
            (other, "operator", "passwd", "anna", "--operator", "anna", "--password-stdin"),
            {"stdin": lines(PASSWORD, "Welcome2026")},
        ),
    )  # fmt: skip
    for result in (add, passwd):
        assert result.returncode == EXIT_FAILED, result.stderr
        assert "Questa password è troppo facile da indovinare." in result.stderr
    assert "in meno di un minuto" in add.stderr
    assert snapshot(desk)["desk.keys.json"] == before["desk.keys.json"]
    assert snapshot(other)["desk.keys.json"] == before["desk.keys.json"]


# ===================================================================== verify and sign-in
def test_verify_ok(desk: Path) -> None:
    result = run(desk, "verify", "--operator", "anna", "--password-stdin", stdin=lines(PASSWORD))
    assert result.returncode == 0, result.stderr
    assert "Pagine cifrate: ok" in result.stdout
    assert "Struttura del database: ok" in result.stdout
    assert "chiavi esterne): ok" in result.stdout
    assert re.search(r"Registro delle attività: \d+ eventi, catena integra", result.stdout)
    assert "File delle chiavi: ok" in result.stdout
    assert "Esito: il database e il suo file delle chiavi sono integri." in result.stdout


def test_wrong_password_changes_nothing_then_attempts_are_throttled(desk: Path) -> None:
    before = snapshot(desk)
    result = run(desk, "verify", "--operator", "anna", "--password-stdin", stdin=lines("nope"))
    assert result.returncode == EXIT_SIGN_IN_REFUSED
    assert "Password errata." in result.stderr
    assert result.stdout == ""
    assert snapshot(desk) == before  # byte for byte: not even an audit event

    attempts = DeskStore(desk).attempts
    for _ in range(4):  # four more failures, recorded through the store's own log
        attempts.failed("anna")
    result = run(desk, "verify", "--operator", "anna", "--password-stdin", stdin=lines(PASSWORD))
    assert result.returncode == EXIT_SIGN_IN_REFUSED
    assert "Troppi tentativi non riusciti. Attendi" in result.stderr
    assert re.search(r"Attendi (\d+) secondi prima di riprovare", result.stderr)


def test_passwords_are_never_taken_from_the_command_line_and_usage_errors(desk: Path) -> None:
    before = snapshot(desk)
    in_argv, extra, no_terminal, no_operator, help_ = run_together(
        ((desk, "verify", "--operator", "anna", f"--password={PASSWORD}"), {}),
        ((desk, "operator", "passwd", "anna", "--operator", "anna", NEW_PASSWORD), {}),
        # Without --password-stdin and without a terminal there is nobody to ask.
        ((desk, "verify", "--operator", "anna"), {"stdin": lines(PASSWORD)}),
        ((desk, "verify", "--password-stdin"), {"stdin": lines(PASSWORD)}),
        ((None, "--help"), {}),
    )
    for result in (in_argv, extra):
        assert result.returncode == EXIT_USAGE
        assert PASSWORD not in result.stdout + result.stderr
        assert NEW_PASSWORD not in result.stdout + result.stderr
        assert "Le password non sono mai accettate sulla riga di comando" in result.stderr
    assert no_terminal.returncode == EXIT_USAGE
    assert "Non c'è un terminale da cui chiedere la password" in no_terminal.stderr
    assert no_operator.returncode == EXIT_USAGE
    assert "richiede --operator LOGIN" in no_operator.stderr
    assert help_.returncode == 0
    assert "Codici di uscita" in help_.stdout
    assert snapshot(desk) == before


def test_missing_key_file_is_reported_plainly(desk: Path) -> None:
    (desk / "desk.keys.json").unlink()
    result = run(desk, "verify", "--operator", "anna", "--password-stdin", stdin=lines(PASSWORD))
    assert result.returncode == EXIT_INTEGRITY
    assert "manca il file delle chiavi (desk.keys.json)" in result.stderr
    assert f"Cartella dei dati: {desk}" in result.stderr


def _edit_key_file(data_dir: Path, edit: Any, reseal: bool) -> None:
    path = data_dir / "desk.keys.json"
    data = edit(json.loads(path.read_text("utf-8")))
    if reseal:  # a deliberate edit: the digest recomputed
        body = {k: v for k, v in data.items() if k not in ("digest", "mac")}
        data["digest"] = body_digest(body)
    path.write_text(json.dumps(data), "utf-8")


def test_altered_key_files_are_refused_as_such_not_as_a_wrong_password(
    desk: Path, tmp_path: Path
) -> None:
    def raise_cost(data: dict[str, Any]) -> dict[str, Any]:
        for slot in data["slots"]:
            if slot.get("login") == "anna":
                slot["kdf"]["iterations"] = 1_000_000
        return data

    def drop(kind: str, login: str | None = None) -> Any:
        def edit(data: dict[str, Any]) -> dict[str, Any]:
            data["slots"] = [
                s for s in data["slots"] if not (s["kind"] == kind and s.get("login") == login)
            ]
            return data

        return edit

    cases = {
        "raised": (raise_cost, False),
        "recovery": (drop("recovery"), True),
        "omar": (drop("operator", "omar"), True),
    }
    folders = {}
    for name, (edit, reseal) in cases.items():
        folders[name] = tmp_path / name
        shutil.copytree(desk, folders[name])
        _edit_key_file(folders[name], edit, reseal)
    verify = ("verify", "--operator", "anna", "--password-stdin")
    raised, recovery, omar = run_together(
        *(((folders[name], *verify), {"stdin": lines(PASSWORD)}) for name in cases)
    )
    for result in (raised, recovery):  # found before any password is asked or counted
        assert result.returncode == EXIT_INTEGRITY
        assert "Il file delle chiavi (desk.keys.json) è danneggiato" in result.stderr
    assert omar.returncode == EXIT_INTEGRITY
    assert "è stato modificato da qualcosa che non è ARCO Desk" in omar.stderr
    for name in cases:
        assert DeskStore(folders[name]).attempts.failures("anna") == 0


def test_no_store_in_the_folder(tmp_path: Path) -> None:
    result = run(
        tmp_path / "nothing-here", "verify", "--operator", "anna", "--password-stdin",
        stdin=lines(PASSWORD),
    )  # fmt: skip
    assert result.returncode == EXIT_FAILED
    assert "non c'è l'archivio dello sportello" in result.stderr
    assert not (tmp_path / "nothing-here").exists()


def test_corrupt_database_is_refused_or_reported_without_a_crash(
    desk: Path, tmp_path: Path
) -> None:
    header = tmp_path / "header"
    shutil.copytree(desk, header)
    with (header / "desk.db").open("r+b") as handle:
        handle.seek(1000)  # inside page 1, which every unlock reads
        handle.write(b"\xff" * 64)
    db = desk / "desk.db"
    pages = db.stat().st_size // 4096
    with db.open("r+b") as handle:
        handle.seek((pages - 2) * 4096 + 200)  # a page near the end, not read at unlock
        handle.write(b"\x00" * 32)
    verify = ("verify", "--operator", "anna", "--password-stdin")
    refused, found = run_together(
        ((header, *verify), {"stdin": lines(PASSWORD)}),
        ((desk, *verify), {"stdin": lines(PASSWORD)}),
    )
    assert refused.returncode == EXIT_INTEGRITY
    assert "Il database è danneggiato o è stato alterato" in refused.stderr
    assert found.returncode == EXIT_INTEGRITY, found.stdout + found.stderr
    assert "Pagine cifrate: 1 problema" in found.stdout
    assert "Esito: TROVATI PROBLEMI." in found.stdout


# ===================================================================== operators
def test_operator_add_sign_in_permissions_disable_and_list(desk: Path) -> None:
    result = run(
        desk, "operator", "add", "carla", "--role", "coordinator", "--display-name", "Carla",
        "--operator", "anna", "--password-stdin", stdin=lines(PASSWORD, CARLA_PASSWORD),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Operatore carla aggiunto con il ruolo: coordinatore." in result.stdout

    # carla signs in (her password opens the store), but her role cannot manage operators.
    result = run(
        desk, "operator", "disable", "anna", "--operator", "carla", "--password-stdin",
        stdin=lines(CARLA_PASSWORD),
    )  # fmt: skip
    assert result.returncode == EXIT_SIGN_IN_REFUSED
    assert "Il tuo ruolo (coordinatore) non consente di gestire gli operatori." in result.stderr

    result = run(
        desk, "operator", "disable", "carla", "--operator", "anna", "--password-stdin",
        stdin=lines(PASSWORD),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr

    refused, listing = run_together(
        (
            (desk, "verify", "--operator", "carla", "--password-stdin"),
            {"stdin": lines(CARLA_PASSWORD)},
        ),
        (
            (desk, "operator", "list", "--operator", "anna", "--password-stdin"),
            {"stdin": lines(PASSWORD)},
        ),
    )
    assert refused.returncode == EXIT_SIGN_IN_REFUSED
    assert "Nessun operatore con questo nome utente può accedere" in refused.stderr
    assert listing.returncode == 0, listing.stderr
    rows = {line.split()[0]: line for line in listing.stdout.splitlines()[1:]}
    assert "amministratore" in rows["anna"] and "attivo" in rows["anna"]
    assert "coordinatore" in rows["carla"] and "disattivato" in rows["carla"]
    assert "operatore di sportello" in rows["omar"] and "attivo" in rows["omar"]


def test_passwd_then_old_password_refused_then_recovery_key_reset(
    desk: Path, template: Template
) -> None:
    result = run(
        desk, "operator", "passwd", "anna", "--operator", "anna", "--password-stdin",
        stdin=lines(PASSWORD, NEW_PASSWORD),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "La password di anna è stata cambiata." in result.stdout
    old = run(desk, "verify", "--operator", "anna", "--password-stdin", stdin=lines(PASSWORD))
    assert old.returncode == EXIT_SIGN_IN_REFUSED
    assert "Password errata." in old.stderr

    typed = template.recovery_key.lower().replace("-", " ")  # as a person might type it
    result = run(
        desk, "operator", "passwd", "anna", "--recovery-key-stdin", "--password-stdin",
        stdin=lines(typed, THIRD_PASSWORD),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "La password di anna è stata reimpostata con la chiave di recupero." in result.stdout
    assert template.recovery_key not in result.stdout

    result = run(
        desk, "verify", "--operator", "anna", "--password-stdin", stdin=lines(THIRD_PASSWORD)
    )
    assert result.returncode == 0, result.stderr


# ===================================================================== backup, restore, rekey
def test_backup_erase_and_restore_round_trip(
    desk: Path, template: Template, tmp_path: Path
) -> None:
    from desktop import instance

    person_id = template.person_id
    target = tmp_path / "usb" / "copy.db"
    result = run(
        desk, "backup", "--to", str(target), "--operator", "anna", "--password-stdin",
        stdin=lines(PASSWORD),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert target.is_file() and (tmp_path / "usb" / "copy.keys.json").is_file()
    assert f"Backup scritto: {target}" in result.stdout

    result = run(
        desk, "erase-person", person_id, "--yes", "--operator", "anna", "--password-stdin",
        stdin=lines(PASSWORD),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"I dati personali della persona {person_id} sono stati cancellati" in result.stdout

    lock = instance.acquire(desk)  # as if ARCO Desk were open on this folder
    assert lock is not None
    try:
        busy = run(
            desk, "restore", "--from", str(target), "--operator", "anna", "--password-stdin",
            stdin=lines(PASSWORD),
        )  # fmt: skip
    finally:
        lock.unlock()
    assert busy.returncode == EXIT_IN_USE
    assert "sta usando questa cartella dei dati" in busy.stderr

    result = run(
        desk, "restore", "--from", str(target), "--operator", "anna", "--password-stdin",
        stdin=lines(PASSWORD),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    moved = re.search(
        r"I file sostituiti sono stati spostati in: (.+) \(non è stato", result.stdout
    )
    assert moved, result.stdout
    aside = Path(moved.group(1))
    assert aside.parent == desk and (aside / "desk.db").is_file()
    assert person_names(desk, person_id) == ("Amina", "Esempio")


def test_disable_with_rekey_retires_the_old_key_file_and_recovery_key(
    desk: Path, template: Template, tmp_path: Path
) -> None:
    old_keys = (desk / "desk.keys.json").read_bytes()
    carla = ("operator", "add", "carla", "--role", "coordinator", "--operator", "anna")
    added = run(desk, *carla, "--password-stdin", stdin=lines(PASSWORD, CARLA_PASSWORD))
    assert added.returncode == 0, added.stderr

    result = run(
        desk, "--lang", "en", "operator", "disable", "omar", "--rekey", "--operator", "anna",
        "--password-stdin", stdin=lines(PASSWORD),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Operator omar was disabled" in result.stdout
    assert "The database has been re-encrypted with a new key." in result.stdout
    new_key = KEY_RE.search(result.stdout)
    assert new_key and new_key.group(0) != template.recovery_key
    assert "Every other operator keeps their password" in result.stdout

    # A copy of the old key file beside the re-encrypted database opens nothing.
    stale = tmp_path / "stale"
    stale.mkdir(mode=0o700)
    shutil.copyfile(desk / "desk.db", stale / "desk.db")
    (stale / "desk.keys.json").write_bytes(old_keys)
    verify = ("verify", "--password-stdin")
    old_copy, old_recovery, anna, carla_now = run_together(
        ((stale, *verify, "--operator", "anna"), {"stdin": lines(PASSWORD)}),
        (
            (desk, "operator", "passwd", "anna", "--recovery-key-stdin", "--password-stdin"),
            {"stdin": lines(template.recovery_key, NEW_PASSWORD)},
        ),
        ((desk, *verify, "--operator", "anna"), {"stdin": lines(PASSWORD)}),
        ((desk, *verify, "--operator", "carla"), {"stdin": lines(CARLA_PASSWORD)}),
    )
    assert old_copy.returncode == EXIT_INTEGRITY
    assert "Il database è danneggiato o è stato alterato" in old_copy.stderr
    assert old_recovery.returncode == EXIT_SIGN_IN_REFUSED  # the old recovery key is retired too
    assert "La chiave di recupero non è corretta." in old_recovery.stderr
    assert anna.returncode == 0, anna.stderr  # the admin's password still works
    assert carla_now.returncode == 0, carla_now.stderr  # and so does everyone else's


def test_passwd_suggests_a_rekey_and_rekey_may_keep_the_recovery_key(
    desk: Path, template: Template
) -> None:
    passwd = run(
        desk, "--lang", "en", "operator", "passwd", "omar", "--operator", "anna",
        "--password-stdin", stdin=lines(PASSWORD, NEW_PASSWORD),
    )  # fmt: skip
    assert passwd.returncode == 0, passwd.stderr
    assert "run arco-deskctl rekey" in passwd.stdout
    rekey = run(
        desk, "--lang", "en", "rekey", "--keep-recovery-key", "--operator", "anna",
        "--password-stdin", stdin=lines(PASSWORD),
    )  # fmt: skip
    assert rekey.returncode == 0, rekey.stderr
    assert "The recovery key stays the same." in rekey.stdout
    assert KEY_RE.search(rekey.stdout) is None
    DeskStore(desk).unlock("omar", NEW_PASSWORD).lock()
    reset = run(
        desk, "operator", "passwd", "anna", "--recovery-key-stdin", "--password-stdin",
        stdin=lines(template.recovery_key, THIRD_PASSWORD),
    )  # fmt: skip
    assert reset.returncode == 0, reset.stderr


def test_offline_days_are_shown_set_and_bounded(desk: Path) -> None:
    args = ("--lang", "en", "offline-days", "--operator", "anna", "--password-stdin")
    shown, too_many = run_together(
        ((desk, *args), {"stdin": lines(PASSWORD)}),
        ((desk, "--lang", "en", "offline-days", "400", *args[3:]), {"stdin": lines(PASSWORD)}),
    )
    assert shown.returncode == 0, shown.stderr
    assert "before only administrators can unlock it: 30" in shown.stdout
    assert "not enrolled" in shown.stdout
    assert too_many.returncode == EXIT_FAILED
    result = run(desk, "--lang", "en", "offline-days", "45", *args[3:], stdin=lines(PASSWORD))
    assert result.returncode == 0, result.stderr
    assert "can unlock it: 45" in result.stdout
    as_omar = ("--lang", "en", "offline-days", "10", "--operator", "omar", "--password-stdin")
    refused = run(desk, *as_omar, stdin=lines(OMAR_PASSWORD))
    assert refused.returncode == EXIT_SIGN_IN_REFUSED


# ===================================================================== GDPR
def test_export_person_writes_private_json_and_never_overwrites(
    desk: Path, template: Template, tmp_path: Path
) -> None:
    person_id = template.person_id
    out = tmp_path / "export.json"
    args = ("export-person", person_id, "--out", str(out), "--operator", "anna", "--password-stdin")
    result = run(desk, *args, stdin=lines(PASSWORD))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    doc = json.loads(out.read_text("utf-8"))
    assert doc["person"]["id"] == person_id
    assert doc["person"]["given_name"] == "Amina"
    assert "Amina" not in result.stdout + result.stderr  # the data go to the file only
    assert "dati personali" in result.stdout

    content = out.read_bytes()
    result = run(desk, *args, stdin=lines(PASSWORD))
    assert result.returncode == EXIT_FAILED
    assert "Il file esiste già" in result.stderr
    assert out.read_bytes() == content


def test_purge_needs_confirmation_and_reports_the_count(desk: Path) -> None:
    result = run(desk, "purge", "--years", "5", "--operator", "anna", "--password-stdin")
    assert result.returncode == EXIT_USAGE
    assert "--yes" in result.stderr
    result = run(
        desk, "purge", "--years", "5", "--yes", "--operator", "anna", "--password-stdin",
        stdin=lines(PASSWORD),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Sono state cancellate 0 schede oltre il periodo di conservazione (5 anni)." in (
        result.stdout
    )


# ===================================================================== language
def test_english_on_request(desk: Path) -> None:
    result = run(
        desk, "--lang", "en", "verify", "--operator", "anna", "--password-stdin",
        stdin=lines("wrong password"),
    )  # fmt: skip
    assert result.returncode == EXIT_SIGN_IN_REFUSED
    assert "Wrong password. Check Caps Lock" in result.stderr

    (desk / "desk.keys.json").unlink()
    result = run(
        desk, "verify", "--operator", "anna", "--password-stdin",
        stdin=lines(PASSWORD), env={"ARCO_LANG": "en"},
    )  # fmt: skip
    assert result.returncode == EXIT_INTEGRITY
    assert "The key file (desk.keys.json) is missing" in result.stderr


# ===================================================================== in-process
class Interrupting(io.StringIO):
    """Standard input that gives some lines, then behaves as if Ctrl+C was pressed."""

    def __init__(self, *given: str) -> None:
        super().__init__(lines(*given))
        self.left = len(given)

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        if self.left == 0:
            raise KeyboardInterrupt
        self.left -= 1
        return super().readline()


def test_ctrl_c_exits_130_and_leaves_the_store_locked(desk: Path, qapp: QApplication) -> None:
    from desktop import deskctl, instance
    from ui.i18n import uninstall_translators

    out, err = io.StringIO(), io.StringIO()
    before = DeskStore(desk).logins()
    try:
        code = deskctl.main(
            ["--data-dir", str(desk), "--lang", "it", "operator", "add", "zoe",
             "--role", "desk_operator", "--operator", "anna", "--password-stdin"],
            stdin=Interrupting(PASSWORD),  # interrupted while asking zoe's password
            stdout=out,
            stderr=err,
        )  # fmt: skip
    finally:
        uninstall_translators(qapp)
    assert code == EXIT_INTERRUPTED
    assert "Interrotto." in err.getvalue()
    assert "Traceback" not in err.getvalue()
    assert DeskStore(desk).logins() == before
    lock = instance.acquire(desk)  # the command let go of the data folder
    assert lock is not None
    lock.unlock()
