"""The indicator report as files: the XLSX read back with openpyxl shows the report's
numbers, the PDF holds them as text, both in Italian and English."""

from __future__ import annotations

import io
import json
import re
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from models.documents.catalog import REPORT_DIR, REPORT_LANGUAGES, report_catalog, report_keys
from models.documents.report import (
    format_number,
    report_pdf,
    report_xlsx,
    tables,
)
from models.indicators import Period, Report, compute
from models.store import OpenStore
from tests.models import indicator_population as population
from tests.models.test_documents import contains, text_of

YEAR_2025 = Period(date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture
def year(store: OpenStore) -> Report:
    population.write(store)
    with store.session() as session:
        return compute(session, store.actor, YEAR_2025, today=date(2026, 6, 15))


def sheets(data: bytes) -> dict[str, list[list[Any]]]:
    book = load_workbook(io.BytesIO(data), read_only=True)
    return {
        ws.title: [[c for c in row if c is not None] for row in ws.iter_rows(values_only=True)]
        for ws in book.worksheets
    }


def value_after(rows: list[list[Any]], label: str) -> Any:
    return next(row[1] for row in rows if row and row[0] == label)


def test_the_report_catalogs_have_the_same_keys_and_placeholders() -> None:
    assert set(REPORT_LANGUAGES) == {p.stem for p in REPORT_DIR.glob("*.json")}
    reference = report_keys("it")
    pattern = re.compile(r"\{(\w+)\}")
    for lang in REPORT_LANGUAGES:
        data = json.loads((REPORT_DIR / f"{lang}.json").read_text("utf-8"))
        assert report_keys(lang) == reference, lang
        assert data["_meta"]["language"] == lang
        for key in reference:
            found = set(pattern.findall(report_catalog(lang).t(key)))
            assert found == set(pattern.findall(report_catalog("it").t(key))), (lang, key)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_spreadsheet_shows_the_reports_numbers(year: Report, lang: str) -> None:
    cat = report_catalog(lang)
    book = sheets(report_xlsx(year, lang))
    assert list(book) == [cat.t(f"sheet.{t.key}") for t in tables(year, lang)]
    for rows in book.values():  # the period and the desk head every sheet
        assert rows[0] == [cat.t("title")]
        assert rows[1] == [cat.t("period", start="01/01/2025", end="31/12/2025")]
        assert rows[2] == [cat.t("all_desks")]

    summary = book[cat.t("sheet.summary")]
    assert value_after(summary, cat.t("summary.reached")) == 37
    assert value_after(summary, cat.t("summary.new")) == 30
    assert value_after(summary, cat.t("summary.returning")) == 7
    assert value_after(summary, cat.t("summary.accesses")) == 53
    assert value_after(summary, cat.t("summary.referrals")) == 10
    assert value_after(summary, cat.t("summary.consultations")) == 16
    assert value_after(summary, cat.t("summary.median")) == 5
    assert value_after(summary, cat.t("progress.target")) == 1200

    months = book[cat.t("sheet.months")]
    march = next(
        row
        for row in months
        if row and str(row[0]).endswith("2025") and row[0].startswith(cat.t("month.3"))
    )
    assert march[1:] == [9, 9, 2]
    assert sum(row[1] for row in months if len(row) == 4 and isinstance(row[1], int)) == 53

    channels = book[cat.t("sheet.channels")]
    assert value_after(channels, year.name("channel", "walk_in", lang)) == 30
    citizenship = book[cat.t("sheet.citizenship")]
    assert value_after(citizenship, cat.t("class.tcn")) == 37
    assert value_after(citizenship, cat.t("class.eu")) == 5
    services = book[cat.t("sheet.services")]
    reunification = year.name("service", "mwc_family_reunification", lang)
    assert next(r for r in services if r and r[0] == reunification)[1:] == [12, 10, 7]
    people = book[cat.t("sheet.people")]
    assert next(r for r in people if r and r[0] == cat.t("col.total"))[-1] == 37
    outcomes = book[cat.t("sheet.outcomes")]
    assert value_after(outcomes, cat.t("status.completed")) == 3


def test_an_empty_period_still_makes_every_sheet(store: OpenStore) -> None:
    with store.session() as session:
        empty = compute(session, store.actor, YEAR_2025)
    book = sheets(report_xlsx(empty, "en"))
    assert ["No data in the period."] in book["Channels"]
    assert value_after(book["Summary"], "People reached") == 0


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_pdf_holds_the_figures(year: Report, lang: str, tmp_path: Path) -> None:
    document = report_pdf(year, lang)
    assert document.pdf.startswith(b"%PDF") and document.pages >= 2
    assert document.kind == "indicator_report" and document.language == lang
    assert document.suggested_name == "arco-indicators-all-2025-01-01-2025-12-31.pdf"
    assert report_pdf(year, lang).pdf == document.pdf  # no clock or random id inside
    text = text_of(document.pdf, tmp_path)
    cat = report_catalog(lang)
    for expected in (
        cat.t("title"),
        cat.t("period", start="01/01/2025", end="31/12/2025"),
        cat.t("section.topics"),
        year.name("service", "mwc_family_reunification", lang),
        format_number(1200, lang),
    ):
        assert contains(text, expected), expected
    # Laid out as rows: the label and its number on one line.
    (tmp_path / "report.pdf").write_bytes(document.pdf)
    layout = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(tmp_path / "report.pdf"), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    assert re.search(rf"{re.escape(cat.t('summary.reached'))}\s+37\n", layout)
    assert re.search(rf"{re.escape(cat.t('summary.accesses'))}\s+53\n", layout)


def test_numbers_are_written_as_each_language_writes_them() -> None:
    assert format_number(1200, "it") == "1.200"
    assert format_number(1200, "en") == "1,200"
    assert format_number(4.5, "it") == "4,5"
    assert format_number(5.0, "en") == "5"
