"""Administration: re-encrypting the store after a disable or a password change, setting a
password, and the days a desk may stay offline. Real stores, real key files."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from models import device_policy
from models.clock import utcnow
from models.crypto import parse_recovery_key
from models.errors import CorruptStore, WeakPassword, WrongPassword
from models.keyfile import KeyFile
from models.schema import Meta
from models.settings import OFFLINE_DAYS
from models.store import OpenStore
from tests.conftest import ADMIN_PASSWORD, add_operator, opens_with
from tests.ui.conftest import WAIT_MS, lock_and_wait
from ui.admin_view import AdminView, RekeyDialog, SetPasswordDialog
from ui.errors import message_for
from ui.main_window import ADMINISTRATION, MainWindow

NEW_PASSWORD = "a sentence nobody else has seen"
RECOVERY_KEY = re.compile(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){12}")
W = TypeVar("W", bound=QWidget)


def admin_view(qtbot: QtBot, window: MainWindow, operators: int) -> AdminView:
    """The Administration section, once its list shows ``operators`` rows."""
    window.activateWindow()  # for the mnemonics
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    window.show_section(ADMINISTRATION)
    admin = window.admin_view
    assert admin is not None
    qtbot.waitUntil(lambda: admin.table.rowCount() == operators, timeout=WAIT_MS)
    return admin


def select(admin: AdminView, login: str) -> None:
    rows = [admin.table.item(r, 0).text() for r in range(admin.table.rowCount())]
    admin.table.setFocus()
    admin.table.selectRow(rows.index(login))


def shown(qtbot: QtBot, parent: QWidget, cls: type[W], text: str = "") -> W:
    """The visible ``cls`` window of ``parent`` (whose text holds ``text``), once it opens."""
    found: list[W] = []

    def opened() -> bool:
        found[:] = [
            w
            for w in parent.findChildren(cls)
            if w.isVisible() and (not text or text in getattr(w, "text", str)())
        ]
        return bool(found)

    qtbot.waitUntil(opened, timeout=WAIT_MS)
    return found[0]


def rekey_with(qtbot: QtBot, dialog: RekeyDialog, password: str) -> None:
    """Type the administrator's password and press Enter (the default button)."""
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def confirm_and_close(qtbot: QtBot, dialog: RekeyDialog) -> str:
    """The new recovery key, after ticking "written down" (Space) and pressing Enter."""
    key = dialog.recovery.key.text()
    assert not dialog.close_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # not before the key is written down
    assert dialog.isVisible()
    qtbot.keyClick(dialog.recovery.written_down, Qt.Key.Key_Space)
    assert dialog.close_button.isEnabled()
    qtbot.keyClick(dialog.recovery.written_down, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert dialog.recovery.key.text() == ""  # the key does not stay in a widget
    return key


def test_disable_then_rekey_retires_the_leavers_key_file(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    add_operator(store, "lucia", "legal_advisor")
    add_operator(store, "omar", "desk_operator")
    files = store.files
    leaver_copy = files.keyfile_path.read_bytes()  # what omar could have copied
    admin = admin_view(qtbot, main_window, 3)
    select(admin, "omar")
    qtbot.keyClick(admin.table, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    sure = shown(qtbot, admin, QMessageBox, "Disable omar?")
    sure.button(QMessageBox.StandardButton.Yes).click()

    offer = shown(qtbot, admin, QMessageBox, "copies of the key file omar may have kept")
    assert offer.defaultButton() is offer.button(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(offer, Qt.Key.Key_Return)
    dialog = shown(qtbot, admin, RekeyDialog)
    assert dialog.new_recovery_key.isChecked()  # the leaver may have seen the old one
    rekey_with(qtbot, dialog, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: dialog.showing_result, timeout=WAIT_MS)
    assert dialog.dropped.isHidden()  # every remaining operator kept their slot
    key = confirm_and_close(qtbot, dialog)
    assert RECOVERY_KEY.fullmatch(key)
    qtbot.waitUntil(lambda: admin.message.text() == "The store was re-encrypted.")
    lock_and_wait(qtbot, main_window)

    # lucia keeps her password; the recovery key shown is the desk's new one.
    files.unlock("lucia", ADMIN_PASSWORD).lock()
    new_dek = KeyFile.load(files.keyfile_path).open_recovery_slot(parse_recovery_key(key))
    assert opens_with(files.db_path, new_dek)
    # omar's old copy yields the old key, which no longer reads the database ...
    old_dek = KeyFile.from_data(json.loads(leaver_copy)).open_operator_slot("omar", ADMIN_PASSWORD)
    assert not opens_with(files.db_path, old_dek)
    # ... and put back in place, it opens nothing.
    files.keyfile_path.write_bytes(leaver_copy)
    with pytest.raises(CorruptStore):
        files.unlock("omar", ADMIN_PASSWORD)


def test_a_wrong_password_in_the_rekey_dialog_changes_nothing(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    before = store.files.keyfile_path.read_bytes()
    admin = admin_view(qtbot, main_window, 1)
    admin.rekey_button.click()
    dialog = shown(qtbot, admin, RekeyDialog)
    assert not dialog.reencrypt_button.isEnabled()  # nothing typed yet
    rekey_with(qtbot, dialog, "not my password")
    qtbot.waitUntil(lambda: dialog.problem.text() != "", timeout=WAIT_MS)
    assert dialog.problem.text() == message_for(WrongPassword())
    assert dialog.password.text() == ""  # the password does not stay in the widget
    assert dialog.isVisible() and not dialog.showing_result
    assert store.files.keyfile_path.read_bytes() == before
    dialog.reject()


def test_rekey_can_keep_the_recovery_key(qtbot: QtBot, store: OpenStore, main_window: MainWindow):
    before = KeyFile.load(store.files.keyfile_path).recovery_slot()
    admin = admin_view(qtbot, main_window, 1)
    admin.rekey_button.click()
    dialog = shown(qtbot, admin, RekeyDialog)
    qtbot.keyClick(dialog.new_recovery_key, Qt.Key.Key_Space)
    rekey_with(qtbot, dialog, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: dialog.showing_result, timeout=WAIT_MS)
    assert dialog.recovery.isHidden() and not dialog.recovery_kept.isHidden()
    assert dialog.close_button.isEnabled()
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    kept = KeyFile.load(store.files.keyfile_path).recovery_slot()
    assert (kept.salt, kept.public) == (before.salt, before.public)


def test_set_password_then_reencrypt(qtbot: QtBot, store: OpenStore, main_window: MainWindow):
    add_operator(store, "omar", "desk_operator")
    files = store.files
    old_copy = files.keyfile_path.read_bytes()  # the key file as it was when seen
    admin = admin_view(qtbot, main_window, 2)
    select(admin, "omar")
    qtbot.keyClick(admin.table, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    dialog = shown(qtbot, admin, SetPasswordDialog)
    assert dialog.fields.login.text() == "omar" and dialog.fields.login.isReadOnly()
    qtbot.waitUntil(dialog.password.hasFocus, timeout=5_000)  # focus lands after the show
    dialog.password.setText("password12")  # judged like Add operator
    dialog.confirm.setText("password12")
    assert dialog.problem.text() == message_for(WeakPassword("too_guessable", "instant", "common"))
    assert not dialog.ok_button.isEnabled()
    dialog.password.setText("omar12345678")
    assert "It contains your login" in dialog.problem.text()
    dialog.password.clear()
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.password, NEW_PASSWORD)
    qtbot.keyClicks(dialog.confirm, NEW_PASSWORD)
    qtbot.keyClick(dialog.reencrypt, Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.password_set, timeout=WAIT_MS) as changed:
        qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    assert changed.args == ["omar", True]
    assert admin.message.text() == "The password of omar was changed."

    rekey = shown(qtbot, admin, RekeyDialog)
    rekey_with(qtbot, rekey, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: rekey.showing_result, timeout=WAIT_MS)
    confirm_and_close(qtbot, rekey)
    lock_and_wait(qtbot, main_window)

    with pytest.raises(WrongPassword):
        files.unlock("omar", ADMIN_PASSWORD)
    files.unlock("omar", NEW_PASSWORD).lock()
    files.keyfile_path.write_bytes(old_copy)  # the old password with the old copy
    with pytest.raises(CorruptStore):
        files.unlock("omar", ADMIN_PASSWORD)


def test_a_disabled_operator_gets_no_password(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    add_operator(store, "omar", "desk_operator")
    store.disable_operator("omar")
    admin = admin_view(qtbot, main_window, 2)
    select(admin, "omar")
    admin.set_password_button.click()
    assert "omar is disabled" in admin.message.text()
    assert not [d for d in admin.findChildren(SetPasswordDialog) if d.isVisible()]
    assert "omar" not in store.files.logins()


def test_offline_days_are_saved_and_reloaded(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    admin = admin_view(qtbot, main_window, 1)
    assert admin.offline_days.value() == OFFLINE_DAYS.default
    assert "not enrolled" in admin.last_contact.text()
    admin.offline_days.setValue(0)  # the spin box keeps it within what the store accepts
    assert admin.offline_days.value() == OFFLINE_DAYS.minimum
    admin.offline_days.setValue(OFFLINE_DAYS.maximum + 1)
    assert admin.offline_days.value() == OFFLINE_DAYS.maximum

    admin.offline_days.setFocus()
    admin.offline_days.selectAll()
    qtbot.keyClicks(admin.offline_days, "12")
    with qtbot.waitSignal(admin.idle_minutes_changed, timeout=WAIT_MS):
        qtbot.keyClick(admin, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert admin.message.text() == "Settings saved."
    assert store.device_state().offline_days == 12

    with store.session() as session:  # enrolled, last synchronised 40 days ago
        session.merge(Meta(key=device_policy.DEVICE_ID, value="dev-1"))
        last = utcnow() - timedelta(days=40)
        session.merge(Meta(key=device_policy.LAST_OK, value=last.isoformat()))
    admin.offline_days.setValue(30)
    admin.reload()
    qtbot.waitUntil(lambda: admin.offline_days.value() == 12, timeout=WAIT_MS)
    assert admin.last_contact.text().startswith("Last contact with the Welcome Center: ")
    assert "(40 day" in admin.last_contact.text()
