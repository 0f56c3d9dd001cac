"""A recovery key shown once: the warning, the key, Print… and "I have written it down".

Shared by the set-up wizard (the first recovery key) and the re-encryption dialog of the
Administration view (a replacement key). The key is shown in a large monospace label that
can be selected but not edited; "Print…" previews the recovery key sheet
(``models.documents.recovery_sheet``, made in a worker) and prints it. The sheet is never
offered as a file: the key must not be kept on a disk.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.documents import Document, recovery_sheet
from ui.document_preview import DocumentPreview, DocumentSource
from ui.i18n import SUPPORTED, current_language
from ui.ops import IO, Ops
from ui.unlock import desk_name


def make_recovery_sheet(code: str, name: str, key: str, language: str | None) -> Document:
    """The op: the printable recovery key sheet (no store involved)."""
    return recovery_sheet(code, name, key, language or "it")


class RecoveryKeyPanel(QWidget):
    """The warning, the key, Print… and the confirmation checkbox ``written_down``.

    ``confirm_text`` is the checkbox's text (with its mnemonic): the caller decides what
    the operator confirms and what the checkbox enables.
    """

    def __init__(self, ops: Ops, confirm_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._desk = ""
        self.preview: DocumentPreview | None = None
        warning = QLabel(
            self.tr(
                "Write it on paper or print it, and keep the sheet locked away from the "
                "computer. Anyone who has both the key and this computer can read the data. "
                "Do not save it in a file, an e-mail or a chat."
            )
        )
        warning.setWordWrap(True)
        self.key = QLabel()
        self.key.setAccessibleName(self.tr("Recovery key"))
        self.key.setTextFormat(Qt.TextFormat.PlainText)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.key.setFont(font)
        self.key.setStyleSheet("border: 2px solid #444; padding: 12px;")

        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.clicked.connect(self.print_key)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)

        self.written_down = QCheckBox(confirm_text)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(warning)
        layout.addWidget(self.key)
        layout.addLayout(buttons)
        layout.addStretch(1)
        layout.addWidget(self.written_down)

    def show_key(self, key: str, desk: str) -> None:
        """Show ``key`` of the desk with code ``desk``, not yet confirmed."""
        self._desk = desk
        self.key.setText(key)
        self.written_down.setChecked(False)

    def forget(self) -> None:
        """Close the preview and take the key off the screen."""
        self._close_preview()
        self.key.setText("")

    def print_key(self) -> None:
        """Preview the recovery key sheet, to print it (it is never saved to a file)."""
        key = self.key.text()
        if not key:
            return
        self._close_preview()
        code, name = self._desk, desk_name(self._desk)
        language = current_language()
        source = DocumentSource(
            lambda chosen: make_recovery_sheet(code, name, key, chosen),
            kind=IO,
            languages=SUPPORTED,
            language=language if language in SUPPORTED else "it",
            can_save=False,
        )
        preview = DocumentPreview(self._ops, source, self.tr("Print the recovery key"), self)
        preview.finished.connect(preview.deleteLater)
        self.preview = preview
        preview.open()

    def _close_preview(self) -> None:
        preview, self.preview = self.preview, None
        if preview is not None and shiboken6.isValid(preview):
            preview.reject()
