"""desktop.app: the screens in order, one instance per data folder, the headless self-test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app import DeskApp, parse_args, run_gui
from desktop.instance import acquire
from models.exit_codes import EXIT_IN_USE, EXIT_OK
from models.store import DeskStore, OpenStore
from tests.conftest import ADMIN_PASSWORD, FAST_KDF
from tests.ui.conftest import WAIT_MS
from ui.ops import Ops
from ui.setup_wizard import SetupWizard

ROOT = Path(__file__).resolve().parents[2]


def run_desk_app(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ARCO_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "desktop.app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def desk_app(qapp: QApplication, store: OpenStore, ops: Ops):
    store.lock()
    quits: list[str] = []
    app = DeskApp(
        qapp, DeskStore(store.files.data_dir, kdf=FAST_KDF), ops, lambda: quits.append("q")
    )
    app.quits = quits  # type: ignore[attr-defined]
    yield app
    window = app.main_window
    if window is not None and not window.store.is_locked:
        window.store.lock()
    for widget in (app.unlock_window, app.wizard):
        if widget is not None:
            widget.close()
            widget.deleteLater()


def test_unlock_main_window_and_back_to_unlock_on_ctrl_l(qtbot: QtBot, desk_app: DeskApp):
    desk_app.start()
    unlock = desk_app.unlock_window
    assert unlock is not None and unlock.isVisible()
    qtbot.keyClicks(unlock.password, ADMIN_PASSWORD)
    qtbot.keyClick(unlock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk_app.main_window is not None, timeout=WAIT_MS)
    window = desk_app.main_window
    assert window is not None and window.isVisible() and not unlock.isVisible()
    store = window.store

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(
        window.people_view.search_field, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
    )
    assert unlock.isVisible() and not window.isVisible()
    qtbot.waitUntil(lambda: desk_app.main_window is None, timeout=WAIT_MS)
    assert store.is_locked
    qtbot.waitUntil(lambda: unlock.unlock_button.isEnabled(), timeout=WAIT_MS)
    assert desk_app.quits == []


def test_closing_the_main_window_locks_then_quits(qtbot: QtBot, desk_app: DeskApp):
    desk_app.start()
    unlock = desk_app.unlock_window
    assert unlock is not None
    qtbot.keyClicks(unlock.password, ADMIN_PASSWORD)
    qtbot.keyClick(unlock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk_app.main_window is not None, timeout=WAIT_MS)
    window = desk_app.main_window
    assert window is not None
    store = window.store
    window.close()
    qtbot.waitUntil(lambda: desk_app.quits == ["q"], timeout=WAIT_MS)
    assert store.is_locked


def test_first_run_wizard_leads_to_the_main_window(
    qtbot: QtBot, qapp: QApplication, data_dir: Path, ops: Ops
):
    quits: list[str] = []
    app = DeskApp(qapp, DeskStore(data_dir, kdf=FAST_KDF), ops, lambda: quits.append("q"))
    app.start()
    wizard = app.wizard
    assert isinstance(wizard, SetupWizard) and wizard.isVisible()
    assert app.unlock_window is None
    wizard.desk_page.select("quarenghi")
    wizard.next()
    page = wizard.admin_page
    for field, text in (
        (page.login, "anna"),
        (page.display_name, "Anna Bianchi"),
        (page.password, ADMIN_PASSWORD),
        (page.confirm, ADMIN_PASSWORD),
    ):
        qtbot.keyClicks(field, text)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.created is not None, timeout=WAIT_MS)
    wizard.recovery_page.written_down.setChecked(True)
    wizard.accept()
    window = app.main_window
    assert window is not None and window.isVisible()
    assert app.wizard is None and not wizard.isVisible()
    assert window.store.desk == "quarenghi" and quits == []
    with qtbot.waitSignal(window.locked, timeout=WAIT_MS):
        window.lock_now()


def test_second_instance_is_refused(
    qtbot: QtBot, qapp: QApplication, data_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    first = acquire(data_dir)
    assert first is not None
    try:
        code = run_gui(qapp, parse_args(["--data-dir", str(data_dir), "--lang", "en"]))
    finally:
        first.unlock()
    assert code == EXIT_IN_USE
    assert len(shown) == 1 and str(data_dir) in shown[0]


def test_second_process_is_refused(data_dir: Path):
    first = acquire(data_dir)
    assert first is not None
    try:
        result = run_desk_app("--data-dir", str(data_dir), "--self-test")
    finally:
        first.unlock()
    assert result.returncode == EXIT_IN_USE, result.stderr
    assert "already open" in result.stderr
    assert not DeskStore(data_dir).exists()


def test_self_test_exits_zero(tmp_path: Path):
    folder = tmp_path / "fresh"
    result = run_desk_app("--data-dir", str(folder), "--self-test")
    assert result.returncode == EXIT_OK, result.stderr
    assert "Self-test passed" in result.stdout
    assert DeskStore(folder).exists()
    assert list((folder / "backups").glob("*.db"))


def test_self_test_refuses_a_folder_in_use_by_a_store(store: OpenStore):
    result = run_desk_app("--data-dir", str(store.files.data_dir), "--self-test")
    assert result.returncode != EXIT_OK
    assert "not empty" in result.stderr
