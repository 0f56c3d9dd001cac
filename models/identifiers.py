"""Exact identifiers, checked and written one way: the evidence that two records are one
person when names alone cannot tell.

- **Italian tax code** (codice fiscale): 16 characters with a check character, or the
  11-digit temporary number given to asylum seekers; validated with ``python-stdnum``
  and stored compact in upper case (:func:`tax_code`).
- **Phone numbers** in E.164 (``+393331234567``) with ``phonenumbers``; numbers without a
  country prefix are Italian (:func:`phone`).
- **Document numbers**: upper case, without spaces or dashes (:func:`document_number`).
- **Countries**: ISO 3166-1 alpha-2 codes from the ISO list (``pycountry``), plus Kosovo's
  user-assigned ``XK``; :func:`country_choices` gives (code, name) pairs in Italian or
  English for a completer, :func:`match_countries` the ones a typed text fits.

Checks raise :class:`~models.errors.ValidationFailed` with the field and a stable reason,
never the value (it is personal data). Reasons: ``invalid_format`` (not a phone number,
not a code of two letters), ``invalid_tax_code`` (wrong length or layout),
``tax_code_checksum`` (the last character does not match: something was mistyped),
``unknown_code`` (two letters that are no country), ``invalid_type``, ``too_long``.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import phonenumbers
import pycountry
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.it import codicefiscale

from models.errors import ValidationFailed

DEFAULT_REGION = "IT"
LANGUAGES = ("it", "en")
# Codes in use that ISO 3166-1 does not list (user-assigned), with their names.
EXTRA_COUNTRIES = {"XK": {"en": "Kosovo", "it": "Kosovo"}}
MAX_CODES = 10

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_COUNTRY = re.compile(r"[A-Z]{2}")


def _text(value: object, field: str, max_len: int) -> str:
    if not isinstance(value, str):
        raise ValidationFailed(field, "invalid_type")
    cleaned = value.strip()
    if len(cleaned) > max_len:
        raise ValidationFailed(field, "too_long")
    if _CONTROL.search(cleaned):
        raise ValidationFailed(field, "invalid_characters")
    return cleaned


# ===================================================================== tax code
def tax_code(value: object, field: str = "tax_code") -> str:
    """An Italian tax code, compact and upper case (``""`` when empty).

    Accepts spaces and lower case (``rss mra 85t10 a562s``); refuses a wrong length or
    layout (``invalid_tax_code``) and a wrong check character (``tax_code_checksum``).
    """
    cleaned = _text(value, field, 40)
    if not cleaned:
        return ""
    try:
        return str(codicefiscale.validate(cleaned))
    except InvalidChecksum:
        raise ValidationFailed(field, "tax_code_checksum") from None
    except ValidationError:
        raise ValidationFailed(field, "invalid_tax_code") from None


# ===================================================================== phone
def phone(value: object, field: str = "phone", region: str = DEFAULT_REGION) -> str:
    """A phone number in E.164 (``+393331234567``), or ``""`` when empty.

    A number without a country prefix belongs to ``region``; ``00`` before the country
    code is read as ``+``. Refused (``invalid_format``) when it cannot be a number.
    """
    cleaned = _text(value, field, 40)
    if not cleaned:
        return ""
    try:
        number = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException:
        raise ValidationFailed(field, "invalid_format") from None
    if not phonenumbers.is_possible_number(number):
        raise ValidationFailed(field, "invalid_format")
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def phone_display(value: str, region: str = DEFAULT_REGION) -> str:
    """A stored number as people read it: ``+39 333 123 4567`` (as stored when unreadable)."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return value
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def phone_key(value: str, region: str = DEFAULT_REGION) -> str:
    """E.164 of a stored number when it can be read, else ``""`` (never raises): numbers
    stored before they were normalised compare too."""
    if not value:
        return ""
    try:
        return phone(value, region=region)
    except ValidationFailed:
        return ""


# ===================================================================== documents
def document_number(value: object, field: str = "number", max_len: int = 80) -> str:
    """A document number, upper case, without spaces or dashes (``"ya 12-34"`` →
    ``"YA1234"``)."""
    cleaned = _text(value, field, max_len * 2)
    compact = _SEPARATORS.sub("", cleaned).upper()
    if len(compact) > max_len:
        raise ValidationFailed(field, "too_long")
    return compact


# ===================================================================== countries
def country(value: object, field: str) -> str:
    """An ISO 3166-1 alpha-2 code from the list, upper case; ``""`` means not known."""
    if not isinstance(value, str):
        raise ValidationFailed(field, "invalid_type")
    code = value.strip().upper()
    if not code:
        return ""
    if not _COUNTRY.fullmatch(code):
        raise ValidationFailed(field, "invalid_format")
    if code not in _codes():
        raise ValidationFailed(field, "unknown_code")
    return code


def countries(values: object, field: str) -> list[str]:
    """A list of country codes (:func:`country`), without blanks or duplicates, order kept."""
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ValidationFailed(field, "invalid_type")
    out: list[str] = []
    for value in values:
        code = country(value, field)
        if code and code not in out:
            out.append(code)
    if len(out) > MAX_CODES:
        raise ValidationFailed(field, "too_long")
    return out


@dataclass(frozen=True)
class CountryChoice:
    """A country for a completer: its code and its name in the requested language."""

    code: str
    name: str


@cache
def _codes() -> frozenset[str]:
    return frozenset({c.alpha_2 for c in pycountry.countries} | set(EXTRA_COUNTRIES))


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def country_name(code: str, language: str = "it") -> str:
    """The usual name of a country in ``language`` (``"it"`` or ``"en"``): the short
    common name where ISO has one (Bolivia, Iran, Syria), else the ISO name."""
    if code in EXTRA_COUNTRIES:
        names = EXTRA_COUNTRIES[code]
        return names.get(language, names["en"])
    record = pycountry.countries.get(alpha_2=code)
    if record is None:
        return code
    english = getattr(record, "common_name", None) or record.name
    if language == "en":
        return str(english)
    catalog = _catalog(language)
    translated = catalog.gettext(english)
    if translated == english and english != record.name:
        translated = catalog.gettext(record.name)
    return str(translated)


@cache
def country_choices(language: str = "it") -> tuple[CountryChoice, ...]:
    """Every country as (code, name in ``language``), sorted by name as people read it
    (accents and case aside)."""
    found = [CountryChoice(code, country_name(code, language)) for code in _codes()]
    return tuple(sorted(found, key=lambda c: (_plain(c.name), c.code)))


def match_countries(typed: str, language: str = "it", limit: int = 10) -> list[CountryChoice]:
    """Countries for what was typed in a completer: the code itself first, then names
    starting with the text, then names containing it (accents and case aside); the
    English name matches too, so "Egypt" finds Egitto."""
    text = _plain(typed)
    if not text:
        return []
    exact, starts, inside = [], [], []
    for choice in country_choices(language):
        names = {_plain(choice.name), _plain(country_name(choice.code, "en"))}
        if text == choice.code.lower():
            exact.append(choice)
        elif any(n.startswith(text) or f" {text}" in n for n in names):
            starts.append(choice)
        elif any(text in n for n in names):
            inside.append(choice)
    return (exact + starts + inside)[:limit]


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()
