"""First run: the wizard creates the store and shows a recovery key that really opens it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from models.errors import WeakPassword
from models.passwords import check_password, personal_words
from models.store import DeskStore, OpenStore
from tests.conftest import FAST_KDF
from tests.sync.fixtures import Central
from tests.ui.conftest import WAIT_MS
from ui.errors import message_for
from ui.ops import Ops
from ui.setup_wizard import ADMIN_PAGE, DESK_PAGE, RECOVERY_PAGE, SetupWizard

NEW_PASSWORD = "a brand new sentence"


def make_wizard(qtbot: QtBot, data_dir: Path, ops: Ops) -> SetupWizard:
    wizard = SetupWizard(DeskStore(data_dir, kdf=FAST_KDF), ops)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def fill_admin(qtbot: QtBot, wizard: SetupWizard, password: str, again: str) -> None:
    page = wizard.admin_page
    qtbot.keyClicks(page.login, "anna")
    qtbot.keyClicks(page.display_name, "Anna Bianchi")
    qtbot.keyClicks(page.password, password)
    qtbot.keyClicks(page.confirm, again)


def test_wizard_creates_store_and_recovery_key_opens_it(qtbot: QtBot, data_dir: Path, ops: Ops):
    wizard = make_wizard(qtbot, data_dir, ops)
    assert wizard.currentId() == DESK_PAGE
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # no desk chosen yet

    # Keyboard: arrows in the desk list, Enter moves on.
    qtbot.keyClick(wizard.desk_page.desks, Qt.Key.Key_Down)
    wizard.desk_page.select("san-martino")
    qtbot.keyClick(wizard.desk_page.desks, Qt.Key.Key_Return)
    assert wizard.currentId() == ADMIN_PAGE

    fill_admin(qtbot, wizard, "correct horse battery", "correct horse battery")
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.isEnabled()
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == RECOVERY_PAGE, timeout=WAIT_MS)

    created = wizard.created
    assert created is not None
    key = wizard.recovery_page.key.text()
    assert key == created.recovery_key and len(key) > 20
    assert created.store.desk == "san-martino"

    # Finish only after "I have written it down"; Esc does not throw the key away.
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    wizard.reject()
    assert wizard.isVisible()
    with qtbot.waitSignal(wizard.desk_created) as signal:
        qtbot.keyClick(wizard.recovery_page.written_down, Qt.Key.Key_Space)
        assert finish.isEnabled()
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    store: OpenStore = signal.args[0]
    assert store is created.store and store.actor.login == "anna"
    assert wizard.recovery_page.key.text() == ""  # not left in a widget
    store.lock()

    # The key shown is the desk's real recovery key.
    files = DeskStore(data_dir)
    files.reset_password(key, "anna", NEW_PASSWORD)
    reopened = files.unlock("anna", NEW_PASSWORD)
    assert reopened.desk == "san-martino"
    reopened.lock()


def test_weak_or_mismatched_password_is_explained_inline(qtbot: QtBot, data_dir: Path, ops: Ops):
    wizard = make_wizard(qtbot, data_dir, ops)
    wizard.desk_page.select("acli")
    wizard.next()
    fill_admin(qtbot, wizard, "short", "")
    page = wizard.admin_page
    assert page.problem.text() == message_for(WeakPassword("too_short"))
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()

    page.password.setText("Welcome2026")  # long enough, but among the first guesses
    assert page.problem.text() == message_for(WeakPassword("too_guessable", "minutes", "common"))
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()

    page.password.setText("correct horse battery")
    page.confirm.setText("correct horse batterz")
    assert page.problem.text() != ""
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    page.confirm.setText("correct horse battery")
    assert page.problem.text() == ""
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert not DeskStore(data_dir).exists()  # nothing written before "Create the desk"


def test_the_wizard_can_enrol_the_new_desk_with_the_welcome_center(
    qtbot: QtBot, data_dir: Path, ops: Ops, central_sqlite: Central
) -> None:
    import sync.state
    from ui.setup_wizard import CONNECT_PAGE
    from ui.sync_messages import error_text

    wizard = make_wizard(qtbot, data_dir, ops)
    wizard.desk_page.select("acli")
    wizard.next()
    fill_admin(qtbot, wizard, "correct horse battery", "correct horse battery")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == RECOVERY_PAGE, timeout=WAIT_MS)
    wizard.recovery_page.written_down.setChecked(True)
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()  # optional step
    wizard.next()
    assert wizard.currentId() == CONNECT_PAGE
    form = wizard.connect_page.form
    form.url_field.setText(central_sqlite.url)
    form.code_field.setText("WRONG-CODE-0000")
    with qtbot.waitSignal(form.failed, timeout=WAIT_MS) as failure:
        qtbot.mouseClick(form.enrol_button, Qt.MouseButton.LeftButton)
    assert failure.args[0] == error_text("enrolment_code_invalid")  # plain words
    form.code_field.setText(central_sqlite.code("acli"))
    with qtbot.waitSignal(form.enrolled, timeout=WAIT_MS):
        qtbot.mouseClick(form.enrol_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(wizard.desk_created) as signal:
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
        )
    store: OpenStore = signal.args[0]
    assert sync.state.is_enrolled(store)
    store.lock()


def test_a_password_built_on_the_desk_name_is_refused_inline(
    qtbot: QtBot, data_dir: Path, ops: Ops
):
    wizard = make_wizard(qtbot, data_dir, ops)
    wizard.desk_page.select("quarenghi")
    wizard.next()
    fill_admin(qtbot, wizard, "quarenghi2026", "quarenghi2026")
    page = wizard.admin_page
    with pytest.raises(WeakPassword) as refused:
        check_password("quarenghi2026", personal_words("anna", "Anna Bianchi", "quarenghi"))
    assert refused.value.hint == "personal"
    assert page.problem.text() == message_for(refused.value)
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    wizard.back()
    wizard.desk_page.select("acli")  # the same password is fine for another desk
    wizard.next()
    assert page.problem.text() == ""
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
