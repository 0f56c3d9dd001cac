"""The one way ``ui/`` runs slow work: on a worker thread, with the result on the GUI thread.

Shape borrowed from Anki's ``CollectionOp``/``TaskManager`` (STYLE lesson 3)::

    self._ops.run(
        lambda: _find(store, text),          # runs on a worker thread
        on_success=self._show_results,       # called on the GUI thread
        on_failure=self._show_error,         # called on the GUI thread
        guard=self,                          # skipped if this widget is gone by then
    )

Store work goes through ``in_session``, which opens the session on the worker thread and
passes it, with the acting operator, to a service call::

    self._ops.in_session(
        store,
        lambda session, actor: register(session, actor, form),
        on_success=self._saved,
    )

Rules for ``op`` (the callable):

* **Do not touch widgets, item models or any other Qt GUI object inside ``op``**, and do not
  capture them in it (no ``self`` of a widget in the lambda). Read what it needs from the
  widgets *before* calling ``run`` and capture plain values.
* Database work runs through ``in_session`` (one session, one transaction, on the worker
  thread) and returns plain values (dataclasses, tuples), never live ORM objects bound to a
  session: a SQLAlchemy ``Session`` must not be shared across threads.
* Store work (``kind="db"``) runs on a single thread, so writes are serialised and a
  ``lock()`` queued after a search waits for it instead of pulling the engine from under it.
  Work that does not touch the store (network, rendering) uses ``kind="io"``.

``on_success`` receives the op's return value; ``on_failure`` receives the exception. A
failure without ``on_failure`` is logged by type only, because an exception's text may carry
bound SQL parameters and so personal data.

How it stays safe with PySide: the worker thread holds no reference to any Qt object that
could be its last one (a Python-owned Qt object freed on a worker thread is deleted later
behind Qt's back). It gets a plain ticket and the signal of a dispatcher that lives as long
as ``Ops``; the ``Op`` object, the callbacks and the guard stay on the GUI side.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from models.errors import ArcoError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.roles import Actor
    from models.store import OpenStore

log = logging.getLogger(__name__)

T = TypeVar("T")

DB = "db"
IO = "io"


def describe_for_log(exc: BaseException) -> str:
    """An exception as it may appear in a log: our typed errors whole, others by type only.

    Messages of ``models.errors`` never hold personal data; anything else (SQLAlchemy,
    sqlite, OS errors) may quote the values of a statement, so only its type is kept.
    """
    if isinstance(exc, ArcoError):
        return f"{type(exc).__name__}: {exc}"
    return type(exc).__name__


@dataclass
class _Ticket:
    """What the worker thread gets: plain Python only."""

    number: int
    fn: Callable[[], Any] | None
    cancelled: bool = False


class Op(QObject):
    """One background operation, on the GUI side. Its signals are emitted on the GUI thread.

    Signals:
        succeeded(object): the op's return value.
        failed(object): the exception the op raised.
        finished(): after either of them, and also when the op was cancelled.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(
        self,
        ticket: _Ticket,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        guard: QObject | None,
    ) -> None:
        super().__init__()  # no parent: kept by ``Ops`` until delivered
        self._ticket = ticket
        # Also held here, so the worker never drops the last reference to it.
        self._fn: Callable[[], Any] | None = fn
        self._on_success = on_success
        self._on_failure = on_failure
        self._guard = guard

    @property
    def cancelled(self) -> bool:
        return self._ticket.cancelled

    def cancel(self) -> None:
        """Drop the op: not started yet, it never runs; running, its result is ignored."""
        self._ticket.cancelled = True

    def _deliver(self, ok: bool, value: Any) -> None:
        self._fn = None
        guard_gone = self._guard is not None and not shiboken6.isValid(self._guard)
        if self.cancelled or guard_gone:
            self.finished.emit()
            return
        if ok:
            if self._on_success is not None:
                self._on_success(value)
            self.succeeded.emit(value)
        else:
            if self._on_failure is not None:
                self._on_failure(value)
            else:
                log.error("background operation failed: %s", describe_for_log(value))
            self.failed.emit(value)
        self.finished.emit()


class _Dispatcher(QObject):
    """Lives on the GUI thread for as long as ``Ops``; workers post outcomes to it."""

    done = Signal(object)  # (ticket number, ok, value), emitted on a worker thread

    def __init__(self, ops: Ops) -> None:
        super().__init__()
        self._ops = ops
        self.done.connect(self._on_done)  # queued: the receiver lives on the GUI thread

    @Slot(object)
    def _on_done(self, outcome: tuple[int, bool, Any]) -> None:
        number, ok, value = outcome
        op = self._ops._pending.pop(number, None)
        if op is not None:
            op._deliver(ok, value)


def _work(ticket: _Ticket, done: Any) -> None:
    """The worker-thread side: run the ticket's callable unless cancelled, post the outcome."""
    fn, ticket.fn = ticket.fn, None
    if ticket.cancelled or fn is None:
        del fn
        done.emit((ticket.number, True, None))
        return
    try:
        value = fn()
        ok = True
    except Exception as exc:  # delivered to on_failure on the GUI thread
        value, ok = exc, False
    del fn  # before posting: the GUI side may free everything once it has the outcome
    done.emit((ticket.number, ok, value))


class Ops:
    """The background-operation runner; built once in ``desktop`` and passed to widgets.

    ``db`` work runs on one thread (serialised store access), ``io`` work on a small pool.
    """

    def __init__(self, io_threads: int = 2) -> None:
        self._pools = {DB: QThreadPool(), IO: QThreadPool()}
        self._pools[DB].setMaxThreadCount(1)
        self._pools[IO].setMaxThreadCount(io_threads)
        self._pending: dict[int, Op] = {}
        self._numbers = itertools.count(1)
        self._dispatcher = _Dispatcher(self)

    def run(
        self,
        fn: Callable[[], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        guard: QObject | None = None,
        kind: str = DB,
    ) -> Op:
        """Start ``fn`` on a worker thread; see the module docstring for the rules."""
        ticket = _Ticket(number=next(self._numbers), fn=fn)
        op = Op(ticket, fn, on_success, on_failure, guard)
        self._pending[ticket.number] = op
        done = self._dispatcher.done
        self._pools[kind].start(lambda: _work(ticket, done))
        return op

    def in_session(
        self,
        store: OpenStore,
        op: Callable[[Session, Actor], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        guard: QObject | None = None,
    ) -> Op:
        """Run ``op(session, actor)`` on the store thread in one transaction of ``store``.

        The acting operator is the one signed in to ``store``; an op queued before a lock
        fails with ``StoreLocked`` (the session cannot open) and changes nothing.
        """

        work = partial(session_call, store, op)
        return self.run(work, on_success=on_success, on_failure=on_failure, guard=guard)

    @property
    def busy(self) -> bool:
        """True while an op has not been delivered yet."""
        return bool(self._pending)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every worker is idle (shutdown and tests); results arrive later."""
        return all(pool.waitForDone(msecs) for pool in self._pools.values())


def session_call(store: OpenStore, op: Callable[[Session, Actor], T]) -> T:
    """``op(session, actor)`` in one transaction of ``store``, on the calling thread.

    The body of :meth:`Ops.in_session`; call it directly only from inside an op (a
    ``DocumentSource`` that makes a document from the store, for example).
    """
    with store.session() as session:
        return op(session, store.actor)


class Generation:
    """Drops answers to requests made before the last ``bump()`` (the lock calls it).

    ``guard`` skips callbacks of a widget that is gone; this skips callbacks of a widget
    that was *cleared* while the op ran, so a late answer never refills it::

        self._ops.run(fn, on_success=self._generation.current(self._show), guard=self)
    """

    def __init__(self) -> None:
        self.value = 0

    def bump(self) -> None:
        self.value += 1

    def current(self, fn: Callable[[Any], None]) -> Callable[[Any], None]:
        value = self.value

        def call(result: Any) -> None:
            if value == self.value:
                fn(result)

        return call
