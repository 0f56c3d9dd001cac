"""The person's own fields, one widget for the intake (a new person) and the edit dialog.

``FIELDS`` lists them once, in tab order: the ``PersonForm`` field each one edits, its caption
(with its mnemonic), its accessible name and its kind. The kind decides the widget, how the
typed text is read back and how a stored value is shown; text that cannot be read (a date
such as 31/02/2000) is a ``ValidationFailed`` naming the field. The intake asks the fields
marked ``intake``; the edit dialog shows them all. Every field has its red error line under it.

The captions' mnemonics must differ from each other and from those of both hosts: the
intake's (N, P, R, E, C, L, M, A, W, T, V, D) and the edit dialog's Save (S).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from models.identifiers import phone_display
from models.people import PersonForm
from models.person_file import PersonView
from ui.country_completer import CountryCompleter
from ui.form_fields import FieldRows, fill_combo
from ui.formats import codes, format_codes, format_date, parse_date, parse_number
from ui.reference_data import ReferenceLists

_CONTEXT = "PersonFields"


class Kind(Enum):
    TEXT = "text"  # one line, kept as typed
    CODE = "code"  # one code, trimmed (a language)
    CODES = "codes"  # codes apart by commas or spaces (countries), shown in capitals
    DATE = "date"  # dd/mm/yyyy
    YEAR = "year"  # four digits
    NUMBER = "number"  # a whole number
    SEX = "sex"  # Not stated, Female, Male, Other
    CHOICE = "choice"  # an entry of the reference list named by ``FieldSpec.choices``
    NOTES = "notes"  # several lines
    PHONE = "phone"  # a phone number, shown grouped as people read it (stored in E.164)


@dataclass(frozen=True)
class FieldSpec:
    """One field: ``key`` is its ``PersonForm`` name (and the field refusals name); caption
    and accessible name are source texts marked for lupdate, translated when shown."""

    key: str
    caption: object  # QT_TRANSLATE_NOOP's type
    accessible: object
    kind: Kind = Kind.TEXT
    intake: bool = True  # asked at intake too, not only in the edit dialog
    choices: str = ""  # the reference list of a CHOICE


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "given_name",
        QT_TRANSLATE_NOOP("PersonFields", "&Given name"),
        QT_TRANSLATE_NOOP("PersonFields", "Given name (as written)"),
    ),
    FieldSpec(
        "family_name",
        QT_TRANSLATE_NOOP("PersonFields", "&Family name"),
        QT_TRANSLATE_NOOP("PersonFields", "Family name (as written)"),
    ),
    FieldSpec(
        "given_name_latin",
        QT_TRANSLATE_NOOP("PersonFields", "Given name (Latin)"),
        QT_TRANSLATE_NOOP("PersonFields", "Given name in Latin letters"),
    ),
    FieldSpec(
        "family_name_latin",
        QT_TRANSLATE_NOOP("PersonFields", "Family name (Latin)"),
        QT_TRANSLATE_NOOP("PersonFields", "Family name in Latin letters"),
    ),
    FieldSpec(
        "sex",
        QT_TRANSLATE_NOOP("PersonFields", "Se&x"),
        QT_TRANSLATE_NOOP("PersonFields", "Sex"),
        Kind.SEX,
    ),
    FieldSpec(
        "birth_date",
        QT_TRANSLATE_NOOP("PersonFields", "Date of &birth"),
        QT_TRANSLATE_NOOP("PersonFields", "Date of birth (dd/mm/yyyy)"),
        Kind.DATE,
    ),
    FieldSpec(
        "birth_year",
        QT_TRANSLATE_NOOP("PersonFields", "Year of birth"),
        QT_TRANSLATE_NOOP("PersonFields", "Year of birth, if the date is not known"),
        Kind.YEAR,
    ),
    FieldSpec(
        "citizenships",
        QT_TRANSLATE_NOOP("PersonFields", "Citi&zenship"),
        QT_TRANSLATE_NOOP("PersonFields", "Citizenship (country codes, e.g. EG, PE)"),
        Kind.CODES,
    ),
    FieldSpec(
        "preferred_language",
        QT_TRANSLATE_NOOP("PersonFields", "Preferred language"),
        QT_TRANSLATE_NOOP("PersonFields", "Preferred language (code, e.g. ar)"),
        Kind.CODE,
    ),
    FieldSpec(
        "phone",
        QT_TRANSLATE_NOOP("PersonFields", "P&hone"),
        QT_TRANSLATE_NOOP("PersonFields", "Phone"),
        Kind.PHONE,
    ),
    FieldSpec(
        "email",
        QT_TRANSLATE_NOOP("PersonFields", "&E-mail"),
        QT_TRANSLATE_NOOP("PersonFields", "E-mail"),
        intake=False,
    ),
    FieldSpec(
        "address",
        QT_TRANSLATE_NOOP("PersonFields", "A&ddress"),
        QT_TRANSLATE_NOOP("PersonFields", "Address"),
        intake=False,
    ),
    FieldSpec(
        "municipio",
        QT_TRANSLATE_NOOP("PersonFields", "&Municipio"),
        QT_TRANSLATE_NOOP("PersonFields", "Municipio (1-9)"),
        Kind.NUMBER,
        intake=False,
    ),
    FieldSpec(
        "legal_status",
        QT_TRANSLATE_NOOP("PersonFields", "Legal stat&us"),
        QT_TRANSLATE_NOOP("PersonFields", "Legal status"),
        Kind.CHOICE,
        choices="legal_status",
    ),
    FieldSpec(
        "permit_expiry",
        QT_TRANSLATE_NOOP("PersonFields", "Permit exp&iry"),
        QT_TRANSLATE_NOOP("PersonFields", "Permit expiry (dd/mm/yyyy)"),
        Kind.DATE,
    ),
    FieldSpec(
        "notes",
        QT_TRANSLATE_NOOP("PersonFields", "&Notes"),
        QT_TRANSLATE_NOOP("PersonFields", "Notes"),
        Kind.NOTES,
        intake=False,
    ),
)

_BLANK = PersonForm()  # what an empty field stands for (an empty combo box too)


def _tr(text: object) -> str:
    return QCoreApplication.translate(_CONTEXT, str(text))  # lupdate: marked in FIELDS


def _number_text(value: int | None) -> str:
    return "" if value is None else str(value)


def _keep(text: str, _field: str) -> str:
    return text


def _trim(text: str, _field: str) -> str:
    return text.strip()


def _codes(text: str, _field: str) -> list[str]:
    return codes(text)


# How the text of a line is read back (with the field's name for a refusal), and shown.
_READ: dict[Kind, Callable[[str, str], Any]] = {
    Kind.TEXT: _keep,
    Kind.CODE: _trim,
    Kind.CODES: _codes,
    Kind.PHONE: _trim,
    Kind.DATE: parse_date,
    Kind.YEAR: parse_number,
    Kind.NUMBER: parse_number,
}
_SHOW: dict[Kind, Callable[[Any], str]] = {
    Kind.TEXT: str,
    Kind.CODE: str,
    Kind.CODES: format_codes,
    Kind.PHONE: phone_display,
    Kind.DATE: format_date,
    Kind.YEAR: _number_text,
    Kind.NUMBER: _number_text,
}


class PersonFields(QWidget):
    """The rows of the person's fields (``intake``: only those asked at intake)."""

    def __init__(self, *, intake: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.specs = tuple(spec for spec in FIELDS if spec.intake or not intake)
        self._widgets: dict[str, QWidget] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self._rows = FieldRows(form)
        for spec in self.specs:
            widget = self._make(spec)
            widget.setAccessibleName(_tr(spec.accessible))
            self._widgets[spec.key] = widget
            self._rows.add(spec.key, _tr(spec.caption), widget)

    def _make(self, spec: FieldSpec) -> QWidget:
        """The input widget of a field of this kind."""
        if spec.kind is Kind.SEX:
            sex = QComboBox()
            for code, label in (
                ("", self.tr("Not stated")),
                ("F", self.tr("Female")),
                ("M", self.tr("Male")),
                ("X", self.tr("Other")),
            ):
                sex.addItem(label, code)
            return sex
        if spec.kind is Kind.CHOICE:
            return QComboBox()  # filled by set_choices
        if spec.kind is Kind.NOTES:
            notes = QPlainTextEdit()
            notes.setTabChangesFocus(True)
            return notes
        line = QLineEdit()
        if spec.kind is Kind.CODES:
            CountryCompleter(line, several=True)  # kept by the field, its parent
        elif spec.kind is Kind.DATE:
            line.setPlaceholderText(self.tr("dd/mm/yyyy"))
        elif spec.kind is Kind.YEAR:
            line.setMaxLength(4)
        return line

    # ------------------------------------------------------------- the widgets
    def field(self, key: str) -> QWidget:
        """The input widget of the field ``key``."""
        return self._widgets[key]

    def line(self, key: str) -> QLineEdit:
        """The line edit of a one-line field."""
        widget = self._widgets[key]
        assert isinstance(widget, QLineEdit)
        return widget

    def focus_chain(self) -> list[QWidget]:
        """The input widgets in tab order."""
        return [self._widgets[spec.key] for spec in self.specs]

    @property
    def errors(self) -> dict[str, QLabel]:
        """The error line under each field, by field name."""
        return self._rows.errors

    # ------------------------------------------------------------- values
    def set_choices(self, lists: ReferenceLists) -> None:
        """Offer the reference lists; each such field starts at the form's default."""
        for spec in self.specs:
            if spec.kind is Kind.CHOICE:
                combo = self._widgets[spec.key]
                assert isinstance(combo, QComboBox)
                fill_combo(combo, lists.of(spec.choices), getattr(_BLANK, spec.key))

    def set_values(self, person: PersonView | PersonForm) -> None:
        """Show the person's stored values (the start of an edit)."""
        for spec in self.specs:
            value = getattr(person, spec.key)
            combo = self._widgets[spec.key]
            if (
                isinstance(combo, QComboBox)
                and spec.kind is Kind.CHOICE
                and combo.findData(value) < 0
            ):
                combo.addItem(str(value), value)  # a code the list no longer offers
            self._show(spec, value)
        if person.birth_date is not None and "birth_year" in self._widgets:
            self.line("birth_year").setText("")  # derived from the date: typed only without

    def clear(self) -> None:
        """Empty every field, its undo history too, and hide the errors."""
        for spec in self.specs:
            self._show(spec, getattr(_BLANK, spec.key))
        self.clear_errors()

    def _show(self, spec: FieldSpec, value: Any) -> None:
        widget = self._widgets[spec.key]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        else:
            assert isinstance(widget, QLineEdit)
            widget.setText(_SHOW[spec.kind](value))  # unlike clear(), empties the undo history

    def values(self) -> dict[str, Any]:
        """The fields as typed, by ``PersonForm`` name; ``ValidationFailed`` names a field whose
        text cannot be read."""
        return {spec.key: self._read(spec) for spec in self.specs}

    def form(self) -> PersonForm:
        """A new person as typed (the fields not shown keep their defaults)."""
        return PersonForm(**self.values())

    def _read(self, spec: FieldSpec) -> Any:
        widget = self._widgets[spec.key]
        if isinstance(widget, QComboBox):
            return str(widget.currentData() or getattr(_BLANK, spec.key))
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        assert isinstance(widget, QLineEdit)
        return _READ[spec.kind](widget.text(), spec.key)

    # ------------------------------------------------------------- errors
    def show_error(self, key: str, message: str) -> bool:
        """``message`` under the field ``key``, which takes the focus; False if it is not one
        of these fields."""
        return self._rows.show_error(key, message)

    def clear_errors(self) -> None:
        self._rows.clear_errors()
