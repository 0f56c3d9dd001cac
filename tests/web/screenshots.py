"""PNGs of the MWC web workspace (inbox, a referral, the coordinator view, the city-wide
indicators) into a folder: ``python -m tests.web.screenshots docs/screenshots``.

A real central server on loopback with two desks' synthetic referrals, headless chromium
(``ARCO_CHROMIUM``, default ``/usr/bin/chromium``), Italian pages.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models.indicators import today_in_milan
from models.store import DeskStore
from sync import client, enrolment
from sync.protocol import StatusUpdate
from sync.server import referrals
from sync.server.schema import Record, StaffUser
from sync.server.writes import utcnow
from tests.conftest import ADMIN_PASSWORD, FAST_KDF
from tests.sync.fixtures import Central, Desk, _central
from tests.web import city_population
from tests.web.conftest import CHROMIUM, OTHER_SERVICE, SERVICE, send_referral, sign_in

PEOPLE = {
    "acli": [
        ("Fatima", "Haddad", SERVICE),
        ("Rahim", "Uddin", SERVICE),
        ("Ana", "Quispe", OTHER_SERVICE),
        ("Mohamed", "Abdelrahman", SERVICE),
        ("Wei", "Zhang", "job_training_celav"),
    ],
    "quarenghi": [
        ("Ana", "Quispe", SERVICE),
        ("Chinedu", "Okafor", SERVICE),
        ("Sadia", "Akter", "psychological_support"),
    ],
}


def _desk(central: Central, folder: Path, code: str) -> Desk:
    store = DeskStore(folder / code, kdf=FAST_KDF).create(code, "anna", ADMIN_PASSWORD).store
    enrolment.enrol(store, store.actor, central.url, central.code(code), "screenshots")
    return Desk(store, store.actor, client.SyncClient(store))


def _staff_moves(central: Central, numbers: list[str]) -> None:
    def work(session: Any) -> None:
        user = session.get(StaffUser, "giulia")
        referrals.change_status(session, user, numbers[1], StatusUpdate(status="accepted"))
        for status in ("accepted", "appointment_set"):
            update = StatusUpdate(
                status=status,  # type: ignore[arg-type]
                note="Portare passaporto e certificato di idoneità alloggiativa",
                appointment_at=(utcnow() + timedelta(days=9)).replace(
                    hour=10, minute=30, second=0, microsecond=0
                )
                if status == "appointment_set"
                else None,
                appointment_place="Via Sammartini 75, sportello 3"
                if status == "appointment_set"
                else "",
            )
            referrals.change_status(session, user, numbers[2], update)
        for record in session.scalars(select(Record).where(Record.entity == "referral_events")):
            if record.data.get("referral_id") in (
                ids[numbers[0]],
                ids[numbers[3]],
            ):
                record.data = {**record.data, "at": (utcnow() - timedelta(days=19)).isoformat()}

    ids = central.run(
        lambda s: {
            r.data["number"]: r.id
            for r in s.scalars(select(Record).where(Record.entity == "referrals"))
        }
    )
    central.run(work)


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        servers = _central(folder, "sqlite")
        central = next(servers)
        try:
            desks = {code: _desk(central, folder, code) for code in PEOPLE}
            numbers: dict[str, list[str]] = {}
            for code, people in PEOPLE.items():
                for given, family, service in people:
                    sent = send_referral(
                        desks[code],
                        given,
                        family,
                        service=service,
                        phone="+39 340 0000000",
                        contact=True,
                    )
                    numbers.setdefault(code, []).append(sent.number)
            for _ in range(2):
                for desk in desks.values():
                    desk.sync()
            central.add_staff("giulia", [SERVICE])
            central.add_staff("carla", [], role="coordinator")
            family = [
                n
                for code in PEOPLE
                for n, p in zip(numbers[code], PEOPLE[code], strict=True)
                if p[2] == SERVICE
            ]
            _staff_moves(central, family)
            args = ["--no-sandbox"] if os.geteuid() == 0 else []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                sign_in(page, central, "giulia")
                page.screenshot(path=str(out / "15-mwc-inbox.png"), full_page=True)
                page.goto(f"{central.url}/mwc/referrals/{family[2]}")
                page.screenshot(path=str(out / "16-mwc-referral.png"), full_page=True)
                other = browser.new_page(viewport={"width": 1280, "height": 800})
                sign_in(other, central, "carla")
                other.goto(central.url + "/mwc/coordination")
                other.screenshot(path=str(out / "17-mwc-coordination.png"), full_page=True)
                # a year of the generated populations at both desks, then the indicators
                today = today_in_milan()
                for code, desk in desks.items():
                    city_population.write(desk, code, today, given="Esempio", people=150)
                    desk.sync()
                city_population.outcomes(central, "carla")
                other.goto(central.url + "/mwc/indicators?period=last_12_months")
                other.screenshot(path=str(out / "18-mwc-indicators.png"), full_page=True)
                browser.close()
            for desk in desks.values():
                desk.store.lock()
        finally:
            next(servers, None)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
