"""Editing the person from the file (Ctrl+E), and the History table for coordinators."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models.errors import ValidationFailed
from models.schema import Person
from models.store import OpenStore
from tests.models.service_helpers import add_person
from tests.ui.conftest import WAIT_MS, lock_and_wait
from tests.ui.test_person_view import window_as
from ui.errors import message_for
from ui.main_window import MainWindow
from ui.ops import Ops
from ui.person_edit import PersonEditDialog
from ui.person_view import PersonView


def open_file(qtbot: QtBot, window: MainWindow, pid: str) -> PersonView:
    view = window.people_view.open_person(pid)
    qtbot.waitUntil(lambda: view.edit_button.isEnabled(), timeout=WAIT_MS)
    return view


def open_editor(qtbot: QtBot, view: PersonView) -> PersonEditDialog:
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = view.edit_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def stored(store: OpenStore, pid: str) -> tuple[str, str]:
    with store.session() as session:
        person = session.get_one(Person, pid)
        return person.phone, person.email


def test_edit_the_phone_through_the_dialog(qtbot: QtBot, store: OpenStore, main_window: MainWindow):
    pid = add_person(store, store.actor, phone="+39 06 1234")
    view = open_file(qtbot, main_window, pid)
    dialog = open_editor(qtbot, view)
    assert dialog.phone.text() == "+39 06 1234"
    dialog.phone.setText("+39 333 7654321")
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        dialog.save_button.click()
    assert stored(store, pid)[0] == "+39 333 7654321"
    assert "Phone: +39 333 7654321" in view.details_label.text()
    qtbot.waitUntil(lambda: view.edit_dialog is None, timeout=WAIT_MS)


def test_a_bad_email_is_refused_and_nothing_changes(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    pid = add_person(store, store.actor, phone="+39 06 1234")
    view = open_file(qtbot, main_window, pid)
    dialog = open_editor(qtbot, view)
    dialog.phone.setText("+39 333 0000000")
    dialog.email.setText("not an address")
    with qtbot.waitSignal(dialog.save_failed, timeout=WAIT_MS) as failed:
        dialog.save_button.click()
    expected = message_for(ValidationFailed("email", "invalid_format"))
    assert failed.args == [dialog.error.text()]
    assert dialog.error.text() == expected
    assert dialog.isVisible()
    assert stored(store, pid) == ("+39 06 1234", "")
    dialog.reject()


def test_coordinator_sees_the_update_in_the_history(
    qtbot: QtBot, qapp: QApplication, store: OpenStore, ops: Ops
):
    pid = add_person(store, store.actor)
    window = window_as(qtbot, qapp, store, ops, "carla", "coordinator")
    try:
        view = open_file(qtbot, window, pid)
        assert view.history is not None
        dialog = open_editor(qtbot, view)
        dialog.phone.setText("+39 333 1111111")
        with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
            dialog.save_button.click()
        history = view.history
        rows = [
            [history.item(r, c).text() for c in range(history.columnCount())]
            for r in range(history.rowCount())
        ]
        assert ["carla", "changed", "Person"] in [row[1:] for row in rows]
        assert ["anna", "created", "Person"] in [row[1:] for row in rows]
    finally:
        lock_and_wait(qtbot, window)


def test_desk_operator_has_no_history(qtbot: QtBot, qapp: QApplication, store: OpenStore, ops: Ops):
    pid = add_person(store, store.actor)
    window = window_as(qtbot, qapp, store, ops, "omar", "desk_operator")
    try:
        view = open_file(qtbot, window, pid)
        assert view.history is None
        assert all(t.accessibleName() != "History" for t in view.findChildren(type(view.timeline)))
    finally:
        lock_and_wait(qtbot, window)
