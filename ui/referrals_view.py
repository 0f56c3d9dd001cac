"""Referrals: the board by status (``models.referrals.board``), and the desk's status changes.

Every status is a column, and each card shows its appointment, outcome and the service's
latest note, read-only: the receiving service (MWC) accepts, sets the appointment,
completes, declines or records a no-show, and those arrive with synchronisation. Cards
the service changed since the board was last opened are marked "Updated by the Welcome
Center" (``models.referrals.service_updates``; opening the board marks them seen), and
``updates_changed`` tells the main window how many are waiting. Only the desk's moves
from the selected card's status (:data:`models.referrals.DESK_MOVES`: send, cancel) are
offered. The service decides: a refused change (illegal move, a status of the receiving
service, consent withdrawn) shows its translated message and the board stays as it was.
"Print slip…" previews the selected referral's slip for the person (see
``ui/documents.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from models.referrals import (
    CANCELLED,
    DESK_MOVES,
    SENT,
    STATUSES,
    BoardItem,
    board,
    change_status,
    mark_service_updates_seen,
    service_updates,
)
from models.roles import Actor
from models.store import OpenStore
from ui.document_preview import DocumentPreview
from ui.documents import open_referral_slip
from ui.errors import message_for
from ui.formats import format_date, format_datetime
from ui.i18n import arg
from ui.ops import Generation, Ops
from ui.reference_data import ReferenceLists, reference_lists
from ui.vocabulary import status_label

OVERDUE_BRUSH = QBrush(QColor("#ffe0e0"))


@dataclass(frozen=True)
class Board:
    columns: dict[str, list[BoardItem]]
    reference: ReferenceLists
    updated: frozenset[str] = frozenset()  # changed by the service since the last look


def load_board(session: Session, actor: Actor, today: date, mark_seen: bool = False) -> Board:
    """The op: the board and the service names; with ``mark_seen`` (the board is on
    screen), the referrals the service changed since the last look, now seen."""
    updated = mark_service_updates_seen(session, actor) if mark_seen else []
    return Board(board(session, actor, today), reference_lists(session, ()), frozenset(updated))


def _first_line(text: str, limit: int = 80) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


class ReferralsView(QWidget):
    """The board.

    Signals:
        board_loaded(): the board is shown.
        changed(str): a status change was saved (the new status).
        message_shown(str): a refused change, translated.
        updates_changed(int): how many referrals the service changed that nobody has
            seen on the board yet (0 once the board is opened).
    """

    board_loaded = Signal()
    changed = Signal(str)
    message_shown = Signal(str)
    updates_changed = Signal(int)

    def __init__(self, store: OpenStore, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self._items: dict[str, BoardItem] = {}
        self._updated: set[str] = set()  # marked on the board until the next lock
        self._generation = Generation()
        # The desk's moves only: the receiving service's statuses arrive by sync.
        self._labels = {
            SENT: self.tr("&Send"),
            CANCELLED: self.tr("&Cancel referral"),
        }

        title = QLabel(self.tr("<h2>Referrals</h2>"))
        self._build_tree()
        self.explain = QLabel(
            self.tr(
                "The desk sends and cancels referrals. Acceptance, the appointment, "
                "completion, refusal and a missed appointment are recorded by the receiving "
                "service and arrive with synchronisation, with its notes."
            )
        )
        self.explain.setWordWrap(True)
        self._build_details()
        button_row = self._build_buttons()
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Referrals status"))

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.explain)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.note)
        layout.addLayout(button_row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.tree)

    def _build_tree(self) -> None:
        """The referrals, grouped by status."""
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Referrals by status"))
        self.tree.setHeaderLabels(
            [
                self.tr("Number"),
                self.tr("Person"),
                self.tr("Service"),
                self.tr("Last change"),
                self.tr("Appointment"),
                self.tr("Follow-up"),
                self.tr("Outcome"),
                self.tr("Note from the service"),
            ]
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.itemSelectionChanged.connect(self._update_buttons)

    def _build_details(self) -> None:
        """The selected referral's appointment and outcome, and the note field."""
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.details.setAccessibleName(
            self.tr("Appointment, outcome and note of the selected referral")
        )
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note on the status change"))
        self.note.setPlaceholderText(self.tr("Note (optional)…"))

    def _build_buttons(self) -> QHBoxLayout:
        """The status-change buttons, Print slip… and Refresh."""
        self.buttons: dict[str, QPushButton] = {}
        button_row = QHBoxLayout()
        for status in STATUSES:
            if status not in self._labels:
                continue
            button = QPushButton(self._labels[status])
            button.clicked.connect(lambda _checked=False, s=status: self.request_change(s))
            button.hide()
            self.buttons[status] = button
            button_row.addWidget(button)
        button_row.addStretch(1)
        self.print_button = QPushButton(self.tr("&Print slip…"))
        self.print_button.setAccessibleName(self.tr("Print the slip of the selected referral"))
        self.print_button.clicked.connect(self.print_slip)
        self.print_button.setEnabled(False)  # until a referral is selected
        button_row.addWidget(self.print_button)
        self.preview: DocumentPreview | None = None
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        button_row.addWidget(self.refresh_button)
        return button_row

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    # ------------------------------------------------------------- board
    def reload(self) -> None:
        today, seen = date.today(), self.isVisible()
        self._ops.in_session(
            self._store,
            lambda session, actor: load_board(session, actor, today, mark_seen=seen),
            on_success=self._generation.current(self._show),
            on_failure=self._generation.current(self._show_message),
            guard=self,
        )

    def check_updates(self) -> None:
        """Count the referrals the service changed since the board was last opened (after
        a sync); ``updates_changed`` says it. On screen, the board reloads and they are
        seen."""
        if self._store.is_locked:
            return
        if self.isVisible():
            self.reload()
            return
        self._ops.in_session(
            self._store,
            lambda session, actor: len(service_updates(session, actor)),
            on_success=self._generation.current(self.updates_changed.emit),
            guard=self,
        )

    def _show(self, data: Board) -> None:
        if data.updated:
            self._updated |= data.updated
            self.updates_changed.emit(0)
        selected = self.selected()
        selected_id = selected.referral_id if selected is not None else None
        self.tree.clear()
        self._items = {}
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for status in STATUSES:
            cards = data.columns.get(status, [])
            label = status_label(status)
            label = label[:1].upper() + label[1:]
            group = QTreeWidgetItem([arg(self.tr("%1 (%2)"), label, len(cards))])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(group)
            for card in cards:
                item = QTreeWidgetItem(
                    [
                        card.number,
                        card.person_name,
                        data.reference.service_label(card.target_service),
                        format_date(card.last_change_at),
                        self._appointment_text(card),
                        self._follow_up(card),
                        _first_line(card.outcome),
                        _first_line(card.service_note),
                    ]
                )
                item.setData(0, Qt.ItemDataRole.UserRole, card.referral_id)
                if card.outcome:
                    item.setToolTip(6, card.outcome)
                if card.service_note:
                    item.setToolTip(7, card.service_note)
                if card.referral_id in self._updated:
                    for column in range(item.columnCount()):
                        item.setFont(column, bold)
                if card.overdue:
                    for column in range(item.columnCount()):
                        item.setBackground(column, OVERDUE_BRUSH)
                        item.setFont(column, bold)
                group.addChild(item)
                self._items[card.referral_id] = card
                if card.referral_id == selected_id:
                    item.setSelected(True)
            group.setExpanded(True)
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)
        self._update_buttons()
        self.board_loaded.emit()

    def _appointment_text(self, card: BoardItem) -> str:
        if card.appointment_at is None:
            return ""
        when = format_datetime(card.appointment_at)
        if not card.appointment_place:
            return when
        return arg(self.tr("%1, %2"), when, card.appointment_place)

    def _follow_up(self, card: BoardItem) -> str:
        parts = []
        if card.referral_id in self._updated:
            parts.append(self.tr("Updated by the Welcome Center"))
        if card.overdue:
            parts.append(self.tr("Overdue"))
        return " · ".join(parts)

    def _details_text(self, card: BoardItem | None) -> str:
        if card is None:
            return ""
        parts = []
        if card.appointment_at is not None:
            parts.append(arg(self.tr("Appointment: %1."), self._appointment_text(card)))
        if card.outcome:
            parts.append(arg(self.tr("Outcome: %1"), card.outcome))
        if card.service_note and card.service_note != card.outcome:
            parts.append(arg(self.tr("Note from the Welcome Center: %1"), card.service_note))
        return "\n".join(parts)

    def item_for(self, referral_id: str) -> QTreeWidgetItem | None:
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            if group is None:
                continue
            for child in range(group.childCount()):
                item = group.child(child)
                if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == referral_id:
                    return item
        return None

    def select(self, referral_id: str) -> None:
        item = self.item_for(referral_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def selected(self) -> BoardItem | None:
        for item in self.tree.selectedItems():
            referral_id = item.data(0, Qt.ItemDataRole.UserRole)
            if referral_id in self._items:
                return self._items[referral_id]
        return None

    def offered(self) -> list[str]:
        """The statuses the buttons offer for the selected card (lifecycle order)."""
        return [s for s, b in self.buttons.items() if not b.isHidden()]

    def _update_buttons(self) -> None:
        card = self.selected()
        allowed = DESK_MOVES.get(card.status, frozenset()) if card is not None else frozenset()
        for status, button in self.buttons.items():
            button.setVisible(status in allowed)
        self.print_button.setEnabled(card is not None)
        self.details.setText(self._details_text(card))

    # ------------------------------------------------------------- documents
    def print_slip(self) -> None:
        """Preview (then print or save) the slip of the selected referral."""
        card = self.selected()
        if card is None:
            self._show_message_text(self.tr("Select a referral first."))
            return
        self._close_preview()
        self.preview = open_referral_slip(self, self._store, self._ops, card.referral_id)

    def _close_preview(self) -> None:
        preview, self.preview = self.preview, None
        if preview is not None and shiboken6.isValid(preview):
            preview.reject()

    # ------------------------------------------------------------- changes
    def request_change(self, status: str) -> None:
        """Move the selected referral to ``status`` (the service says no to what the desk
        may not do)."""
        card = self.selected()
        if card is None:
            self._show_message_text(self.tr("Select a referral first."))
            return
        note, referral_id = self.note.text(), card.referral_id
        self.message.clear()
        self._ops.in_session(
            self._store,
            lambda session, actor: (
                change_status(session, actor, referral_id, status, note=note).status
            ),
            on_success=self._generation.current(self._on_changed),
            on_failure=self._generation.current(self._show_message),
            guard=self,
        )

    def _on_changed(self, status: str) -> None:
        self.note.setText("")
        self.message.setText(arg(self.tr("Status changed to “%1”."), status_label(status)))
        self.changed.emit(status)
        self.reload()

    def _show_message(self, exc: BaseException) -> None:
        self._show_message_text(message_for(exc))

    def _show_message_text(self, text: str) -> None:
        self.message.setText(text)
        self.message_shown.emit(text)

    # ------------------------------------------------------------- lock
    def clear(self) -> None:
        """Empty the board (names of people) and the note; late answers are dropped."""
        self._generation.bump()
        self.tree.clear()
        self._items = {}
        self._updated = set()
        self.note.setText("")
        self.message.clear()
        self._close_preview()
        self._update_buttons()
