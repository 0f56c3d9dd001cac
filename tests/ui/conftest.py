"""Fixtures for the widget tests: a background-operation runner and a main window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models.store import OpenStore
from ui.main_window import MainWindow
from ui.ops import Ops

WAIT_MS = 10_000


@pytest.fixture
def ops(qtbot: QtBot) -> Iterator[Ops]:
    """An ``Ops`` runner; the test ends only when every op has been delivered."""
    runner = Ops()
    yield runner
    assert runner.wait_for_done(WAIT_MS), "a background operation is still running"
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)


def open_main_window(qtbot: QtBot, app: QApplication, store: OpenStore, ops: Ops) -> MainWindow:
    window = MainWindow(store, ops, app)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def lock_and_wait(qtbot: QtBot, window: MainWindow) -> None:
    if window.store.is_locked or window.locking:
        qtbot.waitUntil(lambda: window.store.is_locked, timeout=WAIT_MS)
        return
    with qtbot.waitSignal(window.locked, timeout=WAIT_MS):
        window.lock_now()


@pytest.fixture
def main_window(
    qtbot: QtBot, qapp: QApplication, store: OpenStore, ops: Ops
) -> Iterator[MainWindow]:
    """The main window of admin ``anna``; locked (if the test did not) before teardown."""
    window = open_main_window(qtbot, qapp, store, ops)
    yield window
    lock_and_wait(qtbot, window)
