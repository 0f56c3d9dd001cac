"""Person-facing texts of printed documents, one JSON catalog per language.

The catalogs live in ``translations/documents/<language>.json``: flat keys, plus a
``_meta`` object (language, notice version and, for every language but Italian, a note
that the text must be reviewed by a linguistic-cultural mediator). Italian is the
reference: every catalog has exactly its keys (a test checks it). They are separate from
the operators' Qt ``.ts`` files because people, not operators, read them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from models.languages import LANGUAGES

CATALOG_DIR = Path(__file__).resolve().parents[2] / "translations" / "documents"


@cache
def _load(language: str) -> dict[str, Any]:
    if language not in LANGUAGES:
        raise KeyError(language)
    path = CATALOG_DIR / f"{language}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def meta(language: str) -> Mapping[str, str]:
    value: dict[str, str] = _load(language)["_meta"]
    return value


def keys(language: str) -> frozenset[str]:
    return frozenset(k for k in _load(language) if k != "_meta")


class Catalog:
    """Texts of one language; ``t(key, **values)`` formats with ``str.format``."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._texts = _load(language)

    def t(self, key: str, **values: object) -> str:
        text = str(self._texts[key])
        return text.format(**values) if values else text

    def get(self, key: str, default: str) -> str:
        value = self._texts.get(key)
        return str(value) if value else default


@cache
def catalog(language: str) -> Catalog:
    return Catalog(language)
