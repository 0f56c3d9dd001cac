"""Editing the person from the file (Ctrl+E), and the History table for coordinators."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton
from pytestqt.qtbot import QtBot

from models.errors import ValidationFailed
from models.people import PersonForm
from models.schema import Person
from models.store import OpenStore
from tests.models.service_helpers import add_person
from tests.ui.conftest import WAIT_MS, lock_and_wait
from tests.ui.test_intake_view import focused, mnemonics, tab
from tests.ui.test_person_view import window_as
from ui.errors import message_for
from ui.main_window import MainWindow
from ui.ops import Ops
from ui.person_edit import PersonEditDialog
from ui.person_fields import PersonFields
from ui.person_view import PersonView
from ui.reference_data import Choice, ReferenceLists


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
    assert dialog.fields.line("phone").text() == "+39 06 1234"
    dialog.fields.line("phone").setText("+39 333 7654321")
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        dialog.save_button.click()
    assert stored(store, pid)[0] == "+393337654321"  # E.164, shown grouped
    assert "Phone: +39 333 765 4321" in view.details_label.text()
    qtbot.waitUntil(lambda: view.edit_dialog is None, timeout=WAIT_MS)


def test_a_bad_email_is_refused_and_nothing_changes(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    pid = add_person(store, store.actor, phone="+39 06 1234")
    view = open_file(qtbot, main_window, pid)
    dialog = open_editor(qtbot, view)
    dialog.fields.line("phone").setText("+39 333 0000000")
    dialog.fields.line("email").setText("not an address")
    with qtbot.waitSignal(dialog.save_failed, timeout=WAIT_MS) as failed:
        dialog.save_button.click()
    expected = message_for(ValidationFailed("email", "invalid_format"))
    assert failed.args == [dialog.error.text()]
    assert dialog.error.text() == expected
    assert dialog.isVisible()
    assert stored(store, pid) == ("+39061234", "")
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
        dialog.fields.line("phone").setText("+39 333 1111111")
        with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
            dialog.save_button.click()
        history = view.history
        rows = [
            [history.item(r, c).text() for c in range(history.columnCount())]
            for r in range(history.rowCount())
        ]
        assert ["carla", "changed", "person"] in [row[1:] for row in rows]
        assert ["anna", "created", "person"] in [row[1:] for row in rows]
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


def test_the_dialog_starts_from_the_file_and_saving_it_untouched_changes_nothing(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    pid = add_person(
        store,
        store.actor,
        sex="F",
        birth_date=date(1990, 3, 7),
        citizenships=["ml", "fr"],
        preferred_language="bm",
        email="amina@example.org",
        municipio=4,
        permit_expiry=date(2027, 1, 31),
        notes="two\nlines",
    )
    view = open_file(qtbot, main_window, pid)
    dialog = open_editor(qtbot, view)
    fields = dialog.fields
    assert fields.line("birth_date").text() == "07/03/1990"
    assert fields.line("birth_year").text() == ""  # derived from the date
    assert fields.line("citizenships").text() == "ML, FR"
    assert fields.line("municipio").text() == "4"
    assert fields.line("permit_expiry").text() == "31/01/2027"
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS) as saved:
        dialog.save_button.click()
    assert saved.args == [[]]


def test_tab_goes_through_the_fields_in_order_then_to_the_buttons(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    view = open_file(qtbot, main_window, add_person(store, store.actor))
    dialog = open_editor(qtbot, view)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    chain = dialog.fields.focus_chain()
    assert [spec.key for spec in dialog.fields.specs][-1] == "notes"
    assert focused() is chain[0]  # the given name
    for widget in chain[1:]:
        tab(qtbot)
        assert focused() is widget
    tab(qtbot)  # out of the notes: Tab does not type a tab there
    assert isinstance(focused(), QPushButton)
    assert [key for key, n in mnemonics(dialog).items() if n > 1] == []
    dialog.reject()


def test_person_fields_read_back_what_they_show(qtbot: QtBot):
    fields = PersonFields()
    qtbot.addWidget(fields)
    unknown = Choice("unknown", "Non nota", "Unknown")
    fields.set_choices(ReferenceLists((), {"legal_status": (unknown,)}))
    status = fields.field("legal_status")
    assert isinstance(status, QComboBox) and status.currentData() == "unknown"
    person = PersonForm(
        given_name="أمينة",
        family_name="Diallo",
        sex="X",
        birth_year=1990,
        citizenships=["ML"],
        municipio=9,
        legal_status="retired_code",  # no longer in the list: shown as its code
        permit_expiry=date(2027, 1, 31),
        notes="a note",
    )
    fields.set_values(person)
    assert status.currentText() == "retired_code"
    values = fields.values()
    assert PersonForm(**values) == person
    fields.line("municipio").setText("²")
    with pytest.raises(ValidationFailed) as refused:
        fields.values()
    assert refused.value.field == "municipio"

    fields.clear()
    assert fields.form() == PersonForm()
    assert not fields.line("given_name").isUndoAvailable()
