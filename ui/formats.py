"""How values are shown to operators: Italian date format everywhere (dd/MM/yyyy)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

DATE_FORMAT = "%d/%m/%Y"
DATE_TIME_FORMAT = "%d/%m/%Y %H:%M"
QT_DATE_FORMAT = "dd/MM/yyyy"  # for QDateEdit.setDisplayFormat


def format_date(value: date | datetime | None) -> str:
    """``22/11/2026``; empty for no date."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return value.strftime(DATE_FORMAT)


def format_datetime(value: datetime | None) -> str:
    """``22/11/2026 14:05``; empty for no value."""
    return "" if value is None else value.strftime(DATE_TIME_FORMAT)


def legal_text(value: str | None) -> str:
    """A consultation's content field as shown; ``None`` is content sealed under the legal
    key of another computer of this desk (``models.legal``), which this one does not hold."""
    if value is None:
        return QCoreApplication.translate("Formats", "(sealed on another computer of this desk)")
    return value
