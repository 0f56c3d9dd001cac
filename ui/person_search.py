"""Search-as-you-type over ``models.search.find_people``, off the GUI thread.

The reusable piece behind People, Intake and Consultations (a field over a results table).

Typing restarts a short debounce timer; when it fires, the query runs as a ``db`` op with
its own session. Every request gets a number and only the answer to the latest one is
shown, so a slow early answer never overwrites a later one. ``clear()`` drops the results
and the query (used by the lock).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.search import Match, find_people
from models.store import OpenStore
from ui.errors import message_for
from ui.ops import Op, Ops

DEBOUNCE_MS = 150
RESULT_LIMIT = 50

_Index = QModelIndex | QPersistentModelIndex


class MatchTableModel(QAbstractTableModel):
    """Search results: name, birth year, citizenship."""

    NAME, BIRTH_YEAR, CITIZENSHIP = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Match] = []

    def set_matches(self, matches: list[Match]) -> None:
        self.beginResetModel()
        self._rows = list(matches)
        self.endResetModel()

    def clear(self) -> None:
        self.set_matches([])

    def match_at(self, row: int) -> Match:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        match = self._rows[index.row()]
        column = index.column()
        if column == self.NAME:
            return match.display_name
        if column == self.BIRTH_YEAR:
            return "" if match.birth_year is None else str(match.birth_year)
        return ", ".join(code.upper() for code in match.citizenships)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Name"), self.tr("Birth year"), self.tr("Citizenship"))[section]


class PersonSearch(QWidget):
    """Search field over a results table.

    ``field_navigation``: Up/Down move the highlighted result while the focus stays in the
    field (intake: keep typing, Enter picks); otherwise Down moves into the table.

    Signals:
        person_activated(str): the operator opened a result (Enter or double-click).
        search_finished(int): results of the latest query are shown (their count).
    """

    person_activated = Signal(str)
    search_finished = Signal(int)

    def __init__(
        self,
        store: OpenStore,
        ops: Ops,
        parent: QWidget | None = None,
        *,
        field_navigation: bool = False,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self._request = 0
        self._pending: Op | None = None
        self._field_navigation = field_navigation

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(self.tr("Type a name to search…"))
        self.search_field.setAccessibleName(self.tr("Search people by name"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.textChanged.connect(self._on_text_changed)
        if not field_navigation:
            self.search_field.returnPressed.connect(self._search_now)
        self.search_field.installEventFilter(self)  # Down arrow: into the results

        self.model = MatchTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Search results"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MatchTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._on_activated)

        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Search status"))

        self._debounce = QTimer(self)
        self._debounce.setObjectName("person-search-debounce")
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search_now)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_field)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.setFocusProxy(self.search_field)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_field
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
            and self.model.rowCount() > 0
        ):
            if not self._field_navigation:
                if event.key() != Qt.Key.Key_Down:
                    return super().eventFilter(watched, event)
                self.table.setFocus()
                self.table.selectRow(0)
                return True
            row = self.highlighted_row()
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(-1, min(self.model.rowCount() - 1, row + step))
            if row < 0:
                self.table.clearSelection()
            else:
                self.table.selectRow(row)
            return True
        return super().eventFilter(watched, event)

    def highlighted_row(self) -> int:
        """The selected result's row, or -1."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def highlighted(self) -> Match | None:
        row = self.highlighted_row()
        return self.model.match_at(row) if row >= 0 else None

    def query(self) -> str:
        return self.search_field.text().strip()

    # ------------------------------------------------------------- searching
    def _on_text_changed(self, _text: str) -> None:
        self._debounce.start()

    def _search_now(self) -> None:
        self._debounce.stop()
        query = self.search_field.text().strip()
        self._request += 1
        request = self._request
        if self._pending is not None:
            self._pending.cancel()  # a queued older query need not run at all
            self._pending = None
        if not query:
            self.model.clear()
            self.status.clear()
            return
        self.status.setText(self.tr("Searching…"))
        self._pending = self._ops.in_session(
            self._store,
            lambda session, _actor: find_people(session, query, limit=RESULT_LIMIT),
            on_success=lambda matches: self._on_results(request, matches),
            on_failure=lambda exc: self._on_error(request, exc),
            guard=self,
        )

    def _on_results(self, request: int, matches: list[Match]) -> None:
        if request != self._request:
            return  # an answer to an older query
        self._pending = None
        self.model.set_matches(matches)
        if matches:
            self.status.setText(self.tr("%n person(s) found", "", len(matches)))
        else:
            self.status.setText(self.tr("Nobody found with this name."))
        self.search_finished.emit(len(matches))

    def _on_error(self, request: int, exc: BaseException) -> None:
        if request != self._request:
            return
        self._pending = None
        self.model.clear()
        self.status.setText(message_for(exc))

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.person_activated.emit(self.model.match_at(index.row()).person_id)

    # ------------------------------------------------------------- lock
    def clear(self) -> None:
        """Forget the query and the results; answers still on their way are dropped."""
        self._request += 1
        self._debounce.stop()
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        self.search_field.blockSignals(True)
        self.search_field.setText("")  # setText, unlike clear(), also empties the undo history
        self.search_field.blockSignals(False)
        self.model.clear()
        self.status.clear()
