"""Driver for the cold-start benchmark: ``python -m tests.benchmarks.gui_cold_start DIR``.

Runs the real entry point, ``desktop.app.main(["--data-dir", DIR])``, in this fresh
process, and prints ``shown <CLOCK_MONOTONIC ns>`` when the unlock window is first painted,
then quits. The parent reads the same system-wide monotonic clock before it starts the
process, so interpreter start-up and every import count.

The only thing done before ``main`` is creating the ``QApplication`` (``main`` takes the
existing one, as it would under a test runner) so an event filter can see the first paint.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class FirstPaint(QObject):
    """Prints the time of the first paint of any widget inside the unlock window."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self._app = app
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self.done
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and type(watched.window()).__name__ == "UnlockWindow"
        ):
            self.done = True
            print(f"shown {time.clock_gettime_ns(time.CLOCK_MONOTONIC)}", flush=True)
            QTimer.singleShot(0, self._app.quit)
        return False


def run(data_dir: str) -> int:
    app = QApplication(sys.argv[:1])
    watcher = FirstPaint(app)
    app.installEventFilter(watcher)
    from desktop.app import main

    code = main(["--data-dir", data_dir])
    app.removeEventFilter(watcher)
    return code if watcher.done else 1


if __name__ == "__main__":
    sys.exit(run(sys.argv[1]))
