"""The MWC web workspace in a real browser (headless chromium) against the real central
server process, with real desk stores syncing with it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from models.indicators import today_in_milan
from models.referrals import board, service_updates
from models.schema import Referral
from sync.server.schema import Record, WebSession
from sync.server.writes import utcnow
from tests.sync.fixtures import Central, Desk
from tests.web.conftest import (
    INBOX,
    OTHER_SERVICE,
    SERVICE,
    Client,
    send_referral,
    sign_in,
)


def _status(central: Central, number: str) -> str:
    def work(session: Any) -> str:
        for record in session.scalars(select(Record).where(Record.entity == "referrals")):
            if record.data.get("number") == number:
                return str(record.data["status"])
        raise AssertionError(number)

    return str(central.run(work))


def test_a_referral_goes_round_from_the_desk_to_mwc_and_back(
    page: Any, central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    """The desk sends; MWC staff accept it and set the appointment in the browser; the desk
    syncs and its board shows the appointment and the note, and says what changed."""
    central = central_sqlite
    desk = make_desk(central, "acli")
    sent = send_referral(desk, "Fatima", "Haddad", phone="+39 333 1234567", contact=True)
    desk.sync()
    central.add_staff("giulia", [SERVICE])

    sign_in(page, central, "giulia")
    row = page.get_by_role("row", name=re.compile(sent.number))
    assert "Fatima Haddad" in row.inner_text()
    assert "arabo, francese" in row.inner_text()
    row.get_by_role("link", name=sent.number).click()
    page.wait_for_url(f"**/mwc/referrals/{sent.number}")
    # consent to be contacted: the number (as the desk stored it, E.164 or as typed)
    assert "3331234567" in page.inner_text("main").replace(" ", "")
    assert page.get_by_text("Ricongiungimento con la moglie e due figli").is_visible()

    accept = page.locator("form", has=page.get_by_role("button", name="Accetta", exact=True))
    accept.get_by_label("Nota per lo sportello (facoltativa)").fill("Presa in carico")
    accept.get_by_role("button", name="Accetta", exact=True).click()
    page.wait_for_url("**?done=accepted")
    assert page.get_by_role("status").inner_text().startswith("L'invio è accettato")

    form = page.locator("form", has=page.get_by_role("button", name="Fissa l'appuntamento"))
    form.get_by_label("Data").fill("2027-03-15")
    form.get_by_label("Ora").fill("10:30")
    form.get_by_label("Luogo").fill("Via Sammartini 75, sportello 3")
    form.get_by_label("Nota per lo sportello (facoltativa)").fill("Portare il passaporto")
    form.get_by_role("button", name="Fissa l'appuntamento").click()
    page.wait_for_url("**?done=appointment_set")
    assert "15/03/2027 10:30, Via Sammartini 75, sportello 3" in page.inner_text("main")
    assert _status(central, sent.number) == "appointment_set"

    desk.sync()
    with desk.session() as s:
        assert service_updates(s, desk.admin) == [sent.referral_id]
        card = board(s, desk.admin, utcnow().date())["appointment_set"][0]
    assert card.referral_id == sent.referral_id
    assert card.appointment_at is not None and card.appointment_at.isoformat() == (
        "2027-03-15T10:30:00"
    )
    assert card.appointment_place == "Via Sammartini 75, sportello 3"
    assert card.service_note == "Portare il passaporto"
    desk.sync()  # nothing new: still the one referral, not twice
    with desk.session() as s:
        assert service_updates(s, desk.admin) == [sent.referral_id]


def test_the_inbox_works_with_the_keyboard_alone(
    page: Any, central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    """Sign in, find the referral, open it and accept it with Tab, typing and Enter only;
    the first Tab reaches the skip link, which skips to the content, and the focused
    element is outlined."""
    central = central_sqlite
    desk = make_desk(central, "acli")
    sent = send_referral(desk, "Rahim", "Uddin")
    desk.sync()
    central.add_staff("giulia", [SERVICE])

    page.goto(central.url + "/mwc/")
    # autofocus: type at once (Chromium applies it at the first rendering after load)
    page.wait_for_function("document.activeElement && document.activeElement.id === 'login'")
    page.keyboard.type("giulia")
    page.keyboard.press("Tab")
    page.keyboard.type("mwc staff password")
    page.keyboard.press("Enter")
    page.wait_for_url(INBOX)

    page.keyboard.press("Tab")  # the first stop of every page: the skip link, outlined
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    for _ in range(30):  # Tab until the referral's link has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == sent.number:
            break
    else:
        raise AssertionError("the referral's link is not reachable with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/mwc/referrals/{sent.number}")

    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Accetta":
            break
    else:
        raise AssertionError("the Accept button is not reachable with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**?done=accepted")
    assert _status(central, sent.number) == "accepted"


def test_no_page_shows_another_service_s_referrals(
    page: Any, central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    """Staff of another service see an empty inbox, and the referral's address and forms
    answer the 404 of an unknown number; nothing changes."""
    central = central_sqlite
    desk = make_desk(central, "acli")
    sent = send_referral(desk, "Mariam", "Keita")
    desk.sync()
    central.add_staff("paolo", [OTHER_SERVICE])

    sign_in(page, central, "paolo")
    assert page.get_by_text("Nessun invio qui.").is_visible()
    for view in ("new", "open", "closed"):
        page.goto(f"{central.url}/mwc/inbox?view={view}&service={SERVICE}")
        assert sent.number not in page.content() and "Mariam" not in page.content()
    answer = page.goto(f"{central.url}/mwc/referrals/{sent.number}")
    assert answer is not None and answer.status == 404
    assert "Mariam" not in page.content()
    page.get_by_role("heading", name="Non trovato").wait_for()

    paolo = Client(central, "paolo")
    for path, data in (
        (f"/mwc/referrals/{sent.number}/status", {"status": "accepted"}),
        (f"/mwc/referrals/{sent.number}/note", {"note": "hello"}),
    ):
        refused = paolo.post(path, csrf=paolo.csrf, **data)
        assert refused.status_code == 404 and "Mariam" not in refused.text
    assert _status(central, sent.number) == "sent"
    assert paolo.get("/mwc/coordination").status_code == 403
    assert paolo.get("/mwc/staff").status_code == 403


def test_a_post_without_the_session_s_token_is_refused(
    page: Any, central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    """CSRF: a form posted without the token, or with another session's, changes nothing;
    so does a sign-in form posted from elsewhere."""
    central = central_sqlite
    desk = make_desk(central, "acli")
    sent = send_referral(desk, "Ousmane", "Diop")
    desk.sync()
    central.add_staff("giulia", [SERVICE])
    sign_in(page, central, "giulia")
    other = Client(central, "giulia")

    path = f"{central.url}/mwc/referrals/{sent.number}/status"
    for form in ({"status": "accepted"}, {"status": "accepted", "csrf": other.csrf}):
        # the browser's own cookies go with it: only the token is missing or wrong
        answer = page.request.post(path, form=form)
        assert answer.status == 403, answer.status
        assert "Modulo scaduto" in answer.text()
    assert _status(central, sent.number) == "sent"
    forged = page.request.post(
        f"{central.url}/mwc/signin",
        form={"login": "giulia", "password": "mwc staff password", "csrf": "made-up"},
    )
    assert forged.status == 403


def test_the_session_ends_after_15_idle_minutes(page: Any, central_sqlite: Central) -> None:
    central = central_sqlite
    central.add_staff("giulia", [SERVICE])
    sign_in(page, central, "giulia")
    page.reload()
    assert page.url.endswith("/mwc/inbox")

    def idle(session: Any) -> None:
        session.execute(update(WebSession).values(last_seen_at=utcnow() - timedelta(minutes=16)))

    central.run(idle)
    page.reload()
    assert "/mwc/signin" in page.url
    assert page.get_by_role("status").inner_text() == "La sessione è terminata. Accedi di nuovo."
    assert central.run(lambda s: list(s.scalars(select(WebSession)))) == []


def test_disabling_a_user_ends_their_sessions(
    page: Any, browser: Any, central_sqlite: Central
) -> None:
    """A coordinator disables a member of staff on the staff page: the staff member's open
    page goes to the sign-in form at the next click, and they cannot sign in again."""
    central = central_sqlite
    central.add_staff("giulia", [SERVICE])
    central.add_staff("carla", [], role="coordinator")
    sign_in(page, central, "giulia")

    coordinator = browser.new_context(locale="it-IT")
    try:
        other = coordinator.new_page()
        sign_in(other, central, "carla")
        other.get_by_role("link", name="Account del personale").click()
        other.get_by_role("button", name="Disattiva giulia").click()
        other.wait_for_url("**/mwc/staff?done=disabled")
        assert (
            other.get_by_role("row", name=re.compile("giulia"))
            .get_by_text("disattivato")
            .is_visible()
        )
    finally:
        coordinator.close()

    page.get_by_role("link", name="Invii").click()
    assert "/mwc/signin" in page.url
    page.get_by_label("Nome utente").fill("giulia")
    page.get_by_label("Password").fill("mwc staff password")
    page.get_by_role("button", name="Accedi").click()
    assert page.get_by_role("alert").inner_text() == "Nome utente o password non validi."


def test_the_coordinator_view_and_a_merge_approval(
    page: Any, central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    """Open referrals by service and age and by desk, an overdue one, and a duplicate
    across two desks approved by the central coordinator."""
    central = central_sqlite
    acli, quarenghi = make_desk(central, "acli"), make_desk(central, "quarenghi")
    old = send_referral(acli, "Ana", "Quispe", service=OTHER_SERVICE)
    send_referral(acli, "Wei", "Zhang")
    send_referral(quarenghi, "Ana", "Quispe")  # the same person at another desk
    acli.sync()
    quarenghi.sync()
    acli.sync()

    def age(session: Any) -> None:  # sent 20 days ago, nothing since
        for record in session.scalars(select(Record).where(Record.entity == "referral_events")):
            if record.data.get("referral_id") == old.referral_id:
                at = (utcnow() - timedelta(days=20)).isoformat()
                record.data = {**record.data, "at": at}

    central.run(age)
    central.add_staff("carla", [], role="coordinator")
    sign_in(page, central, "carla")
    page.get_by_role("link", name="Coordinamento").click()
    by_age = page.get_by_role("table", name="Invii aperti per servizio e anzianità")
    assert by_age.get_by_role("row", name=re.compile("Orientamento")).inner_text().split("\t")[
        1:
    ] == ["0", "0", "1", "0", "1"]
    overdue = page.get_by_role("table", name="Invii in ritardo")
    assert old.number in overdue.inner_text()

    duplicate = page.locator("form.duplicate")
    assert duplicate.count() == 1
    duplicate.get_by_label(re.compile("Ana Quispe .* acli")).check()
    duplicate.get_by_role("button", name="Approva l'unione").click()
    page.wait_for_url("**/mwc/coordination?done=approved")

    def decided(session: Any) -> str:
        flag = session.scalars(select(Record).where(Record.entity == "duplicate_flags")).one()
        return str(flag.data["decided_by"])

    assert central.run(decided) == "central"
    with acli.session() as s:
        assert s.scalar(select(Referral.number).where(Referral.id == old.referral_id))


def test_the_indicators_period_form_works_with_the_keyboard(
    page: Any, central_sqlite: Central
) -> None:
    """A coordinator chooses a preset and a desk, then custom dates, with Tab, typing and
    Enter only; the page says which period and desk it shows."""
    central = central_sqlite
    central.add_staff("carla", [], role="coordinator")
    year = today_in_milan().year
    sign_in(page, central, "carla")
    page.get_by_role("link", name="Indicatori").click()
    page.wait_for_url("**/mwc/indicators")
    assert page.locator("#period").input_value() == "last_12_months"

    def tab_to(element_id: str) -> None:
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == element_id:
                return
        raise AssertionError(f"#{element_id} is not reachable with Tab")

    tab_to("period")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.type("Quest'a")  # a select picks the option its typed letters begin
    assert page.locator("#period").input_value() == "this_year"
    tab_to("desk")
    page.keyboard.type("ACLI")
    assert page.locator("#desk").input_value() == "acli"
    page.keyboard.press("Tab")  # the Show button
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"period=this_year.*desk=acli"))
    shown = page.inner_text("[role=status]")
    assert f"dal 01/01/{year} al 31/12/{year}" in shown and "Sportello: ACLI" in shown

    # Day and month alike: the same keys whether the browser's date fields put the day or
    # the month first; each part moves on to the next by itself.
    tab_to("start")
    page.keyboard.type(f"0202{year}")
    tab_to("end")
    page.keyboard.type(f"1111{year}")
    page.keyboard.press("Enter")  # submits the form from a field
    page.wait_for_url(re.compile(rf"start={year}-02-02&end={year}-11-11"))
    assert f"dal 02/02/{year} al 11/11/{year}" in page.inner_text("[role=status]")
    assert page.locator("#period").input_value() == "custom"
    assert page.locator("#desk").input_value() == "acli"
