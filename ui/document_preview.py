"""The preview of a printed document: its pages, a language choice, Print… and Save as PDF….

The dialog is given a :class:`DocumentSource`: an op that makes the ``models.documents``
``Document`` in a language (``None``: the document's own default, the person's preferred
language for person documents). Making the PDF and turning its pages into pictures both run
off the GUI thread through :class:`~ui.ops.Ops`; choosing another language in the combo box
makes the document again. An answer that arrives after a newer request, or after the dialog
was closed, is dropped.

Print… opens the system print dialog; each page is rasterised at the printer's resolution
(at most :data:`PRINT_DPI_MAX`) in a worker and painted on the GUI thread, one page at a
time. Save as PDF… writes the engine's PDF bytes where the operator chooses. Nothing goes to
a temporary file, and closing the dialog (the lock closes it too) forgets the document.

Keys: Ctrl+P prints, Ctrl+S saves, Esc closes, Ctrl+PgUp/Ctrl+PgDown go to the previous or
next page, and the arrow and page keys scroll the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QKeySequence, QPageSize, QPainter, QPixmap, QShortcut
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.documents import LANGUAGES, Document
from ui.errors import message_for
from ui.i18n import arg
from ui.ops import DB, IO, Generation, Ops
from ui.pdf_pages import PageImage, render_page, render_pages, to_image
from ui.save_file import ask_save_path, write_file

PREVIEW_DPI = 96.0  # times the screen's device pixel ratio
PRINT_DPI_MAX = 300  # enough for text; a 600 dpi A4 page would take 140 MB of pixels

# Each language also in its own script, so the person can point at theirs.
ENDONYMS = {
    "it": "italiano",
    "en": "English",
    "fr": "français",
    "es": "español",
    "ar": "العربية",
    "bn": "বাংলা",
    "zh": "中文",
    "ur": "اردو",
}


@dataclass(frozen=True)
class DocumentSource:
    """What the preview shows.

    ``make(language)`` is an op (see ``ui/ops.py``: no widgets, its own session) returning
    a ``Document``; ``None`` asks for the document's default language. ``kind`` is the op
    kind (``"db"`` when it reads the store). ``languages`` are the choices offered and
    ``language`` the first one asked for. ``can_save=False`` hides Save as PDF… (the
    recovery key sheet must only be printed).
    """

    make: Callable[[str | None], Document]
    kind: str = DB
    languages: tuple[str, ...] = LANGUAGES
    language: str | None = None
    can_save: bool = True


@dataclass
class _PrintJob:
    """One print run: the printer, its painter and the pages still to paint (from 0)."""

    printer: QPrinter
    painter: QPainter
    pdf: bytes
    dpi: float
    pending: list[int]
    total: int
    painted: int = 0
    cancelled: bool = False


class DocumentPreview(QDialog):
    """A document's pages with Print…, Save as PDF… and a language choice.

    Signals:
        document_shown(object): a ``Document``'s pages are on screen.
        printed(int): the number of pages sent to the printer.
        saved(str): the path of the PDF written.
        message_shown(str): a refusal or error, translated.
    """

    document_shown = Signal(object)
    printed = Signal(int)
    saved = Signal(str)
    message_shown = Signal(str)

    def __init__(
        self, ops: Ops, source: DocumentSource, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._source = source
        self._generation = Generation()
        self._document: Document | None = None
        self._pages: list[PageImage] = []
        self._loading = False
        self._saving = False
        self._print_job: _PrintJob | None = None
        self.setWindowTitle(title)

        top = self._build_top(self._build_language_choice())
        self._build_pages()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.page_area, 1)
        layout.addWidget(self.status)
        layout.addLayout(self._buttons)
        self._build_shortcuts()
        # An A4 page at PREVIEW_DPI is about 800 pixels wide; smaller screens scroll.
        room = self.screen().availableGeometry()
        self.resize(min(880, room.width()), min(960, room.height() - 40))
        self._update_buttons()
        self.load(source.language)

    # ------------------------------------------------------------- building
    def _build_language_choice(self) -> QLabel:
        """The language combo box (hidden with one choice); returns its label."""
        source = self._source
        names = {
            "it": self.tr("Italian"),
            "en": self.tr("English"),
            "fr": self.tr("French"),
            "es": self.tr("Spanish"),
            "ar": self.tr("Arabic"),
            "bn": self.tr("Bengali"),
            "zh": self.tr("Chinese"),
            "ur": self.tr("Urdu"),
        }
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language of the document"))
        for code in source.languages:
            name = names.get(code, code)
            endonym = ENDONYMS.get(code, "")
            same = endonym.casefold() == name.casefold()
            text = name if same or not endonym else arg(self.tr("%1 — %2"), name, endonym)
            self.language.addItem(text, code)
        if source.language is not None:
            self.language.setCurrentIndex(max(0, self.language.findData(source.language)))
        self.language.currentIndexChanged.connect(self._on_language_chosen)
        self.language.setVisible(len(source.languages) > 1)
        language_label = QLabel(self.tr("&Language:"))
        language_label.setBuddy(self.language)
        language_label.setVisible(len(source.languages) > 1)
        return language_label

    def _build_top(self, language_label: QLabel) -> QHBoxLayout:
        """The top row: the language choice, then the page buttons and number."""
        self.previous_button = QPushButton(self.tr("Pre&vious page"))
        self.previous_button.setToolTip(QKeySequence("Ctrl+PgUp").toString())
        self.previous_button.clicked.connect(lambda: self.show_page(self.current_page() - 1))
        self.next_button = QPushButton(self.tr("Ne&xt page"))
        self.next_button.setToolTip(QKeySequence("Ctrl+PgDown").toString())
        self.next_button.clicked.connect(lambda: self.show_page(self.current_page() + 1))
        self.page_label = QLabel()
        self.page_label.setAccessibleName(self.tr("Page number"))
        top = QHBoxLayout()
        top.addWidget(language_label)
        top.addWidget(self.language)
        top.addStretch(1)
        top.addWidget(self.previous_button)
        top.addWidget(self.page_label)
        top.addWidget(self.next_button)
        return top

    def _build_pages(self) -> None:
        """The scroll area holding one picture per page."""
        self.pages_widget = QWidget()
        self.pages_widget.setStyleSheet("background: #808080;")
        self._pages_layout = QVBoxLayout(self.pages_widget)
        self._pages_layout.setSpacing(12)
        self._pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.page_labels: list[QLabel] = []
        self.page_area = QScrollArea()
        self.page_area.setWidgetResizable(True)
        self.page_area.setWidget(self.pages_widget)
        self.page_area.setAccessibleName(self.tr("Pages of the document"))
        self.page_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.page_area.verticalScrollBar().valueChanged.connect(self._update_page_label)

    def _build_buttons(self) -> None:
        """The status line and the Print…, Save as PDF… and Close buttons."""
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Document status"))

        self.print_button = QPushButton(self.tr("&Print… (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(self.tr("&Save as PDF… (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button = QPushButton(self.tr("&Close (Esc)"))
        self.close_button.clicked.connect(self.reject)
        self._buttons = QHBoxLayout()
        self._buttons.addWidget(self.print_button)
        self._buttons.addWidget(self.save_button)
        self._buttons.addStretch(1)
        self._buttons.addWidget(self.close_button)
        for button in (self.print_button, self.save_button, self.close_button):
            button.setAutoDefault(False)
        self.save_button.setVisible(self._source.can_save)

    def _build_shortcuts(self) -> None:
        """Ctrl+P prints, Ctrl+S saves, Ctrl+PgUp/Ctrl+PgDown turn the page."""
        for keys, slot in (
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence.StandardKey.Save, self.save_pdf),
            (QKeySequence("Ctrl+PgUp"), lambda: self.show_page(self.current_page() - 1)),
            (QKeySequence("Ctrl+PgDown"), lambda: self.show_page(self.current_page() + 1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)

    # ------------------------------------------------------------- state
    @property
    def document(self) -> Document | None:
        """The document on screen (None while it is being made)."""
        return self._document

    @property
    def busy(self) -> bool:
        return self._loading or self._saving or self._print_job is not None

    def add_button(self, button: QPushButton) -> None:
        """An extra command next to Save as PDF… (e.g. the data export's Save JSON…)."""
        button.setAutoDefault(False)
        self._buttons.insertWidget(self._buttons.indexOf(self.save_button) + 1, button)

    def _update_buttons(self) -> None:
        ready = self._document is not None and not self.busy
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        count = len(self.page_labels)
        self.previous_button.setVisible(count > 1)
        self.next_button.setVisible(count > 1)
        self.page_label.setVisible(count > 0)
        self._update_page_label()

    def show_message(self, text: str) -> None:
        self.status.setText(text)
        self.message_shown.emit(text)

    def _show_error(self, exc: BaseException) -> None:
        self.show_message(message_for(exc))

    # ------------------------------------------------------------- making the document
    def load(self, language: str | None) -> None:
        """Make the document in ``language`` (None: its default) and show its pages."""
        self._generation.bump()
        self._loading = True
        self._document = None
        self._update_buttons()
        self.status.setText(self.tr("Preparing the document…"))
        make = self._source.make
        self._ops.run(
            lambda: make(language),
            on_success=self._generation.current(self._on_document),
            on_failure=self._generation.current(self._on_load_failed),
            guard=self,
            kind=self._source.kind,
        )

    def _on_language_chosen(self, _index: int) -> None:
        code = self.language.currentData()
        if code is not None and (self._document is None or code != self._document.language):
            self.load(str(code))

    def _on_document(self, document: Document) -> None:
        index = self.language.findData(document.language)
        if index >= 0 and index != self.language.currentIndex():
            self.language.blockSignals(True)
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)
        pdf = document.pdf
        ratio = self.devicePixelRatioF()
        dpi = PREVIEW_DPI * ratio
        # Fit the width of the view, so that only the vertical scroll bar is needed.
        margins = self._pages_layout.contentsMargins()
        room = self.page_area.viewport().width() - margins.left() - margins.right() - 4
        bar = self.page_area.verticalScrollBar()
        if not bar.isVisible():  # it will appear with the pages
            room -= bar.sizeHint().width()
        max_width = max(int(room * ratio), 200)
        self._ops.run(
            lambda: render_pages(pdf, dpi, max_width),
            on_success=self._generation.current(lambda pages: self._show(document, pages)),
            on_failure=self._generation.current(self._on_load_failed),
            guard=self,
            kind=IO,
        )

    def _on_load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self._clear_pages()
        self._update_buttons()
        self._show_error(exc)

    def _show(self, document: Document, pages: list[PageImage]) -> None:
        self._loading = False
        self._clear_pages()
        self._document = document
        self._pages = pages
        ratio = self.devicePixelRatioF()
        for number, page in enumerate(pages, start=1):
            pixmap = QPixmap.fromImage(to_image(page))
            pixmap.setDevicePixelRatio(ratio)
            label = QLabel()
            label.setPixmap(pixmap)
            label.setAccessibleName(arg(self.tr("Page %1"), number))
            label.setFrameShape(QFrame.Shape.Box)
            self._pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        self.status.clear()
        self._update_buttons()
        self.page_area.verticalScrollBar().setValue(0)
        self.page_area.setFocus()
        self.document_shown.emit(document)

    def _clear_pages(self) -> None:
        for label in self.page_labels:
            self._pages_layout.removeWidget(label)
            label.deleteLater()
        self.page_labels = []
        self._pages = []
        self._document = None

    # ------------------------------------------------------------- pages
    def page_count(self) -> int:
        return len(self.page_labels)

    def current_page(self) -> int:
        """The page at the top of the view (from 0)."""
        top = self.page_area.verticalScrollBar().value()
        current = 0
        for index, label in enumerate(self.page_labels):
            if label.geometry().top() <= top + 1:
                current = index
        return current

    def show_page(self, index: int) -> None:
        """Scroll so that page ``index`` (from 0) is at the top."""
        if not self.page_labels:
            return
        index = max(0, min(index, len(self.page_labels) - 1))
        self.pages_widget.adjustSize()
        self.page_area.verticalScrollBar().setValue(self.page_labels[index].geometry().top())
        self._update_page_label()

    def _update_page_label(self, _value: int = 0) -> None:
        count = len(self.page_labels)
        if count:
            self.page_label.setText(arg(self.tr("Page %1 of %2"), self.current_page() + 1, count))
        else:
            self.page_label.clear()

    # ------------------------------------------------------------- saving
    def save_pdf(self) -> None:
        """Ask where, then write the PDF there (in a worker)."""
        document = self._document
        if document is None or self.busy or not self._source.can_save:
            return
        path = ask_save_path(
            self,
            self.tr("Save as PDF"),
            document.suggested_name,
            self.tr("PDF documents (*.pdf)"),
            ".pdf",
        )
        if path is None:
            return
        self._saving = True
        self._update_buttons()
        self.status.setText(self.tr("Saving…"))
        data = document.pdf
        self._ops.run(
            lambda: write_file(path, data),
            on_success=self._on_saved,
            on_failure=self._on_save_failed,
            guard=self,
            kind=IO,
        )

    def _on_saved(self, path: str) -> None:
        self._saving = False
        self._update_buttons()
        self.status.setText(arg(self.tr("Saved as %1."), Path(path).name))
        self.saved.emit(path)

    def _on_save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._update_buttons()
        self._show_error(exc)

    # ------------------------------------------------------------- printing
    def print_document(self) -> None:
        """The system print dialog, then the pages, rendered for the printer one by one."""
        document = self._document
        if document is None or self.busy or not self._pages:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(document.suggested_name)  # shown in print queues: no personal data
        printer.setFullPage(True)  # the PDF page has its own margins
        first = self._pages[0]
        printer.setPageSize(
            QPageSize(
                QSizeF(first.width_pt, first.height_pt),
                QPageSize.Unit.Point,
                "",
                QPageSize.SizeMatchPolicy.FuzzyMatch,
            )
        )
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print"))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setMinMax(1, len(self._pages))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Paint the document on ``printer`` (the print dialog's choices already set)."""
        document = self._document
        if document is None or self.busy:
            return
        total = len(self._pages)
        first, last = 1, total
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first = max(1, printer.fromPage())
            last = min(total, printer.toPage() or total)
        pending = list(range(first - 1, last))
        if not pending:
            return
        painter = QPainter()
        if not painter.begin(printer):
            self.show_message(self.tr("The printer could not be started. Check that it is on."))
            return
        dpi = float(min(printer.resolution(), PRINT_DPI_MAX))
        self._print_job = _PrintJob(printer, painter, document.pdf, dpi, pending, len(pending))
        self._update_buttons()
        self._print_next()

    def _print_next(self) -> None:
        job = self._print_job
        if job is None:
            return
        if not job.pending:
            job.painter.end()
            self._print_job = None
            self._update_buttons()
            self.status.setText(self.tr("%n page(s) sent to the printer.", "", job.painted))
            self.printed.emit(job.painted)
            return
        index = job.pending.pop(0)
        self.status.setText(arg(self.tr("Printing page %1 of %2…"), job.painted + 1, job.total))
        pdf, dpi = job.pdf, job.dpi
        self._ops.run(
            lambda: render_page(pdf, index, dpi),
            on_success=lambda page: self._paint(job, page),
            on_failure=lambda exc: self._print_failed(job, exc),
            guard=self,
            kind=IO,
        )

    def _paint(self, job: _PrintJob, page: PageImage) -> None:
        if job.cancelled or job is not self._print_job:
            return
        if job.painted:
            job.printer.newPage()
        image = to_image(page)
        area = QRectF(0, 0, job.printer.width(), job.printer.height())
        scale = min(area.width() / image.width(), area.height() / image.height())
        width, height = image.width() * scale, image.height() * scale
        target = QRectF(
            area.x() + (area.width() - width) / 2, area.y() + (area.height() - height) / 2,
            width, height,
        )  # fmt: skip
        job.painter.drawImage(target, image)
        job.painted += 1
        self._print_next()

    def _print_failed(self, job: _PrintJob, exc: BaseException) -> None:
        if job is not self._print_job:
            return
        self._cancel_print()
        self._update_buttons()
        self._show_error(exc)

    def _cancel_print(self) -> None:
        job, self._print_job = self._print_job, None
        if job is None:
            return
        job.cancelled = True
        job.printer.abort()
        if job.painter.isActive():
            job.painter.end()

    # ------------------------------------------------------------- closing
    def done(self, result: int) -> None:
        """Closing (Esc, Close, or the lock): stop printing and forget the document."""
        self._generation.bump()
        self._cancel_print()
        self._clear_pages()
        self._loading = self._saving = False
        self.status.clear()
        super().done(result)
