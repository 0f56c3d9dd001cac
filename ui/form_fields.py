"""Form rows shared by the entry forms: a red error line under each field, combo boxes filled
from a reference list.

A refusal that names a field (``ValidationFailed.field``) is shown under that field, which
takes the focus, so that the operator reads what to fix where they fix it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ui.reference_data import Choice


def error_label(name: str = "", *, hidden: bool = True) -> QLabel:
    """A red line saying what is wrong (plain text, wrapped); ``name`` is its object name."""
    label = QLabel()
    if name:
        label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.setHidden(hidden)
    return label


def fill_combo(
    combo: QComboBox, choices: Iterable[Choice], select: str = "", *, blank: bool = False
) -> None:
    """Offer ``choices`` (after an empty entry with ``blank``); select the code ``select``,
    else the first entry."""
    combo.clear()
    if blank:
        combo.addItem("", "")
    for choice in choices:
        combo.addItem(choice.label, choice.code)
    combo.setCurrentIndex(max(0, combo.findData(select)))


class FieldRows:
    """The rows of a ``QFormLayout``: a caption (its mnemonic leads to the field), the field
    and, under it, the field's error line, hidden until there is something to say.

    Attributes:
        errors: the error line of each field, by field name.
    """

    def __init__(self, form: QFormLayout) -> None:
        self.form = form
        self.errors: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}

    def add(self, key: str, caption: str, widget: QWidget) -> None:
        """A row for ``widget``, the field named ``key`` in refusals."""
        label = QLabel(caption)
        label.setBuddy(widget)
        error = error_label(f"error-{key}")
        cell = QWidget()
        cell_layout = QVBoxLayout(cell)
        cell_layout.setContentsMargins(0, 0, 0, 0)
        cell_layout.addWidget(widget)
        cell_layout.addWidget(error)
        self.form.addRow(label, cell)
        self.errors[key] = error
        self._fields[key] = widget

    def show_error(self, key: str, message: str) -> bool:
        """``message`` under the field ``key``, which takes the focus; False if there is no
        such field here."""
        error = self.errors.get(key)
        if error is None:
            return False
        error.setText(message)
        error.show()
        self._fields[key].setFocus()
        return True

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.clear()
            error.hide()
