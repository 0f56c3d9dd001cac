"""``arco-desk``: start the desk application (the composition root).

Start-up, in order: turn core dumps off (``desktop.hardening``: the process will hold the
database key), parse the options, load the translations (before any widget), take the
data folder's instance lock, build the pieces (``Ops`` runner, ``DeskStore``), then the
first screen: the set-up wizard when the folder has no store, the unlock screen otherwise.
``DeskApp`` moves between the screens; it is handed everything it uses (no globals).

Options::

    arco-desk [--data-dir DIR] [--lang it|en] [--self-test]

``--self-test`` runs without windows for installers: it creates a store in DIR (which
must be new or empty), unlocks it, saves an intake (person, visit, need, consent), reads
it back, locks, and exits 0; any failure exits non-zero with a message. Personal data
never goes to the log.

Exit codes (the table of all three programs, ``models.exit_codes``): 0 fine, 1 failure,
2 usage error, 3 the data folder is in use by another ARCO Desk.
"""

from __future__ import annotations

import argparse
import logging
import secrets
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.hardening import disable_core_dumps
from desktop.instance import LOCK_NAME, acquire
from desktop.paths import default_data_dir
from models import heap, reference
from models.backups import backup_then_lock
from models.consent import ConsentForm
from models.documents import consent_notice
from models.exit_codes import EXIT_FAILED, EXIT_IN_USE, EXIT_OK
from models.intake import IntakeForm, NeedForm, register
from models.people import PersonForm
from models.schema import Person
from models.store import DeskStore, OpenStore
from models.user_folders import APPLICATION, ORGANIZATION
from models.visits import todays_visits
from ui.errors import message_for
from ui.i18n import SUPPORTED, arg, install_translator, language_from_env
from ui.main_window import MainWindow
from ui.ops import Ops, describe_for_log
from ui.setup_wizard import SetupWizard
from ui.unlock import UnlockWindow

log = logging.getLogger("desktop.app")


# ===================================================================== options
def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="arco-desk", description="ARCO Desk, the desk application of the ARCO project."
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder of the encrypted desk store (default: the per-user data folder)",
    )
    parser.add_argument(
        "--lang", choices=SUPPORTED, default=None, help="language of the windows (default: it)"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="create a store in a new or empty --data-dir, use it, lock it, exit",
    )
    args = parser.parse_args(list(argv))
    if args.data_dir is None:
        args.data_dir = default_data_dir()
    args.data_dir = Path(args.data_dir).expanduser()
    if args.lang is None:
        args.lang = language_from_env()
    return args


def in_use_message(data_dir: Path) -> str:
    return arg(
        QCoreApplication.translate(
            "DeskApp",
            "ARCO Desk is already open for the data folder %1. "
            "Use the window that is already open (it may be locked or minimised).",
        ),
        data_dir,
    )


# ===================================================================== self-test
def self_test(data_dir: Path) -> int:
    """Create, unlock, write, read back, print a document, lock; print one line; return the
    exit code."""
    try:
        lock = acquire(data_dir)
    except OSError as exc:
        print(message_for(exc), file=sys.stderr)
        return EXIT_FAILED
    if lock is None:
        print(in_use_message(data_dir), file=sys.stderr)
        return EXIT_IN_USE
    try:
        if any(path.name != LOCK_NAME for path in data_dir.iterdir()):
            print(
                arg(
                    QCoreApplication.translate(
                        "DeskApp", "Self-test refused: the folder %1 is not empty."
                    ),
                    data_dir,
                ),
                file=sys.stderr,
            )
            return EXIT_FAILED
        _self_test_steps(data_dir)
    except Exception as exc:
        log.error("self-test failed: %s", describe_for_log(exc))
        print(
            arg(QCoreApplication.translate("DeskApp", "Self-test FAILED: %1"), message_for(exc)),
            file=sys.stderr,
        )
        return EXIT_FAILED
    finally:
        lock.unlock()
    print(
        QCoreApplication.translate(
            "DeskApp", "Self-test passed: store created, unlocked, written, read back and locked."
        )
    )
    return EXIT_OK


def _self_test_steps(data_dir: Path) -> None:
    files = DeskStore(data_dir)
    password = secrets.token_urlsafe(24)
    desk = reference.desk_codes()[0]
    created = files.create(desk, "selftest", password, display_name="Self-test")
    created.store.lock()
    store = files.unlock("selftest", password)
    try:
        form = IntakeForm(
            person=PersonForm(given_name="Self", family_name="Test", birth_year=1990),
            needs=[NeedForm("italian_language")],
            consents=[ConsentForm("processing")],
        )
        with store.session() as session:
            saved = register(session, store.actor, form)
        with store.session() as session:
            again = session.get(Person, saved.person_id)
            visits = todays_visits(session, store.actor, datetime.now(UTC).date())
            if again is None or (again.given_name, again.family_name) != ("Self", "Test"):
                raise RuntimeError("self-test person did not read back")
            if saved.visit_id not in {v.visit_id for v in visits}:
                raise RuntimeError("self-test visit did not read back")
            # the printed documents' fonts, catalogs and shaping are in the build
            notice = consent_notice(session, store.actor, saved.person_id, "ar")
            if notice.pages < 1 or not notice.pdf.startswith(b"%PDF"):
                raise RuntimeError("self-test document did not render")
    finally:
        backup_then_lock(store)
    if not store.is_locked:
        raise RuntimeError("store did not lock")


# ===================================================================== windows
class DeskApp(QObject):
    """Moves between the wizard, the unlock screen and the main window.

    Everything it needs is passed in; tests build its ``DeskStore`` with a fast ``kdf``.
    """

    def __init__(
        self,
        app: QApplication,
        desk_store: DeskStore,
        ops: Ops,
        quit_app: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self._app = app
        self.desk_store = desk_store
        self._ops = ops
        self._quit = quit_app or app.quit
        self.wizard: SetupWizard | None = None
        self.unlock_window: UnlockWindow | None = None
        self.main_window: MainWindow | None = None
        self._disposed: list[QWidget] = []
        self.wipe_notice: QMessageBox | None = None

    def start(self) -> None:
        if self.desk_store.exists():
            self.show_unlock()
        else:
            self.show_wizard()

    # ------------------------------------------------------------- screens
    def show_wizard(self) -> None:
        wizard = SetupWizard(self.desk_store, self._ops)
        wizard.desk_created.connect(self._on_unlocked)
        wizard.rejected.connect(self._quit)
        self.wizard = wizard
        wizard.show()

    def show_unlock(self, locking: bool = False) -> UnlockWindow:
        if self.unlock_window is None:
            window = UnlockWindow(self.desk_store, self._ops)
            window.unlocked.connect(self._on_unlocked)
            window.quit_requested.connect(self._quit)
            self.unlock_window = window
        else:
            self.unlock_window.reload()
        self.unlock_window.set_locking(locking)
        self.unlock_window.show()
        self.unlock_window.raise_()
        self.unlock_window.activateWindow()
        return self.unlock_window

    def _on_unlocked(self, store: OpenStore) -> None:
        window = MainWindow(store, self._ops, self._app)
        window.lock_started.connect(lambda: self.show_unlock(locking=True))
        window.locked.connect(self._on_locked)
        window.store_wiped.connect(self._on_store_wiped)
        self.main_window = window
        window.show()
        if self.unlock_window is not None:
            self.unlock_window.hide()
        if self.wizard is not None:
            wizard, self.wizard = self.wizard, None
            self._dispose(wizard)

    def _on_locked(self, quitting: bool) -> None:
        window, self.main_window = self.main_window, None
        if window is not None:
            self._dispose(window)  # every view and widget of the session goes with it
        if quitting:
            self._quit()
        elif self.unlock_window is not None:
            self.unlock_window.set_locking(False)
            self.unlock_window.reload()

    def _on_store_wiped(self) -> None:
        """Remote wipe: the store is gone. Say so in plain words, then the set-up screen."""
        window, self.main_window = self.main_window, None
        if window is not None:
            self._dispose(window)
        if self.unlock_window is not None:
            unlock, self.unlock_window = self.unlock_window, None
            self._dispose(unlock)
        self.show_wizard()
        notice = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("DeskApp", "ARCO Desk"),
            QCoreApplication.translate(
                "DeskApp",
                "The administrator of the Welcome Center asked for this computer's data to be "
                "erased, and it has been: the desk store and its backups on this computer are "
                "gone. To use this computer again, set up a new desk.",
            ),
            QMessageBox.StandardButton.Ok,
            self.wizard,
        )
        notice.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        notice.open()
        self.wipe_notice = notice

    def _dispose(self, widget: QWidget) -> None:
        """Hide and delete a window from the event loop.

        We are often inside one of its own signals here: dropping the last Python
        reference now would delete it under Qt's feet, so the reference is kept until Qt
        has deleted the object.
        """
        self._disposed = [w for w in self._disposed if shiboken6.isValid(w)]
        widget.hide()
        widget.deleteLater()
        self._disposed.append(widget)

    def shutdown(self) -> None:
        """Last resort at exit (e.g. the session ends): drop the key, with a backup."""
        window = self.main_window
        if window is not None and not window.store.is_locked:
            window.clear_personal_data()
            self._ops.wait_for_done()
            backup_then_lock(window.store)


# ===================================================================== entry point
def run_gui(app: QApplication, args: argparse.Namespace) -> int:
    """Take the instance lock and run the windows until the operator quits."""
    data_dir: Path = args.data_dir
    try:
        lock: QLockFile | None = acquire(data_dir)
    except OSError as exc:
        QMessageBox.critical(
            None, QCoreApplication.translate("DeskApp", "ARCO Desk"), message_for(exc)
        )
        return EXIT_FAILED
    if lock is None:
        text = in_use_message(data_dir)
        print(text, file=sys.stderr)
        QMessageBox.critical(None, QCoreApplication.translate("DeskApp", "ARCO Desk"), text)
        return EXIT_IN_USE
    ops = Ops()
    desk_app = DeskApp(app, DeskStore(data_dir), ops)
    app.aboutToQuit.connect(desk_app.shutdown)
    try:
        desk_app.start()
        heap.settle()  # the start-up heap, unlock screen included, out of the collector's way
        return app.exec()
    finally:
        ops.wait_for_done()
        lock.unlock()


def main(argv: Sequence[str] | None = None) -> int:
    disable_core_dumps()  # before anything can hold a key or a record
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    if args.self_test:
        core = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
        install_translator(core, args.lang)
        return self_test(args.data_dir)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_translator(app, args.lang)  # before any widget exists
    return run_gui(app, args)


if __name__ == "__main__":
    sys.exit(main())
