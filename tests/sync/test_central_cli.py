"""``arco-central`` administration from a terminal, against the database a server uses."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from models.exit_codes import EXIT_FAILED, EXIT_SIGN_IN_REFUSED
from models.referrals import SENT, change_status, create_referral
from models.schema import Referral, Service
from tests.models.service_helpers import add_person, share
from tests.sync.fixtures import STAFF_PASSWORD, Central, Desk


def central_cli(central: Central, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "sync.server.cli", "--database-url", central.database_url, *args]
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=60)


def test_desk_code_devices_and_revocation(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = ["desk", "add", "niguarda", "--name", "Sportello Niguarda", "--municipio", "9"]
    made = central_cli(central_sqlite, *desk, "--host", "Associazione X", "--prefix", "NG")
    assert made.returncode == 0, made.stderr
    again = central_cli(central_sqlite, "desk", "add", "niguarda", "--name", "x",
                        "--municipio", "9", "--host", "x", "--prefix", "NX")  # fmt: skip
    assert again.returncode == EXIT_FAILED and "exists" in again.stderr
    code = central_cli(central_sqlite, "code", "niguarda", "--hours", "2")
    assert code.returncode == 0 and len(code.stdout.strip()) == 14
    unknown = central_cli(central_sqlite, "code", "nowhere")
    assert unknown.returncode == EXIT_FAILED and "no desk" in unknown.stderr

    desk = make_desk(central_sqlite, "acli")
    desk.sync()
    listed = central_cli(central_sqlite, "devices")
    assert listed.returncode == 0 and "acli" in listed.stdout and "active" in listed.stdout
    device_id = listed.stdout.split()[0]
    revoked = central_cli(central_sqlite, "revoke", device_id)
    assert revoked.returncode == 0
    report = desk.client.sync()
    assert not report.ok and report.error == "device_revoked"
    assert "revoked" in central_cli(central_sqlite, "devices").stdout


def test_catalog_update_reaches_the_desk(
    central_sqlite: Central, make_desk: Callable[..., Desk], tmp_path: Path
) -> None:
    desk = make_desk(central_sqlite, "acli")
    desk.sync()
    catalog = tmp_path / "services.json"
    catalog.write_text(
        json.dumps(
            [
                {
                    "code": "legal_clinic_bicocca",
                    "name_it": "Clinica legale Bicocca",
                    "name_en": "Bicocca legal clinic",
                    "provider": "Università di Milano-Bicocca",
                    "what_to_bring": ["passport"],
                }
            ]
        ),
        encoding="utf-8",
    )
    published = central_cli(central_sqlite, "catalog", "publish", str(catalog))
    assert published.returncode == 0 and published.stdout.startswith("1 ")
    assert central_cli(central_sqlite, "catalog", "publish", str(catalog)).stdout.startswith("0 ")
    catalog.write_text("{not json", encoding="utf-8")
    broken = central_cli(central_sqlite, "catalog", "publish", str(catalog))
    assert broken.returncode == EXIT_FAILED and "JSON" in broken.stderr
    desk.sync()
    with desk.session() as s:
        added = s.scalar(select(Service).where(Service.code == "legal_clinic_bicocca"))
        assert added is not None and added.name_it == "Clinica legale Bicocca"


def test_mwc_staff_close_the_loop_from_the_terminal(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central_sqlite, "acli")
    pid = add_person(desk.store, desk.admin, given_name="Omar", family_name="Said")
    share(desk.store, desk.admin, pid)
    with desk.session() as s:
        referral = create_referral(s, desk.admin, pid, "mwc_legal_second_level", "permesso")
        change_status(s, desk.admin, referral.id, SENT)
        number, rid = referral.number, referral.id
    desk.sync()
    made = central_cli(central_sqlite, "user", "add", "marco", "--role", "mwc_staff",
                       "--service", "mwc_legal_second_level", "--password-stdin",
                       stdin=STAFF_PASSWORD + "\n")  # fmt: skip
    assert made.returncode == 0, made.stderr
    short = central_cli(central_sqlite, "user", "add", "luca", "--role", "mwc_staff",
                        "--password-stdin", stdin="short\n")  # fmt: skip
    assert short.returncode == EXIT_FAILED and "12 characters" in short.stderr
    listed = central_cli(central_sqlite, "referrals", "--as", "marco", "--password-stdin",
                         stdin=STAFF_PASSWORD + "\n")  # fmt: skip
    assert number in listed.stdout
    wrong = central_cli(central_sqlite, "referral", number, "accepted", "--as", "marco",
                        "--password-stdin", stdin="not the password\n")  # fmt: skip
    assert wrong.returncode == EXIT_SIGN_IN_REFUSED
    done = central_cli(central_sqlite, "referral", number, "declined", "--as", "marco",
                       "--note", "documenti incompleti", "--password-stdin",
                       stdin=STAFF_PASSWORD + "\n")  # fmt: skip
    assert done.returncode == 0, done.stderr
    desk.sync()
    with desk.session() as s:
        back = s.get(Referral, rid)
        assert back is not None and back.status == "declined"
        assert back.outcome == "documenti incompleti"
