"""Reports: the FAMI indicators for a period and a desk, with charts, XLSX and PDF.

For coordinators and administrators (``reports.read``; the main window offers the section
to no one else, and ``models.indicators.compute`` refuses everyone else). The period is a
preset (this month, last month, this year, the last 12 months) or custom dates; the desk is
one desk or every desk whose records this computer holds. The figures (``models.indicators``:
third-country nationals only, erased people counted anonymously) are computed in an op on
the store thread whenever the choice changes or the view is shown, and laid out in tabs of
tables with bar charts (``ui.bar_chart``). *Export XLSX…* writes the spreadsheet where the
operator chooses; *Print or PDF…* opens the report in the document preview (print, save as
PDF; Italian or English). Administrators also set the target progress is measured
against (people, first month, months).

Keys: Alt+P period, Alt+F and Alt+T custom dates, Alt+K desk, F5 (Alt+R) recompute,
Ctrl+Shift+E (Alt+X) export XLSX, Ctrl+P (Alt+N) print or PDF; Ctrl+Tab moves between the
tabs; the target form has Alt+L, Alt+M, Alt+O and Alt+S.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from models import indicators
from models.documents.report import report_pdf, report_xlsx, suggested_name
from models.errors import ValidationFailed
from models.indicator_facts import BAND_LABELS, CITIZENSHIP_CLASSES, NOT_STATED, SEXES
from models.indicators import Period, Report, Target
from models.referrals import STATUSES
from models.roles import Actor
from models.settings import PROJECT_MONTHS, TARGET_PEOPLE
from models.store import OpenStore
from ui.bar_chart import BarChart
from ui.document_preview import DocumentPreview, DocumentSource
from ui.errors import message_for
from ui.formats import format_date
from ui.headings import heading
from ui.i18n import arg, current_language
from ui.ops import IO, Generation, Ops
from ui.save_file import ask_save_path, write_file
from ui.tables import fill_rows, record_table
from ui.vocabulary import status_label

DEFAULT_PRESET = indicators.LAST_12_MONTHS


@dataclass(frozen=True)
class ReportData:
    """What one op brings: the report and the desks to choose from."""

    report: Report
    desks: list[tuple[str, str]]


def load_report(
    session: Session, actor: Actor, period: Period, desk: str | None, today: date
) -> ReportData:
    """The op: the indicators and the desk list (plain values)."""
    return ReportData(
        indicators.compute(session, actor, period, desk, today), indicators.desks(session)
    )


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportsView(QWidget):
    """The indicators of a period and a desk.

    Signals:
        loaded(object): a ``Report`` is on screen.
        exported(str): the path of a spreadsheet written.
        message_shown(str): a refusal or an error, translated.
        target_saved(object): the ``Target`` an administrator stored.
    """

    loaded = Signal(object)
    exported = Signal(str)
    message_shown = Signal(str)
    target_saved = Signal(object)

    def __init__(self, store: OpenStore, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self._generation = Generation()
        self.report: Report | None = None
        self._desks_loaded = False
        self.title = heading(self.tr("Indicators"))
        self._build_choices()
        self._build_tabs()
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Report status"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self._choices)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        self._build_shortcuts()
        self.setFocusProxy(self.period)
        self._on_preset_changed()

    # ------------------------------------------------------------- building
    def _build_choices(self) -> None:
        """The period, the dates, the desk and the buttons."""
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Period"))
        for key, text in (
            (indicators.THIS_MONTH, self.tr("This month")),
            (indicators.LAST_MONTH, self.tr("Last month")),
            (indicators.THIS_YEAR, self.tr("This year")),
            (indicators.LAST_12_MONTHS, self.tr("Last 12 months")),
            (indicators.CUSTOM, self.tr("Custom dates")),
        ):
            self.period.addItem(text, key)
        self.period.setCurrentIndex(self.period.findData(DEFAULT_PRESET))
        self.period.currentIndexChanged.connect(self._on_preset_changed)
        period_label = QLabel(self.tr("&Period:"))
        period_label.setBuddy(self.period)
        self.start = self._date_edit(self.tr("First day of the period"))
        self.end = self._date_edit(self.tr("Last day of the period"))
        start_label = QLabel(self.tr("&From:"))
        start_label.setBuddy(self.start)
        end_label = QLabel(self.tr("&To:"))
        end_label.setBuddy(self.end)
        self.desk = QComboBox()
        self.desk.setAccessibleName(self.tr("Desk"))
        self.desk.addItem(self.tr("All desks"), None)
        self.desk.currentIndexChanged.connect(self._on_desk_changed)
        desk_label = QLabel(self.tr("Des&k:"))
        desk_label.setBuddy(self.desk)
        self.refresh_button = QPushButton(self.tr("&Recompute"))
        self.refresh_button.setToolTip(QKeySequence("F5").toString())
        self.refresh_button.clicked.connect(self.reload)
        self.xlsx_button = QPushButton(self.tr("Export &XLSX…"))
        self.xlsx_button.setToolTip(QKeySequence("Ctrl+Shift+E").toString())
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.pdf_button = QPushButton(self.tr("Pri&nt or PDF…"))
        self.pdf_button.setToolTip(QKeySequence("Ctrl+P").toString())
        self.pdf_button.clicked.connect(self.open_pdf)
        row = QHBoxLayout()
        for widget in (period_label, self.period, start_label, self.start, end_label, self.end):
            row.addWidget(widget)
        row.addSpacing(12)
        row.addWidget(desk_label)
        row.addWidget(self.desk, 1)
        row.addWidget(self.refresh_button)
        row.addWidget(self.xlsx_button)
        row.addWidget(self.pdf_button)
        self._choices = row
        self._set_buttons(False)

    def _date_edit(self, accessible: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setAccessibleName(accessible)
        edit.editingFinished.connect(self._on_dates_edited)
        return edit

    def _build_tabs(self) -> None:
        """One tab per group of indicators: tables, and charts beside them."""
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Groups of indicators"))
        self.summary_table = record_table(
            [self.tr("Indicator"), self.tr("Value")], self.tr("Summary"), stretch=0
        )
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName(self.tr("Progress towards the target"))
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.months_chart = BarChart(self.tr("Accesses by month, chart"))
        progress_box = QGroupBox(self.tr("Progress towards the target"))
        progress_layout = QVBoxLayout(progress_box)
        progress_layout.addWidget(self.progress_bar)
        progress_layout.addWidget(self.progress_label)
        self.target_box = self._build_target_form()
        left = QVBoxLayout()
        left.addWidget(self.summary_table, 1)
        left.addWidget(progress_box)
        left.addWidget(self.target_box)
        months_label = QLabel(self.tr("Accesses by month"))
        summary = QWidget()
        summary_layout = QHBoxLayout(summary)
        summary_layout.addLayout(left, 1)
        summary_layout.addWidget(self._side(months_label, self.months_chart), 1)
        self.tabs.addTab(summary, self.tr("Summary"))

        self.months_table = record_table(
            [self.tr("Month"), self.tr("Accesses"), self.tr("People"), self.tr("New")],
            self.tr("Accesses by month"),
            stretch=0,
        )
        self.tabs.addTab(self._page(self.months_table), self.tr("Months"))

        self.channels_table = record_table(
            [self.tr("Channel"), self.tr("Accesses")], self.tr("Accesses by channel"), stretch=0
        )
        self.channels_chart = BarChart(self.tr("Accesses by channel, chart"))
        self.tabs.addTab(self._page(self.channels_table, self.channels_chart), self.tr("Channels"))

        self.people_table = record_table([], self.tr("People reached by sex and age band"))
        self.citizenship_table = record_table(
            [self.tr("Citizenship"), self.tr("People")],
            self.tr("People reached by citizenship"),
            stretch=0,
        )
        self.bands_chart = BarChart(self.tr("People reached by age band, chart"))
        self.tabs.addTab(
            self._page(self.people_table, self.bands_chart, self.citizenship_table),
            self.tr("People"),
        )

        self.services_table = record_table(
            [self.tr("Service"), self.tr("Needs"), self.tr("Referrals"), self.tr("Closed")],
            self.tr("Needs and referrals by service"),
            stretch=0,
        )
        self.services_chart = BarChart(self.tr("Needs by service, chart"))
        self.tabs.addTab(self._page(self.services_table, self.services_chart), self.tr("Services"))

        self.outcomes_table = record_table(
            [self.tr("Status today"), self.tr("Referrals")],
            self.tr("Outcomes of the referrals sent"),
            stretch=0,
        )
        self.median_label = QLabel()
        self.median_label.setTextFormat(Qt.TextFormat.PlainText)
        self.outcomes_chart = BarChart(self.tr("Outcomes of the referrals sent, chart"))
        self.tabs.addTab(
            self._page(self.outcomes_table, self.outcomes_chart, self.median_label),
            self.tr("Referrals"),
        )

        self.topics_table = record_table(
            [self.tr("Topic"), self.tr("Consultations")],
            self.tr("Legal consultations by topic"),
            stretch=0,
        )
        self.topics_chart = BarChart(self.tr("Legal consultations by topic, chart"))
        self.tabs.addTab(self._page(self.topics_table, self.topics_chart), self.tr("Consultations"))

    def _page(self, table: QTableWidget, *below: QWidget) -> QWidget:
        """A tab: the table on the left, the chart (and anything else) on the right."""
        page = QWidget()
        layout = QHBoxLayout(page)
        layout.addWidget(table, 1)
        layout.addWidget(self._side(*below), 1)
        return page

    def _side(self, *widgets: QWidget) -> QScrollArea:
        """Widgets stacked at the top of a scroll area (a chart is never cut off)."""
        side = QWidget()
        side_layout = QVBoxLayout(side)
        for widget in widgets:
            side_layout.addWidget(widget)
        side_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(side)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return scroll

    def _build_target_form(self) -> QGroupBox:
        """The target (administrators only): people, first month, months; Save target."""
        box = QGroupBox(self.tr("Target"))
        self.target_people = QSpinBox()
        self.target_people.setRange(TARGET_PEOPLE.minimum, TARGET_PEOPLE.maximum)
        self.target_people.setAccessibleName(self.tr("People to reach"))
        self.target_start = QDateEdit()
        self.target_start.setDisplayFormat("MM/yyyy")
        self.target_start.setAccessibleName(self.tr("First month of the project"))
        self.target_months = QSpinBox()
        self.target_months.setRange(PROJECT_MONTHS.minimum, PROJECT_MONTHS.maximum)
        self.target_months.setAccessibleName(self.tr("Months of the project"))
        self.save_target_button = QPushButton(self.tr("&Save target"))
        self.save_target_button.clicked.connect(self.save_target)
        form = QFormLayout(box)
        for text, widget in (
            (self.tr("Peop&le to reach:"), self.target_people),
            (self.tr("First &month:"), self.target_start),
            (self.tr("M&onths:"), self.target_months),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow(self.save_target_button)
        box.setVisible(self._store.actor.can("operators.manage"))
        return box

    def _build_shortcuts(self) -> None:
        for keys, slot in (
            ("F5", self.reload),
            ("Ctrl+Shift+E", self.export_xlsx),
            ("Ctrl+P", self.open_pdf),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # ------------------------------------------------------------- choosing
    def _today(self) -> date:
        return indicators.today_in_milan()

    def chosen_period(self) -> Period:
        """The period the choices describe (``ValidationFailed`` for backwards dates)."""
        key = self.period.currentData()
        if key == indicators.CUSTOM:
            return Period(_pydate(self.start.date()), _pydate(self.end.date()))
        return indicators.preset(str(key), self._today())

    def chosen_desk(self) -> str | None:
        value = self.desk.currentData()
        return str(value) if value else None

    def _on_preset_changed(self) -> None:
        custom = self.period.currentData() == indicators.CUSTOM
        self.start.setEnabled(custom)
        self.end.setEnabled(custom)
        if not custom:
            period = indicators.preset(str(self.period.currentData()), self._today())
            for edit, day in ((self.start, period.start), (self.end, period.end)):
                edit.blockSignals(True)
                edit.setDate(_qdate(day))
                edit.blockSignals(False)
            if self.isVisible():
                self.reload()

    def _on_dates_edited(self) -> None:
        if self.period.currentData() == indicators.CUSTOM:
            self.reload()

    def _on_desk_changed(self) -> None:
        if self._desks_loaded and self.isVisible():
            self.reload()

    # ------------------------------------------------------------- loading
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        """Compute the indicators of the chosen period and desk in an op."""
        try:
            period = self.chosen_period()
        except ValidationFailed as exc:
            self._say(message_for(exc))
            return
        desk, today = self.chosen_desk(), self._today()
        self.status.setText(self.tr("Counting…"))
        self._ops.in_session(
            self._store,
            lambda session, actor: load_report(session, actor, period, desk, today),
            on_success=self._generation.current(self._show),
            on_failure=self._generation.current(lambda exc: self._say(message_for(exc))),
            guard=self,
        )

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.message_shown.emit(text)

    def _show(self, data: ReportData) -> None:
        self._fill_desks(data.desks, data.report.desk)
        report = data.report
        self.report = report
        self._show_summary(report)
        self._show_tables(report)
        self._set_buttons(True)
        period = report.period
        self.status.setText(
            arg(
                self.tr(
                    "%1 to %2 · third-country nationals only; people erased on request are "
                    "still counted, anonymously."
                ),
                format_date(period.start),
                format_date(period.end),
            )
        )
        self.loaded.emit(report)

    def _fill_desks(self, desks: list[tuple[str, str]], chosen: str | None) -> None:
        if self._desks_loaded:
            return
        self.desk.blockSignals(True)
        for code, name in desks:
            self.desk.addItem(name, code)
        self.desk.setCurrentIndex(max(0, self.desk.findData(chosen)) if chosen else 0)
        self.desk.blockSignals(False)
        self._desks_loaded = True

    def _set_buttons(self, enabled: bool) -> None:
        self.xlsx_button.setEnabled(enabled)
        self.pdf_button.setEnabled(enabled)

    # ------------------------------------------------------------- showing
    def _show_summary(self, report: Report) -> None:
        median = report.median_days_to_close
        words = {
            "reached": self.tr("People reached (third-country nationals)"),
            "new": self.tr("of whom first access"),
            "returning": self.tr("of whom came before"),
            "accesses": self.tr("Accesses"),
            "needs": self.tr("Needs recorded"),
            "referrals": self.tr("Referrals sent"),
            "closed": self.tr("Referrals closed by the service"),
            "consultations": self.tr("Legal consultations"),
        }
        rows = [[words[key], _number(value)] for key, value in report.summary().items()]
        rows.append(
            [
                self.tr("Days to close a referral (median)"),
                _number(median) if median is not None else self.tr("none closed"),
            ]
        )
        _fill(self.summary_table, rows)
        progress = report.progress
        target = progress.target
        self.progress_bar.setRange(0, max(1, target.people))
        self.progress_bar.setValue(min(progress.reached, target.people))
        self.progress_bar.setFormat(
            arg(self.tr("%1 of %2"), _number(progress.reached), _number(target.people))
        )
        self.progress_label.setText(
            arg(
                self.tr(
                    "%1 third-country nationals reached since %2 at the desks of this "
                    "computer; the target is %3 by %4, and %5 are due by now."
                ),
                _number(progress.reached),
                format_date(target.start),
                _number(target.people),
                format_date(target.end),
                _number(progress.due),
            )
        )
        self.target_people.setValue(target.people)
        self.target_start.setDate(_qdate(target.start))
        self.target_months.setValue(target.months)
        self.months_chart.set_bars(
            [(_month(m.month), m.accesses, _number(m.accesses)) for m in report.months]
        )

    def _show_tables(self, report: Report) -> None:
        lang = current_language()
        f = report.figures
        _fill(
            self.months_table,
            [
                [_month(m.month), _number(m.accesses), _number(m.people), _number(m.new)]
                for m in report.months
            ],
        )
        channels = sorted(f.accesses_by_channel.items(), key=lambda kv: (-kv[1], kv[0]))
        _fill(
            self.channels_table,
            [[report.name("channel", code, lang), _number(n)] for code, n in channels],
        )
        self.channels_chart.set_bars(
            [(report.name("channel", code, lang), n, _number(n)) for code, n in channels]
        )
        self._show_people(report)
        services = report.services()
        _fill(
            self.services_table,
            [
                [
                    report.name("service", code, lang),
                    _number(f.needs_by_service[code]),
                    _number(f.referrals_by_service[code]),
                    _number(f.closed_by_service[code]),
                ]
                for code in services
            ],
        )
        needs = [(code, f.needs_by_service[code]) for code in services]
        self.services_chart.set_bars(
            [(report.name("service", code, lang), n, _number(n)) for code, n in needs]
        )
        outcomes = [(s, f.referral_outcomes[s]) for s in STATUSES if f.referral_outcomes[s]]
        _fill(self.outcomes_table, [[status_label(s), _number(n)] for s, n in outcomes])
        self.outcomes_chart.set_bars([(status_label(s), n, _number(n)) for s, n in outcomes])
        median = report.median_days_to_close
        self.median_label.setText(
            arg(
                self.tr(
                    "%n referral(s) closed by the service; median days to close: %1",
                    "",
                    report.closed,
                ),
                _number(median) if median is not None else "–",
            )
        )
        topics = sorted(f.consultations_by_topic.items(), key=lambda kv: (-kv[1], kv[0]))
        _fill(
            self.topics_table,
            [[report.name("consultation_topic", c, lang), _number(n)] for c, n in topics],
        )
        self.topics_chart.set_bars(
            [(report.name("consultation_topic", c, lang), n, _number(n)) for c, n in topics]
        )

    def _show_people(self, report: Report) -> None:
        f = report.figures
        sexes = [s for s in SEXES if any(f.by_sex_band[(s, b)] for b in BAND_LABELS)]
        sex_words = {
            "F": self.tr("Women"),
            "M": self.tr("Men"),
            "X": self.tr("Other"),
            NOT_STATED: self.tr("Sex not stated"),
        }
        headers = [self.tr("Age band"), *(sex_words[s] for s in sexes), self.tr("Total")]
        self.people_table.setColumnCount(len(headers))
        self.people_table.setHorizontalHeaderLabels(headers)
        rows: list[list[str]] = []
        bands: list[tuple[str, float, str]] = []
        for band in BAND_LABELS:
            counts = [f.by_sex_band[(s, band)] for s in sexes]
            label = band if band != NOT_STATED else self.tr("Age not stated")
            if any(counts):
                rows.append([label, *(_number(c) for c in counts), _number(sum(counts))])
            bands.append((label, sum(counts), _number(sum(counts))))
        totals = [sum(f.by_sex_band[(s, b)] for b in BAND_LABELS) for s in sexes]
        rows.append([self.tr("Total"), *(_number(c) for c in totals), _number(sum(totals))])
        _fill(self.people_table, rows)
        self.bands_chart.set_bars(bands)
        class_words = {
            "tcn": self.tr("Third-country nationals"),
            "eu": self.tr("Citizens of other EU countries"),
            "it": self.tr("Italian citizens"),
            "unknown": self.tr("Citizenship not recorded"),
        }
        _fill(
            self.citizenship_table,
            [[class_words[k], _number(f.reached_by_class[k])] for k in CITIZENSHIP_CLASSES],
        )

    # ------------------------------------------------------------- exporting
    def export_xlsx(self) -> None:
        """Write the report shown as a spreadsheet where the operator chooses."""
        report = self.report
        if report is None:
            return
        path = ask_save_path(
            self,
            self.tr("Export the indicators"),
            suggested_name(report, "xlsx"),
            self.tr("Excel workbook (*.xlsx)"),
            ".xlsx",
        )
        if path is None:
            return
        language = current_language()
        self._ops.run(
            lambda: write_file(path, report_xlsx(report, language)),
            on_success=self._exported,
            on_failure=lambda exc: self._say(message_for(exc)),
            guard=self,
            kind=IO,
        )

    def _exported(self, path: str) -> None:
        self.status.setText(self.tr("Spreadsheet saved."))
        self.exported.emit(path)

    def open_pdf(self) -> DocumentPreview | None:
        """The report in the document preview: print it or save it as PDF."""
        report = self.report
        if report is None:
            return None
        language = current_language()
        source = DocumentSource(
            lambda lang: report_pdf(report, lang or language),
            kind=IO,
            languages=("it", "en"),
            language=language if language in ("it", "en") else "it",
        )
        dialog = DocumentPreview(self._ops, source, self.tr("Indicators"), self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def save_target(self) -> None:
        """Store the target of the form (administrators), then count again."""
        month = self.target_start.date()
        target = Target(
            self.target_people.value(),
            date(month.year(), month.month(), 1),
            self.target_months.value(),
        )
        self._ops.in_session(
            self._store,
            lambda session, actor: indicators.write_target(session, actor, target),
            on_success=self._target_saved,
            on_failure=lambda exc: self._say(message_for(exc)),
            guard=self,
        )

    def _target_saved(self, target: Target) -> None:
        self.target_saved.emit(target)
        self.reload()

    # ------------------------------------------------------------- locking
    def clear(self) -> None:
        """Empty the figures (counts, but the lock leaves nothing on screen); late answers
        are dropped."""
        self._generation.bump()
        self.report = None
        for table in self.findChildren(QTableWidget):
            table.setRowCount(0)
        for chart in self.findChildren(BarChart):
            chart.set_bars([])
        self.progress_bar.reset()
        self.progress_label.clear()
        self.median_label.clear()
        self.status.clear()
        self._set_buttons(False)


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    """``fill_rows``, with every column but the first (the counts) aligned right."""
    fill_rows(table, rows)
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for row in range(table.rowCount()):
        for column in range(1, table.columnCount()):
            item = table.item(row, column)
            if item is not None:
                item.setTextAlignment(right)


def _locale() -> QLocale:
    return QLocale(
        QLocale.Language.Italian if current_language() == "it" else QLocale.Language.English
    )


def _number(value: float) -> str:
    """A count (or a median) as the operator's language writes it."""
    if isinstance(value, float) and not value.is_integer():
        return _locale().toString(value, "f", 1)
    return _locale().toString(int(value))


def _month(key: str) -> str:
    """``2025-03`` as "mar 2025" / "Mar 2025"."""
    year, month = (int(part) for part in key.split("-"))
    return f"{_locale().monthName(month, QLocale.FormatType.ShortFormat)} {year}"
