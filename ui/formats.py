"""How values are shown to operators and read back from what they type.

Italian date format everywhere (dd/MM/yyyy). A typed value that cannot be read is a
``ValidationFailed`` naming its field, shown next to that field like a refusal of the core.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from models.errors import ValidationFailed

DATE_FORMAT = "%d/%m/%Y"
DATE_TIME_FORMAT = "%d/%m/%Y %H:%M"


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


def format_codes(values: Iterable[str]) -> str:
    """Country codes as shown: ``["eg", "ma"]`` → ``EG, MA``."""
    return ", ".join(code.upper() for code in values)


def parse_date(text: str, field: str) -> date | None:
    """``dd/mm/yyyy`` as typed; empty is ``None``; anything else ``ValidationFailed(field)``."""
    text = text.strip()
    if not text:
        return None
    try:
        return datetime.strptime(text, DATE_FORMAT).date()
    except ValueError:
        raise ValidationFailed(field, "invalid_format") from None


def parse_number(text: str, field: str) -> int | None:
    """A whole number as typed (a year, a municipio); empty is ``None``; anything else
    ``ValidationFailed(field)``."""
    text = text.strip()
    if not text:
        return None
    if not text.isdecimal():  # not isdigit(): int() refuses superscripts such as "²"
        raise ValidationFailed(field, "invalid_format")
    return int(text)


def codes(text: str) -> list[str]:
    """Codes typed in one field, apart by commas, semicolons or spaces: ``eg, ma`` →
    ``["eg", "ma"]``."""
    return [part.strip() for part in re.split(r"[,;\s]+", text) if part.strip()]


def legal_text(value: str | None) -> str:
    """A consultation's content field as shown; ``None`` is content sealed under the legal
    key of another computer of this desk (``models.legal``), which this one does not hold."""
    if value is None:
        return QCoreApplication.translate("Formats", "(sealed on another computer of this desk)")
    return value
