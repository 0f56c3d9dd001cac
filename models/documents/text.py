"""Text on the page: bidirectional ordering, font runs, HarfBuzz shaping, line breaking.

reportlab positions characters, not glyphs, so complex scripts are shaped here with
HarfBuzz (Arabic and Urdu joining, Bengali conjuncts and reordered vowel signs, kerning)
and the resulting glyphs are written with explicit positions. Each drawn run is wrapped
in a marked-content span whose ``/ActualText`` is the run's text in logical order, so a
PDF reader's copy/paste and text extraction give the words as written, not glyph codes.

The bidirectional algorithm is the subset printed documents need (Unicode UAX #9 levels
0-2, no explicit embeddings): strong letters decide, numbers keep left-to-right order,
neutrals between two runs of the same direction join them and otherwise take the
paragraph's direction.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz as hb  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from models.documents.fonts import LINE_HEIGHT, LoadedFont, chain

RTL_LANGUAGES = frozenset({"ar", "ur", "fa", "he", "ps", "ckb", "dv", "yi"})
_FEATURES = {"kern": True, "liga": True}


def is_rtl(language: str) -> bool:
    return language in RTL_LANGUAGES


@dataclass(frozen=True)
class Glyph:
    font: LoadedFont
    gid: int
    x: float  # offset from the start of the run, in points
    y: float


@dataclass(frozen=True)
class Run:
    """Shaped glyphs of one font and direction, in visual order, with their logical text."""

    text: str
    glyphs: tuple[Glyph, ...]
    width: float
    size: float
    rtl: bool = False


@dataclass(frozen=True)
class Line:
    """One line, ready to draw: runs in visual (left-to-right) order."""

    runs: tuple[Run, ...]
    width: float
    height: float
    rtl: bool


# ===================================================================== bidi
def _strong(char: str) -> str:
    kind = unicodedata.bidirectional(char)
    if kind in ("R", "AL"):
        return "R"
    if kind in ("L", "EN", "AN"):
        return "L"
    return ""


def bidi_runs(text: str, rtl: bool) -> list[tuple[str, bool]]:
    """``text`` split into (logical substring, is_rtl) runs, in logical order."""
    if not text:
        return []
    kinds = [_strong(c) for c in text]
    base = "R" if rtl else "L"
    # Non-spacing marks follow the letter they sit on.
    for i, char in enumerate(text):
        if not kinds[i] and unicodedata.category(char) in ("Mn", "Me") and i:
            kinds[i] = kinds[i - 1]
    resolved = list(kinds)
    i = 0
    while i < len(text):
        if resolved[i]:
            i += 1
            continue
        j = i
        while j < len(text) and not kinds[j]:
            j += 1
        before = resolved[i - 1] if i else base
        after = kinds[j] if j < len(text) else base
        fill = before if before == after else base
        for k in range(i, j):
            resolved[k] = fill
        i = j
    runs: list[tuple[str, bool]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or resolved[i] != resolved[start]:
            runs.append((text[start:i], resolved[start] == "R"))
            start = i
    return runs


# ===================================================================== fonts per character
def font_runs(text: str, fonts: Sequence[LoadedFont]) -> list[tuple[str, LoadedFont]]:
    """``text`` split where the font changes; neutrals stay with the font before them."""
    out: list[tuple[str, LoadedFont]] = []
    current: LoadedFont | None = None
    start = 0
    for i, char in enumerate(text):
        if current is not None and current.covers(char) and not _prefers_other(char, current):
            continue
        if current is not None and not _strong(char) and current.covers(char):
            continue
        chosen = next((f for f in fonts if f.covers(char)), None)
        if chosen is None:
            # Nothing covers it: keep it in the current run; shaping draws .notdef, which
            # callers avoid by checking coverage first (see ``fonts.covered``).
            chosen = current or fonts[0]
        if chosen is not current:
            if current is not None and i > start:
                out.append((text[start:i], current))
            current = chosen
            start = i
    if current is not None and start < len(text):
        out.append((text[start:], current))
    return out


def _prefers_other(char: str, current: LoadedFont) -> bool:
    # The Latin font has a few Arabic-range glyphs; let letters go to their own script.
    return current.family == "latin" and _strong(char) == "R"


# ===================================================================== shaping
@lru_cache(maxsize=8192)
def shape(text: str, font: LoadedFont, size: float, rtl: bool, language: str) -> Run:
    """HarfBuzz shaping of one single-font, single-direction piece of text."""
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    if language:
        buf.language = language
    hb.shape(font.hb_font, buf, _FEATURES)
    scale = size / font.upem
    glyphs = []
    pen_x = 0.0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        glyphs.append(
            Glyph(
                font=font,
                gid=info.codepoint,
                x=pen_x + pos.x_offset * scale,
                y=pos.y_offset * scale,
            )
        )
        pen_x += pos.x_advance * scale
    return Run(text=text, glyphs=tuple(glyphs), width=pen_x, size=size, rtl=rtl)


def layout_line(text: str, language: str, size: float, bold: bool = False) -> Line:
    """One line of logical ``text`` shaped and ordered for drawing."""
    rtl = is_rtl(language)
    fonts = chain(language, bold)
    runs: list[Run] = []
    for piece, piece_rtl in bidi_runs(text, rtl):
        segment = [
            shape(sub, font, size, piece_rtl, language) for sub, font in font_runs(piece, fonts)
        ]
        if piece_rtl:
            segment.reverse()
        runs.append(_merge(segment, piece))
    if rtl:
        runs.reverse()
    families = {g.font.family for r in runs for g in r.glyphs} or {fonts[0].family}
    height = size * max(LINE_HEIGHT[f] for f in families)
    return Line(
        runs=tuple(r for r in runs if r.glyphs),
        width=sum(r.width for r in runs),
        height=height,
        rtl=rtl,
    )


def _merge(segment: list[Run], logical: str) -> Run:
    """Runs in visual order joined into one; ``logical`` is their text as written."""
    if len(segment) == 1:
        return segment[0]
    glyphs: list[Glyph] = []
    offset = 0.0
    for run in segment:
        glyphs.extend(Glyph(g.font, g.gid, g.x + offset, g.y) for g in run.glyphs)
        offset += run.width
    return Run(
        text=logical,
        glyphs=tuple(glyphs),
        width=offset,
        size=segment[0].size,
        rtl=segment[0].rtl,
    )


def text_width(text: str, language: str, size: float, bold: bool = False) -> float:
    return layout_line(text, language, size, bold).width


# ===================================================================== line breaking
def _is_cjk(char: str) -> bool:
    cp = ord(char)
    return (
        0x2E80 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0xFF00 <= cp <= 0xFFEF
    ) or 0x20000 <= cp <= 0x2FFFF


def _break_units(text: str) -> list[str]:
    """Pieces between break opportunities (after spaces; around CJK characters)."""
    units: list[str] = []
    current = ""
    for char in text:
        if _is_cjk(char) and current and not current.endswith(" "):
            # Closing punctuation stays with the character before it.
            if unicodedata.category(char) in ("Po", "Pe") and len(current) > 0:
                current += char
                continue
            units.append(current)
            current = char
            continue
        if current and (current.endswith(" ") and char != " "):
            units.append(current)
            current = ""
        current += char
        if _is_cjk(char) and unicodedata.category(char) not in ("Ps",):
            units.append(current)
            current = ""
    if current:
        units.append(current)
    return units


def wrap(text: str, width: float, language: str, size: float, bold: bool = False) -> list[Line]:
    """``text`` broken into lines no wider than ``width`` (explicit newlines kept)."""
    lines: list[Line] = []
    for paragraph in text.split("\n"):
        units = _break_units(paragraph.strip())
        if not units:
            lines.append(layout_line("", language, size, bold))
            continue
        current = ""
        for unit in units:
            candidate = current + unit
            if current and text_width(candidate.rstrip(), language, size, bold) > width:
                lines.append(layout_line(current.rstrip(), language, size, bold))
                current = unit
            else:
                current = candidate
        if current.strip():
            lines.append(layout_line(current.rstrip(), language, size, bold))
    return lines


# ===================================================================== drawing
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")


def _actual_text(run: Run) -> str:
    """The run's text for ``/ActualText``.

    Extractors (poppler, pdfium) lay the replacement text out over the run's box from left
    to right and then reorder right-to-left script as they do for glyphs: they expect it
    in visual order. Giving them the right-to-left run reversed (brackets swapped back)
    makes the extracted text come out in logical order.
    """
    text = run.text[::-1].translate(_MIRROR) if run.rtl else run.text
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def draw_line(canvas: Canvas, line: Line, x: float, y: float, width: float, align: str) -> None:
    """Draw ``line`` with its baseline at ``y``; ``align`` is left, right or center."""
    if align == "right":
        start = x + width - line.width
    elif align == "center":
        start = x + (width - line.width) / 2
    else:
        start = x
    code = canvas._code
    doc = canvas._doc
    for run in line.runs:
        ops = ["BT", f"/Span <</ActualText {_actual_text(run)}>> BDC"]
        current = None
        for glyph in run.glyphs:
            font = glyph.font
            char = chr(font.code_for_glyph(glyph.gid))
            for subset, data in font.ttf.splitString(char, doc):
                name = font.ttf.getSubsetInternalName(subset, doc)
                if (name, run.size) != current:
                    ops.append(f"{name} {run.size:.2f} Tf")
                    current = (name, run.size)
                ops.append(
                    f"1 0 0 1 {start + glyph.x:.2f} {y + glyph.y:.2f} Tm "
                    f"({canvas._escape(data)}) Tj"
                )
        ops += ["EMC", "ET"]
        code.append(" ".join(ops))
        start += run.width
