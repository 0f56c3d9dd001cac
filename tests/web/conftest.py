"""Fixtures of the MWC web workspace's tests: Debian's chromium driven headless by
Playwright (one browser per module, a fresh context per test), the real
central server process (``tests/sync/fixtures.py``), and desks syncing with it.

Playwright only drives the browser: it never downloads one. ``ARCO_CHROMIUM`` names the
executable (default ``/usr/bin/chromium``, which ``.ci/run`` installs).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from models.consent import ConsentForm, give_consent
from models.referrals import SENT, change_status, create_referral
from tests.models.service_helpers import add_person, share
from tests.sync.fixtures import STAFF_PASSWORD, Central, Desk

CHROMIUM = os.environ.get("ARCO_CHROMIUM", "/usr/bin/chromium")
SERVICE = "mwc_family_reunification"
OTHER_SERVICE = "italian_language"
INBOX = re.compile(r"^[^?]*/mwc/inbox")  # the inbox itself, not a sign-in page going there


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless chromium, one per test module that drives it (the browser tests are one
    module). Not per session: Playwright's sync API keeps an event loop running on the main
    thread while it is open, and tests that call ``asyncio.run`` must not come after it."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"browser tests skipped: {CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox"] if os.geteuid() == 0 else []  # chromium refuses root otherwise
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page in a fresh browser context (no cookies), 5 s for anything to happen."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="it-IT")
    context.set_default_timeout(5_000)
    yield context.new_page()
    context.close()


def sign_in(page: Any, central: Central, login: str, password: str = STAFF_PASSWORD) -> None:
    """Sign in through the form, as a person would."""
    page.goto(central.url + "/mwc/")
    page.get_by_label("Nome utente").fill(login)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Accedi").click()
    page.wait_for_url(INBOX)


@dataclass(frozen=True)
class Sent:
    number: str
    referral_id: str
    person_id: str


def send_referral(
    desk: Desk,
    given: str,
    family: str,
    service: str = SERVICE,
    phone: str = "",
    contact: bool = False,
    reason: str = "Ricongiungimento con la moglie e due figli",
) -> Sent:
    """A person registered at the desk, a referral to ``service`` sent (not yet synced)."""
    pid = add_person(
        desk.store,
        desk.admin,
        given_name=given,
        family_name=family,
        phone=phone,
        languages=["ar", "fr"],
        preferred_language="ar",
    )
    share(desk.store, desk.admin, pid)
    if contact:
        with desk.session() as s:
            give_consent(s, desk.admin, pid, ConsentForm("contact_phone"))
    with desk.session() as s:
        referral = create_referral(s, desk.admin, pid, service, reason)
        change_status(s, desk.admin, referral.id, SENT)
        return Sent(referral.number, referral.id, pid)


class Client:
    """A signed-in session outside the browser (``requests``), for what a browser would
    not send: forged posts, malformed forms."""

    def __init__(self, central: Central, login: str, password: str = STAFF_PASSWORD) -> None:
        self.central = central
        self.http = requests.Session()
        form = self.http.get(central.url + "/mwc/signin", timeout=10)
        answer = self.http.post(
            central.url + "/mwc/signin",
            data={
                "login": login,
                "password": password,
                "csrf": csrf_of(form.text),
                "next": "/mwc/inbox",
            },
            timeout=10,
        )
        assert answer.url.endswith("/mwc/inbox"), answer.status_code
        self.csrf = csrf_of(answer.text)

    def get(self, path: str) -> requests.Response:
        return self.http.get(self.central.url + path, timeout=10)

    def post(self, path: str, **data: str) -> requests.Response:
        return self.http.post(self.central.url + path, data=data, timeout=10)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None, "no CSRF token on the page"
    return found.group(1)
