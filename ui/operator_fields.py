"""The fields of a new operator: login, full name, optional role and a first password twice.

Shared by the add-operator dialog (with the role) and the setup wizard's first-administrator
page (without it): the widgets, their accessible names and mnemonics, the red "problem" line,
the busy bar and the validation of the whole form.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from models.errors import ValidationFailed, WeakPassword
from models.passwords import check_password, personal_words
from models.roles import ROLES
from models.store import check_login
from ui.errors import message_for
from ui.vocabulary import role_label


def problem_label() -> QLabel:
    """The red line under a form that says what to fix (plain text, read out by name)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(QCoreApplication.translate("OperatorFields", "Problem"))
    label.setStyleSheet("color: #a40000;")
    return label


def busy_bar(accessible_name: str = "") -> QProgressBar:
    """A hidden busy indicator for a key derivation or a re-encryption running in a worker."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    if accessible_name:
        bar.setAccessibleName(accessible_name)
    bar.hide()
    return bar


class OperatorFields(QWidget):
    """Form rows, problem line and busy bar of a new operator.

    ``with_role`` adds the role combo (between full name and password); ``name_required``
    makes an empty full name an (unworded) problem. ``desk`` (the desk code, settable
    later: the wizard knows it only from its first page) joins the login and the full name
    as words the password must not be built on (``models.passwords``).

    Signals:
        changed(): one of the text fields was edited.
    """

    changed = Signal()

    def __init__(
        self,
        *,
        with_role: bool = False,
        name_required: bool = False,
        desk: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._name_required = name_required
        self.desk = desk
        # The last password judged and the verdict: typing in the other fields (the
        # confirmation above all) does not run the estimator again (up to 0.1 s a call).
        self._judged: tuple[str, list[str], str] | None = None
        self.login = QLineEdit()
        self.login.setAccessibleName(self.tr("Login"))
        self.login.setMaxLength(64)
        self.display_name = QLineEdit()
        self.display_name.setAccessibleName(self.tr("Full name"))
        self.display_name.setMaxLength(200)
        self.role: QComboBox | None = None
        if with_role:
            self.role = QComboBox()
            self.role.setAccessibleName(self.tr("Role"))
            for role in ROLES:
                self.role.addItem(role_label(role), role)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(self.tr("Password again"))
        for field in (self.login, self.display_name, self.password, self.confirm):
            field.textChanged.connect(self.changed)

        form = QFormLayout()
        form.addRow(self.tr("&Login:"), self.login)
        form.addRow(self.tr("&Full name:"), self.display_name)
        if self.role is not None:
            form.addRow(self.tr("&Role:"), self.role)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("Password &again:"), self.confirm)

        self.problem = problem_label()
        self.busy = busy_bar()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.busy)

    def first_problem(self) -> str | None:
        """The first thing to fix, in words ("" when just incomplete); ``None`` when ready."""
        login = self.login.text().strip()
        if not login:
            return ""
        try:
            check_login(login)
        except ValidationFailed as exc:
            return message_for(exc)
        if self._name_required and not self.display_name.text().strip():
            return ""
        password = self.password.text()
        if not password:
            return ""
        weak = self._password_problem(password, login)
        if weak:
            return weak
        if not self.confirm.text():
            return ""
        if self.confirm.text() != password:
            return self.tr("The two passwords are different.")
        return None

    def _password_problem(self, password: str, login: str) -> str:
        words = personal_words(login, self.display_name.text().strip(), self.desk)
        if self._judged is None or self._judged[:2] != (password, words):
            try:
                check_password(password, words)
                verdict = ""
            except WeakPassword as exc:
                verdict = message_for(exc)
            self._judged = (password, words, verdict)
        return self._judged[2]

    def show_problem(self) -> str | None:
        """Validate, show the problem (if any) and return it."""
        problem = self.first_problem()
        self.problem.setText(problem or "")
        return problem

    def set_busy(self, busy: bool) -> None:
        """Show the busy bar and lock the fields while the operator is being created."""
        self.busy.setVisible(busy)
        fields: list[QWidget] = [self.login, self.display_name, self.password, self.confirm]
        if self.role is not None:
            fields.append(self.role)
        for field in fields:
            field.setEnabled(not busy)

    def forget_passwords(self) -> None:
        self.password.setText("")
        self.confirm.setText("")
        self._judged = None
