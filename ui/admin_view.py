"""Administration (admins only): the desk's operators and the idle-lock delay.

Every read and write runs as an op with its own session; role checks are the store's
(``OpenStore.add_operator`` and ``disable_operator`` require ``operators.manage``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.crypto import DEFAULT_KDF, KdfParams
from models.store import OpenStore
from ui.desk_settings import (
    IDLE_LOCK_DEFAULT,
    IDLE_LOCK_MAX,
    IDLE_LOCK_MIN,
    read_idle_lock_minutes,
    write_idle_lock_minutes,
)
from ui.errors import arg, message_for, role_label
from ui.formats import format_date
from ui.operator_fields import OperatorFields
from ui.ops import Ops


@dataclass(frozen=True)
class OperatorRow:
    login: str
    display_name: str
    role: str
    active: bool
    created_at: datetime


def load_admin_data(store: OpenStore) -> tuple[list[OperatorRow], int]:
    """The op behind the view: operators as plain rows, and the idle-lock minutes."""
    rows = [
        OperatorRow(o.login, o.display_name, o.role, o.active, o.created_at)
        for o in store.operators()
    ]
    return rows, read_idle_lock_minutes(store)


class AddOperatorDialog(QDialog):
    """Login, full name, role and a first password; the key slot is made in a worker."""

    added = Signal(str)

    def __init__(self, store: OpenStore, ops: Ops, kdf: KdfParams, parent: QWidget) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self._kdf = kdf
        self._busy = False
        self.setWindowTitle(self.tr("Add an operator"))
        self.fields = OperatorFields(with_role=True, desk=store.desk)
        self.login = self.fields.login
        self.display_name = self.fields.display_name
        assert self.fields.role is not None
        self.role: QComboBox = self.fields.role
        self.password = self.fields.password
        self.confirm = self.fields.confirm
        self.problem = self.fields.problem
        self.busy = self.fields.busy
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Add"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.fields.changed.connect(self._validate)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.buttons)
        self._validate()

    def _validate(self) -> None:
        problem = self.fields.show_problem()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(problem is None and not self._busy)

    def submit(self) -> None:
        if self._busy or self.fields.first_problem() is not None:
            return
        login = self.login.text().strip()
        name = self.display_name.text().strip()
        role = str(self.role.currentData())
        password = self.password.text()
        store, kdf = self._store, self._kdf
        self._set_busy(True)
        self._ops.run(
            lambda: store.add_operator(login, role, password, display_name=name, kdf=kdf),
            on_success=lambda _: self._on_added(login),
            on_failure=self._on_failed,
            guard=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.fields.set_busy(busy)
        self._validate()

    def _on_added(self, login: str) -> None:
        self._set_busy(False)
        self.fields.forget_passwords()
        self.added.emit(login)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.problem.setText(message_for(exc))


class AdminView(QWidget):
    """Operators (list, add, disable) and the idle-lock delay.

    Signals:
        idle_minutes_changed(int): the delay was loaded or saved.
    """

    idle_minutes_changed = Signal(int)

    def __init__(
        self,
        store: OpenStore,
        ops: Ops,
        kdf: KdfParams = DEFAULT_KDF,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self._kdf = kdf
        self._rows: list[OperatorRow] = []

        title = QLabel(self.tr("<h2>Administration</h2>"))
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
        self.disable_button = QPushButton(self.tr("&Disable operator"))
        self.disable_button.clicked.connect(self.disable_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.disable_button)
        buttons.addStretch(1)
        operators = QGroupBox(self.tr("Operators"))
        operators_layout = QVBoxLayout(operators)
        operators_layout.addWidget(self.table)
        operators_layout.addLayout(buttons)

        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(IDLE_LOCK_MIN, IDLE_LOCK_MAX)
        self.idle_minutes.setValue(IDLE_LOCK_DEFAULT)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setAccessibleName(self.tr("Lock after minutes without activity"))
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.clicked.connect(self.save_settings)
        settings = QGroupBox(self.tr("Settings"))
        settings_form = QFormLayout(settings)
        row = QHBoxLayout()
        row.addWidget(self.idle_minutes)
        row.addWidget(self.save_button)
        row.addStretch(1)
        idle_label = QLabel(self.tr("&Lock the desk after:"))
        idle_label.setBuddy(self.idle_minutes)
        settings_form.addRow(idle_label, row)

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

    # ------------------------------------------------------------- loading
    def reload(self) -> None:
        store = self._store
        self._ops.run(
            lambda: load_admin_data(store),
            on_success=self._on_loaded,
            on_failure=lambda exc: self.message.setText(message_for(exc)),
            guard=self,
        )

    def _on_loaded(self, data: tuple[list[OperatorRow], int]) -> None:
        rows, minutes = data
        self._rows = rows
        self.table.setRowCount(len(rows))
        for r, op in enumerate(rows):
            status = self.tr("active") if op.active else self.tr("disabled")
            values = (op.login, op.display_name, role_label(op.role), status)
            for c, value in enumerate((*values, format_date(op.created_at))):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.idle_minutes.setValue(minutes)
        self.idle_minutes_changed.emit(minutes)

    # ------------------------------------------------------------- actions
    def add_operator(self) -> None:
        dialog = AddOperatorDialog(self._store, self._ops, self._kdf, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(self._on_operator_added)
        dialog.open()

    def _on_operator_added(self, login: str) -> None:
        self.message.setText(arg(self.tr("Operator %1 added."), login))
        self.reload()

    def selected_login(self) -> str | None:
        row = self.table.currentRow()
        return self._rows[row].login if 0 <= row < len(self._rows) else None

    def disable_selected(self) -> None:
        login = self.selected_login()
        if login is None:
            self.message.setText(self.tr("Select an operator in the list first."))
            return
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

    def save_settings(self) -> None:
        minutes = self.idle_minutes.value()
        store = self._store
        self._ops.run(
            lambda: write_idle_lock_minutes(store, minutes),
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
        self.message.clear()
