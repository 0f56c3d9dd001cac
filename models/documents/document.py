"""The printed document handed to the UI, and helpers shared by the document kinds."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from models.documents.layout import printable
from models.errors import ValidationFailed
from models.languages import LANGUAGES, document_language
from models.schema import Person

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Document:
    """A finished PDF. ``suggested_name`` never contains personal data.

    ``data`` is the machine-readable companion where there is one (the JSON of a personal
    data export), else empty.
    """

    kind: str  # referral_slip | consent_notice | data_export | recovery_sheet | indicator_report
    language: str
    pdf: bytes
    pages: int
    suggested_name: str
    data: bytes = b""


def pick_language(language: str | None, person: Person | None) -> str:
    """An explicit catalog language, or the person's preferred one (see document_language)."""
    if language is None:
        return document_language(person.preferred_language if person is not None else None)
    if language not in LANGUAGES:
        raise ValidationFailed("language", "invalid_choice")
    return language


def person_name(person: Person, language: str) -> str:
    """The person's name as they write it, drawable with the embedded fonts.

    When some character of the written name has no glyph in any embedded font, the Latin
    transliteration is used if there is one, else the uncovered characters are written as
    code points. Either way a warning is logged, without the name.
    """
    if _cjk(person.given_name + person.family_name):
        # Chinese names are written family name first, without a space.
        written = person.family_name + person.given_name
    else:
        written = " ".join(n for n in (person.given_name, person.family_name) if n)
    latin = " ".join(n for n in (person.given_name_latin, person.family_name_latin) if n)
    if not written:
        written = latin
    text, replaced = printable(written, language)
    if not replaced:
        if latin and latin != written:
            return f"{written} ({latin})"
        return written
    if latin:
        fallback, still = printable(latin, language)
        log.warning(
            "a name has %d characters outside the embedded fonts: drawn from its Latin "
            "transliteration",
            replaced,
        )
        if not still:
            return fallback
    log.warning(
        "a name has %d characters outside the embedded fonts: drawn as code points", replaced
    )
    return text


def _cjk(text: str) -> bool:
    return bool(text) and all(0x2E80 <= ord(c) <= 0x9FFF or c.isspace() for c in text)
