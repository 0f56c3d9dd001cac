"""The person file: what each role sees, "Refer" from a need, destroyed on lock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from models.consent import ConsentForm
from models.consultations import record_consultation
from models.errors import ConsentRequired
from models.intake import IntakeForm, register
from models.roles import Actor
from models.store import OpenStore
from tests.conftest import ADMIN_PASSWORD, add_operator
from tests.models.service_helpers import add_person, share
from tests.ui.conftest import WAIT_MS, lock_and_wait, open_main_window
from ui.errors import message_for
from ui.formats import format_date
from ui.main_window import MainWindow
from ui.ops import Ops
from ui.person_view import PersonView, age_on

QUESTION = "Can my brother join me with a tourist visa from Cairo?"
ADVICE = "Family reunification needs the housing suitability certificate first."


def texts_in(widget: QWidget) -> list[str]:
    """Every text a person could see or a screen reader could read, models included."""
    found: list[str] = [widget.windowTitle()]
    for child in widget.findChildren(QWidget):
        found += [child.toolTip(), child.accessibleName(), child.accessibleDescription()]
        if isinstance(child, QLabel | QAbstractButton | QLineEdit):
            found.append(child.text())
        if isinstance(child, QTextEdit | QPlainTextEdit):
            found.append(child.toPlainText())
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            found += model_texts(child.model())
    return found


def model_texts(model: QAbstractItemModel) -> list[str]:
    """Every cell's display and tooltip text (``hasIndex``: some Qt models hide the counts)."""
    found = []
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    row = 0
    while model.hasIndex(row, 0):
        column = 0
        while model.hasIndex(row, column):
            for role in roles:
                value = model.index(row, column).data(role)
                if value is not None:
                    found.append(str(value))
            column += 1
        row += 1
    return found


def visit_with_need(store: OpenStore, actor: Actor, pid: str) -> None:
    with store.session(actor) as session:
        register(
            session,
            actor,
            IntakeForm(
                person_id=pid,
                needs=[("mwc_family_reunification", "", "normal")],
                consents=[ConsentForm("processing")],
            ),
        )


@pytest.fixture
def mohamed(store: OpenStore) -> Iterator[str]:
    advisor = add_operator(store, "lucia", "legal_advisor")
    pid = add_person(store, store.actor, given_name="Mohamed", family_name="Ali")
    visit_with_need(store, store.actor, pid)
    with store.session(advisor) as session:
        record_consultation(
            session, advisor, pid, "permit_of_stay", QUESTION, ADVICE, "Follow-up in May"
        )
    yield pid


def window_as(
    qtbot: QtBot, qapp: QApplication, store: OpenStore, ops: Ops, login: str, role: str
) -> MainWindow:
    if login != "lucia":
        add_operator(store, login, role)
    store.lock()
    own = store.files.unlock(login, ADMIN_PASSWORD)
    return open_main_window(qtbot, qapp, own, ops)


def open_by_keyboard(qtbot: QtBot, window: MainWindow, name: str) -> PersonView:
    people = window.people_view
    with qtbot.waitSignal(people.search_finished, timeout=WAIT_MS):
        qtbot.keyClicks(people.search_field, name)
    qtbot.keyClick(people.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(people.table, Qt.Key.Key_Return)
    view = people.person_view
    assert view is not None
    qtbot.waitUntil(lambda: view.needs.rowCount() == 1, timeout=WAIT_MS)
    return view


def test_desk_operator_sees_no_trace_of_the_consultation(
    qtbot: QtBot, qapp: QApplication, store: OpenStore, ops: Ops, mohamed: str
):
    window = window_as(qtbot, qapp, store, ops, "omar", "desk_operator")
    try:
        view = open_by_keyboard(qtbot, window, "Muhammad")
        assert "Mohamed Ali" in view.name_label.text()
        seen = "\n".join(texts_in(window))
        assert "Cairo" not in seen and "housing suitability" not in seen
        assert "Follow-up in May" not in seen
        assert "Legal consultation" not in seen  # not even that one took place
        assert "lucia" not in seen
    finally:
        lock_and_wait(qtbot, window)


def test_legal_advisor_sees_the_consultation_in_the_timeline(
    qtbot: QtBot, qapp: QApplication, store: OpenStore, ops: Ops, mohamed: str
):
    window = window_as(qtbot, qapp, store, ops, "lucia", "legal_advisor")
    try:
        view = open_by_keyboard(qtbot, window, "Mohamed")
        assert any("Cairo" in text for text in model_texts(view.timeline.model()))
        assert "Cairo" in "\n".join(texts_in(window))  # the walker does reach the file
    finally:
        lock_and_wait(qtbot, window)


def test_refer_needs_consent_then_creates_the_referral(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow, mohamed: str
):
    view = open_by_keyboard(qtbot, main_window, "Mohamed")
    view.reason.setText("Wants to bring his wife and children")
    with qtbot.waitSignal(view.message_shown, timeout=WAIT_MS) as refused:
        view.refer_button.click()
    assert refused.args == [message_for(ConsentRequired("sharing"))]
    assert view.status.text() == message_for(ConsentRequired("sharing"))

    share(store, store.actor, mohamed)
    with qtbot.waitSignal(view.referred, timeout=WAIT_MS) as referred:
        view.refer_button.click()
    number = referred.args[0]
    qtbot.waitUntil(
        lambda: any(number in text for text in model_texts(view.timeline.model())),
        timeout=WAIT_MS,
    )
    assert view.needs.item(0, 2).text() == "referred"


def test_lock_destroys_the_person_file(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow, mohamed: str
):
    open_by_keyboard(qtbot, main_window, "Mohamed")
    lock_and_wait(qtbot, main_window)
    assert main_window.people_view.person_view is None
    qtbot.waitUntil(lambda: not main_window.findChildren(PersonView), timeout=WAIT_MS)
    assert "Mohamed" not in "\n".join(texts_in(main_window))


def test_header_shows_age_status_and_expiry_alert(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    today = date.today()
    born = date(today.year - 40, 1, 1)
    pid = add_person(
        store,
        store.actor,
        given_name="Rahim",
        family_name="Uddin",
        birth_date=born,
        citizenships=["BD"],
        languages=["bn"],
        preferred_language="bn",
        legal_status="work_employed",
        permit_expiry=today + timedelta(days=30),
    )
    view = main_window.people_view.open_person(pid)
    qtbot.waitUntil(lambda: "Rahim" in view.name_label.text(), timeout=WAIT_MS)
    details = view.details_label.text()
    assert f"Age {age_on(born, None, today)}" in details
    assert "Citizenship: BD" in details and "Preferred language: bn" in details
    expiry = format_date(today + timedelta(days=30))
    assert f"Legal status: Work (employed), expires {expiry}" in details
    alerts = view.alerts_label.text()
    assert "The permit of stay expires in 30 day(s)." in alerts
    assert "No consent or other basis" in alerts
