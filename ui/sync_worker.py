"""Runs sync cycles for one unlocked store, off the GUI thread, one at a time.

When it runs:

* on a timer: every :data:`INTERVAL_MS` while the desk is enrolled; after a failure the next
  try comes sooner and then later and later (exponential backoff with jitter, capped at
  :data:`MAX_DELAY_MS`). The timer is re-armed after every run, whatever happened;
* when the network comes back, if Qt's ``QNetworkInformation`` has a reachability backend
  on this system (on others this trigger is simply absent);
* when the operator asks (``sync_now``: "Sync now", Ctrl+Shift+S / F5 in the Sync view).

A :class:`~sync.client.SyncClient` is made per worker, and a worker per unlocked session
(the main window owns it), so nothing survives a lock. ``stop()`` (the lock calls it) stops
the timer and asks a running cycle to stop at its next crash-safe point (the engine's crash
points are places where stopping is safe by design); ``idle`` is emitted once nothing runs
any more, and only then may the store be locked.

The cycle runs on the ``io`` pool of :class:`~ui.ops.Ops`: the engine never keeps a
local write transaction open during network I/O, and SQLite's busy timeout covers its
short writes, so searches and saves on the ``db`` thread are not held up by a slow network.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

import sync.state
from models.store import OpenStore
from sync import client as sync_client
from ui.ops import IO, Ops, describe_for_log

log = logging.getLogger(__name__)

INTERVAL_MS = 5 * 60_000
FIRST_DELAY_MS = 15_000  # first cycle after unlocking
RETRY_MS = 60_000  # first retry after a failure
MAX_DELAY_MS = 30 * 60_000
NETWORK_BACK_DELAY_MS = 3_000


def next_delay_ms(failures: int, rng: Callable[[], float] = random.random) -> int:
    """Milliseconds until the next cycle after ``failures`` failures in a row.

    None: the normal interval. Otherwise ``RETRY_MS · 2^(failures-1)`` capped at
    ``MAX_DELAY_MS``, with ±20 % jitter so that many desks coming back online together do
    not knock on the server at the same moment.
    """
    if failures <= 0:
        return INTERVAL_MS
    base = min(MAX_DELAY_MS, RETRY_MS * 2 ** min(failures - 1, 20))
    jittered = base * (0.8 + 0.4 * rng())
    return int(min(MAX_DELAY_MS, jittered))


class _Stop(BaseException):
    """Raised at a crash point to end a cycle early (the lock is waiting)."""


@dataclass(frozen=True)
class Outcome:
    """What a run hands back to the GUI thread."""

    report: sync_client.SyncReport | None  # None: not enrolled, nothing was tried
    status: sync.state.Status | None  # None after a wipe (there is no store any more)


class SyncWorker(QObject):
    """Signals (on the GUI thread):
    started(): a cycle begins.
    finished(object): an :class:`Outcome` (also after a failure of the run itself).
    status_changed(object): a fresh :class:`~sync.state.Status`.
    wiped(): the server ordered a remote wipe; the store is gone.
    revoked(): the server revoked this computer; the store was sealed shut (no password
        opens it once it is locked) and this worker runs no more cycles.
    idle(): nothing runs any more after ``stop()``.
    progress(object): a :class:`~sync.client.Progress` of the running cycle (emitted on
        the worker thread, delivered queued on the GUI thread).
    """

    started = Signal()
    finished = Signal(object)
    status_changed = Signal(object)
    wiped = Signal()
    revoked = Signal()
    idle = Signal()
    progress = Signal(object)

    def __init__(self, store: OpenStore, ops: Ops, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self._client = sync_client.SyncClient(
            store, crash=self._checkpoint, on_progress=self.progress.emit
        )
        self._running = False
        self._stopping = False
        self._stopped = False
        self.failures = 0
        self.last_error = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.sync_now)
        self._network: object | None = None

    # ------------------------------------------------------------- control
    @property
    def running(self) -> bool:
        return self._running

    def start(self, first_delay_ms: int = FIRST_DELAY_MS, watch_network: bool = True) -> None:
        """Arm the timer (and the network watch); call once, after unlocking."""
        self.timer.start(first_delay_ms)
        if watch_network:
            self._watch_network()

    def sync_now(self) -> bool:
        """Start a cycle now unless one is running or the worker is stopped."""
        if self._stopped or self._store.is_locked:
            return False
        if self._running:
            return False
        self._running = True
        self.timer.stop()
        self.started.emit()
        store, client = self._store, self._client
        self._ops.run(
            lambda: _cycle(store, client),
            on_success=self._on_done,
            on_failure=self._on_failed,
            guard=self,
            kind=IO,
        )
        return True

    def refresh_status(self) -> None:
        """Read the status (pending count, last sync) again, e.g. after a local change."""
        if self._stopped or self._store.is_locked:
            return
        store = self._store
        self._ops.run(
            lambda: sync.state.status(store),
            on_success=self._emit_status,
            on_failure=lambda exc: log.warning("sync status: %s", describe_for_log(exc)),
            guard=self,
        )

    def stop(self) -> None:
        """No more cycles; a running one stops at its next safe point; then ``idle``."""
        self._stopped = True
        self.timer.stop()
        self._unwatch_network()
        if self._running:
            self._stopping = True
            return
        self._client.close()
        self.idle.emit()

    # ------------------------------------------------------------- worker side
    def _checkpoint(self, _point: str) -> None:
        # Called on the worker thread: reads a plain bool, touches nothing of Qt.
        if self._stopping:
            raise _Stop

    # ------------------------------------------------------------- results
    def _emit_status(self, status: sync.state.Status) -> None:
        if not self._stopped:
            self.status_changed.emit(status)

    def _on_done(self, outcome: Outcome) -> None:
        self._running = False
        report = outcome.report
        if report is not None and report.wiped:
            self._stopped = True
            self.timer.stop()
            self.wiped.emit()
            return
        if report is not None and report.revoked:
            # No more cycles: ``idle`` for a lock already waiting, then the window locks.
            self._stopped = True
            self._after_run()
            self.revoked.emit()
            return
        if report is not None:
            self.last_error = "" if report.ok else report.error
            self.failures = 0 if report.ok else self.failures + 1
            if not report.ok:
                log.warning("sync failed: %s", report.error)
        self.finished.emit(outcome)
        if outcome.status is not None and not self._stopped:
            self.status_changed.emit(outcome.status)
        self._after_run()

    def _on_failed(self, exc: BaseException) -> None:
        self._running = False
        log.error("sync run failed: %s", describe_for_log(exc))
        self.failures += 1
        self.last_error = "unexpected"
        self.finished.emit(Outcome(None, None))
        self._after_run()

    def _after_run(self) -> None:
        if self._stopped:
            self._stopping = False
            self._client.close()
            self.idle.emit()
            return
        self.timer.start(next_delay_ms(self.failures))

    # ------------------------------------------------------------- network
    def _watch_network(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadBackendByFeatures(
                QNetworkInformation.Feature.Reachability
            ):
                return
            info = QNetworkInformation.instance()
        except (ImportError, RuntimeError):  # no backend on this system: timer only
            return
        if info is None:
            return
        self._network = info
        info.reachabilityChanged.connect(self._on_reachability)

    def _unwatch_network(self) -> None:
        info, self._network = self._network, None
        if info is not None:
            info.reachabilityChanged.disconnect(self._on_reachability)  # type: ignore[attr-defined]

    def _on_reachability(self, reachability: object) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        online = reachability == QNetworkInformation.Reachability.Online
        if online and not self._stopped and not self._running:
            self.failures = 0  # the network is back: try soon, not in half an hour
            self.timer.start(NETWORK_BACK_DELAY_MS)


def _cycle(store: OpenStore, client: sync_client.SyncClient) -> Outcome:
    """The worker-thread part: one cycle (when enrolled) and the status after it."""
    if store.is_locked:
        return Outcome(None, None)
    report: sync_client.SyncReport | None = None
    if sync.state.is_enrolled(store):
        try:
            report = client.sync()
        except _Stop:
            client.close()
            return Outcome(None, None)
        if report.wiped:
            return Outcome(report, None)
    if store.is_locked:
        return Outcome(report, None)
    return Outcome(report, sync.state.status(store))
