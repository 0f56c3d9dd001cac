"""The MWC web workspace's pages over HTTP (no browser): valid HTML5 with labels, the
headers and cookies, the sign-in throttle, and the catalog of words."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import html5lib
import pytest
import requests
from sqlalchemy import select

from models.referrals import SENT, change_status, create_referral
from models.schema import Need
from sync.server.schema import AuditEvent
from sync.server.web import i18n, routes
from tests.models.service_helpers import add_person, share
from tests.sync.fixtures import Central, Desk
from tests.web.conftest import SERVICE, Client, csrf_of

WEB = Path(routes.__file__).parent
HTML = "{http://www.w3.org/1999/xhtml}"


def check_page(text: str, lang: str) -> None:
    """Strict HTML5 parsing (a parse error fails), one ``lang``, unique ids, a label for
    every field, the CSRF token in every form that posts, a title."""
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(text)
    assert text.startswith("<!DOCTYPE html>")
    assert tree.get("lang") == lang
    title = tree.find(f"{HTML}head/{HTML}title")
    assert title is not None and (title.text or "").strip()
    ids = [e.get("id") for e in tree.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    labelled = {e.get("for") for e in tree.iter(f"{HTML}label")}
    for tag in ("input", "select", "textarea"):
        for field in tree.iter(f"{HTML}{tag}"):
            if field.get("type") == "hidden":
                continue
            assert field.get("id") in labelled, f"{tag} {field.get('name')} has no label"
    for form in tree.iter(f"{HTML}form"):
        if form.get("method") == "post":
            names = [e.get("name") for e in form.iter(f"{HTML}input")]
            assert "csrf" in names, form.get("action")
    assert tree.find(f".//{HTML}main") is not None
    skip = tree.find(f".//{HTML}a")
    assert skip is not None and skip.get("href") == "#main"


def test_every_page_is_valid_html5_in_both_languages(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    """On SQLite and PostgreSQL (the workspace's queries read JSON fields)."""
    desk = make_desk(central, "acli")
    pid = add_person(desk.store, desk.admin, given_name="Sara", family_name="Tesfaye")
    share(desk.store, desk.admin, pid)
    with desk.session() as s:
        need = Need(person_id=pid, service_code=SERVICE, description="moglie <e> figli")
        s.add(need)
        s.flush()
        referral = create_referral(
            s, desk.admin, pid, SERVICE, "motivo & <b>dettagli</b>", need_id=need.id
        )
        change_status(s, desk.admin, referral.id, SENT)
        number = referral.number
    desk.sync()
    central.add_staff("giulia", [SERVICE])
    central.add_staff("carla", [], role="coordinator")
    staff, coordinator = Client(central, "giulia"), Client(central, "carla")
    pages: list[tuple[Client | None, str, int]] = [
        (None, "/mwc/signin", 200),
        (None, "/mwc/expired", 200),
        (staff, "/mwc/inbox", 200),
        (staff, "/mwc/inbox?view=new", 200),
        (staff, "/mwc/inbox?view=closed", 200),
        (staff, f"/mwc/referrals/{number}", 200),
        (staff, "/mwc/referrals/ACLI-2026-99999", 404),
        (staff, "/mwc/coordination", 403),
        (staff, "/mwc/nowhere", 404),
        (coordinator, "/mwc/inbox", 200),
        (coordinator, "/mwc/coordination", 200),
        (coordinator, "/mwc/staff", 200),
        (coordinator, "/mwc/indicators", 200),
        (coordinator, "/mwc/indicators?period=this_year&desk=acli", 200),
        (coordinator, "/mwc/indicators?period=custom&start=2026-02-01&end=2026-01-31", 400),
        (staff, "/mwc/indicators", 403),
        (coordinator, f"/mwc/referrals/{number}", 200),
    ]
    for lang in ("it", "en"):
        for client in (None, staff, coordinator):
            http = client.http if client is not None else requests.Session()
            http.cookies.set("arco_mwc_lang", lang, path="/mwc")
        for client, path, status in pages:
            answer = (
                client.get(path)
                if client
                else requests.get(central.url + path, cookies={"arco_mwc_lang": lang}, timeout=10)
            )
            assert answer.status_code == status, (path, answer.status_code)
            assert answer.headers["Content-Type"].startswith("text/html")
            check_page(answer.text, lang)
            for header in ("Content-Security-Policy", "X-Frame-Options", "Cache-Control"):
                assert answer.headers[header] == routes.HEADERS[header], (path, header)
            if lang == "en":  # nothing left in Italian
                assert "Invii" not in answer.text and "Accedi" not in answer.text
    detail = staff.get(f"/mwc/referrals/{number}").text
    assert "motivo &amp; &lt;b&gt;dettagli&lt;/b&gt;" in detail  # values are escaped
    assert "moglie &lt;e&gt; figli" in detail
    assert "Sara Tesfaye" in detail and "+39" not in detail
    css = requests.get(central.url + "/mwc/static/web.css", timeout=10)
    assert css.status_code == 200 and css.headers["Content-Type"].startswith("text/css")


def test_cookies_redirects_and_signing_out(central_sqlite: Central) -> None:
    central = central_sqlite
    central.add_staff("giulia", [SERVICE])
    http = requests.Session()
    form = http.get(central.url + "/mwc/signin", timeout=10)
    pre = form.headers["Set-Cookie"]
    assert "HttpOnly" in pre and "SameSite=strict" in pre and "Path=/mwc" in pre
    answer = http.post(
        central.url + "/mwc/signin",
        data={
            "login": "giulia",
            "password": "mwc staff password",
            "csrf": csrf_of(form.text),
            "next": "//elsewhere.example/x",
        },
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 303
    assert answer.headers["Location"] == "/mwc/inbox"  # never another site
    cookie = next(c for c in answer.raw.headers.getlist("Set-Cookie") if "session" in c)
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/mwc" in cookie
    assert "Secure" not in cookie  # plain HTTP on loopback; Secure whenever served over TLS
    assert "Max-Age" not in cookie and "expires" not in cookie.lower()  # a browser session
    inbox = http.get(central.url + "/mwc/inbox", timeout=10)
    assert inbox.url.endswith("/mwc/inbox")
    bye = http.post(central.url + "/mwc/signout", data={"csrf": csrf_of(inbox.text)}, timeout=10)
    assert bye.url.endswith("/mwc/signin?bye=1")
    again = http.get(central.url + "/mwc/inbox", timeout=10)
    assert "/mwc/signin" in again.url

    def actions(session: Any) -> list[str]:
        return [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]

    assert {"web_signin", "web_signout", "referrals_listed"} <= set(central.run(actions))


def test_sign_in_is_throttled_like_the_api(central_sqlite: Central) -> None:
    """Five wrong passwords for a login block it: the sixth attempt, even with the right
    password, gets 429 with Retry-After; every refusal is audited."""
    central = central_sqlite
    central.add_staff("giulia", [SERVICE])
    http = requests.Session()

    def attempt(password: str) -> requests.Response:
        form = http.get(central.url + "/mwc/signin", timeout=10)
        return http.post(
            central.url + "/mwc/signin",
            data={"login": "giulia", "password": password, "csrf": csrf_of(form.text)},
            timeout=10,
        )

    for _ in range(5):
        assert attempt("wrong password").status_code == 401
    blocked = attempt("mwc staff password")
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    assert "Troppi tentativi falliti" in blocked.text

    def refusals(session: Any) -> int:
        stmt = select(AuditEvent).where(AuditEvent.action == "staff_signin_refused")
        return len(list(session.scalars(stmt)))

    assert central.run(refusals) == 5


# ===================================================================== words
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _used_strings() -> set[str]:
    """Every string the templates and the routes pass to ``_``/``t``, and the tables."""
    found: set[str] = set()
    call = re.compile(r"""\b_\(\s*(["'])((?:(?!\1).)+)\1""", re.S)
    for template in (WEB / "templates").glob("*.html"):
        found |= {m.group(2) for m in call.finditer(template.read_text())}
    source = (WEB / "routes.py").read_text()
    for m in re.finditer(r"""\bt\(\s*"([^"]+)"(?:\s*,|\s*\))""", source):
        found.add(m.group(1))
    for m in re.finditer(
        r"""self\.message\(\s*request,\s*\d+,\s*"([^"]+)",\s*((?:"[^"]*"\s*)+),""", source
    ):
        found.add(m.group(1))
        found.add("".join(re.findall(r'"([^"]*)"', m.group(2))))
    for m in re.finditer(r'link_text="([^"]+)"', source):
        found.add(m.group(1))
    for table in (
        i18n.STATUS,
        i18n.MOVES,
        i18n.URGENCY,
        i18n.ROLES,
        i18n.VIEWS,
        i18n.VIEW_CAPTIONS,
        i18n.DONE,
        i18n.ERRORS,
        i18n.LANGUAGE_NAMES,
        i18n.PERIODS,
        i18n.PERIOD_ERRORS,
        i18n.INDICATOR_TABLES,
        i18n.SUMMARY,
        i18n.PROGRESS,
        i18n.INDICATOR_COLUMNS,
        i18n.INDICATOR_SEXES,
        i18n.CLASSES,
        i18n.MONTHS,
    ):
        found |= set(table.values())
    found |= {*i18n.INDICATOR_NOTES, i18n.NOT_STATED, i18n.NOT_AVAILABLE}
    for heading, text in i18n.PAGE_ERRORS.values():
        found |= {heading, text}
    return found


def test_every_string_has_its_italian_words_and_nothing_more() -> None:
    used = _used_strings()
    assert len(used) > 150
    missing = sorted(used - set(i18n.IT))
    assert missing == []
    unused = sorted(set(i18n.IT) - used)
    assert unused == []
    for source, italian in i18n.IT.items():
        assert PLACEHOLDER.findall(source) == PLACEHOLDER.findall(italian), source
        assert italian.strip() == italian and italian


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_translator_fills_placeholders_and_keeps_unknown_words(lang: str) -> None:
    t = i18n.translator(lang)
    expected = {"it": "Invio AC-1", "en": "Referral AC-1"}[lang]
    assert t("Referral {number}", number="AC-1") == expected
    assert t("words nobody translated") == "words nobody translated"
    assert i18n.language_name(lang, "xx") == "XX"
    assert set(string.ascii_lowercase) >= set(i18n.DEFAULT)
