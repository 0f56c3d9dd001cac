"""Idle detection for the auto-lock: an application-wide event filter feeding one timer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence

# Events that mean a person is at the keyboard or the mouse.
ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
        QEvent.Type.ShortcutOverride,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` once after ``interval_ms`` without keyboard or mouse activity.

    Installed as an event filter on the whole application while running, so activity in
    any window (dialogs included) counts. Call ``stop()`` when the session ends.

    It also reports the lock key (Ctrl+L) pressed in *any* window: a window shortcut does
    not fire while a modal dialog covers its window, and locking must always work.

    Signals:
        idle(): nobody touched the keyboard or the mouse for the whole interval.
        lock_key_pressed(): the lock key was pressed somewhere in the application.
    """

    idle = Signal()
    lock_key_pressed = Signal()

    def __init__(
        self,
        app: QCoreApplication,
        interval_ms: int,
        parent: QObject | None = None,
        lock_key: QKeySequence | None = None,
    ):
        super().__init__(parent)
        self._app = app
        self._lock_key = lock_key
        self._timer = QTimer(self)
        self._timer.setObjectName("idle-lock-timer")
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timeout)
        self._running = False

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_interval_ms(self, interval_ms: int) -> None:
        """Change the interval; counting restarts now."""
        self._timer.setInterval(interval_ms)
        if self._running:
            self._timer.start()

    def start(self) -> None:
        if not self._running:
            self._app.installEventFilter(self)
            self._running = True
        self._timer.start()

    def stop(self) -> None:
        if self._running:
            self._app.removeEventFilter(self)
            self._running = False
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in ACTIVITY:
            self._timer.start()
            if (
                kind == QEvent.Type.KeyPress
                and self._lock_key is not None
                and isinstance(event, QKeyEvent)
                and QKeySequence(event.keyCombination()) == self._lock_key
            ):
                self.lock_key_pressed.emit()
        return False

    def _on_timeout(self) -> None:
        if self._running:
            self.stop()
            self.idle.emit()
