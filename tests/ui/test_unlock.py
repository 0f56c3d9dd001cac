"""The unlock screen: plain-words failures, throttling countdown, corrupt store refused,
a desk offline too long, a revoked computer."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models import device_policy
from models.clock import utcnow
from models.errors import CorruptStore, DeviceRevoked, OfflineTooLong, Throttled, WrongPassword
from models.schema import Meta
from models.store import DeskStore, OpenStore
from tests.conftest import ADMIN_PASSWORD, add_operator
from tests.ui.conftest import WAIT_MS
from ui.errors import message_for
from ui.ops import Ops
from ui.unlock import UnlockWindow


@pytest.fixture
def locked_store(store: OpenStore) -> DeskStore:
    """The ``store`` fixture's files, locked again."""
    store.lock()
    return store.files


def make_window(qtbot: QtBot, files: DeskStore, ops: Ops) -> UnlockWindow:
    window = UnlockWindow(files, ops)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_wrong_password_is_explained_and_does_not_open(
    qtbot: QtBot, locked_store: DeskStore, ops: Ops
):
    window = make_window(qtbot, locked_store, ops)
    opened: list[object] = []
    window.unlocked.connect(opened.append)
    assert window.operator.currentText() == "anna"
    qtbot.keyClicks(window.password, "not the password")
    qtbot.keyClick(window.password, Qt.Key.Key_Return)
    assert window.password.text() == ""  # the password does not stay in the widget
    qtbot.waitUntil(lambda: window.message.text() != "", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.unlock_button.isEnabled(), timeout=WAIT_MS)
    assert window.message.text() == message_for(WrongPassword())
    assert opened == []
    assert not window.showing_problem


def test_right_password_unlocks(qtbot: QtBot, locked_store: DeskStore, ops: Ops):
    window = make_window(qtbot, locked_store, ops)
    qtbot.keyClicks(window.password, ADMIN_PASSWORD)
    with qtbot.waitSignal(window.unlocked, timeout=WAIT_MS) as signal:
        qtbot.keyClick(window.password, Qt.Key.Key_Return)
    store: OpenStore = signal.args[0]
    assert not store.is_locked and store.actor.login == "anna"
    store.lock()


def test_throttled_operator_waits_with_a_countdown(qtbot: QtBot, locked_store: DeskStore, ops: Ops):
    for _ in range(5):
        locked_store.attempts.failed("anna")
    wait = locked_store.attempts.retry_after("anna")
    assert wait > 0
    window = make_window(qtbot, locked_store, ops)
    assert not window.unlock_button.isEnabled()
    # The same words as ui.errors, with the seconds left (30 s after five failures).
    assert window.message.text() in {
        message_for(Throttled(seconds)) for seconds in range(int(wait) - 2, int(wait) + 2)
    }
    qtbot.keyClicks(window.password, ADMIN_PASSWORD)
    qtbot.keyClick(window.password, Qt.Key.Key_Return)  # Enter does nothing while waiting
    assert not ops.busy


def test_corrupt_store_is_refused_and_left_untouched(
    qtbot: QtBot, locked_store: DeskStore, ops: Ops
):
    db = locked_store.db_path
    data = bytearray(db.read_bytes())
    data[:64] = b"\x00" * 64  # damage the header (salt and first page)
    db.write_bytes(bytes(data))
    before = _snapshot(locked_store.data_dir)

    window = make_window(qtbot, locked_store, ops)
    qtbot.keyClicks(window.password, ADMIN_PASSWORD)
    qtbot.keyClick(window.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.showing_problem, timeout=WAIT_MS)
    assert window.problem.text() == message_for(CorruptStore("x"))
    assert "arco-deskctl restore" in window.restore_help.text()
    assert not window.restore_help.isHidden()
    after = _snapshot(locked_store.data_dir)
    assert {k: v for k, v in after.items() if k.endswith(".db")} == {
        k: v for k, v in before.items() if k.endswith(".db")
    }
    assert after["desk.keys.json"] == before["desk.keys.json"]


def test_missing_key_file_shows_the_problem_screen(qtbot: QtBot, locked_store: DeskStore, ops: Ops):
    locked_store.keyfile_path.unlink()
    window = make_window(qtbot, locked_store, ops)
    assert window.showing_problem
    assert not locked_store.keyfile_path.exists()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_a_desk_offline_too_long_opens_only_for_an_administrator(
    qtbot: QtBot, store: OpenStore, ops: Ops
):
    add_operator(store, "omar", "desk_operator")
    with store.session() as session:  # enrolled, last synchronised 40 days ago
        session.merge(Meta(key=device_policy.DEVICE_ID, value="dev-1"))
        last = utcnow() - timedelta(days=40)
        session.merge(Meta(key=device_policy.LAST_OK, value=last.isoformat()))
    store.lock()
    window = make_window(qtbot, store.files, ops)
    opened: list[OpenStore] = []
    window.unlocked.connect(opened.append)
    window.operator.setCurrentText("omar")
    qtbot.keyClicks(window.password, ADMIN_PASSWORD)
    qtbot.keyClick(window.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.message.text() != "", timeout=WAIT_MS)
    assert window.message.text() == message_for(OfflineTooLong(40, 30))
    assert opened == [] and not window.showing_problem
    assert [window.operator.itemText(i) for i in range(window.operator.count())] == [
        "anna",
        "omar",
    ]

    window.operator.setCurrentText("anna")
    qtbot.keyClicks(window.password, ADMIN_PASSWORD)
    with qtbot.waitSignal(window.unlocked, timeout=WAIT_MS):
        qtbot.keyClick(window.password, Qt.Key.Key_Return)
    assert opened[0].actor.login == "anna"
    opened[0].lock()


def test_a_revoked_computer_says_so_before_any_password(qtbot: QtBot, store: OpenStore, ops: Ops):
    store.revoke_device()
    store.lock()
    window = make_window(qtbot, store.files, ops)
    assert window.showing_problem  # at once: no password is asked
    assert window.problem_title.text() == "This computer was revoked"
    assert window.problem.text() == message_for(DeviceRevoked())
    assert "recovery-key-stdin" in window.problem.text()
    assert str(store.files.data_dir) in window.restore_help.text()
    assert window.untouched.isHidden()  # the files were re-encrypted: not "nothing changed"
