"""Legal consultations: a legal advisor picks a person, records, escalates; lock clears."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models.consent import SHARING
from models.errors import ConsentRequired
from models.schema import Consultation, Referral
from models.store import OpenStore
from tests.conftest import ADMIN_PASSWORD, add_operator
from tests.models.service_helpers import add_person, share
from tests.ui.conftest import WAIT_MS, lock_and_wait, open_main_window
from ui.consultations_view import ConsultationsView
from ui.errors import message_for
from ui.main_window import CONSULTATIONS, MainWindow
from ui.ops import Ops


@pytest.fixture
def advisor_window(
    qtbot: QtBot, qapp: QApplication, store: OpenStore, ops: Ops
) -> Iterator[tuple[MainWindow, str]]:
    pid = add_person(store, store.actor, given_name="Amina", family_name="Diallo")
    add_operator(store, "lucia", "legal_advisor")
    store.lock()
    own = store.files.unlock("lucia", ADMIN_PASSWORD)
    window = open_main_window(qtbot, qapp, own, ops)
    yield window, pid
    lock_and_wait(qtbot, window)


def pick(qtbot: QtBot, window: MainWindow, name: str) -> ConsultationsView:
    window.show_section(CONSULTATIONS)
    view = window.consultations_view
    assert view is not None
    qtbot.waitUntil(lambda: view.topic.count() > 0, timeout=WAIT_MS)
    with qtbot.waitSignal(view.search.search_finished, timeout=WAIT_MS):
        qtbot.keyClicks(view.search.search_field, name)
    qtbot.keyClick(view.search.search_field, Qt.Key.Key_Down)
    with qtbot.waitSignal(view.listed, timeout=WAIT_MS):
        qtbot.keyClick(view.search.table, Qt.Key.Key_Return)
    return view


def test_advisor_records_a_consultation(qtbot: QtBot, advisor_window: tuple[MainWindow, str]):
    window, pid = advisor_window
    view = pick(qtbot, window, "Amina")
    assert "Amina Diallo" in view.person_label.text()
    assert view.list.rowCount() == 0
    qtbot.keyClicks(view.question, "Can I renew my permit while unemployed?")
    qtbot.keyClicks(view.advice, "Yes, as waiting for employment.")
    with qtbot.waitSignal(view.saved, timeout=WAIT_MS):
        qtbot.keyClick(view.advice, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert view.list.rowCount() == 1
    assert view.list.item(0, 2).text() == "Can I renew my permit while unemployed?"
    assert view.question.toPlainText() == ""
    with window.store.session() as session:
        row = session.scalars(select(Consultation)).one()
        assert (row.person_id, row.advisor) == (pid, "lucia")


def test_escalation_without_consent_is_refused_then_works(
    qtbot: QtBot, advisor_window: tuple[MainWindow, str]
):
    window, pid = advisor_window
    view = pick(qtbot, window, "Amina")
    view.question.setPlainText("Family reunification refused by the Prefecture")
    view.escalate.setChecked(True)
    view.escalation_reason.setText("Appeal needed")
    with qtbot.waitSignal(view.message_shown, timeout=WAIT_MS) as shown:
        view.save_button.click()
    assert shown.args == [message_for(ConsentRequired(SHARING))]
    with window.store.session() as session:
        assert session.scalars(select(Consultation)).all() == []

    share(window.store, window.store.actor, pid)
    with qtbot.waitSignal(view.saved, timeout=WAIT_MS):
        view.save_button.click()
    with window.store.session() as session:
        assert session.scalars(select(Referral.target_service)).all() == ["mwc_legal_second_level"]


def test_lock_clears_the_consultation_draft(qtbot: QtBot, advisor_window: tuple[MainWindow, str]):
    window, _pid = advisor_window
    view = pick(qtbot, window, "Amina")
    qtbot.keyClicks(view.question, "half-typed confidential question")
    lock_and_wait(qtbot, window)
    assert view.question.toPlainText() == ""
    assert not view.question.document().isUndoAvailable()
    assert view.search.search_field.text() == "" and view.list.rowCount() == 0
    assert "Amina" not in view.person_label.text()
