"""The unlock screen: choose the operator, type the password, Enter.

The key derivation (Argon2id, about a second) runs as an op with a busy bar. Failures are
shown in plain words through ``ui.errors.message_for``. While unlocking is throttled, the
button stays disabled and counts down. A store that cannot be opened (corrupt, written by
a newer version, key file damaged) gets its own screen that says the files were left
untouched and how to restore a backup; this screen never creates a store. A computer the
Welcome Center revoked gets that screen too, before any password is asked (its key file
says so): only the recovery key opens it again, from the command line. A desk offline for
too long refuses operators in words and lets an administrator sign in.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models import reference
from models.backup_copies import BACKUP_DIR
from models.errors import (
    CorruptStore,
    DeviceRevoked,
    KeyFileInvalid,
    KeyFileMissing,
    KeyFileTooNew,
    SchemaTooNew,
    StoreError,
    StoreNotFound,
    Throttled,
    ValidationFailed,
)
from models.store import DeskStore
from ui.errors import message_for
from ui.headings import heading
from ui.i18n import arg
from ui.ops import Ops

# Errors after which trying again cannot help: show the "cannot open" screen.
UNLOCK_TITLE_SCALE = 1.5  # the unlock window is small: its title stands out more

FATAL = (
    CorruptStore,
    SchemaTooNew,
    KeyFileInvalid,
    KeyFileMissing,
    KeyFileTooNew,
    StoreNotFound,
    DeviceRevoked,
)
# Of those, the ones a backup can repair.
RESTORABLE = (CorruptStore, KeyFileInvalid, KeyFileMissing, StoreNotFound)


def desk_name(code: str) -> str:
    try:
        return str(reference.desk_by_code(code)["name"])
    except ValidationFailed:
        return code


class UnlockWindow(QWidget):
    """Top-level unlock window.

    Signals:
        unlocked(object): the ``OpenStore`` of the operator who signed in.
        quit_requested(): the operator chose Quit on the "cannot open" screen.
    """

    unlocked = Signal(object)
    quit_requested = Signal()

    def __init__(self, desk_store: DeskStore, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk_store = desk_store
        self._ops = ops
        self._busy = False
        self._throttled_until = 0.0
        self._reason = ""  # message shown above the countdown (e.g. "wrong password")
        self.setWindowTitle(self.tr("ARCO Desk — Unlock"))

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_form())
        self.pages.addWidget(self._build_problem())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        self._countdown = QTimer(self)
        self._countdown.setObjectName("unlock-throttle-countdown")
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)

        self.reload()

    # ------------------------------------------------------------- building
    def _build_form(self) -> QWidget:
        page = QWidget()
        self.heading = heading(scale=UNLOCK_TITLE_SCALE)

        self.operator = QComboBox()
        self.operator.setAccessibleName(self.tr("Operator"))
        self.operator.currentIndexChanged.connect(self._on_operator_changed)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.password.returnPressed.connect(self.unlock)

        form = QFormLayout()
        form.addRow(self.tr("&Operator:"), self.operator)
        form.addRow(self.tr("&Password:"), self.password)

        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.setAutoDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(self.tr("Unlocking, please wait"))
        self.busy.hide()

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setStyleSheet("color: #a40000;")

        layout = QVBoxLayout(page)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addStretch(1)
        return page

    def _build_problem(self) -> QWidget:
        page = QWidget()
        self.problem_title = heading(scale=UNLOCK_TITLE_SCALE)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.untouched = QLabel(
            self.tr(
                "Nothing was changed: the files were left exactly as they were, "
                "and no new desk was created."
            )
        )
        self.untouched.setWordWrap(True)
        self.restore_help = QLabel()
        self.restore_help.setWordWrap(True)
        self.restore_help.setTextFormat(Qt.TextFormat.PlainText)
        self.restore_help.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        quit_button = QPushButton(self.tr("&Quit"))
        quit_button.clicked.connect(self.quit_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(quit_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.problem_title)
        layout.addWidget(self.problem)
        layout.addWidget(self.untouched)
        layout.addWidget(self.restore_help)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    # ------------------------------------------------------------- state
    @property
    def showing_problem(self) -> bool:
        return self.pages.currentIndex() == 1

    def reload(self) -> None:
        """Read the operators from the key file (small, local) and reset the form."""
        try:
            keyfile = self._desk_store.key_file()
        except FATAL as exc:
            self.show_problem(exc)
            return
        if keyfile.revoked:  # no password can open it: say so before one is typed
            self.show_problem(DeviceRevoked())
            return
        self.heading.setText(arg(self.tr("ARCO Desk — %1"), desk_name(keyfile.desk)))
        current = self.operator.currentText()
        self.operator.blockSignals(True)
        self.operator.clear()
        self.operator.addItems(keyfile.logins())
        if current:
            self.operator.setCurrentText(current)
        self.operator.blockSignals(False)
        self.pages.setCurrentIndex(0)
        self.message.clear()
        self._on_operator_changed()

    def set_locking(self, locking: bool) -> None:
        """While the previous session is being locked (backup), unlocking waits."""
        if locking:
            self.message.setText(self.tr("Locking and saving a backup…"))
        else:
            self.message.clear()
        self._set_busy(locking)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.showing_problem:
            self.password.setFocus()

    def show_problem(self, exc: BaseException) -> None:
        revoked = isinstance(exc, DeviceRevoked)
        if revoked:
            self.problem_title.setText(self.tr("This computer was revoked"))
        else:
            self.problem_title.setText(self.tr("The desk data cannot be opened"))
        self.problem.setText(message_for(exc))
        # The revocation re-encrypted the files: "nothing was changed" would not be true.
        self.untouched.setVisible(not revoked)
        folder = self._desk_store.data_dir
        if revoked:
            self.restore_help.setText(
                arg(
                    self.tr(
                        "Quit ARCO Desk first: the command cannot change the desk's files "
                        "while the application is open. The data folder is %1."
                    ),
                    folder,
                )
            )
            self.restore_help.show()
        elif isinstance(exc, RESTORABLE):
            self.restore_help.setText(
                arg(
                    self.tr(
                        "To go back to the last good copy, an administrator can restore a "
                        "backup with the command:\n\n"
                        "    arco-deskctl restore --from <backup file>\n\n"
                        "The data folder is %1 and its backups are in %2. "
                        "Ask the ARCO technical contact if you are unsure."
                    ),
                    folder,
                    folder / BACKUP_DIR,
                )
            )
            self.restore_help.show()
        else:
            self.restore_help.clear()
            self.restore_help.hide()
        self.pages.setCurrentIndex(1)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        self.operator.setEnabled(not busy)
        self.password.setEnabled(not busy)
        self._update_button()

    def _update_button(self) -> None:
        throttled = self._throttled_until > time.monotonic()
        self.unlock_button.setEnabled(
            not self._busy and not throttled and self.operator.count() > 0
        )

    # ------------------------------------------------------------- unlocking
    def unlock(self) -> None:
        if self._busy or not self.unlock_button.isEnabled():
            return
        login = self.operator.currentText()
        password = self.password.text()
        self.password.setText("")  # the password does not stay in the widget
        if not login or not password:
            self.message.setText(self.tr("Type your password, then press Enter."))
            self.password.setFocus()
            return
        self.message.clear()
        self._set_busy(True)
        desk_store = self._desk_store
        self._ops.run(
            lambda: desk_store.unlock(login, password),
            on_success=self._on_unlocked,
            on_failure=lambda exc: self._on_failed(login, exc),
            guard=self,
        )

    def _on_unlocked(self, store: object) -> None:
        self._set_busy(False)
        self.message.clear()
        self.unlocked.emit(store)

    def _on_failed(self, login: str, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, FATAL):
            self.show_problem(exc)
            return
        if isinstance(exc, Throttled):
            self._start_countdown(exc.retry_after)
            return
        self.message.setText(message_for(exc))
        if isinstance(exc, StoreError):
            wait = self._desk_store.attempts.retry_after(login)
            if wait > 0:  # that failure started a delay: show it now
                self._start_countdown(wait, reason=self.message.text())
        self.password.setFocus()

    # ------------------------------------------------------------- throttling
    def _on_operator_changed(self, _index: int = -1) -> None:
        login = self.operator.currentText()
        wait = self._desk_store.attempts.retry_after(login) if login else 0.0
        if wait > 0:
            self._start_countdown(wait)
        elif self._countdown.isActive():  # the countdown was another operator's
            self._stop_countdown()
            self.message.clear()
        self._update_button()

    def _start_countdown(self, seconds: float, reason: str = "") -> None:
        self._throttled_until = time.monotonic() + seconds
        self._reason = reason
        self._countdown.start()
        self._tick()

    def _stop_countdown(self) -> None:
        self._throttled_until = 0.0
        self._countdown.stop()
        self._reason = ""
        self._update_button()

    def _tick(self) -> None:
        remaining = math.ceil(self._throttled_until - time.monotonic())
        if remaining <= 0:
            self._stop_countdown()
            self.message.clear()
            self.password.setFocus()
            return
        text = message_for(Throttled(remaining))
        self.message.setText(f"{self._reason}\n{text}" if self._reason else text)
        self._update_button()
