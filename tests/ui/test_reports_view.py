"""Reports: the figures shown match a generated population with known counts; the period
and the desk change them; the XLSX written from the view reads back the same numbers; only
coordinators and admins get the view; administrators set the target."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from models import indicators
from models.store import OpenStore
from tests.conftest import ADMIN_PASSWORD, add_operator
from tests.models import indicator_population as population
from tests.ui.conftest import WAIT_MS, lock_and_wait, open_main_window
from ui import reports_view
from ui.document_preview import DocumentPreview
from ui.main_window import REPORTS, MainWindow
from ui.ops import Ops
from ui.reports_view import ReportsView


def cells(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def column(table: QTableWidget, label: str) -> list[str]:
    """The cells of the row whose first cell is ``label``."""
    return next(row[1:] for row in cells(table) if row[0] == label)


def choose(qtbot: QtBot, view: ReportsView, start: date, end: date, desk: str | None = None):
    """Custom dates (and a desk), and wait for the figures."""
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS) as shown:
        view.period.setCurrentIndex(view.period.findData(indicators.CUSTOM))
        view.start.setDate(QDate(start.year, start.month, start.day))
        view.end.setDate(QDate(end.year, end.month, end.day))
        if desk is not None:
            view.desk.blockSignals(True)
            view.desk.setCurrentIndex(view.desk.findData(desk))
            view.desk.blockSignals(False)
        view.reload()
    report = shown.args[0]
    assert report.period == indicators.Period(start, end)
    assert report.desk == desk
    return report


@pytest.fixture
def reports(qtbot: QtBot, store: OpenStore, main_window: MainWindow) -> ReportsView:
    population.write(store)
    view = main_window.reports_view
    assert view is not None
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        main_window.show_section(REPORTS)
    return view


def test_the_figures_shown_are_the_populations(qtbot: QtBot, reports: ReportsView) -> None:
    choose(qtbot, reports, date(2025, 1, 1), date(2025, 12, 31))
    summary = reports.summary_table
    assert column(summary, "People reached (third-country nationals)") == ["37"]
    assert column(summary, "of whom first access") == ["30"]
    assert column(summary, "of whom came before") == ["7"]
    assert column(summary, "Accesses") == ["53"]
    assert column(summary, "Needs recorded") == ["49"]
    assert column(summary, "Referrals sent") == ["10"]
    assert column(summary, "Legal consultations") == ["16"]
    assert column(summary, "Days to close a referral (median)") == ["5"]

    assert column(reports.months_table, "Mar 2025") == ["9", "9", "2"]
    assert len(cells(reports.months_table)) == 12
    assert column(reports.channels_table, "Walk-in") == ["30"]
    assert column(reports.channels_table, "E-mail") == ["1"]
    assert reports.channels_chart.bars[0][:2] == ("Walk-in", 30)
    assert column(reports.citizenship_table, "Third-country nationals") == ["37"]
    assert column(reports.citizenship_table, "Citizens of other EU countries") == ["5"]
    assert column(reports.citizenship_table, "Italian citizens") == ["3"]
    assert column(reports.citizenship_table, "Citizenship not recorded") == ["2"]
    people_headers = [
        reports.people_table.horizontalHeaderItem(c).text()
        for c in range(reports.people_table.columnCount())
    ]
    assert people_headers == ["Age band", "Women", "Men", "Sex not stated", "Total"]
    assert column(reports.people_table, "Total") == ["13", "23", "1", "37"]
    assert column(reports.people_table, "25-44") == ["4", "6", "0", "10"]
    reunification = "MWC – Family reunification"
    assert column(reports.services_table, reunification) == ["12", "10", "7"]
    assert column(reports.outcomes_table, "completed") == ["3"]
    assert "7 referral(s) closed" in reports.median_label.text()
    assert column(reports.topics_table, "Permit of stay") == ["8"]
    assert reports.progress_bar.maximum() == 1200
    assert "1,200" in reports.progress_label.text()
    # The charts say their values to screen readers.
    assert "Walk-in: 30" in reports.channels_chart.accessibleDescription()


def test_period_and_desk_change_the_figures(qtbot: QtBot, reports: ReportsView) -> None:
    march = choose(qtbot, reports, date(2025, 3, 1), date(2025, 3, 31))
    assert column(reports.summary_table, "Accesses") == [str(march.accesses)]
    wanted = population.expected(date(2025, 3, 1), date(2025, 3, 31))
    assert march.accesses == sum(wanted["accesses_by_month"].values()) == 9
    assert len(cells(reports.months_table)) == 1

    desk = choose(qtbot, reports, date(2025, 1, 1), date(2025, 12, 31), "san-martino")
    wanted = population.expected(date(2025, 1, 1), date(2025, 12, 31), "san-martino")
    assert desk.reached == wanted["reached_by_class"]["tcn"]
    assert column(reports.summary_table, "People reached (third-country nationals)") == [
        str(wanted["reached_by_class"]["tcn"])
    ]
    assert reports.desk.currentText() == "San Martino"

    # A preset recomputes at once; custom dates follow the preset's.
    with qtbot.waitSignal(reports.loaded, timeout=WAIT_MS) as shown:
        reports.period.setCurrentIndex(reports.period.findData(indicators.THIS_YEAR))
    assert shown.args[0].period.start.month == 1
    assert not reports.start.isEnabled()


def test_backwards_dates_are_refused_in_words(qtbot: QtBot, reports: ReportsView) -> None:
    reports.period.setCurrentIndex(reports.period.findData(indicators.CUSTOM))
    reports.start.setDate(QDate(2025, 5, 1))
    reports.end.setDate(QDate(2025, 4, 1))
    with qtbot.waitSignal(reports.message_shown, timeout=WAIT_MS) as said:
        reports.reload()
    assert "before its start" in said.args[0]


def test_the_xlsx_export_holds_the_numbers_shown(
    qtbot: QtBot, reports: ReportsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose(qtbot, reports, date(2025, 1, 1), date(2025, 12, 31))
    target = tmp_path / "indicators.xlsx"
    monkeypatch.setattr(reports_view, "ask_save_path", lambda *args: str(target))
    with qtbot.waitSignal(reports.exported, timeout=WAIT_MS) as done:
        qtbot.keyClick(
            reports.period,
            Qt.Key.Key_E,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert done.args == [str(target)]
    assert target.stat().st_mode & 0o777 == 0o600
    book = load_workbook(io.BytesIO(target.read_bytes()), read_only=True)
    rows = [
        [c for c in row if c is not None] for row in book["Summary"].iter_rows(values_only=True)
    ]
    shown = {row[0]: row[1] for row in cells(reports.summary_table)}
    assert ["People reached", 37] in rows
    assert shown["People reached (third-country nationals)"] == "37"
    assert ["Accesses", int(shown["Accesses"])] in rows
    assert ["Referrals to services", int(shown["Referrals sent"])] in rows


def test_print_or_pdf_opens_the_preview(qtbot: QtBot, reports: ReportsView) -> None:
    choose(qtbot, reports, date(2025, 1, 1), date(2025, 12, 31))
    dialog = reports.open_pdf()
    assert isinstance(dialog, DocumentPreview)
    with qtbot.waitSignal(dialog.document_shown, timeout=WAIT_MS) as shown:
        pass
    document = shown.args[0]
    assert document.kind == "indicator_report" and document.pages >= 2
    assert dialog.language.count() == 2  # Italian and English
    dialog.reject()


def test_an_administrator_sets_the_target(
    qtbot: QtBot, store: OpenStore, reports: ReportsView
) -> None:
    assert reports.target_box.isVisibleTo(reports)
    reports.target_people.setValue(600)
    reports.target_start.setDate(QDate(2025, 1, 1))
    reports.target_months.setValue(24)
    with qtbot.waitSignal(reports.loaded, timeout=WAIT_MS) as shown:
        reports.save_target_button.click()
    progress = shown.args[0].progress
    assert (progress.target.people, progress.target.start, progress.target.months) == (
        600,
        date(2025, 1, 1),
        24,
    )
    assert reports.progress_bar.maximum() == 600
    with store.session() as session:
        assert indicators.read_target(session).people == 600


@pytest.mark.parametrize(("role", "offered"), [
    ("coordinator", True), ("desk_operator", False), ("legal_advisor", False),
])  # fmt: skip
def test_only_coordinators_and_admins_get_reports(
    qtbot: QtBot,
    qapp: QApplication,
    store: OpenStore,
    ops: Ops,
    role: str,
    offered: bool,
) -> None:
    add_operator(store, "omar", role)
    population.write(store)
    store.lock()
    own = store.files.unlock("omar", ADMIN_PASSWORD)
    window = open_main_window(qtbot, qapp, own, ops)
    try:
        assert (REPORTS in window.section_keys()) is offered
        assert (REPORTS in window.section_actions) is offered
        assert (window.reports_view is not None) is offered
        if window.reports_view is not None:
            view = window.reports_view
            assert not view.target_box.isVisibleTo(view)  # the target is the admins'
            with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
                window.show_section(REPORTS)
    finally:
        lock_and_wait(qtbot, window)


def test_the_lock_empties_the_figures(
    qtbot: QtBot, reports: ReportsView, main_window: MainWindow
) -> None:
    choose(qtbot, reports, date(2025, 1, 1), date(2025, 12, 31))
    lock_and_wait(qtbot, main_window)
    assert reports.summary_table.rowCount() == 0
    assert reports.channels_chart.bars == []
    assert reports.report is None
