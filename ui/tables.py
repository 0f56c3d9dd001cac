"""The read-only record tables of the views: built, keyed and filled one way everywhere.

Every list of records (visits, consultations, sync history, a person's family) is a table
the operator reads and picks a row from: whole rows, one at a time, never edited in place.
Tab leaves the table and the arrows move inside it, so the keyboard walk through a view
does not get stuck in a long list.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
)

LAST = -1  # ``stretch``: the last column takes the spare width


def make_read_only(view: QTableView, stretch: int = LAST) -> None:
    """Whole-row single selection, no editing, Tab out; column ``stretch`` takes the width."""
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    if stretch == LAST:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def record_table(headers: list[str], accessible: str = "", stretch: int = LAST) -> QTableWidget:
    """A read-only table with these column headers, named for screen readers."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    if accessible:
        table.setAccessibleName(accessible)
    make_read_only(table, stretch)
    return table


def fill_rows(table: QTableWidget, rows: list[list[str]], select_first: bool = False) -> None:
    """Replace the table's rows with ``rows`` (plain text cells), sized to their contents."""
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.setItem(r, c, QTableWidgetItem(text))
    # Column by column: resizeColumnsToContents() would also shrink the column set to
    # stretch (Qt 6 sizes it to its contents and it stays narrow).
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
            table.resizeColumnToContents(column)
    table.resizeRowsToContents()
    if select_first and rows:
        table.selectRow(0)
