"""Today: this desk's visits of the day; Enter opens the file; the lock empties it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.intake import IntakeForm, register
from models.store import OpenStore
from tests.conftest import CANARY
from tests.models.service_helpers import add_person
from tests.ui.conftest import WAIT_MS, lock_and_wait
from ui.main_window import PEOPLE, TODAY, MainWindow


def test_today_lists_the_visits_and_opens_the_file(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    given, family = CANARY.split(" ")
    pid = add_person(store, store.actor, given_name=given, family_name=family)
    with store.session() as session:
        register(session, store.actor, IntakeForm(person_id=pid, channel="phone"))
    view = main_window.today_view
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS) as loaded:
        main_window.show_section(TODAY)
    assert loaded.args == [1]
    assert view.table.item(0, 1).text() == CANARY
    assert view.table.item(0, 2).text() == "Phone"
    assert view.table.item(0, 3).text() == "yes"

    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert main_window.current_section() == PEOPLE
    person = main_window.people_view.person_view
    assert person is not None and person.person_id == pid

    lock_and_wait(qtbot, main_window)
    assert view.table.rowCount() == 0
