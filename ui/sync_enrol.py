"""The enrolment form (server address, one-time code, optional CA file, plain-HTTP switch),
shared by the Sync view and the set-up wizard. Enrolment runs off the GUI thread."""

from __future__ import annotations

import os
import socket

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from models.store import OpenStore
from sync import enrolment
from ui.ops import IO, Ops
from ui.sync_messages import enrol_error_text

# Set by `make run` (desktop/local_central.py) to the local central server's address.
SERVER_URL_ENV = "ARCO_SERVER_URL"


class EnrolForm(QGroupBox):
    """Enrols ``store`` with the central server.

    Signals:
        enrolled(): enrolment succeeded (the credential is in the store).
        failed(str): enrolment failed; the text is in plain words.
    """

    enrolled = Signal()
    failed = Signal(str)

    def __init__(self, ops: Ops, store: OpenStore | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Enrol this computer"))
        self._ops = ops
        self.store = store
        self.url_field = QLineEdit(os.environ.get(SERVER_URL_ENV, ""))
        self.url_field.setPlaceholderText("https://")
        self.code_field = QLineEdit()
        self.ca_field = QLineEdit()
        self.ca_field.setPlaceholderText(self.tr("optional"))
        browse = QPushButton(self.tr("Bro&wse…"))
        browse.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_field, 1)
        ca_row.addWidget(browse)
        self.insecure_box = QCheckBox(self.tr("Allow plain &HTTP (not encrypted)"))
        self.insecure_warning = QLabel(
            self.tr(
                "Plain HTTP sends personal data unencrypted. Use it only for tests or on a "
                "network you fully trust; addresses on this computer (127.0.0.1) never need it."
            )
        )
        self.insecure_warning.setWordWrap(True)
        self.insecure_warning.setVisible(False)
        self.insecure_box.toggled.connect(self.insecure_warning.setVisible)
        self.enrol_button = QPushButton(self.tr("&Enrol"))
        self.enrol_button.clicked.connect(self.enrol)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Server add&ress:"), self.url_field)
        form.addRow(self.tr("Enrolment &code:"), self.code_field)
        form.addRow(self.tr("CA certificate file:"), ca_row)
        form.addRow(self.insecure_box)
        form.addRow(self.insecure_warning)
        form.addRow(self.enrol_button)
        form.addRow(self.message_label)

    def clear(self) -> None:
        """Empty the fields (the lock)."""
        for line in (self.url_field, self.code_field, self.ca_field):
            line.clear()
        self.message_label.clear()

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("CA certificate file"),
            "",
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.ca_field.setText(path)

    def enrol(self) -> None:
        """Start the enrolment with what the form holds."""
        url = self.url_field.text().strip()
        code = self.code_field.text().strip()
        store = self.store
        if store is None:
            return
        if not url or not code:
            self.message_label.setText(self.tr("Enter the server address and the enrolment code."))
            return
        actor = store.actor
        ca = self.ca_field.text().strip() or None
        insecure = self.insecure_box.isChecked()
        name = socket.gethostname()
        self.enrol_button.setEnabled(False)
        self.message_label.setText(self.tr("Enrolling…"))
        self._ops.run(
            lambda: enrolment.enrol(store, actor, url, code, name, ca, insecure),
            on_success=self._on_enrolled,
            on_failure=self._on_failed,
            guard=self,
            kind=IO,
        )

    def _on_enrolled(self, _device_id: object) -> None:
        self.enrol_button.setEnabled(True)
        self.code_field.clear()
        self.message_label.setText(self.tr("This computer is enrolled."))
        self.enrolled.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self.enrol_button.setEnabled(True)
        text = enrol_error_text(exc)
        self.message_label.setText(text)
        self.failed.emit(text)
