"""The indicator report as files for the funders: a spreadsheet (XLSX) and a PDF.

Both are made from a ``models.indicators.Report`` (counts only, no personal data) through
:func:`tables`, the indicator groups as labelled rows, in Italian or English (texts in
``translations/reports/``, labels of services, channels and topics as the store keeps
them). The spreadsheet has one sheet per group with the period and the desk on top; the
PDF has the same tables with bar charts, on the A4 pages of ``models.documents.layout``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]

from models.documents.catalog import REPORT_LANGUAGES, Catalog, report_catalog
from models.documents.document import Document
from models.documents.layout import ACCENT, INK, MUTED, RULE, Writer
from models.documents.text import draw_line, wrap
from models.indicator_facts import BAND_LABELS, CITIZENSHIP_CLASSES, NOT_STATED, SEXES
from models.indicators import Report
from models.referrals import STATUSES

Cell = str | int | float

SUMMARY, MONTHS, CHANNELS, PEOPLE, CITIZENSHIP, SERVICES, OUTCOMES, TOPICS = (
    "summary",
    "months",
    "channels",
    "people",
    "citizenship",
    "services",
    "outcomes",
    "topics",
)
# Tables drawn with a bar chart in the PDF: (table, column of the bars).
CHARTED = {MONTHS: 1, CHANNELS: 1, SERVICES: 1, TOPICS: 1}


@dataclass(frozen=True)
class Table:
    """One indicator group: its key (the sheet), title, headers and rows."""

    key: str
    title: str
    headers: list[str]
    rows: list[list[Cell]]


def report_language(language: str | None) -> str:
    return language if language in REPORT_LANGUAGES else "it"


def format_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def format_number(value: Cell, language: str) -> str:
    """``1200`` as ``1.200`` (Italian) or ``1,200``; a fraction with one decimal."""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.1f}"
    else:
        text = f"{int(value):,}"
    if language == "it":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def month_label(key: str, cat: Catalog) -> str:
    year, month = key.split("-")
    return f"{cat.t(f'month.{int(month)}')} {year}"


def sex_label(sex: str, cat: Catalog) -> str:
    return cat.t(f"sex.{sex}") if sex in ("F", "M", "X") else cat.t("sex.none")


def band_label(band: str, cat: Catalog) -> str:
    return band if band != NOT_STATED else cat.t("band.none")


def tables(report: Report, language: str) -> list[Table]:
    """The report's indicator groups as labelled tables, in ``language`` (it or en)."""
    lang = report_language(language)
    cat = report_catalog(lang)
    f = report.figures
    median = report.median_days_to_close
    summary: list[list[Cell]] = [
        [cat.t(f"summary.{key}"), value] for key, value in report.summary().items()
    ]
    summary.append([cat.t("summary.median"), median if median is not None else ""])
    progress = report.progress
    summary += [
        [cat.t("progress.reached"), progress.reached],
        [cat.t("progress.target"), progress.target.people],
        [cat.t("progress.due"), progress.due],
        [cat.t("progress.start"), format_date(progress.target.start)],
        [cat.t("progress.end"), format_date(progress.target.end)],
    ]
    months: list[list[Cell]] = [
        [month_label(m.month, cat), m.accesses, m.people, m.new] for m in report.months
    ]
    channels: list[list[Cell]] = [
        [report.name("channel", code, lang), count]
        for code, count in sorted(f.accesses_by_channel.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    sexes = [s for s in SEXES if any(f.by_sex_band[(s, b)] for b in BAND_LABELS)]
    people: list[list[Cell]] = []
    for band in BAND_LABELS:
        counts = [f.by_sex_band[(s, band)] for s in sexes]
        if any(counts):
            people.append([band_label(band, cat), *counts, sum(counts)])
    totals = [sum(f.by_sex_band[(s, b)] for b in BAND_LABELS) for s in sexes]
    people.append([cat.t("col.total"), *totals, sum(totals)])
    citizenship: list[list[Cell]] = [
        [cat.t(f"class.{klass}"), f.reached_by_class[klass]] for klass in CITIZENSHIP_CLASSES
    ]
    services: list[list[Cell]] = [
        [
            report.name("service", code, lang),
            f.needs_by_service[code],
            f.referrals_by_service[code],
            f.closed_by_service[code],
        ]
        for code in report.services()
    ]
    outcomes: list[list[Cell]] = [
        [cat.get(f"status.{status}", status), f.referral_outcomes[status]]
        for status in STATUSES
        if f.referral_outcomes[status]
    ]
    topics: list[list[Cell]] = [
        [report.name("consultation_topic", code, lang), count]
        for code, count in sorted(f.consultations_by_topic.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    count = cat.t("col.count")
    return [
        Table(
            SUMMARY, cat.t("section.summary"), [cat.t("col.indicator"), cat.t("col.value")], summary
        ),
        Table(
            MONTHS,
            cat.t("section.months"),
            [cat.t(f"col.{c}") for c in ("month", "accesses", "people", "new")],
            months,
        ),
        Table(CHANNELS, cat.t("section.channels"), [cat.t("col.channel"), count], channels),
        Table(
            PEOPLE,
            cat.t("section.people"),
            [cat.t("col.band"), *(sex_label(s, cat) for s in sexes), cat.t("col.total")],
            people,
        ),
        Table(
            CITIZENSHIP,
            cat.t("section.citizenship"),
            [cat.t("col.citizenship"), cat.t("col.people")],
            citizenship,
        ),
        Table(
            SERVICES,
            cat.t("section.services"),
            [cat.t(f"col.{c}") for c in ("service", "needs", "referrals", "closed")],
            services,
        ),
        Table(OUTCOMES, cat.t("section.outcomes"), [cat.t("col.status"), count], outcomes),
        Table(TOPICS, cat.t("section.topics"), [cat.t("col.topic"), count], topics),
    ]


def heading_lines(report: Report, language: str) -> list[str]:
    """Title, period, desk and making date, as the top of every sheet and the PDF."""
    cat = report_catalog(report_language(language))
    desk = (
        cat.t("desk", desk=report.desk_name or report.desk)
        if report.desk is not None
        else cat.t("all_desks")
    )
    return [
        cat.t("title"),
        cat.t(
            "period",
            start=format_date(report.period.start),
            end=format_date(report.period.end),
        ),
        desk,
        cat.t("made", date=format_date(report.made_at.date())),
    ]


def suggested_name(report: Report, suffix: str) -> str:
    desk = report.desk or "all"
    period = report.period
    return f"arco-indicators-{desk}-{period.start.isoformat()}-{period.end.isoformat()}.{suffix}"


# ===================================================================== XLSX
def report_xlsx(report: Report, language: str = "it") -> bytes:
    """The report as an XLSX workbook: one sheet per indicator group, numbers as numbers."""
    lang = report_language(language)
    cat = report_catalog(lang)
    book = Workbook()
    book.remove(book.active)
    top = heading_lines(report, lang)
    bold = Font(bold=True)
    for table in tables(report, lang):
        sheet = book.create_sheet(cat.t(f"sheet.{table.key}")[:31])
        sheet.append([top[0]])
        sheet["A1"].font = Font(bold=True, size=13)
        for line in top[1:]:
            sheet.append([line])
        sheet.append([])
        sheet.append([table.title])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        sheet.append(table.headers)
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for row in table.rows:
            sheet.append(row)
        if not table.rows:
            sheet.append([cat.t("none")])
        sheet.column_dimensions["A"].width = max(
            [24, *(len(str(r[0])) + 2 for r in table.rows if r)]
        )
        for letter in "BCDEFG":
            sheet.column_dimensions[letter].width = 14
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ===================================================================== PDF
class _ReportWriter(Writer):
    """The page writer with tables and bar charts."""

    def table(self, table: Table, empty: str, chart_column: int | None) -> None:
        size = 8.5
        full = self.right - self.left
        first = full * (0.46 if len(table.headers) > 2 else 0.62)
        rest = (full - first) / max(1, len(table.headers) - 1)
        widths = [first, *([rest] * (len(table.headers) - 1))]
        self.ensure(40)
        self.paragraph(table.title, 11, True, ACCENT, space_after=3)
        if not table.rows:
            self.paragraph(empty, 9, False, MUTED, space_after=6)
            return
        self._row([str(h) for h in table.headers], widths, size, bold=True)
        self._rule()
        for row in table.rows:
            cells = [format_number(c, self.language) if c != "" else "" for c in row]
            self._row(cells, widths, size, bold=False)
        self._rule()
        if chart_column is not None:
            self.bars(
                [str(r[0]) for r in table.rows],
                [
                    float(r[chart_column]) if isinstance(r[chart_column], int | float) else 0.0
                    for r in table.rows
                ],
            )
        self.space(6)

    def _rule(self) -> None:
        self.canvas.setStrokeColor(RULE)
        self.canvas.setLineWidth(0.4)
        self.canvas.line(self.left, self.y + 1, self.right, self.y + 1)

    def _row(self, cells: Sequence[str], widths: Sequence[float], size: float, bold: bool) -> None:
        gap = 1.6 * mm
        wrapped = [
            wrap(c, w - gap, self.language, size, bold) for c, w in zip(cells, widths, strict=True)
        ]
        height = max(sum(line.height for line in lines) for lines in wrapped) + 1.5
        self.ensure(height)
        x = self.left
        self.canvas.setFillColor(INK)
        for index, (lines, width) in enumerate(zip(wrapped, widths, strict=True)):
            y = self.y
            align = "left" if index == 0 else "right"
            for line in lines:
                y -= line.height
                draw_line(self.canvas, line, x, y + line.height * 0.25, width - gap, align)
            x += width
        self.y -= height

    def bars(self, labels: Sequence[str], values: Sequence[float]) -> None:
        """A horizontal bar chart of ``values``; the numbers are in the table above."""
        top = max(values, default=0.0)
        if top <= 0:
            return
        bar, gap, label_width = 3.2 * mm, 1.2 * mm, 48 * mm
        height = len(values) * (bar + gap) + 4
        self.ensure(height)
        self.y -= 3
        width = self.right - self.left - label_width
        canvas = self.canvas
        for label, value in zip(labels, values, strict=True):
            line = wrap(label, label_width - 2 * mm, self.language, 7)[:1]
            canvas.setFillColor(MUTED)
            if line:
                draw_line(
                    canvas, line[0], self.left, self.y - bar + 0.6, label_width - 2 * mm, "left"
                )
            canvas.setFillColor(ACCENT)
            canvas.rect(
                self.left + label_width, self.y - bar, width * value / top, bar, stroke=0, fill=1
            )
            self.y -= bar + gap

    def progress_bar(self, share: float, due_share: float) -> None:
        height = 4 * mm
        self.ensure(height + 6)
        width = self.right - self.left
        canvas = self.canvas
        canvas.setFillColor(RULE)
        canvas.rect(self.left, self.y - height, width, height, stroke=0, fill=1)
        canvas.setFillColor(ACCENT)
        canvas.rect(self.left, self.y - height, width * min(1.0, share), height, stroke=0, fill=1)
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.8)
        x = self.left + width * min(1.0, due_share)
        canvas.line(x, self.y - height - 1.5, x, self.y + 1.5)
        self.y -= height + 6


def report_pdf(report: Report, language: str = "it") -> Document:
    """The report as a PDF in ``language`` (it or en): summary, progress, every table."""
    lang = report_language(language)
    cat = report_catalog(lang)
    writer = _ReportWriter(lang, "ARCO indicators")
    title, *lines = heading_lines(report, lang)
    writer.paragraph(title, 16, True, ACCENT, space_after=1)
    writer.paragraph(cat.t("subtitle"), 9, False, MUTED, space_after=4)
    for line in lines:
        writer.paragraph(line, 9.5, line is lines[0], INK, space_after=1)
    writer.space(3)
    for note in ("note.tcn", "note.counts", "note.small"):
        writer.paragraph(cat.t(note), 7.5, False, MUTED, space_after=1.5)
    writer.rule()

    progress = report.progress
    writer.paragraph(cat.t("section.progress"), 11, True, ACCENT, space_after=3)
    writer.paragraph(
        cat.t(
            "progress.line",
            reached=format_number(progress.reached, lang),
            start=format_date(progress.target.start),
            target=format_number(progress.target.people, lang),
            end=format_date(progress.target.end),
            share=f"{format_number(round(progress.share * 100, 1), lang)}%",
            due=format_number(progress.due, lang),
        ),
        9,
        space_after=3,
    )
    people = progress.target.people or 1
    writer.progress_bar(progress.share, progress.due / people)
    for table in tables(report, lang):
        chart = CHARTED.get(table.key)
        writer.table(table, cat.t("none"), chart)
    pdf, pages = writer.finish()
    return Document(
        kind="indicator_report",
        language=lang,
        pdf=pdf,
        pages=pages,
        suggested_name=suggested_name(report, "pdf"),
    )
