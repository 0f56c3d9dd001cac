"""ui.ops: work runs on a worker thread, results and failures come back on the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from models.errors import StoreLocked, ValidationFailed
from models.people import PersonForm, create_person
from models.schema import Person
from models.store import DeskStore, OpenStore
from tests.conftest import ADMIN_PASSWORD, FAST_KDF
from ui.ops import Ops, describe_for_log


def test_result_is_delivered_on_the_gui_thread(qtbot: QtBot, qapp: QApplication, ops: Ops):
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread() is not threading.main_thread()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["gui"] = QThread.currentThread() is qapp.thread()

    op = ops.run(work, on_success=done)
    with qtbot.waitSignal(op.finished):
        pass
    assert seen == {"worker": True, "value": 42, "gui": True}


def test_failure_is_delivered_with_the_exception(qtbot: QtBot, ops: Ops):
    failures: list[BaseException] = []

    def work() -> None:
        raise ValidationFailed("login", "invalid")

    op = ops.run(
        work, on_success=lambda _: failures.append(AssertionError()), on_failure=failures.append
    )
    with qtbot.waitSignal(op.failed):
        pass
    assert len(failures) == 1 and isinstance(failures[0], ValidationFailed)


def test_callbacks_skipped_when_the_guard_widget_is_gone(qtbot: QtBot, ops: Ops):
    widget = QWidget()
    gate = threading.Event()
    called: list[object] = []
    op = ops.run(lambda: gate.wait(5), on_success=called.append, guard=widget)
    widget.deleteLater()
    qtbot.waitUntil(lambda: not _alive(widget))
    gate.set()
    with qtbot.waitSignal(op.finished):
        pass
    assert called == []


def test_cancelled_op_does_not_run_or_deliver(qtbot: QtBot, ops: Ops):
    gate = threading.Event()
    ran: list[str] = []
    first = ops.run(lambda: gate.wait(5))  # occupies the single store thread
    second = ops.run(lambda: ran.append("ran"), on_success=ran.append)
    second.cancel()
    gate.set()
    with qtbot.waitSignals([first.finished, second.finished]):
        pass
    assert ran == []
    assert not ops.busy


def test_store_op_gets_a_session_and_the_signed_in_operator(
    qtbot: QtBot, ops: Ops, store: OpenStore
):
    op = ops.in_session(store, lambda session, actor: (actor.login, session.in_transaction()))
    with qtbot.waitSignal(op.succeeded) as delivered:
        pass
    assert delivered.args == [("anna", True)]


def test_store_op_queued_before_the_lock_fails_and_writes_nothing(
    qtbot: QtBot, ops: Ops, store: OpenStore, data_dir: Path
):
    gate = threading.Event()
    ops.run(lambda: gate.wait(5))  # holds the store thread until the lock has happened
    form = PersonForm(given_name="Zainab", family_name="Okafor")
    op = ops.in_session(store, lambda session, actor: create_person(session, actor, form).id)
    failures: list[BaseException] = []
    op.failed.connect(failures.append)
    store.lock()
    gate.set()
    with qtbot.waitSignal(op.finished):
        pass
    assert [type(f) for f in failures] == [StoreLocked]
    reopened = DeskStore(data_dir, kdf=FAST_KDF).unlock("anna", ADMIN_PASSWORD)
    with reopened.session() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0
    reopened.lock()


def test_log_text_of_unknown_errors_is_the_type_only():
    secret = "Zyxwanda Qorvath-Canary"
    assert describe_for_log(RuntimeError(f"INSERT ... [parameters: ('{secret}',)]")) == (
        "RuntimeError"
    )
    assert "login" in describe_for_log(ValidationFailed("login", "invalid"))


def _alive(obj: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
