"""The repeating parts of the intake: household members and identity documents.

Each part is a list of rows with an "Add" button (the intake view gives it a shortcut) and a
"Remove" button on each row. Every row has its own error label, so a refusal that
names ``household[1].birth_year`` is shown next to the second relative.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.people import DocumentForm, HouseholdForm
from ui.country_completer import CountryCompleter
from ui.form_fields import error_label, fill_combo
from ui.formats import parse_date, parse_number
from ui.i18n import arg
from ui.reference_data import Choice


def _fill_combo(combo: QComboBox, choices: tuple[Choice, ...]) -> None:
    """Offer ``choices`` after an empty entry, keeping the one chosen if still offered."""
    fill_combo(combo, choices, str(combo.currentData() or ""), blank=True)


class _Row(QWidget):
    """One row: its input widgets, a Remove button and an error label."""

    remove_requested = Signal(QWidget)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.remove_button = QPushButton(QCoreApplication.translate("IntakeRows", "Remove"))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        top = QHBoxLayout()
        top.addLayout(self.grid, 1)
        top.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.error)
        self.inputs: dict[str, QWidget] = {}

    def _put(self, key: str, row: int, column: int, caption: str, widget: QWidget) -> None:
        label = QLabel(caption)
        label.setBuddy(widget)
        self.grid.addWidget(label, row, column * 2)
        self.grid.addWidget(widget, row, column * 2 + 1)
        self.inputs[key] = widget

    def focus_chain(self) -> list[QWidget]:
        return [*self.inputs.values(), self.remove_button]

    def show_error(self, key: str, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.inputs.get(key, self.focus_chain()[0]).setFocus()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()


class HouseholdRow(_Row):
    """A relative: relationship, names, year of birth, where they live, dependent."""

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.relationship = QComboBox()
        self.given_name = QLineEdit()
        self.family_name = QLineEdit()
        self.birth_year = QLineEdit()
        self.birth_year.setMaxLength(4)
        self.lives_in = QComboBox()
        self.lives_in.addItem(self.tr("In Italy"), "italy")
        self.lives_in.addItem(self.tr("Abroad"), "abroad")
        self.country = QLineEdit()
        CountryCompleter(self.country, several=False)  # kept by the field, its parent
        self.dependent = QCheckBox(self.tr("Dependent"))
        self._put("relationship_code", 0, 0, self.tr("Relationship"), self.relationship)
        self._put("given_name", 0, 1, self.tr("Given name"), self.given_name)
        self._put("family_name", 0, 2, self.tr("Family name"), self.family_name)
        self._put("birth_year", 1, 0, self.tr("Year of birth"), self.birth_year)
        self._put("lives_in", 1, 1, self.tr("Lives"), self.lives_in)
        self._put("country", 1, 2, self.tr("Country"), self.country)
        self.grid.addWidget(self.dependent, 2, 1)
        self.inputs["dependent"] = self.dependent
        self.set_index(index)

    def set_index(self, index: int) -> None:
        """Number the accessible names (after a row above is removed, too)."""
        n = str(index + 1)
        self.relationship.setAccessibleName(arg(self.tr("Relationship of relative %1"), n))
        self.given_name.setAccessibleName(arg(self.tr("Given name of relative %1"), n))
        self.family_name.setAccessibleName(arg(self.tr("Family name of relative %1"), n))
        self.birth_year.setAccessibleName(arg(self.tr("Year of birth of relative %1"), n))
        self.lives_in.setAccessibleName(arg(self.tr("Where relative %1 lives"), n))
        self.country.setAccessibleName(arg(self.tr("Country of relative %1 (code, e.g. EG)"), n))
        self.dependent.setAccessibleName(arg(self.tr("Relative %1 is dependent"), n))

    def set_choices(self, choices: tuple[Choice, ...]) -> None:
        _fill_combo(self.relationship, choices)

    def form(self, prefix: str) -> HouseholdForm:
        return HouseholdForm(
            relationship_code=str(self.relationship.currentData() or ""),
            given_name=self.given_name.text(),
            family_name=self.family_name.text(),
            birth_year=parse_number(self.birth_year.text(), prefix + "birth_year"),
            lives_in=str(self.lives_in.currentData() or "italy"),
            country=self.country.text().strip(),
            dependent=self.dependent.isChecked(),
        )


class DocumentRow(_Row):
    """An identity document: type, number, issuer, expiry."""

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc_type = QComboBox()
        self.number = QLineEdit()
        self.issuer = QLineEdit()
        self.expiry = QLineEdit()
        self.expiry.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self._put("doc_type", 0, 0, self.tr("Type"), self.doc_type)
        self._put("number", 0, 1, self.tr("Number"), self.number)
        self._put("issuer", 1, 0, self.tr("Issued by"), self.issuer)
        self._put("expiry_date", 1, 1, self.tr("Expiry"), self.expiry)

        self.set_index(index)

    def set_index(self, index: int) -> None:
        """Number the accessible names (after a row above is removed, too)."""
        n = str(index + 1)
        self.doc_type.setAccessibleName(arg(self.tr("Type of document %1"), n))
        self.number.setAccessibleName(arg(self.tr("Number of document %1"), n))
        self.issuer.setAccessibleName(arg(self.tr("Issuer of document %1"), n))
        self.expiry.setAccessibleName(arg(self.tr("Expiry of document %1"), n))

    def set_choices(self, choices: tuple[Choice, ...]) -> None:
        _fill_combo(self.doc_type, choices)

    def form(self, prefix: str) -> DocumentForm:
        return DocumentForm(
            doc_type=str(self.doc_type.currentData() or ""),
            number=self.number.text(),
            issuer=self.issuer.text(),
            expiry_date=parse_date(self.expiry.text(), prefix + "expiry_date"),
        )


class RowList(QGroupBox):
    """A titled list of rows with an Add button.

    Signals:
        rows_changed(): a row was added or removed (the owner redoes the tab order).
    """

    rows_changed = Signal()

    def __init__(
        self,
        title: str,
        add_text: str,
        row_type: type[HouseholdRow] | type[DocumentRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self._row_type = row_type
        self._choices: tuple[Choice, ...] = ()
        self.rows: list[HouseholdRow | DocumentRow] = []
        self.add_button = QPushButton(add_text)
        self.add_button.clicked.connect(self.add_row)
        self._rows_layout = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self._rows_layout)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def set_choices(self, choices: tuple[Choice, ...]) -> None:
        self._choices = choices
        for row in self.rows:
            row.set_choices(choices)

    def add_row(self) -> HouseholdRow | DocumentRow:
        row = self._row_type(len(self.rows))
        row.set_choices(self._choices)
        row.remove_requested.connect(self._remove)
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        row.show()  # now, not on the layout's next pass: it takes the focus at once
        self.rows_changed.emit()
        row.focus_chain()[0].setFocus()
        return row

    def _remove(self, row: QWidget) -> None:
        index = self.rows.index(row)  # type: ignore[arg-type]
        self.remove_row(index)
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].focus_chain()[0].setFocus()
        else:
            self.add_button.setFocus()

    def remove_row(self, index: int) -> None:
        row = self.rows.pop(index)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        for number, rest in enumerate(self.rows):
            rest.set_index(number)
        self.rows_changed.emit()

    def clear_rows(self) -> None:
        while self.rows:
            self.remove_row(len(self.rows) - 1)

    def clear_errors(self) -> None:
        for row in self.rows:
            row.clear_error()

    def focus_chain(self) -> list[QWidget]:
        return [w for row in self.rows for w in row.focus_chain()] + [self.add_button]

    def forms(self, group: str) -> list[Any]:  # HouseholdForm or DocumentForm, by row type
        return [row.form(f"{group}[{i}].") for i, row in enumerate(self.rows)]
