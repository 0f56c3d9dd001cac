"""The question before a new person is saved: is this someone already registered?

The intake asks ``models.likely_matches`` first; when it finds people who are probably the
same human being, this dialog lists them with the evidence (same name, same birth date,
same document…) and the operator chooses:

- **Same person**: the visit is recorded for the person picked in the list, no one new;
- **Different person**: the new person is saved, and the answer is kept so these pairs
  are never proposed again;
- **Cancel** (Esc): back to the form, nothing saved.

No button is the default: Enter on the list does not decide for the operator.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from models.likely_matches import LikelyMatch
from ui.tables import fill_rows, record_table
from ui.vocabulary import duplicate_reason_label


class DuplicateWarning(QDialog):
    """Signals:
    same_person(str): the operator picked this registered person (their id).
    different_person(): the operator says the new person is none of them.
    """

    same_person = Signal(str)
    different_person = Signal()

    def __init__(self, matches: list[LikelyMatch], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matches = matches
        self.setWindowTitle(self.tr("Already registered?"))
        explain = QLabel(
            self.tr(
                "%n person(s) already registered may be the one you are about to save. "
                "If it is one of them, pick them and record the visit for them.",
                "",
                len(matches),
            )
        )
        explain.setWordWrap(True)
        self.table = record_table(
            [self.tr("Name"), self.tr("Year of birth"), self.tr("Why")],
            self.tr("People already registered"),
        )
        fill_rows(self.table, [self._row(m) for m in matches], select_first=True)
        buttons = QDialogButtonBox()
        self.same_button = QPushButton(self.tr("&Same person: record the visit"))
        self.different_button = QPushButton(self.tr("&Different person: save as new"))
        for button in (self.same_button, self.different_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        buttons.addButton(self.same_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.different_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.same_button.clicked.connect(self._same)
        self.different_button.clicked.connect(self._different)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _row(self, match: LikelyMatch) -> list[str]:
        why = ", ".join(duplicate_reason_label(code) for code in match.reasons)
        year = "" if match.birth_year is None else str(match.birth_year)
        return [match.display_name, year, why]

    def selected(self) -> LikelyMatch | None:
        """The person picked in the list."""
        rows = self.table.selectionModel().selectedRows()
        return self._matches[rows[0].row()] if rows else None

    def _same(self) -> None:
        match = self.selected()
        if match is None:
            return
        self.accept()
        self.same_person.emit(match.person_id)

    def _different(self) -> None:
        self.accept()
        self.different_person.emit()
