"""A horizontal bar chart painted with QPainter: labels, bars to scale, the value after each.

Qt Charts would need PySide6-Addons (a second, much larger wheel) for a few bars; matplotlib
would need rendering off the GUI thread and an image per resize. The indicator charts are
short lists of counts, so they are painted here, in the palette's colours (dark themes and
high contrast included). The numbers are always in a table beside the chart as well: the
chart takes no focus and describes its values to screen readers in its accessible
description.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = 15  # pixels per bar
GAP = 4
MARGIN = 4
LABEL_SHARE = 0.4  # at most this share of the width for the labels


class BarChart(QWidget):
    """Bars for ``(label, value, shown)`` triples; ``shown`` is the value as text."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[tuple[str, float, str]] = []
        self.setAccessibleName(accessible_name)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    @property
    def bars(self) -> list[tuple[str, float, str]]:
        return list(self._bars)

    def set_bars(self, bars: list[tuple[str, float, str]]) -> None:
        self._bars = [(label, max(0.0, value), shown) for label, value, shown in bars]
        self.setAccessibleDescription("; ".join(f"{label}: {shown}" for label, _, shown in bars))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, max(1, len(self._bars)) * (BAR + GAP) + 2 * MARGIN)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._bars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        metrics = painter.fontMetrics()
        width = self.width() - 2 * MARGIN
        label_width = min(
            int(width * LABEL_SHARE), max(metrics.horizontalAdvance(b[0]) for b in self._bars) + 8
        )
        value_width = max(metrics.horizontalAdvance(b[2]) for b in self._bars) + 8
        room = max(1, width - label_width - value_width)
        top = max(b[1] for b in self._bars) or 1.0
        y = MARGIN
        for label, value, shown in self._bars:
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            label_rect = QRectF(MARGIN, y, label_width - 8, BAR)
            painter.drawText(
                label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text
            )
            length = room * value / top
            bar = QRectF(MARGIN + label_width, y + 2, length, BAR - 4)
            painter.fillRect(bar, palette.color(QPalette.ColorRole.Highlight))
            value_rect = QRectF(MARGIN + label_width + length + 4, y, value_width, BAR)
            painter.drawText(
                value_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown
            )
            y += BAR + GAP
        painter.end()
