"""The fonts printed documents embed, and which one draws which character.

Every font lives in ``resources/fonts/`` with its licence (see the README there). They are
TrueType-outline fonts, which reportlab embeds as subsets: a PDF carries only the glyphs it
uses, so it prints the same everywhere and stays small. Each font is loaded once per process
(reportlab's parsed face and a HarfBuzz face for shaping) and then shared.

A *family* is a regular/bold pair; a *chain* is the ordered list of families tried for each
character of a text in one language: the language's own script first, then the others, so
that a Bengali name on an Italian slip still finds its glyphs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import uharfbuzz as hb  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"

# family -> (regular file, bold file); a family without a bold cut repeats the regular.
FAMILIES: dict[str, tuple[str, str]] = {
    "latin": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "arabic": ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    "urdu": ("NotoNastaliqUrdu-Regular.ttf", "NotoNastaliqUrdu-Regular.ttf"),
    "bengali": ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
    "cjk": ("DroidSansFallbackFull.ttf", "DroidSansFallbackFull.ttf"),
}

# Families tried, in order, for the text of each document language.
_DEFAULT_CHAIN = ("latin", "arabic", "bengali", "cjk")
CHAINS: dict[str, tuple[str, ...]] = {
    "ar": ("arabic", "latin", "bengali", "cjk"),
    "ur": ("urdu", "arabic", "latin", "bengali", "cjk"),
    "bn": ("bengali", "latin", "arabic", "cjk"),
    "zh": ("latin", "cjk", "arabic", "bengali"),
}

# Relative line height per family: Nastaliq climbs and descends far more than Latin.
LINE_HEIGHT: dict[str, float] = {
    "latin": 1.32,
    "arabic": 1.55,
    "urdu": 2.1,
    "bengali": 1.5,
    "cjk": 1.4,
}

_lock = threading.Lock()


@dataclass(frozen=True, eq=False)  # identity: one instance per file
class LoadedFont:
    """One font file, ready to measure, shape and embed."""

    key: str  # reportlab registration name, e.g. "ArcoLatin-Bold"
    family: str
    ttf: TTFont
    hb_font: hb.Font
    upem: int
    char_to_glyph: dict[int, int]

    def covers(self, char: str) -> bool:
        return ord(char) in self.char_to_glyph

    def code_for_glyph(self, gid: int) -> int:
        """A code point reportlab can embed for glyph ``gid``.

        Shaped glyphs (Arabic joining forms, Bengali conjuncts) often have no code point
        of their own: they get one in the private use area, kept for the life of the
        process, so the subset maps it back to the glyph. Extracted text does not depend on it: the
        writer wraps every run in an ``/ActualText`` with the logical text.
        """
        face = self.ttf.face
        chars = face.glyphToChar.get(gid)
        if chars:
            return int(chars[0])
        with _lock:
            chars = face.glyphToChar.get(gid)
            if chars:  # another thread got there first
                return int(chars[0])
            # reportlab writes ToUnicode entries as four hex digits: stay in the BMP's
            # private use area (6,400 codes, far more than shaped forms of one font).
            code = _next_private(face.charToGlyph)
            face.charToGlyph[code] = gid
            face.glyphToChar.setdefault(gid, []).append(code)
            advance = face.hmetrics[gid][0] if gid < len(face.hmetrics) else 0
            face.charWidths[code] = advance * 1000.0 / self.upem
        return code


def _next_private(char_to_glyph: dict[int, int]) -> int:
    code = 0xE000
    while code in char_to_glyph:
        code += 1
    if code > 0xF8FF:
        raise RuntimeError("private use area exhausted")
    return code


@cache
def load(family: str, bold: bool = False) -> LoadedFont:
    """The font of ``family`` (bold or regular), loaded once per process."""
    regular, bold_file = FAMILIES[family]
    if bold and bold_file == regular:
        # One file, one font object: two would embed clashing subsets of the same face.
        return load(family, False)
    filename = bold_file if bold else regular
    key = f"Arco{family.capitalize()}-{'Bold' if bold else 'Regular'}"
    path = FONT_DIR / filename
    with _lock:
        try:
            ttf = pdfmetrics.getFont(key)
        except KeyError:
            ttf = TTFont(key, str(path), shapable=False)
            pdfmetrics.registerFont(ttf)
    data = path.read_bytes()
    face = hb.Face(hb.Blob(data))
    hb_font = hb.Font(face)
    return LoadedFont(
        key=key,
        family=family,
        ttf=ttf,
        hb_font=hb_font,
        upem=face.upem,
        char_to_glyph=ttf.face.charToGlyph,
    )


def chain(language: str, bold: bool = False) -> tuple[LoadedFont, ...]:
    """The fonts tried, in order, for text in ``language``."""
    return _chain(language, bold)


@cache
def _chain(language: str, bold: bool) -> tuple[LoadedFont, ...]:
    return tuple(load(family, bold) for family in CHAINS.get(language, _DEFAULT_CHAIN))
