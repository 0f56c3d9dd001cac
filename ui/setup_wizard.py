"""First run: choose the desk, create the first administrator, write down the recovery key.

Store creation (Argon2id, about a second) runs as an op; the admin page is a commit page,
so once the store exists there is no going back. The recovery key is shown once, and the
wizard cannot be finished or cancelled until the operator ticks "I have written it down".
"Print…" previews the recovery key sheet and prints it, never to a file
(``ui.recovery_key``, shared with the re-encryption in Administration). A last, optional
page enrols the desk with the Welcome Center's server (the same form as the Sync
section); Finish is offered on the recovery page already.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from models import reference
from models.store import Created, DeskStore
from ui.errors import message_for
from ui.i18n import arg
from ui.operator_fields import OperatorFields
from ui.ops import Ops
from ui.recovery_key import RecoveryKeyPanel
from ui.sync_enrol import EnrolForm

DESK_PAGE, ADMIN_PAGE, RECOVERY_PAGE, CONNECT_PAGE = range(4)


class DeskPage(QWizardPage):
    """Which of the four ARCO desks this computer serves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Which desk is this?"))
        self.setSubTitle(
            self.tr("Choose the desk where this computer is used. It cannot be changed later.")
        )
        self.desks = QListWidget()
        self.desks.setAccessibleName(self.tr("Desk"))
        for desk in reference.desks():
            text = arg(
                self.tr("%1 — %2, Municipio %3"), desk["name"], desk["host"], desk["municipio"]
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, desk["code"])
            self.desks.addItem(item)
        self.desks.itemSelectionChanged.connect(self.completeChanged)
        self.desks.itemActivated.connect(lambda *_: self.wizard().next())
        label = QLabel(self.tr("&Desk:"))
        label.setBuddy(self.desks)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.desks)

    def desk_code(self) -> str | None:
        """The chosen desk: a selected row, not just the focus rectangle."""
        items = self.desks.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def select(self, code: str) -> None:
        for row in range(self.desks.count()):
            if self.desks.item(row).data(Qt.ItemDataRole.UserRole) == code:
                self.desks.setCurrentRow(row)

    def initializePage(self) -> None:
        self.desks.setFocus()

    def isComplete(self) -> bool:
        return self.desk_code() is not None


class AdminPage(QWizardPage):
    """The first administrator; pressing "Create the desk" creates the store in a worker."""

    def __init__(self, desk_store: DeskStore, ops: Ops, desk_page: DeskPage):
        super().__init__()
        self._desk_store = desk_store
        self._ops = ops
        self._desk_page = desk_page
        self._busy = False
        self.created: Created | None = None
        self.setTitle(self.tr("First administrator"))
        self.setSubTitle(
            self.tr(
                "This person manages the operators of the desk. "
                "The password needs at least 10 characters and must not be easy to guess: "
                "a short sentence of a few words is easy to remember and hard to guess."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Create the desk"))

        self.fields = OperatorFields(name_required=True)
        self.login = self.fields.login
        self.display_name = self.fields.display_name
        self.password = self.fields.password
        self.confirm = self.fields.confirm
        self.problem = self.fields.problem
        self.busy = self.fields.busy
        self.busy.setAccessibleName(self.tr("Creating the desk, please wait"))
        self.fields.changed.connect(self._validate)

        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addStretch(1)
        self._valid = False

    def initializePage(self) -> None:
        self.fields.desk = self._desk_page.desk_code()  # the password must not be built on it
        self._validate()
        self.login.setFocus()

    # ------------------------------------------------------------- validation
    def _validate(self) -> None:
        valid = self.fields.show_problem() is None
        if valid != self._valid:
            self._valid = valid
            self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._valid and not self._busy

    # ------------------------------------------------------------- creating
    def validatePage(self) -> bool:
        if self.created is not None:
            return True
        if self._busy or not self._valid:
            return False
        desk = self._desk_page.desk_code()
        if desk is None:
            return False
        login = self.login.text().strip()
        name = self.display_name.text().strip()
        password = self.password.text()
        desk_store = self._desk_store
        self._set_busy(True)
        self._ops.run(
            lambda: desk_store.create(desk, login, password, display_name=name),
            on_success=self._on_created,
            on_failure=self._on_failed,
            guard=self,
        )
        return False  # the wizard moves on when the op succeeds

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.fields.set_busy(busy)
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(not busy)
            wizard.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)
        self.completeChanged.emit()

    def _on_created(self, created: Created) -> None:
        self.created = created
        self.fields.forget_passwords()
        self._set_busy(False)
        self.wizard().next()

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.problem.setText(message_for(exc))


class RecoveryPage(QWizardPage):
    """The recovery key, shown once; Finish only after "I have written it down"."""

    def __init__(self, admin_page: AdminPage, desk_page: DeskPage, ops: Ops) -> None:
        super().__init__()
        self._admin_page = admin_page
        self._desk_page = desk_page
        self.setTitle(self.tr("Write down the recovery key"))
        self.setSubTitle(
            self.tr(
                "If every password is forgotten, this key is the ONLY way to open the desk "
                "data. It is shown now and never again."
            )
        )
        self.panel = RecoveryKeyPanel(
            ops, self.tr("I have &written down or printed the recovery key")
        )
        self.key = self.panel.key
        self.written_down = self.panel.written_down
        self.registerField("written_down*", self.written_down)
        # Finish here, or Next to connect to the Welcome Center (optional).
        self.setFinalPage(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)

    def initializePage(self) -> None:
        created = self._admin_page.created
        self.panel.show_key(
            created.recovery_key if created else "", self._desk_page.desk_code() or ""
        )
        self.written_down.setFocus()

    def forget(self) -> None:
        self.panel.forget()


class ConnectPage(QWizardPage):
    """Optional: enrol the new desk with the Welcome Center's server now."""

    def __init__(self, admin_page: AdminPage, ops: Ops) -> None:
        super().__init__()
        self._admin_page = admin_page
        self.setTitle(self.tr("Connect to the Welcome Center (optional)"))
        self.setSubTitle(
            self.tr(
                "With the one-time code the Welcome Center gave you, this desk sends its "
                "referrals and receives their outcome. You can also do it later from the "
                "Sync section."
            )
        )
        self.form = EnrolForm(ops)
        self.form.enrolled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def initializePage(self) -> None:
        created = self._admin_page.created
        self.form.store = created.store if created else None
        self.form.code_field.setFocus()


class SetupWizard(QWizard):
    """The first-run wizard. The key slot's Argon2id parameters are ``desk_store``'s
    (tests build it with fast ones).

    Signals:
        desk_created(object): the unlocked ``OpenStore`` of the new desk, after Finish.
    """

    desk_created = Signal(object)

    def __init__(
        self,
        desk_store: DeskStore,
        ops: Ops,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("ARCO Desk — Set up this desk"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.desk_page = DeskPage()
        self.admin_page = AdminPage(desk_store, ops, self.desk_page)
        self.recovery_page = RecoveryPage(self.admin_page, self.desk_page, ops)
        self.connect_page = ConnectPage(self.admin_page, ops)
        self.setPage(DESK_PAGE, self.desk_page)
        self.setPage(ADMIN_PAGE, self.admin_page)
        self.setPage(RECOVERY_PAGE, self.recovery_page)
        self.setPage(CONNECT_PAGE, self.connect_page)
        self.setStartId(DESK_PAGE)
        self.currentIdChanged.connect(self._on_page_changed)

    @property
    def created(self) -> Created | None:
        return self.admin_page.created

    def _on_page_changed(self, page_id: int) -> None:
        # Once the store exists, leaving without the key written down is not offered.
        self.setOption(QWizard.WizardOption.NoCancelButton, page_id >= RECOVERY_PAGE)

    def reject(self) -> None:
        if self.created is not None:
            return  # the store exists: only Finish (after the checkbox) closes the wizard
        super().reject()

    def accept(self) -> None:
        created = self.created
        if created is None or not self.recovery_page.written_down.isChecked():
            return
        self.recovery_page.forget()
        # Hand the store over first, so the main window is up before this one closes
        # (closing the last window would end the application).
        self.desk_created.emit(created.store)
        super().accept()
