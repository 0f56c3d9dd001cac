"""The city-wide indicators as the web page and its spreadsheet show them: labelled tables
of counts (``sync.server.indicators`` computes them), small counts suppressed.

Small counts
------------
Every count of people or records from 1 to 4 is shown as ``<5`` (primary suppression):
with four desks and short periods, a count of one or two can point at someone (the one
woman over 65 from a given country who came to a desk in March). Zero is shown: it says
that nobody is in a group, not who is. Totals would give a hidden count back by
subtraction (reached 40, new 3, returning 37), so wherever a line of cells and its total
are both on the page (:func:`groups`) and exactly one of them is hidden, the smallest other
count of the line is hidden too, shown as ``×`` (secondary suppression), until no line has
a single hidden cell. The median days to close is shown only over at least 5 referrals.
Target figures (the plan's numbers) are not counts of people and are always shown.

Each cell carries a key (``data-cell`` on the page) naming the figure it shows; one figure
shown in two tables has one key (third-country nationals reached, in the summary and the
citizenship table), so it is hidden in both or neither.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from models.indicator_facts import BAND_LABELS, CITIZENSHIP_CLASSES, SEXES, TCN
from models.indicators import Report
from models.referrals import STATUSES
from sync.server.web import i18n

SMALL = 5  # counts from 1 to SMALL - 1 are not shown
SMALL_TEXT = "<5"
SECONDARY_TEXT = "×"
CLOSED_STATUSES = ("completed", "declined", "no_show")

Translate = Callable[..., str]


@dataclass(frozen=True)
class Cell:
    """One figure as shown: ``text`` (formatted, or ``<5``, ``×``), the number when shown."""

    key: str
    text: str
    value: int | float | None  # None: hidden (or no value)
    hidden: bool = False


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    total: bool = False  # a row of totals


@dataclass(frozen=True)
class Table:
    key: str  # the table's id on the page and its sheet
    title: str
    headers: tuple[str, ...]  # the label column's header first
    rows: tuple[Row, ...]

    def cell(self, key: str) -> Cell:
        """The table's cell showing figure ``key``."""
        return next(c for row in self.rows for c in row.cells if c.key == key)


def format_number(value: float, lang: str) -> str:
    """``1200`` as ``1.200`` (Italian) or ``1,200``; a fraction with one decimal."""
    text = f"{value:,.1f}" if not float(value).is_integer() else f"{int(value):,}"
    if lang == "it":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# ===================================================================== suppression
def counts(report: Report) -> dict[str, int]:
    """Every count the page shows, by cell key."""
    f = report.figures
    found: dict[str, int] = dict(report.summary())
    for month in report.months:
        found[f"month.{month.month}.accesses"] = month.accesses
        found[f"month.{month.month}.people"] = month.people
        found[f"month.{month.month}.new"] = month.new
    for code, count in f.accesses_by_channel.items():
        found[f"channel.{code}"] = count
    for band in BAND_LABELS:
        for sex in SEXES:
            found[f"people.{band}.{sex}"] = f.by_sex_band[(sex, band)]
        found[f"people.{band}.total"] = sum(f.by_sex_band[(s, band)] for s in SEXES)
    for sex in SEXES:
        found[f"people.total.{sex}"] = sum(f.by_sex_band[(sex, b)] for b in BAND_LABELS)
    for klass in CITIZENSHIP_CLASSES:
        if klass != TCN:  # third-country nationals reached: the summary's "reached"
            found[f"class.{klass}"] = f.reached_by_class[klass]
    for code in report.services():
        found[f"service.{code}.needs"] = f.needs_by_service[code]
        found[f"service.{code}.referrals"] = f.referrals_by_service[code]
        found[f"service.{code}.closed"] = f.closed_by_service[code]
    for status in STATUSES:
        found[f"outcome.{status}"] = f.referral_outcomes[status]
    for code, count in f.consultations_by_topic.items():
        found[f"topic.{code}"] = count
    found["progress.reached"] = report.progress.reached
    return found


def groups(report: Report) -> list[tuple[list[str], str]]:
    """The lines of cells whose total is also shown: (cells, the total's key)."""
    f = report.figures
    months = [m.month for m in report.months]
    found: list[tuple[list[str], str]] = [
        (["new", "returning"], "reached"),
        ([f"month.{m}.accesses" for m in months], "accesses"),
        ([f"month.{m}.new" for m in months], "new"),
        ([f"channel.{c}" for c in f.accesses_by_channel], "accesses"),
        ([f"people.total.{s}" for s in SEXES], "reached"),
        ([f"people.{b}.total" for b in BAND_LABELS], "reached"),
        ([f"outcome.{s}" for s in STATUSES], "referrals"),
        ([f"outcome.{s}" for s in CLOSED_STATUSES], "closed"),
        ([f"topic.{c}" for c in f.consultations_by_topic], "consultations"),
    ]
    for band in BAND_LABELS:
        found.append(([f"people.{band}.{s}" for s in SEXES], f"people.{band}.total"))
    for sex in SEXES:
        found.append(([f"people.{b}.{sex}" for b in BAND_LABELS], f"people.total.{sex}"))
    services = report.services()
    for column in ("needs", "referrals", "closed"):
        found.append(([f"service.{c}.{column}" for c in services], column))
    return found


def suppress(values: dict[str, int], lines: Iterable[tuple[list[str], str]]) -> set[str]:
    """The keys of the counts not to show (see the module documentation)."""
    hidden = {key for key, value in values.items() if 0 < value < SMALL}
    lines = [(members, total) for members, total in lines if members]
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            unknown = [k for k in (*members, total) if k in hidden]
            if len(unknown) != 1:
                continue
            others = sorted(
                (values.get(k, 0), k) for k in members if k not in hidden and values.get(k, 0) > 0
            )
            pick = others[0][1] if others else total
            if pick not in hidden:
                hidden.add(pick)
                changed = True
    return hidden


# ===================================================================== tables
class _Cells:
    def __init__(self, report: Report, lang: str) -> None:
        self.values = counts(report)
        self.hidden = suppress(self.values, groups(report))
        self.lang = lang

    def count(self, key: str) -> Cell:
        value = self.values.get(key, 0)
        if key in self.hidden:
            text = SMALL_TEXT if 0 < value < SMALL else SECONDARY_TEXT
            return Cell(key, text, None, True)
        return Cell(key, format_number(value, self.lang), value)

    def plain(self, key: str, value: int | float | None, text: str = "") -> Cell:
        """A figure that is not a count of people or records (never hidden)."""
        if value is None:
            return Cell(key, text, None)
        return Cell(key, text or format_number(value, self.lang), value)


def _label(table: dict[str, str], key: str, t: Translate) -> str:
    return t(table[key]) if key in table else key


def month_label(key: str, t: Translate) -> str:
    year, month = key.split("-")
    return f"{t(i18n.MONTHS[int(month)])} {year}"


def tables(report: Report, lang: str, t: Translate) -> list[Table]:
    """The page's tables, in order, labelled in ``lang``."""
    f = report.figures
    c = _Cells(report, lang)
    col = i18n.INDICATOR_COLUMNS

    def head(*keys: str) -> tuple[str, ...]:
        return tuple(t(col[k]) for k in keys)

    summary = [Row(_label(i18n.SUMMARY, key, t), (c.count(key),)) for key in report.summary()]
    median = report.median_days_to_close
    closed_shown = "closed" not in c.hidden and report.closed >= SMALL
    summary.append(
        Row(
            t(i18n.SUMMARY["median"]),
            (
                c.plain("median", median)
                if median is not None and closed_shown
                else c.plain("median", None, t(i18n.NOT_AVAILABLE)),
            ),
        )
    )
    months = [
        Row(
            month_label(m.month, t),
            (
                c.count(f"month.{m.month}.accesses"),
                c.count(f"month.{m.month}.people"),
                c.count(f"month.{m.month}.new"),
            ),
        )
        for m in report.months
    ]
    months.append(
        Row(t(col["total"]), (c.count("accesses"), c.plain("people", None), c.count("new")), True)
    )
    channels = [
        Row(report.name("channel", code, lang), (c.count(f"channel.{code}"),))
        for code, _n in sorted(f.accesses_by_channel.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    channels.append(Row(t(col["total"]), (c.count("accesses"),), True))
    sexes = [s for s in SEXES if c.values[f"people.total.{s}"]]
    people = [
        Row(
            band if band else t(i18n.NOT_STATED),
            (
                *(c.count(f"people.{band}.{s}") for s in sexes),
                c.count(f"people.{band}.total"),
            ),
        )
        for band in BAND_LABELS
        if c.values[f"people.{band}.total"]
    ]
    people.append(
        Row(
            t(col["total"]),
            (*(c.count(f"people.total.{s}") for s in sexes), c.count("reached")),
            True,
        )
    )
    citizenship = [
        Row(
            t(i18n.CLASSES[klass]),
            (c.count("reached" if klass == TCN else f"class.{klass}"),),
        )
        for klass in CITIZENSHIP_CLASSES
    ]
    services = [
        Row(
            report.name("service", code, lang),
            (
                c.count(f"service.{code}.needs"),
                c.count(f"service.{code}.referrals"),
                c.count(f"service.{code}.closed"),
            ),
        )
        for code in report.services()
    ]
    services.append(
        Row(t(col["total"]), (c.count("needs"), c.count("referrals"), c.count("closed")), True)
    )
    outcomes = [
        Row(t(i18n.STATUS.get(status, status)), (c.count(f"outcome.{status}"),))
        for status in STATUSES
        if f.referral_outcomes[status]
    ]
    outcomes.append(Row(t(col["total"]), (c.count("referrals"),), True))
    topics = [
        Row(report.name("consultation_topic", code, lang), (c.count(f"topic.{code}"),))
        for code, _n in sorted(f.consultations_by_topic.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    topics.append(Row(t(col["total"]), (c.count("consultations"),), True))
    progress = report.progress
    target = progress.target
    reached = c.count("progress.reached")
    share = progress.share * 100 if not reached.hidden else None
    progress_rows = [
        Row(t(i18n.PROGRESS["reached"]), (reached,)),
        Row(t(i18n.PROGRESS["target"]), (c.plain("target", target.people),)),
        Row(t(i18n.PROGRESS["due"]), (c.plain("due", progress.due),)),
        Row(
            t(i18n.PROGRESS["share"]),
            (
                c.plain("share", share, format_number(round(share, 1), lang) + " %")
                if share is not None
                else c.plain("share", None, SECONDARY_TEXT),
            ),
        ),
        Row(t(i18n.PROGRESS["start"]), (c.plain("start", None, format_day(target.start)),)),
        Row(t(i18n.PROGRESS["end"]), (c.plain("end", None, format_day(target.end)),)),
    ]
    titles = i18n.INDICATOR_TABLES
    return [
        Table("summary", t(titles["summary"]), head("indicator", "value"), tuple(summary)),
        Table("progress", t(titles["progress"]), head("indicator", "value"), tuple(progress_rows)),
        Table(
            "months",
            t(titles["months"]),
            head("month", "accesses", "people", "first"),
            tuple(months),
        ),
        Table("channels", t(titles["channels"]), head("channel", "count"), tuple(channels)),
        Table(
            "people",
            t(titles["people"]),
            (
                t(col["band"]),
                *(t(i18n.INDICATOR_SEXES[s]) for s in sexes),
                t(col["total"]),
            ),
            tuple(people),
        ),
        Table(
            "citizenship",
            t(titles["citizenship"]),
            head("citizenship", "people"),
            tuple(citizenship),
        ),
        Table(
            "services",
            t(titles["services"]),
            head("service", "needs", "referrals", "closed"),
            tuple(services),
        ),
        Table("outcomes", t(titles["outcomes"]), head("status", "count"), tuple(outcomes)),
        Table("topics", t(titles["topics"]), head("topic", "count"), tuple(topics)),
    ]


# ===================================================================== XLSX
def xlsx(heading: list[str], notes: list[str], shown: list[Table]) -> bytes:
    """The tables as a workbook: one sheet each, the heading on top, numbers as numbers,
    hidden counts as the page shows them (``<5``, ``×``), the notes on the first sheet."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for index, table in enumerate(shown):
        sheet = book.create_sheet(table.title[:31].replace("/", "-"))
        for line in heading:
            sheet.append([line])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([])
        sheet.append([table.title])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        sheet.append(list(table.headers))
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for row in table.rows:
            sheet.append(
                [row.label, *(c.value if c.value is not None else c.text for c in row.cells)]
            )
            if row.total:
                for cell in sheet[sheet.max_row]:
                    cell.font = bold
        if index == 0:
            sheet.append([])
            for note in notes:
                sheet.append([note])
        sheet.column_dimensions["A"].width = max([28, *(len(r.label) + 2 for r in table.rows)])
        for letter in "BCDEFG":
            sheet.column_dimensions[letter].width = 14
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
