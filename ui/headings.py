"""Titles drawn as larger bold plain text (a view's title, a person's name)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

TITLE_SCALE = 1.4


def heading(text: str = "", scale: float = TITLE_SCALE) -> QLabel:
    """A bold label ``scale`` times the normal size; plain text, so a name shows as typed."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label
