"""The Sync section against a REAL central server process on loopback.

Enrolment from the view, Sync now and the status bar, the server going away, a conflict
resolved by a coordinator reaching the other laptop, a duplicate merge request, what a desk
operator sees, the lock during a cycle, and a remote wipe.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.app import DeskApp
from models.clock import utcnow
from models.schema import DuplicateFlag, Person, SyncConflict, Visit
from models.store import OpenStore
from sync import client as sync_client
from sync.server import admin
from tests.conftest import ADMIN_PASSWORD, FAST_KDF, add_operator
from tests.models.service_helpers import add_person
from tests.sync.conftest import Central, Desk, central_sqlite, make_desk  # noqa: F401
from tests.ui.conftest import WAIT_MS, lock_and_wait
from ui.main_window import SYNC, MainWindow
from ui.ops import Ops
from ui.sync_messages import error_text
from ui.sync_worker import INTERVAL_MS, MAX_DELAY_MS, next_delay_ms

HOUR_MS = 3_600_000


@pytest.fixture
def windows(qtbot: QtBot, qapp: QApplication, ops: Ops) -> Iterator[Callable[..., MainWindow]]:
    """Open main windows (no automatic sync during the test); all locked at teardown."""
    opened: list[MainWindow] = []

    def open_window(store: OpenStore) -> MainWindow:
        window = MainWindow(store, ops, qapp, kdf=FAST_KDF, sync_first_delay_ms=HOUR_MS)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.show_section(SYNC)
        qtbot.waitUntil(lambda: window.sync_view.status is not None, timeout=WAIT_MS)
        opened.append(window)
        return window

    yield open_window
    for window in opened:
        if not window.wiped:
            lock_and_wait(qtbot, window)


def sync_in_window(qtbot: QtBot, window: MainWindow) -> sync_client.SyncReport | None:
    """Ctrl+Shift+S in the window; waits for the cycle and the view's reload."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    with qtbot.waitSignal(window.sync_worker.finished, timeout=30_000) as finished:
        qtbot.keyClick(
            window.navigation,
            Qt.Key.Key_S,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    outcome = finished.args[0]
    with qtbot.waitSignal(window.sync_view.loaded, timeout=WAIT_MS):
        pass
    return outcome.report  # type: ignore[no-any-return]


def reopen_as(desk: Desk, login: str, role: str) -> OpenStore:
    """The desk's store unlocked by a new operator with ``role``."""
    add_operator(desk.store, login, role)
    desk.client.close()
    files = desk.store.files
    desk.store.lock(backup=False)
    return files.unlock(login, ADMIN_PASSWORD)


def cells(table: object, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]  # type: ignore[attr-defined]


# ===================================================================== tests
def test_backoff_grows_with_jitter_and_is_capped():
    assert next_delay_ms(0) == INTERVAL_MS
    assert next_delay_ms(1, lambda: 0.5) == 60_000
    assert next_delay_ms(2, lambda: 0.5) == 120_000
    assert next_delay_ms(3, lambda: 0.0) == int(240_000 * 0.8)
    assert next_delay_ms(3, lambda: 1.0) == int(240_000 * 1.2)
    assert next_delay_ms(50, lambda: 1.0) == MAX_DELAY_MS


def test_enrol_from_the_view_then_sync_now(
    qtbot: QtBot,
    store: OpenStore,
    central_sqlite: Central,  # noqa: F811
    windows: Callable[..., MainWindow],
):
    window = windows(store)
    view = window.sync_view
    assert "not configured" in window.sync_label.text()
    assert view.enrol_box.isVisible() and not view.sync_button.isEnabled()

    view.url_field.setText(central_sqlite.url)
    view.code_field.setText(central_sqlite.code("acli"))
    with qtbot.waitSignal(window.sync_worker.finished, timeout=30_000):
        qtbot.mouseClick(view.enrol_button, Qt.MouseButton.LeftButton)
    assert sync_client.is_enrolled(store)
    qtbot.waitUntil(lambda: not view.enrol_box.isVisible(), timeout=WAIT_MS)

    add_person(store, store.actor, given_name="Lamin", family_name="Jatta")
    window.sync_worker.refresh_status()
    qtbot.waitUntil(lambda: "1 change" in window.sync_label.text(), timeout=WAIT_MS)

    report = sync_in_window(qtbot, window)
    assert report is not None and report.ok and report.pushed >= 1
    status = sync_client.status(store)
    assert status.pending == 0 and status.last_ok
    label = window.sync_label.text()
    assert "0 change" in label and "never" not in label and "Last sync:" in label
    assert view.history_table.rowCount() == 2  # the cycle after enrolment, and this one
    assert view.pending_table.rowCount() == 0
    assert view.error_label.text() == ""


def test_server_gone_is_said_in_plain_words_and_changes_are_kept(
    qtbot: QtBot,
    central_sqlite: Central,  # noqa: F811
    make_desk: Callable[..., Desk],  # noqa: F811
    windows: Callable[..., MainWindow],
):
    desk = make_desk(central_sqlite, "acli")
    window = windows(desk.store)
    add_person(desk.store, desk.admin, given_name="Ngozi", family_name="Obi")
    central_sqlite.stop()

    report = sync_in_window(qtbot, window)
    assert report is not None and not report.ok and report.error == "offline"
    offline = error_text("offline")
    assert offline.startswith("No connection to the Welcome Center server")
    assert offline in window.sync_label.text()
    assert "1 change" in window.sync_label.text()
    assert window.sync_view.error_label.text() == offline
    assert sync_client.status(desk.store).pending == 1
    assert window.sync_view.pending_table.rowCount() == 1
    assert cells(window.sync_view.pending_table, 0)[:2] == ["person", "new"]
    assert window.sync_worker.failures == 1
    assert window.sync_worker.timer.isActive()  # re-armed, sooner than the normal interval
    assert window.sync_worker.timer.remainingTime() <= 60_000 * 1.2


def test_coordinator_resolves_a_conflict_and_it_reaches_the_other_laptop(
    qtbot: QtBot,
    central_sqlite: Central,  # noqa: F811
    make_desk: Callable[..., Desk],  # noqa: F811
    windows: Callable[..., MainWindow],
):
    first = make_desk(central_sqlite, "acli", "laptop-1")
    second = make_desk(central_sqlite, "acli", "laptop-2")
    pid = add_person(first.store, first.admin, given_name="Amadou", family_name="Ba")
    first.sync()
    second.sync()
    with first.session() as s:
        s.get(Person, pid).notes = "seen on Monday"
    with second.session() as s:
        s.get(Person, pid).notes = "seen on Tuesday"
    first.sync()
    assert second.sync().conflicts == 1
    first.sync()

    window = windows(reopen_as(first, "carla", "coordinator"))
    view = window.sync_view
    assert view.conflicts_page is not None
    qtbot.waitUntil(lambda: view.conflict_table.rowCount() == 1, timeout=WAIT_MS)
    assert cells(view.conflict_table, 0) == [
        "Amadou Ba (person)",
        "notes",
        "seen on Tuesday",
        "acli",
        "seen on Monday",
        "acli",
    ]
    view.tabs.setCurrentWidget(view.conflicts_page)
    view.conflict_table.selectRow(0)
    with qtbot.waitSignal(view.decided, timeout=WAIT_MS):
        qtbot.mouseClick(view.other_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.conflict_table.rowCount() == 0, timeout=WAIT_MS)

    report = sync_in_window(qtbot, window)
    assert report is not None and report.ok and report.pushed >= 2
    second.sync()
    with second.session() as s:
        assert s.get(Person, pid).notes == "seen on Monday"
        [conflict] = s.scalars(select(SyncConflict))
        assert (conflict.status, conflict.resolution, conflict.resolved_by) == (
            "resolved",
            "other",
            "carla",
        )


def test_merge_button_sends_the_request(
    qtbot: QtBot,
    central_sqlite: Central,  # noqa: F811
    make_desk: Callable[..., Desk],  # noqa: F811
    windows: Callable[..., MainWindow],
):
    acli = make_desk(central_sqlite, "acli")
    quarenghi = make_desk(central_sqlite, "quarenghi")
    a = add_person(acli.store, acli.admin, given_name="Mohamed", family_name="Hassan",
                   birth_date=date(1990, 4, 2))  # fmt: skip
    b = add_person(quarenghi.store, quarenghi.admin, given_name="Muhammad", family_name="Hasan",
                   birth_date=date(1990, 4, 2))  # fmt: skip
    with quarenghi.session() as s:
        s.add(Visit(person_id=b, desk_code="quarenghi", at=utcnow(), channel="walk_in",
                    operator="anna"))  # fmt: skip
    acli.sync()
    quarenghi.sync()
    acli.sync()

    window = windows(acli.store)
    view = window.sync_view
    qtbot.waitUntil(lambda: view.duplicate_table.rowCount() == 1, timeout=WAIT_MS)
    row = cells(view.duplicate_table, 0)
    assert "Hassan" in row[0] + row[1] and "Hasan" in row[0] + row[1]
    assert row[2].endswith("%")
    assert "same date of birth" in row[3]
    with acli.session() as s:
        [flag] = s.scalars(select(DuplicateFlag))
        survivor = flag.person_a
    view.tabs.setCurrentWidget(view.duplicates_page)
    view.duplicate_table.selectRow(0)
    with qtbot.waitSignal(view.decided, timeout=WAIT_MS):
        qtbot.mouseClick(view.merge_a_button, Qt.MouseButton.LeftButton)
    with acli.session() as s:
        [flag] = s.scalars(select(DuplicateFlag))
        decided = (flag.status, flag.survivor, flag.decided_by)
    assert decided == ("merge_requested", survivor, "anna")

    report = sync_in_window(qtbot, window)
    assert report is not None and report.ok
    quarenghi.sync()
    gone = b if survivor == a else a
    with quarenghi.session() as s:
        merged = s.get(Person, gone)
        assert merged is not None and merged.merged_into == survivor
    assert view.duplicate_table.rowCount() == 0


def test_desk_operator_sees_no_conflicts_or_duplicates(
    store: OpenStore, windows: Callable[..., MainWindow]
):
    add_operator(store, "omar", "desk_operator")
    files = store.files
    store.lock(backup=False)
    window = windows(files.unlock("omar", ADMIN_PASSWORD))
    view = window.sync_view
    assert view.conflicts_page is None and view.duplicates_page is None
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert titles == ["History", "Waiting to be sent", "Refused changes"]
    assert not view.enrol_box.isVisible()  # enrolment is for administrators
    assert view.not_enrolled_label.isVisible()


def test_lock_during_a_cycle_waits_for_it_and_locks(
    qtbot: QtBot,
    central_sqlite: Central,  # noqa: F811
    make_desk: Callable[..., Desk],  # noqa: F811
    windows: Callable[..., MainWindow],
):
    desk = make_desk(central_sqlite, "acli")
    for n in range(5):
        add_person(desk.store, desk.admin, given_name=f"Person{n}", family_name="Test")
    window = windows(desk.store)
    assert window.sync_worker.sync_now()
    assert not window.sync_worker.sync_now()  # one at a time
    with qtbot.waitSignal(window.locked, timeout=30_000):
        window.lock_now()
    assert desk.store.is_locked
    assert not window.sync_worker.running
    assert not window.sync_worker.timer.isActive()
    assert not window.sync_worker.sync_now()  # a stopped worker never touches the store


def test_remote_wipe_tells_the_operator_and_returns_to_set_up(
    qtbot: QtBot,
    qapp: QApplication,
    ops: Ops,
    central_sqlite: Central,  # noqa: F811
    make_desk: Callable[..., Desk],  # noqa: F811
):
    desk = make_desk(central_sqlite, "acli")
    desk.client.close()
    [device] = central_sqlite.run(lambda s: [d.id for d in admin.devices(s)])
    central_sqlite.run(lambda s: admin.revoke(s, device, wipe=True))
    deskapp = DeskApp(qapp, desk.store.files, ops, FAST_KDF, quit_app=lambda: None)
    deskapp._on_unlocked(desk.store)
    window = deskapp.main_window
    assert window is not None
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.store_wiped, timeout=30_000):
        window.sync_worker.sync_now()
    assert window.wiped and not window.isVisible()
    assert not desk.store.files.exists()
    assert deskapp.wizard is not None and deskapp.wizard.isVisible()
    assert deskapp.wipe_notice is not None and "erased" in deskapp.wipe_notice.text()
    deskapp.wipe_notice.close()
    deskapp.wizard.close()
