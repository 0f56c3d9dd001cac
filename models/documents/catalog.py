"""Person-facing texts of printed documents, one JSON catalog per language.

The catalogs live in ``translations/documents/<language>.json``: flat keys, plus a
``_meta`` object (language, notice version and, for every language but Italian, a note
that the text must be reviewed by a linguistic-cultural mediator). Italian is the
reference: every catalog has exactly its keys (a test checks it). They are separate from
the operators' Qt ``.ts`` files because people, not operators, read them.

The indicator reports (``models.documents.report``), for coordinators and the funders, have
catalogs of their own in ``translations/reports/`` (:data:`REPORT_LANGUAGES`: Italian, the
reference, and English), read the same way with :func:`report_catalog`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from models.languages import LANGUAGES

CATALOG_DIR = Path(__file__).resolve().parents[2] / "translations" / "documents"
REPORT_DIR = CATALOG_DIR.parent / "reports"
REPORT_LANGUAGES: tuple[str, ...] = ("it", "en")


@cache
def _load(language: str) -> dict[str, Any]:
    if language not in LANGUAGES:
        raise KeyError(language)
    path = CATALOG_DIR / f"{language}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def _load_report(language: str) -> dict[str, Any]:
    if language not in REPORT_LANGUAGES:
        raise KeyError(language)
    path = REPORT_DIR / f"{language}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def report_keys(language: str) -> frozenset[str]:
    return frozenset(k for k in _load_report(language) if k != "_meta")


def meta(language: str) -> Mapping[str, str]:
    value: dict[str, str] = _load(language)["_meta"]
    return value


def keys(language: str) -> frozenset[str]:
    return frozenset(k for k in _load(language) if k != "_meta")


class Catalog:
    """Texts of one language; ``t(key, **values)`` formats with ``str.format``."""

    def __init__(self, language: str, texts: dict[str, Any] | None = None) -> None:
        self.language = language
        self._texts = _load(language) if texts is None else texts

    def t(self, key: str, **values: object) -> str:
        text = str(self._texts[key])
        return text.format(**values) if values else text

    def get(self, key: str, default: str) -> str:
        value = self._texts.get(key)
        return str(value) if value else default


@cache
def catalog(language: str) -> Catalog:
    return Catalog(language)


@cache
def report_catalog(language: str) -> Catalog:
    """The texts of the indicator reports in ``language`` (one of REPORT_LANGUAGES)."""
    return Catalog(language, _load_report(language))
