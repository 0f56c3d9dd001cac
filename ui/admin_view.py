"""Administration (admins only): operators, re-encryption, idle lock and offline limit.

Every read and write runs as an op with its own session; role checks are the store's
(``OpenStore.add_operator``, ``set_password``, ``disable_operator``, ``rekey`` and
``set_offline_days`` require an administrator).

Disabling an operator, or changing a password that may have been seen, leaves the old
key file copies working: the view offers to re-encrypt the store (``OpenStore.rekey``),
after which they open nothing and everyone keeps their password. A new recovery key is
shown once, and the dialog closes only once it is confirmed written down or printed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models import settings
from models.clock import utcnow
from models.device_policy import DeviceState
from models.settings import IDLE_LOCK_MINUTES, OFFLINE_DAYS
from models.store import OpenStore
from ui.errors import message_for
from ui.formats import format_date
from ui.i18n import arg
from ui.operator_fields import OperatorFields, busy_bar, problem_label
from ui.ops import Ops
from ui.recovery_key import RecoveryKeyPanel
from ui.sync_messages import local_time
from ui.vocabulary import role_label


@dataclass(frozen=True)
class OperatorRow:
    login: str
    display_name: str
    role: str
    active: bool
    created_at: datetime


@dataclass(frozen=True)
class AdminData:
    """What the view shows, read in one op."""

    operators: list[OperatorRow]
    idle_minutes: int
    device: DeviceState
    days_offline: int  # whole days since the last contact with the Welcome Center


def load_admin_data(store: OpenStore) -> AdminData:
    """The op behind the view: operators as plain rows, the idle lock, the device state."""
    rows = [
        OperatorRow(o.login, o.display_name, o.role, o.active, o.created_at)
        for o in store.operators()
    ]
    device = store.device_state()
    idle = settings.get(store, IDLE_LOCK_MINUTES)
    return AdminData(rows, idle, device, device.days_offline(utcnow()))


def save_admin_settings(store: OpenStore, idle_minutes: int, offline_days: int) -> None:
    """The op behind Save: the idle-lock delay and the days the desk may stay offline."""
    settings.put(store, IDLE_LOCK_MINUTES, idle_minutes)
    settings.put(store, OFFLINE_DAYS, offline_days)


class _OperatorFormDialog(QDialog):
    """An ``OperatorFields`` form with OK and Cancel, checked as it is typed.

    ``_run`` does the work in a worker with the fields locked; on success the passwords
    are forgotten, the dialog closes, then ``on_done`` runs; a failure is shown in words.
    """

    def __init__(self, ops: Ops, fields: OperatorFields, parent: QWidget) -> None:
        super().__init__(parent)
        self._ops = ops
        self._busy = False
        self.fields = fields
        self.password = fields.password
        self.confirm = fields.confirm
        self.problem = fields.problem
        self.busy = fields.busy
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        fields.changed.connect(self._validate)

    def submit(self) -> None:
        """Start the work, if the form is complete (subclasses)."""
        raise NotImplementedError

    def _ready(self) -> bool:
        return not self._busy and self.fields.first_problem() is None

    def _validate(self) -> None:
        problem = self.fields.show_problem()
        self.ok_button.setEnabled(problem is None and not self._busy)

    def _run(self, work: Callable[[], object], on_done: Callable[[], None]) -> None:
        self._set_busy(True)
        self._ops.run(
            work,
            on_success=lambda _: self._finish(on_done),
            on_failure=self._on_failed,
            guard=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.fields.set_busy(busy)
        self._validate()

    def _finish(self, on_done: Callable[[], None]) -> None:
        self._set_busy(False)
        self.fields.forget_passwords()
        self.accept()
        on_done()

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.problem.setText(message_for(exc))


class AddOperatorDialog(_OperatorFormDialog):
    """Login, full name, role and a first password; the key slot is made in a worker.

    Signals:
        added(str): the login of the new operator.
    """

    added = Signal(str)

    def __init__(self, store: OpenStore, ops: Ops, parent: QWidget) -> None:
        fields = OperatorFields(with_role=True, desk=store.desk)
        super().__init__(ops, fields, parent)
        self._store = store
        self.setWindowTitle(self.tr("Add an operator"))
        self.ok_button.setText(self.tr("&Add"))
        self.login = fields.login
        self.display_name = fields.display_name
        assert fields.role is not None
        self.role: QComboBox = fields.role
        layout = QVBoxLayout(self)
        layout.addWidget(fields)
        layout.addWidget(self.buttons)
        self._validate()

    def submit(self) -> None:
        if not self._ready():
            return
        login = self.login.text().strip()
        name = self.display_name.text().strip()
        role = str(self.role.currentData())
        password = self.password.text()
        store = self._store
        self._run(
            lambda: store.add_operator(login, role, password, display_name=name),
            lambda: self.added.emit(login),
        )


class SetPasswordDialog(_OperatorFormDialog):
    """A new password for one operator, typed twice and judged like Add operator's.

    The login and full name are shown, read-only: the password must not be built on them.
    Until the store is re-encrypted the old password still opens old copies of the key
    file, hence the checkbox for when it may have been seen.

    Signals:
        password_set(str, bool): the login, and whether to re-encrypt the store now.
    """

    password_set = Signal(str, bool)

    def __init__(self, store: OpenStore, ops: Ops, operator: OperatorRow, parent: QWidget) -> None:
        fields = OperatorFields(desk=store.desk)
        super().__init__(ops, fields, parent)
        self._store = store
        self._login = operator.login
        self.setWindowTitle(arg(self.tr("Set the password of %1"), operator.login))
        self.ok_button.setText(self.tr("&Set password"))
        for field, value in (
            (fields.login, operator.login),
            (fields.display_name, operator.display_name),
        ):
            field.setText(value)
            field.setReadOnly(True)
        self.reencrypt = QCheckBox(
            self.tr(
                "The old password may have been seen by someone: &re-encrypt the store afterwards"
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(fields)
        layout.addWidget(self.reencrypt)
        layout.addWidget(self.buttons)
        self._validate()
        self.password.setFocus()

    def submit(self) -> None:
        if not self._ready():
            return
        login, password, reencrypt = self._login, self.password.text(), self.reencrypt.isChecked()
        store = self._store
        self._run(
            lambda: store.set_password(login, password),
            lambda: self.password_set.emit(login, reencrypt),
        )

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        self.reencrypt.setEnabled(not busy)


class RekeyDialog(QDialog):
    """Re-encrypt the store (``OpenStore.rekey``), then show what came of it.

    First page: the administrator's own password (the store asks for it again) and whether
    to replace the recovery key too (checked by default: the person leaving may have seen
    it). The rekey runs in a worker (a backup first: some seconds); a wrong password is
    said and nothing changes. Second page: the new recovery key, shown once, which must be
    confirmed written down or printed before Close, and the operators who need a new
    password (slots too old to keep). Esc and the window's close button do nothing while
    the rekey runs or the new key is not confirmed; the lock still closes the dialog.

    Signals:
        rekeyed(): the store was re-encrypted.
    """

    rekeyed = Signal()

    def __init__(self, store: OpenStore, ops: Ops, parent: QWidget) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self._busy = False
        self.setWindowTitle(self.tr("Re-encrypt the store"))
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_ask())
        self.pages.addWidget(self._build_result(ops))
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self._update_buttons()
        self.password.setFocus()

    # ------------------------------------------------------------- building
    def _build_ask(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            self.tr(
                "The desk data gets a new key: copies of the key file made before now no "
                "longer open it. Every active operator keeps their own password. A backup "
                "is made first; this takes a few seconds."
            )
        )
        intro.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Your password"))
        self.password.textChanged.connect(self._update_buttons)
        form = QFormLayout()
        form.addRow(self.tr("Your &password:"), self.password)
        self.new_recovery_key = QCheckBox(
            self.tr(
                "Also replace the recovery &key (do this if the person leaving could have seen it)"
            )
        )
        self.new_recovery_key.setChecked(True)
        self.problem = problem_label()
        self.busy = busy_bar(self.tr("Re-encrypting, please wait"))
        self.ask_buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.reencrypt_button = self.ask_buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.reencrypt_button.setText(self.tr("&Re-encrypt"))
        self.reencrypt_button.setDefault(True)
        self.cancel_button = self.ask_buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.ask_buttons.accepted.connect(self.submit)
        self.ask_buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.new_recovery_key)
        layout.addWidget(self.problem)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        layout.addWidget(self.ask_buttons)
        return page

    def _build_result(self, ops: Ops) -> QWidget:
        page = QWidget()
        done = QLabel(
            self.tr(
                "The store was re-encrypted. Copies of the key file made before no longer "
                "open it; every active operator keeps their password. Backups made before "
                "now still open with the passwords of then: keep them as safe as before."
            )
        )
        done.setWordWrap(True)
        self.recovery_heading = QLabel(
            self.tr(
                "Write down the new recovery key: the old one no longer opens the desk data. "
                "It is shown now and never again."
            )
        )
        self.recovery_heading.setWordWrap(True)
        self.recovery = RecoveryKeyPanel(
            ops, self.tr("I have &written down or printed the new recovery key")
        )
        self.recovery.written_down.toggled.connect(self._update_buttons)
        self.recovery_kept = QLabel(self.tr("The recovery key stays the same."))
        self.dropped = QLabel()
        self.dropped.setWordWrap(True)
        self.dropped.setTextFormat(Qt.TextFormat.PlainText)
        self.result_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.close_button = self.result_buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.close_button.setText(self.tr("&Close"))
        self.result_buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.addWidget(done)
        layout.addWidget(self.recovery_heading)
        layout.addWidget(self.recovery, 1)
        layout.addWidget(self.recovery_kept)
        layout.addWidget(self.dropped)
        layout.addWidget(self.result_buttons)
        return page

    # ------------------------------------------------------------- state
    @property
    def showing_result(self) -> bool:
        return self.pages.currentIndex() == 1

    def _key_confirmed(self) -> bool:
        return not self.recovery.key.text() or self.recovery.written_down.isChecked()

    def _may_close(self) -> bool:
        return not self._busy and (not self.showing_result or self._key_confirmed())

    def _update_buttons(self) -> None:
        self.reencrypt_button.setEnabled(not self._busy and bool(self.password.text()))
        self.cancel_button.setEnabled(not self._busy)
        self.close_button.setEnabled(self._key_confirmed())

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        self.password.setEnabled(not busy)
        self.new_recovery_key.setEnabled(not busy)
        self._update_buttons()

    # ------------------------------------------------------------- re-encrypting
    def submit(self) -> None:
        """Re-encrypt with the password typed; the password does not stay in the field."""
        password = self.password.text()
        if self._busy or not password:
            return
        self.password.clear()
        self.problem.clear()
        replace = self.new_recovery_key.isChecked()
        store = self._store
        self._set_busy(True)
        self._ops.run(
            lambda: store.rekey(password, new_recovery_key=replace),
            on_success=self._on_rekeyed,
            on_failure=self._on_failed,
            guard=self,
        )

    def _on_rekeyed(self, result: tuple[str | None, list[str]]) -> None:
        self._set_busy(False)
        key, dropped = result
        if key is not None:
            self.recovery.show_key(key, self._store.desk)
        self.recovery_heading.setVisible(key is not None)
        self.recovery.setVisible(key is not None)
        self.recovery_kept.setVisible(key is None)
        self.dropped.setText(
            arg(
                self.tr(
                    "These operators cannot sign in until an administrator gives them a new "
                    "password (Set password…): %1"
                ),
                ", ".join(dropped),
            )
            if dropped
            else ""
        )
        self.dropped.setVisible(bool(dropped))
        self.pages.setCurrentIndex(1)
        self.close_button.setDefault(True)
        self._update_buttons()
        if key is not None:
            self.recovery.written_down.setFocus()
        else:
            self.close_button.setFocus()
        self.rekeyed.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.problem.setText(message_for(exc))
        self.password.setFocus()

    # ------------------------------------------------------------- closing
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not self._may_close():
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close():
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.recovery.forget()  # the key does not stay in a widget
        super().done(result)


class AdminView(QWidget):
    """Operators (list, add, set a password, disable), re-encryption of the store, the
    idle-lock delay and the days the desk may stay without synchronising.

    Signals:
        idle_minutes_changed(int): the delay was loaded or saved.
    """

    idle_minutes_changed = Signal(int)

    def __init__(self, store: OpenStore, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self._rows: list[OperatorRow] = []

        title = QLabel(self.tr("<h2>Administration</h2>"))
        operators = self._build_operators()
        settings = self._build_settings()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName(self.tr("Message"))

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(operators, 1)
        layout.addWidget(settings)
        layout.addWidget(self.message)
        self.setFocusProxy(self.table)

    # ------------------------------------------------------------- building
    def _build_operators(self) -> QGroupBox:
        """The operators table with its buttons (and Re-encrypt the store…)."""
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(self.tr("Operators"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Login"),
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Status"),
                self.tr("Since"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("&Add operator…"))
        self.add_button.clicked.connect(self.add_operator)
        self.set_password_button = QPushButton(self.tr("Set &password…"))
        self.set_password_button.clicked.connect(self.set_password_selected)
        self.disable_button = QPushButton(self.tr("D&isable operator"))
        self.disable_button.clicked.connect(self.disable_selected)
        self.rekey_button = QPushButton(self.tr("Re-&encrypt the store…"))
        self.rekey_button.clicked.connect(self.rekey)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.set_password_button)
        buttons.addWidget(self.disable_button)
        buttons.addStretch(1)
        buttons.addWidget(self.rekey_button)
        operators = QGroupBox(self.tr("Operators"))
        operators_layout = QVBoxLayout(operators)
        operators_layout.addWidget(self.table)
        operators_layout.addLayout(buttons)
        return operators

    def _build_settings(self) -> QGroupBox:
        """The idle-lock delay and the days offline, with the last contact and Save."""
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(IDLE_LOCK_MINUTES.minimum, IDLE_LOCK_MINUTES.maximum)
        self.idle_minutes.setValue(IDLE_LOCK_MINUTES.default)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setAccessibleName(self.tr("Lock after minutes without activity"))
        self.offline_days = QSpinBox()
        self.offline_days.setRange(OFFLINE_DAYS.minimum, OFFLINE_DAYS.maximum)
        self.offline_days.setValue(OFFLINE_DAYS.default)
        self.offline_days.setAccessibleName(
            self.tr("Days without synchronising before only administrators can unlock")
        )
        self.last_contact = QLabel()
        self.last_contact.setWordWrap(True)
        self.last_contact.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.clicked.connect(self.save_settings)
        settings = QGroupBox(self.tr("Settings"))
        settings_form = QFormLayout(settings)
        idle_label = QLabel(self.tr("&Lock the desk after:"))
        idle_label.setBuddy(self.idle_minutes)
        settings_form.addRow(idle_label, _left(self.idle_minutes))
        offline_label = QLabel(
            self.tr(
                "Days this computer may stay without synchronising before only "
                "administrators can &unlock it:"
            )
        )
        offline_label.setWordWrap(True)
        offline_label.setBuddy(self.offline_days)
        settings_form.addRow(offline_label, _left(self.offline_days))
        settings_form.addRow("", self.last_contact)
        settings_form.addRow("", _left(self.save_button))
        return settings

    # ------------------------------------------------------------- loading
    def reload(self) -> None:
        store = self._store
        self._ops.run(
            lambda: load_admin_data(store),
            on_success=self._on_loaded,
            on_failure=lambda exc: self.message.setText(message_for(exc)),
            guard=self,
        )

    def _on_loaded(self, data: AdminData) -> None:
        rows = data.operators
        self._rows = rows
        self.table.setRowCount(len(rows))
        for r, op in enumerate(rows):
            status = self.tr("active") if op.active else self.tr("disabled")
            values = (op.login, op.display_name, role_label(op.role), status)
            for c, value in enumerate((*values, format_date(op.created_at))):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.idle_minutes.setValue(data.idle_minutes)
        self.offline_days.setValue(data.device.offline_days)
        self.last_contact.setText(self._contact_text(data))
        self.idle_minutes_changed.emit(data.idle_minutes)

    def _contact_text(self, data: AdminData) -> str:
        if not data.device.enrolled:
            return self.tr(
                "This computer is not enrolled with the Welcome Center: no limit applies yet."
            )
        if data.device.last_contact is None:
            return self.tr("Last contact with the Welcome Center: none yet.")
        days = data.days_offline
        return arg(
            self.tr("Last contact with the Welcome Center: %1 (%n day(s) ago).", "", days),
            local_time(data.device.last_contact),
        )

    # ------------------------------------------------------------- actions
    def add_operator(self) -> None:
        dialog = AddOperatorDialog(self._store, self._ops, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(self._on_operator_added)
        dialog.open()

    def _on_operator_added(self, login: str) -> None:
        self.message.setText(arg(self.tr("Operator %1 added."), login))
        self.reload()

    def selected_operator(self) -> OperatorRow | None:
        """The operator of the current row (says so in the view when there is none)."""
        row = self.table.currentRow()
        if 0 <= row < len(self._rows):
            return self._rows[row]
        self.message.setText(self.tr("Select an operator in the list first."))
        return None

    def set_password_selected(self) -> None:
        """Ask a new password for the selected operator (not a disabled one)."""
        operator = self.selected_operator()
        if operator is None:
            return
        if not operator.active:
            self.message.setText(
                arg(self.tr("%1 is disabled: a disabled operator cannot sign in."), operator.login)
            )
            return
        dialog = SetPasswordDialog(self._store, self._ops, operator, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.password_set.connect(self._on_password_set)
        dialog.open()

    def _on_password_set(self, login: str, reencrypt: bool) -> None:
        self.message.setText(arg(self.tr("The password of %1 was changed."), login))
        if reencrypt:
            self.rekey()

    def disable_selected(self) -> None:
        """Disable the selected operator once confirmed; then offer to re-encrypt."""
        operator = self.selected_operator()
        if operator is None:
            return
        login = operator.login
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Disable operator"),
            arg(self.tr("Disable %1? They will no longer be able to sign in at this desk."), login),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self._disable(login))
        box.open()

    def _disable(self, login: str) -> None:
        store = self._store
        self._ops.run(
            lambda: store.disable_operator(login),
            on_success=lambda _: self._on_disabled(login),
            on_failure=lambda exc: self.message.setText(message_for(exc)),
            guard=self,
        )

    def _on_disabled(self, login: str) -> None:
        self.message.setText(arg(self.tr("Operator %1 disabled."), login))
        self.reload()
        # Their password still opens any copy of the key file made before: offer to retire it.
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Re-encrypt the store"),
            arg(
                self.tr(
                    "Re-encrypt the store now so that copies of the key file %1 may have "
                    "kept no longer open it? Everyone else keeps their password."
                ),
                login,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Re-encrypt…"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("&Later"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(self.rekey)
        box.open()

    def rekey(self) -> None:
        """Open the re-encryption dialog."""
        dialog = RekeyDialog(self._store, self._ops, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.rekeyed.connect(self._on_rekeyed)
        dialog.open()

    def _on_rekeyed(self) -> None:
        self.message.setText(self.tr("The store was re-encrypted."))
        self.reload()

    def save_settings(self) -> None:
        minutes, days = self.idle_minutes.value(), self.offline_days.value()
        store = self._store
        self._ops.run(
            lambda: save_admin_settings(store, minutes, days),
            on_success=lambda _: self._on_saved(minutes),
            on_failure=lambda exc: self.message.setText(message_for(exc)),
            guard=self,
        )

    def _on_saved(self, minutes: int) -> None:
        self.message.setText(self.tr("Settings saved."))
        self.idle_minutes_changed.emit(minutes)

    # ------------------------------------------------------------- lock
    def clear(self) -> None:
        """Drop the operator list and close any dialog of this view."""
        for child in self.findChildren(QDialog):
            child.reject()
            child.deleteLater()
        self._rows = []
        self.table.clearContents()
        self.table.setRowCount(0)
        self.last_contact.clear()
        self.message.clear()


def _left(widget: QWidget) -> QHBoxLayout:
    """``widget`` at its natural width, on the left of a form row."""
    row = QHBoxLayout()
    row.addWidget(widget)
    row.addStretch(1)
    return row
