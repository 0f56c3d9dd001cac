"""Main window: sections by role, search as you type, Ctrl+L and the idle lock clear all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from models import settings
from models.errors import WeakPassword
from models.schema import Meta, Person
from models.settings import IDLE_LOCK_MINUTES
from models.store import OpenStore
from tests.conftest import ADMIN_PASSWORD, CANARY, add_operator
from tests.ui.conftest import WAIT_MS, lock_and_wait, open_main_window
from ui.errors import message_for
from ui.main_window import (
    ADMINISTRATION,
    CONSULTATIONS,
    INTAKE,
    PEOPLE,
    REFERRALS,
    REPORTS,
    SYNC,
    TODAY,
    MainWindow,
)
from ui.ops import Ops


def add_people(store: OpenStore) -> None:
    given, family = CANARY.split(" ")
    with store.session() as session:
        session.add_all(
            [
                Person(
                    given_name="Mohamed", family_name="Ali", birth_year=1985, citizenships=["EG"]
                ),
                Person(
                    given_name="Fatima", family_name="Rahman", birth_year=1990, citizenships=["BD"]
                ),
                Person(given_name=given, family_name=family, birth_year=1979, citizenships=["PE"]),
            ]
        )


def search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    view = window.people_view
    with qtbot.waitSignal(view.search_finished, timeout=WAIT_MS):
        qtbot.keyClicks(view.search_field, text)


def test_admin_sees_every_section_but_consultations(main_window: MainWindow):
    assert main_window.section_keys() == [
        TODAY,
        INTAKE,
        PEOPLE,
        REFERRALS,
        SYNC,
        REPORTS,
        ADMINISTRATION,
    ]
    assert main_window.current_section() == PEOPLE
    assert "anna" in main_window.operator_label.text()
    assert "ACLI" in main_window.desk_label.text()


@pytest.mark.parametrize(
    ("role", "sections"),
    [
        ("desk_operator", [TODAY, INTAKE, PEOPLE, REFERRALS, SYNC]),
        ("coordinator", [TODAY, INTAKE, PEOPLE, REFERRALS, SYNC, REPORTS]),
        ("legal_advisor", [TODAY, INTAKE, PEOPLE, REFERRALS, CONSULTATIONS, SYNC]),
    ],
)
def test_sections_follow_the_role(
    qtbot: QtBot, qapp: QApplication, store: OpenStore, ops: Ops, role: str, sections: list[str]
):
    add_operator(store, "omar", role)
    store.lock()
    own = store.files.unlock("omar", ADMIN_PASSWORD)
    window = open_main_window(qtbot, qapp, own, ops)
    try:
        assert window.section_keys() == sections
        assert set(window.section_actions) == set(sections)
        assert window.admin_view is None
    finally:
        lock_and_wait(qtbot, window)


def test_ctrl_number_switches_section(qtbot: QtBot, main_window: MainWindow):
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    qtbot.keyClick(
        main_window.people_view.search_field, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier
    )
    assert main_window.current_section() == TODAY
    qtbot.keyClick(main_window.navigation, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_section() == ADMINISTRATION
    qtbot.keyClick(main_window.navigation, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_section() == PEOPLE


def test_search_as_you_type_is_transliteration_aware(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    add_people(store)
    search(qtbot, main_window, "Muhammad")
    model = main_window.people_view.model
    names = [model.match_at(row).display_name for row in range(model.rowCount())]
    assert names[0] == "Mohamed Ali"
    assert model.index(0, 1).data() == "1985"
    assert model.index(0, 2).data() == "EG"


def test_stale_answers_are_dropped(qtbot: QtBot, store: OpenStore, main_window: MainWindow):
    add_people(store)
    view = main_window.people_view
    search(qtbot, main_window, "Fatima")
    assert view.model.rowCount() == 1
    old_request = view.search._request
    view.search_field.setText("Mohamed")
    with qtbot.waitSignal(view.search_finished, timeout=WAIT_MS):
        pass
    view.search._on_results(old_request, [])  # an older answer arriving late changes nothing
    assert view.model.rowCount() == 1
    assert view.model.match_at(0).display_name == "Mohamed Ali"


def assert_cleared_and_locked(qtbot: QtBot, window: MainWindow, store: OpenStore) -> None:
    view = window.people_view
    assert view.model.rowCount() == 0
    assert view.search_field.text() == ""
    assert not view.search_field.isUndoAvailable()
    assert view.status.text() == ""
    assert window.findChildren(QDialog) == [] or all(
        not d.isVisible() for d in window.findChildren(QDialog)
    )
    assert window.admin_view is None or window.admin_view.table.rowCount() == 0
    assert not window.isVisible()
    assert store.is_locked


def test_ctrl_l_clears_every_view_and_locks(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    add_people(store)
    search(qtbot, main_window, CANARY.split(" ")[0])
    assert main_window.people_view.model.rowCount() == 1
    main_window.show_section(ADMINISTRATION)
    assert main_window.admin_view is not None
    qtbot.waitUntil(lambda: main_window.admin_view.table.rowCount() == 1, timeout=WAIT_MS)
    # Ctrl+L works even from a dialog, and the dialog does not survive the lock.
    main_window.admin_view.add_button.click()
    dialog = main_window.admin_view.findChild(QDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.login, "half-typed")

    with qtbot.waitSignal(main_window.locked, timeout=WAIT_MS) as signal:
        qtbot.keyClick(dialog.login, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert signal.args == [False]
    assert_cleared_and_locked(qtbot, main_window, store)
    assert list((store.files.data_dir / "backups").glob("*.db"))  # the rolling backup


def test_idle_timer_clears_every_view_and_locks(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    add_people(store)
    search(qtbot, main_window, "Mohamed")
    assert main_window.people_view.model.rowCount() == 1
    with qtbot.waitSignal(main_window.locked, timeout=WAIT_MS):
        main_window.idle.set_interval_ms(50)
    assert_cleared_and_locked(qtbot, main_window, store)


def test_activity_restarts_the_idle_countdown(qtbot: QtBot, main_window: MainWindow):
    timer = main_window.idle._timer
    timer.stop()  # as if the countdown were about to run out
    qtbot.keyClick(main_window.people_view.search_field, Qt.Key.Key_A)
    assert timer.isActive() and timer.remainingTime() > timer.interval() - 5_000
    timer.stop()
    qtbot.mouseClick(main_window.navigation.viewport(), Qt.MouseButton.LeftButton)
    assert timer.isActive()
    assert not main_window.store.is_locked


def test_admin_sets_idle_minutes(qtbot: QtBot, store: OpenStore, main_window: MainWindow):
    main_window.show_section(ADMINISTRATION)
    admin = main_window.admin_view
    assert admin is not None
    qtbot.waitUntil(lambda: admin.table.rowCount() == 1, timeout=WAIT_MS)
    admin.idle_minutes.setValue(12)
    with qtbot.waitSignal(admin.idle_minutes_changed, timeout=WAIT_MS):
        admin.save_button.click()
    assert main_window.idle.interval_ms == 12 * 60_000
    assert settings.get(store, IDLE_LOCK_MINUTES) == 12
    with store.session() as session:
        assert session.get(Meta, IDLE_LOCK_MINUTES.key).value == "12"


def test_add_operator_refuses_a_guessable_password_in_words(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    main_window.show_section(ADMINISTRATION)
    admin = main_window.admin_view
    assert admin is not None
    admin.add_button.click()
    dialog = admin.findChild(QDialog)
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.login, "zkowalczyk")
    qtbot.keyClicks(dialog.display_name, "Zbigniew Kowalczyk")
    for password, hint in (("password12", "common"), ("ZbigniewKowalczyk", "personal")):
        dialog.password.setText(password)
        dialog.confirm.setText(password)
        problem = dialog.problem.text()
        assert problem == message_for(WeakPassword("too_guessable", "instant", hint))
        assert not ok.isEnabled()
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.confirm.setText(ADMIN_PASSWORD)
    assert dialog.problem.text() == "" and ok.isEnabled()
    dialog.reject()


def test_admin_adds_an_operator(qtbot: QtBot, store: OpenStore, main_window: MainWindow):
    main_window.show_section(ADMINISTRATION)
    admin = main_window.admin_view
    assert admin is not None
    qtbot.waitUntil(lambda: admin.table.rowCount() == 1, timeout=WAIT_MS)
    admin.add_button.click()
    dialog = admin.findChild(QDialog)
    assert dialog is not None
    qtbot.keyClicks(dialog.login, "omar")
    qtbot.keyClicks(dialog.display_name, "Omar Haddad")
    qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
    qtbot.keyClicks(dialog.confirm, ADMIN_PASSWORD)
    with qtbot.waitSignal(dialog.added, timeout=WAIT_MS):
        qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: admin.table.rowCount() == 2, timeout=WAIT_MS)
    assert "omar" in store.files.logins()
