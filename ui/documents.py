"""Printed documents from the views: the ops that make them and the dialogs that show them.

The views call the ``open_*`` functions with plain ids; the document itself is made by
``models.documents`` in a worker (``session_call``: one session per document) and shown in a
:class:`~ui.document_preview.DocumentPreview`. The services check roles and raise
``PermissionDenied``; the preview shows the translated message.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QPushButton, QWidget
from sqlalchemy.orm import Session

from models import documents
from models.documents import Document
from models.gdpr import export_json
from models.roles import Actor
from models.store import OpenStore
from ui.document_preview import DocumentPreview, DocumentSource
from ui.i18n import arg
from ui.ops import IO, Ops, session_call
from ui.save_file import ask_save_path, write_file


def _from_store(
    store: OpenStore,
    make: Callable[[Session, Actor, Any, str | None], Document],
    subject: Any,
    language: str | None,
) -> Document:
    """A ``DocumentSource`` op: the document ``make`` writes about ``subject`` (an id)."""
    return session_call(store, lambda session, actor: make(session, actor, subject, language))


# ----------------------------------------------------------------- dialogs
def show(dialog: DocumentPreview) -> DocumentPreview:
    """Open ``dialog`` window-modal; it is deleted when closed."""
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def open_referral_slip(
    parent: QWidget, store: OpenStore, ops: Ops, referral_id: str
) -> DocumentPreview:
    """The referral slip, in the person's language until the operator picks another."""
    source = DocumentSource(partial(_from_store, store, documents.referral_slip, referral_id))
    return show(
        DocumentPreview(
            ops, source, QCoreApplication.translate("Documents", "Referral slip"), parent
        )
    )


def open_consent_notice(
    parent: QWidget,
    store: OpenStore,
    ops: Ops,
    person_id: str | None = None,
    language: str | None = None,
) -> DocumentPreview:
    """The privacy notice: for a person (their language), or blank for the intake."""
    if language is not None:
        language = documents.document_language(language)
    source = DocumentSource(
        partial(_from_store, store, documents.consent_notice, person_id), language=language
    )
    return show(
        DocumentPreview(
            ops, source, QCoreApplication.translate("Documents", "Privacy notice"), parent
        )
    )


def open_data_export(
    parent: QWidget, store: OpenStore, ops: Ops, person_id: str
) -> DataExportPreview:
    """All the data about a person (GDPR access right): PDF, and JSON on request."""
    dialog = DataExportPreview(store, ops, person_id, parent)
    show(dialog)
    return dialog


class DataExportPreview(DocumentPreview):
    """The data export's preview, with Save JSON… beside Save as PDF….

    Signals:
        json_saved(str): the path of the JSON file written.
    """

    json_saved = Signal(str)
    json_button: QPushButton | None = None  # set after the base class has built the dialog

    def __init__(
        self, store: OpenStore, ops: Ops, person_id: str, parent: QWidget | None = None
    ) -> None:
        source = DocumentSource(partial(_from_store, store, documents.data_export, person_id))
        super().__init__(
            ops, source, QCoreApplication.translate("Documents", "Data export"), parent
        )
        self._store = store
        self._person_id = person_id
        self.json_button = QPushButton(self.tr("Save &JSON…"))
        self.json_button.setToolTip(
            self.tr("The same data in a machine-readable file, for another service or system")
        )
        self.json_button.clicked.connect(self.save_json)
        self.add_button(self.json_button)
        self._update_buttons()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if self.json_button is not None:
            self.json_button.setEnabled(self.save_button.isEnabled())

    def save_json(self) -> None:
        """Ask where, then write the person's data as JSON (made in a worker)."""
        document = self.document
        if document is None or self.busy:
            return
        name = Path(document.suggested_name).with_suffix(".json").name
        path = ask_save_path(
            self, self.tr("Save the data as JSON"), name, self.tr("JSON files (*.json)"), ".json"
        )
        if path is None:
            return
        self._saving = True
        self._update_buttons()
        self.status.setText(self.tr("Saving…"))
        if document.data:  # the JSON made with the PDF: the same snapshot, one audit entry
            self._write_json(path, document.data)
            return
        person_id = self._person_id
        self._ops.in_session(
            self._store,
            lambda session, actor: export_json(session, actor, person_id),
            on_success=lambda data: self._write_json(path, data),
            on_failure=self._on_save_failed,
            guard=self,
        )

    def _write_json(self, path: str, data: bytes) -> None:
        self._ops.run(
            lambda: write_file(path, data),
            on_success=self._on_json_saved,
            on_failure=self._on_save_failed,
            guard=self,
            kind=IO,
        )

    def _on_json_saved(self, path: str) -> None:
        self._saving = False
        self._update_buttons()
        self.status.setText(arg(self.tr("Saved as %1."), Path(path).name))
        self.json_saved.emit(path)
