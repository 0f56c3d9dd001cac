"""A small page writer: A4 pages, wrapped paragraphs, bilingual rows, page numbers."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.barcode import qrencoder  # type: ignore[import-untyped]
from reportlab.lib.colors import Color, HexColor  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from models.documents.catalog import catalog
from models.documents.fonts import chain, load
from models.documents.text import Line, draw_line, is_rtl, wrap

log = logging.getLogger(__name__)

INK = HexColor("#1a1a1a")
MUTED = HexColor("#555555")
ACCENT = HexColor("#b3122e")  # Comune di Milano red
RULE = HexColor("#bbbbbb")
MARGIN = 16 * mm


@dataclass(frozen=True)
class Block:
    """A paragraph to draw in a column."""

    text: str
    size: float = 10
    bold: bool = False
    color: Color = INK
    space_after: float = 2


def printable(text: str, language: str) -> tuple[str, int]:
    """``text`` with characters no embedded font covers written as ``U+XXXX``.

    Returns the text and how many characters were replaced: drawing them would give empty
    boxes (.notdef), which look like a printer fault and hide what was meant.
    """
    fonts = chain(language)
    out: list[str] = []
    replaced = 0
    for char in text:
        if ord(char) < 0x20 and char != "\n":
            continue
        if char in "\u200c\u200d\u200e\u200f\n" or any(f.covers(char) for f in fonts):
            out.append(char)
        else:
            out.append(f"U+{ord(char):04X}")
            replaced += 1
    return "".join(out), replaced


class Writer:
    """Draws flowing content on A4 pages and returns the finished PDF."""

    def __init__(self, language: str, title: str) -> None:
        self.language = language
        self.buffer = io.BytesIO()
        # invariant: no creation time or random id, so the same input gives the same bytes.
        self.canvas = Canvas(
            self.buffer,
            pagesize=A4,
            invariant=True,
            pageCompression=1,
            # Not the default Helvetica: every font in the file is embedded.
            initialFontName=load("latin").key,
        )
        self.canvas.setTitle(title)
        self.canvas.setAuthor("Comune di Milano – ARCO")
        self.canvas.setCreator("ARCO Desk")
        self.width, self.height = A4
        self.left = MARGIN
        self.right = self.width - MARGIN
        self.top = self.height - MARGIN
        self.bottom = MARGIN + 10 * mm
        self.page = 1
        self.y = self.top
        self._header()

    # ------------------------------------------------------------------ pages
    def _header(self) -> None:
        c = self.canvas
        c.setFillColor(ACCENT)
        c.rect(self.left, self.top - 3, self.right - self.left, 3, stroke=0, fill=1)
        self.y = self.top - 8
        header = catalog(self.language).t("header")
        self.paragraph(header, size=7.5, color=MUTED)
        self.y -= 4

    def _footer(self) -> None:
        text = catalog(self.language).t("page", page=self.page)
        self.canvas.setFillColor(MUTED)
        for line in wrap(text, self.right - self.left, self.language, 7.5):
            draw_line(self.canvas, line, self.left, MARGIN, self.right - self.left, "center")
            break

    def new_page(self) -> None:
        self._footer()
        self.canvas.showPage()
        self.page += 1
        self._header()

    def ensure(self, height: float) -> None:
        if self.y - height < self.bottom and self.y < self.top - 40:
            self.new_page()

    def finish(self) -> tuple[bytes, int]:
        self._footer()
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue(), self.page

    # ------------------------------------------------------------------ content
    def lines(self, block: Block, width: float, language: str | None = None) -> list[Line]:
        return wrap(block.text, width, language or self.language, block.size, block.bold)

    def lines_for(self, text: str, size: float, indent: float = 0) -> list[Line]:
        return wrap(text, self.right - self.left - indent, self.language, size)

    def _draw_lines(
        self, lines: Sequence[Line], x: float, y: float, width: float, color: Color
    ) -> float:
        self.canvas.setFillColor(color)
        for line in lines:
            y -= line.height
            draw_line(self.canvas, line, x, y + line.height * 0.25, width, _align(line))
        return y

    def paragraph(
        self,
        text: str,
        size: float = 10,
        bold: bool = False,
        color: Color = INK,
        language: str | None = None,
        indent: float = 0,
        space_after: float = 2,
    ) -> None:
        language = language or self.language
        width = self.right - self.left - indent
        x = self.left if is_rtl(language) else self.left + indent
        for line in wrap(text, width, language, size, bold):
            self.ensure(line.height)
            self.y = self._draw_lines([line], x, self.y, width, color)
        self.y -= space_after

    def column_height(self, blocks: Sequence[Block], width: float, language: str) -> float:
        return sum(
            sum(line.height for line in self.lines(b, width, language)) + b.space_after
            for b in blocks
        )

    def row(
        self,
        first: Sequence[Block],
        second: Sequence[Block],
        second_language: str = "it",
        gap: float = 8 * mm,
    ) -> None:
        """Two columns side by side: ``first`` in the document language, ``second`` in
        ``second_language``. Right-to-left documents put their own column on the right."""
        full = self.right - self.left
        if not second:
            self._column(first, self.left, full, self.language)
            return
        width = (full - gap) / 2
        own_x, other_x = self.left, self.left + width + gap
        if is_rtl(self.language):
            own_x, other_x = other_x, own_x
        height = max(
            self.column_height(first, width, self.language),
            self.column_height(second, width, second_language),
        )
        self.ensure(height)
        top = self.y
        self._column(first, own_x, width, self.language)
        self.y = top
        self._column(second, other_x, width, second_language)
        self.y = top - height

    def _column(self, blocks: Sequence[Block], x: float, width: float, language: str) -> None:
        for block in blocks:
            lines = self.lines(block, width, language)
            self.ensure(sum(line.height for line in lines))
            self.y = self._draw_lines(lines, x, self.y, width, block.color)
            self.y -= block.space_after

    def rule(self, space: float = 4) -> None:
        self.y -= space
        self.canvas.setStrokeColor(RULE)
        self.canvas.setLineWidth(0.5)
        self.canvas.line(self.left, self.y, self.right, self.y)
        self.y -= space

    def space(self, height: float) -> None:
        self.y -= height

    def qr(self, value: str, x: float, y: float, size: float) -> None:
        """A QR code of ``value`` (error correction M, quiet zone of 2 modules).

        Drawn module by module: reportlab's graphics renderer would add an unembedded
        Helvetica to the page resources.
        """
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)  # version: smallest
        code.addData(value)
        code.make()
        count = code.getModuleCount()
        module = size / (count + 4)
        canvas = self.canvas
        canvas.setFillColor(INK)
        path = canvas.beginPath()
        for row in range(count):
            for col in range(count):
                if code.isDark(row, col):
                    px = x + (col + 2) * module
                    py = y + size - (row + 3) * module
                    path.rect(px, py, module, module)
        canvas.drawPath(path, stroke=0, fill=1)


def _align(line: Line) -> str:
    return "right" if line.rtl else "left"
