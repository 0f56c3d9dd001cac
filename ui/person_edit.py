"""The dialog that edits a person's own fields from the person file (Ctrl+E).

The form starts from what the file shows; saving applies the whole form with
``update_person`` in an op, so only the fields that changed are written. A refusal is shown
in the dialog and nothing is stored.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from models.errors import ValidationFailed
from models.lookup import live_person
from models.people import PersonForm, update_person
from models.person_file import PersonView
from models.roles import Actor
from models.store import OpenStore
from ui.errors import message_for
from ui.form_fields import error_label
from ui.ops import Generation, Ops
from ui.person_fields import PersonFields
from ui.reference_data import ReferenceLists


def save_person(
    session: Session, actor: Actor, person_id: str, edited: dict[str, Any]
) -> list[str]:
    """The op: the stored person with the dialog's fields applied; returns the changed names."""
    current = PersonForm.from_person(live_person(session, person_id))
    return update_person(session, actor, person_id, replace(current, **edited))


class PersonEditDialog(QDialog):
    """Edit the person's names, birth, citizenship, contacts, address, status and notes.

    Signals:
        saved(list): the person was saved (the names of the changed fields).
        save_failed(str): a refusal or error, translated (also shown in the dialog).
    """

    saved = Signal(list)
    save_failed = Signal(str)

    def __init__(
        self,
        store: OpenStore,
        ops: Ops,
        person: PersonView,
        reference: ReferenceLists,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self._person_id = person.id
        self._generation = Generation()
        self._saving = False
        self.setWindowTitle(self.tr("Edit person"))
        self.fields = PersonFields()
        self.fields.set_choices(reference)
        self.fields.set_values(person)
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.fields.field("given_name").setFocus()

    def _build_buttons(self) -> None:
        """The error line and the Save and Cancel buttons."""
        self.error = error_label(hidden=False)
        self.error.setAccessibleName(self.tr("Why the person was not saved"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def save(self) -> None:
        if self._saving:
            return
        self.error.clear()
        try:
            edited = self.fields.values()
        except ValidationFailed as exc:
            self._on_failed(exc)
            return
        self._saving = True
        self.save_button.setEnabled(False)
        person_id = self._person_id
        self._ops.in_session(
            self._store,
            lambda session, actor: save_person(session, actor, person_id, edited),
            on_success=self._generation.current(self._on_saved),
            on_failure=self._generation.current(self._on_failed),
            guard=self,
        )

    def _on_saved(self, changed: list[str]) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.saved.emit(changed)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        message = message_for(exc)
        self.error.setText(message)
        self.save_failed.emit(message)

    def dispose(self) -> None:
        """Drop late answers (the lock destroys the person file and this dialog with it)."""
        self._generation.bump()
