"""The Sync section against a REAL central server process on loopback.

Enrolment from the view, Sync now and the status bar, the server going away, a conflict
resolved by a coordinator reaching the other laptop, a duplicate merged once both desks
approved it (and what each sees of the other's person meanwhile: nothing), what a desk
operator sees, the lock during a cycle, a remote wipe and a revocation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

import sync.state
from desktop.app import DeskApp
from models.clock import utcnow
from models.consultations import record_consultation
from models.errors import DeviceRevoked
from models.schema import Consultation, DuplicateFlag, Person, SyncConflict, Visit
from models.store import OpenStore
from sync import client as sync_client
from sync.server import admin
from tests.conftest import ADMIN_PASSWORD, add_operator
from tests.models.service_helpers import add_person, share
from tests.sync.conftest import Central, Desk, central_sqlite, make_desk  # noqa: F401
from tests.ui.conftest import WAIT_MS, lock_and_wait
from ui.errors import message_for
from ui.main_window import SYNC, MainWindow
from ui.ops import Ops
from ui.sync_messages import error_text, reason_text
from ui.sync_worker import INTERVAL_MS, MAX_DELAY_MS, Outcome, next_delay_ms

HOUR_MS = 3_600_000


@pytest.fixture
def windows(qtbot: QtBot, qapp: QApplication, ops: Ops) -> Iterator[Callable[..., MainWindow]]:
    """Open main windows (no automatic sync during the test); all locked at teardown."""
    opened: list[MainWindow] = []

    def open_window(store: OpenStore) -> MainWindow:
        window = MainWindow(store, ops, qapp, sync_first_delay_ms=HOUR_MS)
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
    desk.store.lock()
    return files.unlock(login, ADMIN_PASSWORD)


def cells(table: object, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]  # type: ignore[attr-defined]


# ===================================================================== tests
def test_every_refusal_of_the_ownership_rules_is_said_in_words():
    """The reasons the server gives when a desk writes what it does not own."""
    from sync.server import ownership

    codes = [
        ownership.NOT_YOUR_DESK,
        ownership.NOT_YOUR_NUMBER,
        ownership.STATUS_NOT_YOURS,
        ownership.SERVER_OWNED,
        ownership.IMMUTABLE,
        ownership.EVENT_MISMATCH,
        ownership.DECIDED,
        ownership.NOT_IN_PAIR,
        ownership.CONSENT_REQUIRED,
    ]
    for code in codes:
        assert reason_text(code) != code, code


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
    assert sync.state.is_enrolled(store)
    qtbot.waitUntil(lambda: not view.enrol_box.isVisible(), timeout=WAIT_MS)

    add_person(store, store.actor, given_name="Lamin", family_name="Jatta")
    window.sync_worker.refresh_status()
    qtbot.waitUntil(lambda: "1 change" in window.sync_label.text(), timeout=WAIT_MS)

    seen: list[sync_client.Progress] = []
    window.sync_worker.progress.connect(seen.append)
    report = sync_in_window(qtbot, window)
    assert report is not None and report.ok and report.pushed >= 1
    pushed = [p for p in seen if p.phase == "push"]
    assert pushed and pushed[-1].done == pushed[-1].total == report.pushed
    assert not view.progress_bar.isVisible()  # shown while the cycle runs only
    status = sync.state.status(store)
    assert status.pending == 0 and status.last_ok
    label = window.sync_label.text()
    assert "0 change" in label and "never" not in label and "Last sync:" in label
    assert view.history_table.rowCount() == 2  # the cycle after enrolment, and this one
    assert view.pending_table.rowCount() == 0
    assert view.error_label.text() == ""


def test_progress_shows_done_of_total_and_the_time_left(
    qtbot: QtBot, store: OpenStore, windows: Callable[..., MainWindow]
):
    window = windows(store)
    view = window.sync_view
    window.sync_worker.progress.emit(sync_client.Progress("push", 250, 1000, 250, 12.4))
    assert view.progress_bar.isVisible() and view.progress_bar.value() == 25
    text = view.message_label.text()
    assert "250" in text and "1,000" in text and "12" in text
    window.sync_worker.progress.emit(sync_client.Progress("pull", 600, 800, 4200, None))
    assert view.progress_bar.value() == 75 and "4,200" in view.message_label.text()
    status_bar = window.sync_progress  # the status bar shows it too, in any section
    assert status_bar.isVisibleTo(window) and status_bar.value() == 75
    assert "4,200" in window.sync_label.text()
    window.sync_worker.finished.emit(Outcome(None, None))
    assert not view.progress_bar.isVisible()
    assert not status_bar.isVisibleTo(window)


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
    assert sync.state.status(desk.store).pending == 1
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


ELSEWHERE = "registered at another desk (details shown after both desks approve)"


def test_a_merge_needs_both_desks_from_their_sync_views(
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
    share(acli.store, acli.admin, a)
    share(quarenghi.store, quarenghi.admin, b)
    with quarenghi.session() as s:
        s.add(Visit(person_id=b, desk_code="quarenghi", at=utcnow(), channel="walk_in",
                    operator="anna"))  # fmt: skip
    acli.sync()
    quarenghi.sync()
    acli.sync()
    with acli.session() as s:
        [flag] = s.scalars(select(DuplicateFlag))
        a_first = flag.person_a == a
    ours, theirs = (0, 1) if a_first else (1, 0)
    keep_a = "A" if a_first else "B"

    # ACLI sees its own person, and nothing of Quarenghi's: it approves keeping its person.
    window = windows(acli.store)
    view = window.sync_view
    qtbot.waitUntil(lambda: view.duplicate_table.rowCount() == 1, timeout=WAIT_MS)
    row = cells(view.duplicate_table, 0)
    assert (row[ours], row[theirs]) == ("Mohamed Hassan (1990)", ELSEWHERE)
    assert "Muhammad" not in " ".join(row)
    assert row[2].endswith("%") and "same date of birth" in row[3]
    assert row[4] == "not approved yet"
    view.tabs.setCurrentWidget(view.duplicates_page)
    view.duplicate_table.setFocus()
    view.duplicate_table.selectRow(0)
    merge_ours = (view.merge_a_button, view.merge_b_button)[ours]
    assert merge_ours.isEnabled() and merge_ours.text() == f"Merge into &{keep_a}"
    merge_ours.setFocus()
    with qtbot.waitSignal(view.decided, timeout=WAIT_MS):
        qtbot.keyClick(merge_ours, Qt.Key.Key_Space)  # keyboard only
    waiting = f"Approved by acli, keeping person {keep_a}. Waiting for the other desk."
    qtbot.waitUntil(lambda: cells(view.duplicate_table, 0)[4] == waiting, timeout=WAIT_MS)
    view.duplicate_table.selectRow(0)
    assert not view.merge_a_button.isEnabled() and not view.merge_b_button.isEnabled()
    assert view.dismiss_button.isEnabled()

    report = sync_in_window(qtbot, window)
    assert report is not None and report.ok and report.rejected == 0
    assert cells(view.duplicate_table, 0)[4] == waiting  # the server wrote the same parties
    with acli.session() as s:
        assert s.get(Person, b) is None  # one desk alone does not get the other's file

    # Quarenghi sees ACLI's approval of keeping ACLI's person and agrees.
    quarenghi.sync()
    other = windows(quarenghi.store)
    qview = other.sync_view
    qtbot.waitUntil(lambda: qview.duplicate_table.rowCount() == 1, timeout=WAIT_MS)
    qrow = cells(qview.duplicate_table, 0)
    assert (qrow[ours], qrow[theirs]) == (ELSEWHERE, "Muhammad Hasan (1990)")
    assert qrow[4] == f"Approved by acli, keeping person {keep_a}."
    qview.tabs.setCurrentWidget(qview.duplicates_page)
    qview.duplicate_table.selectRow(0)
    buttons = (qview.merge_a_button, qview.merge_b_button)
    agree, differ = buttons[ours], buttons[theirs]
    assert agree.isEnabled() and not differ.isEnabled()
    with qtbot.waitSignal(qview.decided, timeout=WAIT_MS):
        qtbot.mouseClick(agree, Qt.MouseButton.LeftButton)
    report = sync_in_window(qtbot, other)
    assert report is not None and report.ok and report.rejected == 0
    qtbot.waitUntil(lambda: qview.duplicate_table.rowCount() == 0, timeout=WAIT_MS)
    with quarenghi.session() as s:
        merged = s.get(Person, b)
        assert merged is not None and merged.merged_into == a
    report = sync_in_window(qtbot, window)
    assert report is not None and report.ok
    assert view.duplicate_table.rowCount() == 0
    with acli.session() as s:
        assert s.get(Person, b) is not None  # both desks see both, once merged


def arrived_flag(
    store: OpenStore, person_a: str, person_b: str, status: str, survivor: str | None, by: str
) -> str:
    """A duplicate flag as a pull writes it (no label: the server sends none)."""
    now = utcnow()
    with store.session() as session:
        session.info["replicating"] = True
        flag = DuplicateFlag(person_a=person_a, person_b=person_b, score=90,
                             reasons=["same_birth_date"], status=status, survivor=survivor,
                             decided_by=by, origin_desk="central", created_at=now,
                             updated_at=now)  # fmt: skip
        session.add(flag)
        session.flush()
        return flag.id


def test_duplicates_say_who_approved_and_what_waits(
    qtbot: QtBot, store: OpenStore, windows: Callable[..., MainWindow]
):
    """Without a server: flags as pulls leave them, one per state, by keyboard."""
    mine = add_person(store, store.actor, given_name="Awa", family_name="Ndiaye", birth_year=1985)
    share(store, store.actor, mine)
    theirs = "0190aaaa-0000-7000-8000-00000000000b"
    arrived_flag(store, mine, theirs, "open", None, "")
    asked = arrived_flag(store, mine, theirs, "merge_requested", theirs, "quarenghi")
    arrived_flag(store, theirs, mine, "merge_requested", mine, "central acli")
    window = windows(store)
    view = window.sync_view
    qtbot.waitUntil(lambda: view.duplicate_table.rowCount() == 3, timeout=WAIT_MS)
    rows = [cells(view.duplicate_table, r) for r in range(3)]
    by_state = {row[4]: row for row in rows}
    assert set(by_state) == {
        "not approved yet",
        "Approved by quarenghi, keeping person B.",
        "Approved by a Welcome Center coordinator, acli, keeping person B. "
        "Waiting for the other desk.",
    }
    assert all(ELSEWHERE in row[:2] and "Awa Ndiaye (1985)" in row[:2] for row in rows)
    assert view.tabs.tabText(view.tabs.indexOf(view.duplicates_page)) == "Possible duplicates (3)"

    def state(row: int) -> tuple[bool, bool, bool]:
        view.duplicate_table.selectRow(row)
        return (
            view.merge_a_button.isEnabled(),
            view.merge_b_button.isEnabled(),
            view.dismiss_button.isEnabled(),
        )

    expected = {
        "not approved yet": (True, True, True),
        "Approved by quarenghi, keeping person B.": (False, True, True),
        "Approved by a Welcome Center coordinator, acli, keeping person B. "
        "Waiting for the other desk.": (False, False, True),
    }
    for r, row in enumerate(rows):
        assert state(r) == expected[row[4]], row[4]

    # Keyboard: to the other desk's request, "Not the same person" (Space on the button).
    view.tabs.setCurrentWidget(view.duplicates_page)
    target = next(r for r, row in enumerate(rows) if row[4].startswith("Approved by quarenghi"))
    view.duplicate_table.setFocus()
    view.duplicate_table.selectRow(target)
    view.dismiss_button.setFocus()
    with qtbot.waitSignal(view.decided, timeout=WAIT_MS):
        qtbot.keyClick(view.dismiss_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: view.duplicate_table.rowCount() == 2, timeout=WAIT_MS)
    with store.session() as s:
        flag = s.get(DuplicateFlag, asked)
        assert (flag.status, flag.survivor, flag.decided_by) == ("dismissed", None, "acli")
    view.clear()  # the lock
    assert view.duplicate_table.rowCount() == 0


def arrived_conflict(
    store: OpenStore, entity: str, row_id: str, person_id: str, field: str, kept: str, other: str
) -> str:
    """A conflict record as a pull writes it."""
    now = utcnow()
    with store.session() as session:
        session.info["replicating"] = True
        conflict = SyncConflict(entity=entity, row_id=row_id, person_id=person_id, field=field,
                                kept_value=kept, other_value=other, kept_desk="acli",
                                other_desk="acli", origin_desk="central", created_at=now,
                                updated_at=now)  # fmt: skip
        session.add(conflict)
        session.flush()
        return conflict.id


HIDDEN = "legal content (visible to legal advisors only)"


def test_legal_conflicts_stay_with_legal_advisors(
    qtbot: QtBot, store: OpenStore, windows: Callable[..., MainWindow]
):
    """Without a server: a coordinator sees that a consultation conflict exists and cannot
    decide it; the legal advisor sees only that one, with its values, and decides it."""
    add_operator(store, "carla", "coordinator")
    advisor = add_operator(store, "lucia", "legal_advisor")
    pid = add_person(store, store.actor, given_name="Amadou", family_name="Ba")
    with store.session(advisor) as s:
        cid = record_consultation(
            s, advisor, pid, "asylum", "Can she apply?", "Yes, within 30 days", ""
        ).id
    arrived_conflict(store, "consultations", cid, pid, "advice", "Yes, within 30 days",
                     "No: appeal first")  # fmt: skip
    arrived_conflict(store, "persons", pid, pid, "notes", "Tuesday", "Monday")
    files = store.files
    store.lock()

    window = windows(files.unlock("carla", ADMIN_PASSWORD))
    view = window.sync_view
    qtbot.waitUntil(lambda: view.conflict_table.rowCount() == 2, timeout=WAIT_MS)
    rows = [cells(view.conflict_table, r) for r in range(2)]
    legal_row = next(r for r, row in enumerate(rows) if "legal consultation" in row[0])
    assert rows[legal_row] == [
        "Amadou Ba (legal consultation)",
        "advice given",
        HIDDEN,
        "acli",
        HIDDEN,
        "acli",
    ]
    assert not any("appeal" in cell or "30 days" in cell for row in rows for cell in row)
    view.tabs.setCurrentWidget(view.conflicts_page)
    view.conflict_table.selectRow(legal_row)
    assert not view.keep_button.isEnabled() and not view.other_button.isEnabled()
    view.conflict_table.selectRow(1 - legal_row)
    assert view.keep_button.isEnabled() and view.other_button.isEnabled()
    lock_and_wait(qtbot, window)

    window = windows(files.unlock("lucia", ADMIN_PASSWORD))
    view = window.sync_view
    assert view.conflicts_page is not None and view.duplicates_page is None
    qtbot.waitUntil(lambda: view.conflict_table.rowCount() == 1, timeout=WAIT_MS)
    assert cells(view.conflict_table, 0) == [
        "Amadou Ba (legal consultation)",
        "advice given",
        "Yes, within 30 days",
        "acli",
        "No: appeal first",
        "acli",
    ]
    view.tabs.setCurrentWidget(view.conflicts_page)
    view.conflict_table.setFocus()
    view.conflict_table.selectRow(0)
    view.other_button.setFocus()
    with qtbot.waitSignal(view.decided, timeout=WAIT_MS):
        qtbot.keyClick(view.other_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: view.conflict_table.rowCount() == 0, timeout=WAIT_MS)
    with window.store.session() as s:
        assert s.get(Consultation, cid).advice == "No: appeal first"


def test_desk_operator_sees_no_conflicts_or_duplicates(
    store: OpenStore, windows: Callable[..., MainWindow]
):
    add_operator(store, "omar", "desk_operator")
    files = store.files
    store.lock()
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


def revoked_desk_app(
    qtbot: QtBot, qapp: QApplication, ops: Ops, central: Central, desk: Desk, wipe: bool
) -> tuple[DeskApp, MainWindow]:
    """The desk app signed in on ``desk``, whose computer the server just revoked."""
    desk.client.close()
    [device] = central.run(lambda s: [d.id for d in admin.devices(s)])
    central.run(lambda s: admin.revoke(s, device, wipe=wipe))
    deskapp = DeskApp(qapp, desk.store.files, ops, quit_app=lambda: None)
    deskapp._on_unlocked(desk.store)
    window = deskapp.main_window
    assert window is not None
    qtbot.addWidget(window)
    return deskapp, window


def test_remote_wipe_tells_the_operator_and_returns_to_set_up(
    qtbot: QtBot,
    qapp: QApplication,
    ops: Ops,
    central_sqlite: Central,  # noqa: F811
    make_desk: Callable[..., Desk],  # noqa: F811
):
    desk = make_desk(central_sqlite, "acli")
    deskapp, window = revoked_desk_app(qtbot, qapp, ops, central_sqlite, desk, wipe=True)
    with qtbot.waitSignal(window.store_wiped, timeout=30_000):
        window.sync_worker.sync_now()
    assert window.wiped and not window.isVisible()
    assert not desk.store.files.exists()
    assert deskapp.wizard is not None and deskapp.wizard.isVisible()
    assert deskapp.wipe_notice is not None and "erased" in deskapp.wipe_notice.text()
    deskapp.wipe_notice.close()
    deskapp.wizard.close()


def test_a_revocation_locks_the_window_and_the_unlock_screen_says_so(
    qtbot: QtBot,
    qapp: QApplication,
    ops: Ops,
    central_sqlite: Central,  # noqa: F811
    make_desk: Callable[..., Desk],  # noqa: F811
):
    desk = make_desk(central_sqlite, "acli")
    deskapp, window = revoked_desk_app(qtbot, qapp, ops, central_sqlite, desk, wipe=False)
    with qtbot.waitSignal(window.locked, timeout=30_000):
        window.sync_worker.sync_now()
    assert desk.store.is_locked and not window.isVisible()
    unlock = deskapp.unlock_window
    assert unlock is not None
    qtbot.addWidget(unlock)
    assert unlock.isVisible() and unlock.showing_problem
    assert unlock.problem.text() == message_for(DeviceRevoked())
    with pytest.raises(DeviceRevoked):  # no password opens it any more
        desk.store.files.unlock("anna", ADMIN_PASSWORD)
