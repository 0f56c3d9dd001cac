"""Today: the people seen at this desk today (``models.visits.todays_visits``).

Reloaded whenever the view is shown and after each intake; Enter on a row opens the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from models.roles import Actor
from models.store import OpenStore
from models.visits import TodayVisit, todays_visits
from ui.errors import message_for
from ui.formats import format_date
from ui.headings import heading
from ui.i18n import arg
from ui.ops import Generation, Ops
from ui.reference_data import ReferenceLists, reference_lists
from ui.tables import fill_rows, record_table


@dataclass(frozen=True)
class Day:
    visits: list[TodayVisit]
    reference: ReferenceLists


def load_day(session: Session, actor: Actor, day: date, tz: tzinfo) -> Day:
    """The op: today's visits and the channel labels."""
    return Day(todays_visits(session, actor, day, tz), reference_lists(session, ("channel",)))


def local_time(at: datetime) -> str:
    """A stored (naive UTC) instant as the desk's local ``HH:MM``."""
    return at.replace(tzinfo=UTC).astimezone().strftime("%H:%M")


class TodayView(QWidget):
    """Today's visits at this desk.

    Signals:
        loaded(int): the list is shown (number of visits).
        person_activated(str): Enter or double-click on a row.
    """

    loaded = Signal(int)
    person_activated = Signal(str)

    def __init__(self, store: OpenStore, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self._visits: list[TodayVisit] = []
        self._generation = Generation()
        self.title = heading()
        self.table = record_table(
            [self.tr("Time"), self.tr("Name"), self.tr("Channel"), self.tr("First visit")],
            self.tr("Visits today"),
            stretch=1,
        )
        self.table.activated.connect(self._on_activated)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName(self.tr("Today status"))
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setFocusProxy(self.table)
        self._set_title()

    def _set_title(self) -> None:
        self.title.setText(arg(self.tr("Today, %1"), format_date(date.today())))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        now = datetime.now().astimezone()
        day, tz = now.date(), now.tzinfo or UTC
        self._set_title()
        self._ops.in_session(
            self._store,
            lambda session, actor: load_day(session, actor, day, tz),
            on_success=self._generation.current(self._show),
            on_failure=self._generation.current(lambda exc: self.status.setText(message_for(exc))),
            guard=self,
        )

    def _show(self, data: Day) -> None:
        self._visits = list(data.visits)
        fill_rows(
            self.table,
            [
                [
                    local_time(visit.at),
                    visit.person_name,
                    data.reference.label("channel", visit.channel),
                    self.tr("yes") if visit.first_time else "",
                ]
                for visit in self._visits
            ],
        )
        if self._visits:
            self.status.setText(self.tr("%n visit(s) today", "", len(self._visits)))
        else:
            self.status.setText(self.tr("No visits yet today."))
        self.loaded.emit(len(self._visits))

    def _on_activated(self, index: object) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._visits):
            self.person_activated.emit(self._visits[row].person_id)

    def clear(self) -> None:
        """Empty the list (names of people); late answers are dropped."""
        self._generation.bump()
        self._visits = []
        self.table.setRowCount(0)
        self.status.clear()
