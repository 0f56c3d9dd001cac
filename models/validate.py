"""Input checks shared by the domain services.

Each check returns the normalised value or raises :class:`ValidationFailed` with the
field name and a stable reason code. Reasons never carry the offending value: the
exception text goes to logs, and the values here are personal data.

Reason codes used here: ``required``, ``too_long``, ``invalid_characters``,
``invalid_format``, ``invalid_type``, ``not_allowed``, ``in_future``, ``before_1900``,
``out_of_range``, ``not_latin``; and those of :mod:`models.identifiers` (countries from
the ISO list, phone numbers in E.164): ``unknown_code``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from datetime import date, datetime

from models import identifiers
from models.errors import ValidationFailed

MIN_DATE = date(1900, 1, 1)

# Single-line fields refuse every control character; multi-line ones keep newlines and tabs.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LANGUAGE = re.compile(r"[a-z]{2,3}")  # ISO 639-1 (two letters) or 639-2/3 (three)
# Basic shape only: one @, a local part, a dotted domain, no spaces. Real checking is
# the person reading the address back.
_EMAIL = re.compile(r"[^@\s]+@(?:[^@\s.]+\.)+[^@\s.]{2,}")
_PHONE = re.compile(r"\+?[0-9 ()./-]+")
_LATIN_EXTRA = frozenset(" -'.’")


def text(value: object, field: str, max_len: int, *, required: bool = False) -> str:
    """A single-line text, stripped."""
    return _text(value, field, max_len, required, _CONTROL)


def long_text(value: object, field: str, max_len: int, *, required: bool = False) -> str:
    """A multi-line text (notes, reasons, advice), stripped at both ends."""
    return _text(value, field, max_len, required, _CONTROL_MULTILINE)


def _text(value: object, field: str, max_len: int, required: bool, bad: re.Pattern[str]) -> str:
    if not isinstance(value, str):
        raise ValidationFailed(field, "invalid_type")
    cleaned = value.strip()
    if required and not cleaned:
        raise ValidationFailed(field, "required")
    if len(cleaned) > max_len:
        raise ValidationFailed(field, "too_long")
    if bad.search(cleaned):
        raise ValidationFailed(field, "invalid_characters")
    return cleaned


def latin(value: object, field: str, max_len: int) -> str:
    """A name in Latin script (the transliteration used on forms and for search)."""
    cleaned = text(value, field, max_len)
    for ch in cleaned:
        if ch.isascii() or ch in _LATIN_EXTRA:
            continue
        if not unicodedata.name(ch, "").startswith("LATIN "):
            raise ValidationFailed(field, "not_latin")
    return cleaned


def choice(value: object, allowed: Collection[str], field: str) -> str:
    """One of a fixed set of codes."""
    if not isinstance(value, str) or value not in allowed:
        raise ValidationFailed(field, "not_allowed")
    return value


def flag(value: object, field: str) -> bool:
    """A real bool (a truthy string from a form is a bug, not a yes)."""
    if not isinstance(value, bool):
        raise ValidationFailed(field, "invalid_type")
    return value


def country(value: object, field: str) -> str:
    """An ISO 3166-1 alpha-2 code of the ISO list, uppercased; empty means not known
    (:func:`models.identifiers.country`)."""
    return identifiers.country(value, field)


def countries(values: object, field: str) -> list[str]:
    """A list of ISO 3166-1 alpha-2 codes, without blanks or duplicates, order kept."""
    return identifiers.countries(values, field)


def language(value: object, field: str) -> str:
    """An ISO 639 language code (two or three letters), lowercased; empty means none."""
    if not isinstance(value, str):
        raise ValidationFailed(field, "invalid_type")
    code = value.strip().lower()
    if code and not _LANGUAGE.fullmatch(code):
        raise ValidationFailed(field, "invalid_format")
    return code


def languages(values: object, field: str) -> list[str]:
    """A list of ISO 639 codes, without blanks or duplicates, order kept."""
    return _code_list(values, field, language)


def _code_list(values: object, field: str, check: Callable[[object, str], str]) -> list[str]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ValidationFailed(field, "invalid_type")
    out: list[str] = []
    for value in values:
        code = check(value, field)
        if code and code not in out:
            out.append(code)
    if len(out) > 10:
        raise ValidationFailed(field, "too_long")
    return out


def email(value: object, field: str = "email") -> str:
    """An e-mail address of plausible shape, or empty."""
    cleaned = text(value, field, 200)
    if cleaned and not _EMAIL.fullmatch(cleaned):
        raise ValidationFailed(field, "invalid_format")
    return cleaned


def phone(value: object, field: str = "phone") -> str:
    """A phone number in E.164 (Italian when it has no country prefix), or empty
    (:func:`models.identifiers.phone`)."""
    cleaned = text(value, field, 40)
    if cleaned and (not _PHONE.fullmatch(cleaned) or sum(ch.isdigit() for ch in cleaned) < 6):
        raise ValidationFailed(field, "invalid_format")
    return identifiers.phone(cleaned, field)


def a_date(value: object, field: str) -> date | None:
    """A calendar date (not a datetime) from 1900 on, or None."""
    if value is None:
        return None
    # datetime is a subclass of date; comparing the two raises, so refuse it here.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise ValidationFailed(field, "invalid_type")
    if value < MIN_DATE:
        raise ValidationFailed(field, "before_1900")
    return value


def past_date(value: object, field: str, today: date) -> date | None:
    """A date from 1900 up to ``today`` included, or None."""
    checked = a_date(value, field)
    if checked is not None and checked > today:
        raise ValidationFailed(field, "in_future")
    return checked


def year(value: object, field: str, today: date) -> int | None:
    """A year from 1900 to this year, or None."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationFailed(field, "invalid_type")
    if value < MIN_DATE.year:
        raise ValidationFailed(field, "before_1900")
    if value > today.year:
        raise ValidationFailed(field, "in_future")
    return value


def int_range(value: object, field: str, low: int, high: int) -> int | None:
    """An integer from ``low`` to ``high`` included, or None."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationFailed(field, "invalid_type")
    if not low <= value <= high:
        raise ValidationFailed(field, "out_of_range")
    return value
