"""People: the search over everyone registered at this desk (see ``ui.person_search``),
and the person file opened from it (one ``PersonView`` at a time, destroyed when left)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from models.store import OpenStore
from ui.ops import Ops
from ui.person_search import PersonSearch
from ui.person_view import PersonView


class PeopleView(QWidget):
    """A title over a :class:`PersonSearch`.

    Signals:
        person_activated(str): the operator opened a result (Enter or double-click).
        search_finished(int): results of the latest query are shown (their count).
    """

    person_activated = Signal(str)
    search_finished = Signal(int)

    def __init__(self, store: OpenStore, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self.person_view: PersonView | None = None
        title = QLabel(self.tr("<h2>People</h2>"))
        self.search = PersonSearch(store, ops)
        self.search_field = self.search.search_field
        self.model = self.search.model
        self.table = self.search.table
        self.status = self.search.status
        title.setBuddy(self.search_field)
        self.search.person_activated.connect(self.person_activated)
        self.search.search_finished.connect(self.search_finished)
        search_page = QWidget()
        search_layout = QVBoxLayout(search_page)
        search_layout.addWidget(title)
        search_layout.addWidget(self.search, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(search_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.setFocusProxy(self.search_field)
        self.person_activated.connect(self.open_person)

    def open_person(self, person_id: str) -> PersonView:
        """Show the file of ``person_id`` (replacing any file already open)."""
        if self.person_view is not None and self.person_view.person_id == person_id:
            self.person_view.reload()
            return self.person_view
        self.close_person()
        view = PersonView(self._store, self._ops, person_id)
        view.closed.connect(self.close_person)
        self.person_view = view
        self.pages.addWidget(view)
        self.pages.setCurrentWidget(view)
        self.setFocusProxy(view.back_button)
        view.back_button.setFocus()
        return view

    def close_person(self) -> None:
        """Back to the search; the file widget is destroyed, not hidden."""
        view, self.person_view = self.person_view, None
        if view is not None:
            view.dispose()
            self.pages.removeWidget(view)
            view.hide()
            view.deleteLater()
        self.pages.setCurrentIndex(0)
        self.setFocusProxy(self.search_field)
        self.search_field.setFocus()

    def clear(self) -> None:
        """Forget the query and the results and destroy the file (used by the lock)."""
        self.close_person()
        self.search.clear()
