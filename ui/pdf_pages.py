"""PDF pages to pictures, in memory: for the document preview and for printing.

PySide6-Essentials has no QtPdf, so pages are rasterised with ``pypdfium2`` (PDFium). The
PDF is read from ``bytes`` and each page becomes a plain :class:`PageImage` (raw pixels in
a ``bytes`` object): nothing is written to disk, so a document holding personal data never
reaches a temporary file.

:func:`render_pages` and :func:`render_page` are ops (``kind="io"``): they use no Qt object
and may run on a worker thread. PDFium is not thread-safe, so every call into it holds one
module-wide lock. :func:`to_image` turns a result into a ``QImage`` on the GUI thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pypdfium2
from PySide6.QtGui import QImage

POINTS_PER_INCH = 72.0

# PDFium may be called from one thread at a time only.
_PDFIUM = threading.Lock()


@dataclass(frozen=True)
class PageImage:
    """One page as RGBX pixels (4 bytes per pixel, ``stride`` bytes per row).

    ``width_pt``/``height_pt`` are the page's size in PDF points (1/72 inch), for choosing
    the paper when printing.
    """

    width: int
    height: int
    stride: int
    pixels: bytes
    width_pt: float
    height_pt: float


def _render(
    document: pypdfium2.PdfDocument, index: int, dpi: float, max_width: int | None = None
) -> PageImage:
    page = document[index]
    try:
        width_pt, height_pt = page.get_size()
        scale = dpi / POINTS_PER_INCH
        if max_width is not None and width_pt * scale > max_width:
            scale = max(max_width, 1) / width_pt
        bitmap = page.render(
            scale=scale,
            fill_color=(255, 255, 255, 255),
            prefer_bgrx=True,  # 4 bytes per pixel: rows that QImage takes as they are
            rev_byteorder=True,  # RGBX, i.e. QImage.Format_RGBX8888
        )
        try:
            pixels = bytes(bitmap.buffer)
            return PageImage(
                bitmap.width, bitmap.height, bitmap.stride, pixels, width_pt, height_pt
            )
        finally:
            bitmap.close()
    finally:
        page.close()


def page_count(pdf: bytes) -> int:
    """How many pages ``pdf`` has."""
    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def render_pages(pdf: bytes, dpi: float, max_width: int | None = None) -> list[PageImage]:
    """Every page of ``pdf`` at ``dpi``, narrowed to ``max_width`` pixels if wider.

    An op: no Qt, safe on a worker thread.
    """
    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return [_render(document, index, dpi, max_width) for index in range(len(document))]
        finally:
            document.close()


def render_page(pdf: bytes, index: int, dpi: float) -> PageImage:
    """Page ``index`` (from 0) of ``pdf`` at ``dpi`` (an op, like :func:`render_pages`)."""
    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return _render(document, index, dpi)
        finally:
            document.close()


def to_image(page: PageImage) -> QImage:
    """The page as a ``QImage`` that owns its pixels (GUI thread)."""
    image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGBX8888)
    return image.copy()  # detach from ``page.pixels``
