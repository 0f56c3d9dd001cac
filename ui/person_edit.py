"""The dialog that edits a person's own fields from the person file (Ctrl+E).

The form starts from what the file shows; saving applies the whole form with
``update_person`` in an op, so only the fields that changed are written. A refusal is shown
in the dialog and nothing is stored.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from models.errors import ValidationFailed
from models.lookup import live_person
from models.people import PersonForm, update_person
from models.person_file import PersonView
from models.roles import Actor
from models.store import OpenStore
from ui.errors import message_for
from ui.formats import format_date
from ui.intake_view import codes, parse_date, parse_year
from ui.ops import Generation, Ops
from ui.reference_data import ReferenceLists


def save_person(
    session: Session, actor: Actor, person_id: str, edited: dict[str, object]
) -> list[str]:
    """The op: the stored person with the dialog's fields applied; returns the changed names."""
    current = PersonForm.from_person(live_person(session, person_id))
    form = replace(current, **edited)  # type: ignore[arg-type]
    return update_person(session, actor, person_id, form)


def _line(accessible: str, value: str) -> QLineEdit:
    """A line edit holding ``value``, with its accessible name."""
    field = QLineEdit(value)
    field.setAccessibleName(accessible)
    return field


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
        self._build_identity_fields(person)
        self._build_status_fields(person, reference)
        form = self._build_form()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.given_name.setFocus()

    def _build_identity_fields(self, person: PersonView) -> None:
        """Names, sex, birth and citizenship, filled from the person file."""
        self.given_name = _line(self.tr("Given name as written"), person.given_name)
        self.family_name = _line(self.tr("Family name as written"), person.family_name)
        self.given_name_latin = _line(self.tr("Given name (Latin)"), person.given_name_latin)
        self.family_name_latin = _line(self.tr("Family name (Latin)"), person.family_name_latin)
        self.sex = QComboBox()
        self.sex.setAccessibleName(self.tr("Sex"))
        for code, label in (
            ("", self.tr("Not stated")),
            ("F", self.tr("Female")),
            ("M", self.tr("Male")),
            ("X", self.tr("Other")),
        ):
            self.sex.addItem(label, code)
        self.sex.setCurrentIndex(max(0, self.sex.findData(person.sex)))
        self.birth_date = _line(
            self.tr("Date of birth (dd/mm/yyyy)"), format_date(person.birth_date)
        )
        year = "" if person.birth_date or person.birth_year is None else str(person.birth_year)
        self.birth_year = _line(self.tr("Year of birth, if the date is not known"), year)
        self.citizenships = _line(
            self.tr("Citizenship (country codes)"),
            ", ".join(c.upper() for c in person.citizenships),
        )

    def _build_status_fields(self, person: PersonView, reference: ReferenceLists) -> None:
        """Language, contacts, address, legal status, permit and notes."""
        self.preferred_language = _line(self.tr("Preferred language"), person.preferred_language)
        self.phone = _line(self.tr("Phone"), person.phone)
        self.email = _line(self.tr("E-mail"), person.email)
        self.address = _line(self.tr("Address"), person.address)
        self.municipio = _line(
            self.tr("Municipio (1-9)"), "" if person.municipio is None else str(person.municipio)
        )
        self.legal_status = QComboBox()
        self.legal_status.setAccessibleName(self.tr("Legal status"))
        for choice in reference.of("legal_status"):
            self.legal_status.addItem(choice.label, choice.code)
        if self.legal_status.findData(person.legal_status) < 0:
            self.legal_status.addItem(
                reference.label("legal_status", person.legal_status), person.legal_status
            )
        self.legal_status.setCurrentIndex(self.legal_status.findData(person.legal_status))
        self.permit_expiry = _line(
            self.tr("Permit expiry (dd/mm/yyyy)"), format_date(person.permit_expiry)
        )
        self.notes = QPlainTextEdit(person.notes)
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setTabChangesFocus(True)

    def _build_form(self) -> QFormLayout:
        """The fields with their captions, in tab order."""
        form = QFormLayout()
        for label, widget in (
            (self.tr("&Given name"), self.given_name),
            (self.tr("&Family name"), self.family_name),
            (self.tr("Given name (&Latin)"), self.given_name_latin),
            (self.tr("Family name (La&tin)"), self.family_name_latin),
            (self.tr("Se&x"), self.sex),
            (self.tr("Date of &birth"), self.birth_date),
            (self.tr("Year of birth"), self.birth_year),
            (self.tr("Citi&zenship"), self.citizenships),
            (self.tr("Preferred lan&guage"), self.preferred_language),
            (self.tr("&Phone"), self.phone),
            (self.tr("&E-mail"), self.email),
            (self.tr("A&ddress"), self.address),
            (self.tr("&Municipio"), self.municipio),
            (self.tr("Legal stat&us"), self.legal_status),
            (self.tr("Permit e&xpiry"), self.permit_expiry),
            (self.tr("&Notes"), self.notes),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        return form

    def _build_buttons(self) -> None:
        """The error line and the Save and Cancel buttons."""
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setAccessibleName(self.tr("Why the person was not saved"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def edited(self) -> dict[str, object]:
        """The fields of the dialog, for ``PersonForm``; ``ValidationFailed`` for bad dates."""
        return {
            "given_name": self.given_name.text(),
            "family_name": self.family_name.text(),
            "given_name_latin": self.given_name_latin.text(),
            "family_name_latin": self.family_name_latin.text(),
            "sex": str(self.sex.currentData() or ""),
            "birth_date": parse_date(self.birth_date.text(), "birth_date"),
            "birth_year": parse_year(self.birth_year.text(), "birth_year"),
            "citizenships": codes(self.citizenships.text()),
            "preferred_language": self.preferred_language.text().strip(),
            "phone": self.phone.text(),
            "email": self.email.text(),
            "address": self.address.text(),
            "municipio": parse_year(self.municipio.text(), "municipio"),
            "legal_status": str(self.legal_status.currentData() or "unknown"),
            "permit_expiry": parse_date(self.permit_expiry.text(), "permit_expiry"),
            "notes": self.notes.toPlainText(),
        }

    def save(self) -> None:
        if self._saving:
            return
        self.error.clear()
        try:
            edited = self.edited()
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
