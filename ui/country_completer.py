"""Countries by name in the fields that store ISO codes (citizenship, a relative's country).

The operator types the start of a name in their language, or in English ("egi", "Egypt",
"Costa d'Avorio"), and picks the country from a list: the field receives its code (``EG``).
A field of several countries (citizenship) completes the last one, after the comma. Typing
a code directly still works. The names come from the ISO list (``models.identifiers``).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit

from models.identifiers import match_countries
from ui.i18n import current_language

SUGGESTIONS = 8


class CountryCompleter(QCompleter):
    """Offers countries by name for ``field``; picking one writes its code."""

    def __init__(self, field: QLineEdit, *, several: bool) -> None:
        super().__init__(field)
        self._field = field
        self._several = several
        self._codes: dict[str, str] = {}  # the text offered → its country code
        self._names = QStringListModel(self)
        self.setModel(self._names)
        self.setWidget(field)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setMaxVisibleItems(SUGGESTIONS)
        self._popup().setAccessibleName(self.tr("Countries"))
        field.textEdited.connect(self._offer)
        self.activated.connect(self._pick)

    def _popup(self) -> QAbstractItemView:
        popup = self.popup()
        assert popup is not None  # QCompleter makes its popup in its constructor
        return popup

    def _last_item(self) -> tuple[str, str]:
        """The field's text before the item being typed, and that item."""
        text = self._field.text()
        if not self._several:
            return "", text.strip()
        cut = max(text.rfind(","), text.rfind(";")) + 1
        return text[:cut], text[cut:].strip()

    def _offer(self, _text: str) -> None:
        if not self._field.hasFocus():
            return  # text put there from outside: a list would take the focus from elsewhere
        _head, typed = self._last_item()
        choices = match_countries(typed, current_language(), SUGGESTIONS) if typed else []
        if len(typed) == 2 and choices and choices[0].code.lower() == typed.lower():
            choices = []  # a code typed whole needs no list
        self._codes = {f"{c.name} ({c.code})": c.code for c in choices}
        self._names.setStringList(list(self._codes))
        if self._codes:
            self.complete()
        else:
            self._popup().hide()

    def _pick(self, text: str) -> None:
        code = self._codes.get(text)
        if code is None:
            return
        head, _typed = self._last_item()
        if self._several:
            before = [part.strip() for part in re.split(r"[,;]", head) if part.strip()]
            self._field.setText(", ".join([*before, code]))
        else:
            self._field.setText(code)
        self._field.setFocus(Qt.FocusReason.OtherFocusReason)
