"""The Sync section: status and "Sync now", history, pending and refused changes, conflicts
and duplicates to decide (coordinators and administrators), enrolment (administrators).

Everything slow runs through :class:`~ui.ops.Ops` or the :class:`~ui.sync_worker.SyncWorker`;
the GUI thread never waits for the network. Pending and refused changes are listed by
entity, operation and time only, never with their values. Conflict values and duplicate
labels are personal data: ``clear()`` (the lock) empties them.

A possible duplicate names only this desk's person; the other desk's person is "registered
at another desk" until the merge is done. A merge needs both desks (or one desk and a
Welcome Center coordinator): the table says who approved, and once this desk has approved
it waits for the other one (the merge buttons are disabled then; "Not the same person"
stays available).

Conflicts follow the rules of editing the record (``models.conflicts``): a conflict on a
legal consultation shows its values, and can be decided, only for a legal advisor (who
sees only those); coordinators and administrators see that it exists, as "legal content
(visible to legal advisors only)". Fields the desk never writes can only be kept.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

import sync.state
from models import conflicts, duplicate_flags, sync_state
from models.roles import Actor
from models.store import OpenStore
from sync.client import Progress
from ui.errors import field_label, message_for
from ui.headings import heading
from ui.i18n import arg
from ui.ops import Generation, Ops
from ui.sync_enrol import EnrolForm
from ui.sync_messages import (
    audit_flag_text,
    error_text,
    local_time,
    progress_percent,
    progress_text,
    reason_text,
)
from ui.sync_worker import SyncWorker
from ui.tables import fill_rows, record_table
from ui.vocabulary import change_label, duplicate_reason_label, record_kind_label

log = logging.getLogger(__name__)

HISTORY_ROWS = 50
PENDING_ROWS = 200


@dataclass
class Snapshot:
    """Everything the view shows, read in one op."""

    status: sync.state.Status
    history: list[sync_state.Run]
    pending: list[sync_state.PendingChange]
    rejected: list[sync_state.Rejected]
    conflicts: list[conflicts.ConflictView] = field(default_factory=list)
    flags: list[duplicate_flags.FlagView] = field(default_factory=list)


def _read(session: Session, actor: Actor, with_conflicts: bool, with_flags: bool) -> Snapshot:
    """The op: everything the view shows, in one transaction."""
    snap = Snapshot(
        sync.state.read_status(session),
        sync_state.sync_history(session, HISTORY_ROWS),
        sync_state.pending_changes(session, PENDING_ROWS),
        sync_state.rejected_changes(session),
    )
    if with_conflicts:
        snap.conflicts = conflicts.open_conflicts(session, actor)
    if with_flags:
        snap.flags = duplicate_flags.open_flags(session, actor)
    return snap


def _text_label() -> QLabel:
    """A wrapping plain-text label (messages may quote a server's words)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class SyncView(QWidget):
    """Signals:
    loaded(): the view shows fresh data.
    enrolled(): enrolment succeeded.
    decided(): a conflict or duplicate decision was saved.
    failed(str): an action failed; the message is also shown in the view.
    """

    loaded = Signal()
    enrolled = Signal()
    decided = Signal()
    failed = Signal(str)

    def __init__(
        self, store: OpenStore, ops: Ops, worker: SyncWorker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self._worker = worker
        self._generation = Generation()
        actor = store.actor
        self.can_enrol = actor.can("sync.enrol")
        # coordinators and administrators; legal advisors for the conflicts on legal content
        self.can_resolve = conflicts.may_list(actor)
        self.can_merge = actor.can("duplicates.merge")
        self._conflicts: list[conflicts.ConflictView] = []
        self._flags: list[duplicate_flags.FlagView] = []
        self.status: sync.state.Status | None = None

        self._build_status()
        self._build_enrolment()
        self.tabs = QTabWidget()
        self._build_record_tabs()
        self._build_decision_tabs()

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Synchronisation with the Milano Welcome Center")))
        layout.addLayout(self._top_row())
        layout.addWidget(self.error_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.not_enrolled_label)
        layout.addWidget(self.enrol_box)
        layout.addWidget(self.tabs, 1)

        worker.started.connect(self._on_sync_started)
        worker.progress.connect(self._on_sync_progress)
        worker.finished.connect(self._on_sync_finished)
        worker.status_changed.connect(self._show_status)
        self._update_buttons()

    # ------------------------------------------------------------- building
    def _build_status(self) -> None:
        """The status line, the last error, the last message and Sync now (also F5)."""
        self.status_label = _text_label()
        self.error_label = _text_label()
        self.error_label.setStyleSheet("color: #a00000;")
        self.message_label = _text_label()
        # records done of the total, with the time left, while a cycle runs
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setAccessibleName(self.tr("Synchronisation progress"))
        self.progress_bar.hide()
        self.sync_button = QPushButton(self.tr("&Sync now"))
        self.sync_button.setToolTip(self.tr("Ctrl+Shift+S or F5"))
        self.sync_button.clicked.connect(self.sync_now)
        f5 = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        f5.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        f5.activated.connect(self.sync_now)

    def _top_row(self) -> QHBoxLayout:
        top = QHBoxLayout()
        top.addWidget(self.status_label, 1)
        top.addWidget(self.sync_button)
        return top

    def _build_enrolment(self) -> None:
        """The enrolment form (admins, while not enrolled) and the note for everyone else."""
        self.enrol_box = EnrolForm(self._ops, self._store)
        self.enrol_box.enrolled.connect(self._on_enrolled)
        self.enrol_box.failed.connect(self.failed)
        # the form's fields, as the rest of the view and its tests know them
        self.url_field = self.enrol_box.url_field
        self.code_field = self.enrol_box.code_field
        self.enrol_button = self.enrol_box.enrol_button
        self.enrol_box.setVisible(False)
        self.not_enrolled_label = QLabel(
            self.tr(
                "This computer is not enrolled with the Welcome Center yet: an administrator "
                "can enrol it here."
            )
        )
        self.not_enrolled_label.setWordWrap(True)
        self.not_enrolled_label.setVisible(False)

    def _build_record_tabs(self) -> None:
        """History, changes waiting to be sent and changes the server refused."""
        self.history_table = record_table(
            [
                self.tr("Started"),
                self.tr("Result"),
                self.tr("Sent"),
                self.tr("Received"),
                self.tr("Refused"),
                self.tr("Conflicts"),
            ]
        )
        self.tabs.addTab(self.history_table, self.tr("History"))
        self.pending_label = QLabel()
        self.pending_table = record_table(
            [self.tr("Record"), self.tr("Change"), self.tr("Made at")]
        )
        pending = QWidget()
        pending_layout = QVBoxLayout(pending)
        pending_layout.addWidget(self.pending_label)
        pending_layout.addWidget(self.pending_table)
        self.tabs.addTab(pending, self.tr("Waiting to be sent"))
        self.rejected_table = record_table(
            [self.tr("Record"), self.tr("Change"), self.tr("Reason"), self.tr("Refused at")]
        )
        self.tabs.addTab(self.rejected_table, self.tr("Refused changes"))

    def _build_decision_tabs(self) -> None:
        """Conflicts and possible duplicates, as tabs for those who may decide them."""
        self.conflicts_page: QWidget | None = None
        self.duplicates_page: QWidget | None = None
        self._build_conflicts()
        self._build_duplicates()
        if self.can_resolve:
            self.conflicts_page = self._page(
                self.tr(
                    "The same information was changed at two places. Choose the value to keep."
                ),
                self.conflict_table,
                [self.keep_button, self.other_button],
            )
            self.tabs.addTab(self.conflicts_page, self.tr("Conflicts"))
        if self.can_merge:
            self.duplicates_page = self._page(
                self.tr(
                    "These people may be the same person, registered twice. A merge needs the "
                    "approval of both desks (or of one desk and a Welcome Center coordinator) "
                    "and the person's consent to sharing; then the Welcome Center moves "
                    "visits, needs and referrals to the person chosen, at the next "
                    "synchronisation."
                ),
                self.duplicate_table,
                [self.merge_a_button, self.merge_b_button, self.dismiss_button],
            )
            self.tabs.addTab(self.duplicates_page, self.tr("Possible duplicates"))

    def _build_conflicts(self) -> None:
        self.conflict_table = record_table(
            [
                self.tr("Record"),
                self.tr("Field"),
                self.tr("Value kept"),
                self.tr("From desk"),
                self.tr("Other value"),
                self.tr("From desk"),
            ]
        )
        self.keep_button = QPushButton(self.tr("&Keep this value"))
        self.keep_button.clicked.connect(lambda: self._resolve(conflicts.KEPT))
        self.other_button = QPushButton(self.tr("&Use the other value"))
        self.other_button.clicked.connect(lambda: self._resolve(conflicts.OTHER))

    def _build_duplicates(self) -> None:
        self.duplicate_table = record_table(
            [
                self.tr("Person A"),
                self.tr("Person B"),
                self.tr("Likeness"),
                self.tr("Why"),
                self.tr("Approvals"),
            ],
            self.tr("Possible duplicates"),
        )
        self.merge_a_button = QPushButton(self.tr("Merge into &A"))
        self.merge_a_button.clicked.connect(lambda: self._merge(0))
        self.merge_b_button = QPushButton(self.tr("Merge into &B"))
        self.merge_b_button.clicked.connect(lambda: self._merge(1))
        self.dismiss_button = QPushButton(self.tr("&Not the same person"))
        self.dismiss_button.clicked.connect(self._dismiss)

    def _page(self, text: str, table: QTableWidget, buttons: list[QPushButton]) -> QWidget:
        page = QWidget()
        explain = QLabel(text)
        explain.setWordWrap(True)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(explain)
        layout.addWidget(table, 1)
        layout.addLayout(row)
        table.itemSelectionChanged.connect(self._update_buttons)
        return page

    # ------------------------------------------------------------- loading
    def reload(self) -> None:
        if self._store.is_locked:
            return
        with_conflicts, with_flags = self.can_resolve, self.can_merge
        self._ops.in_session(
            self._store,
            lambda session, actor: _read(session, actor, with_conflicts, with_flags),
            on_success=self._generation.current(self._show),
            on_failure=self._show_failure,
            guard=self,
        )

    def _show(self, snap: Snapshot) -> None:
        self._show_status(snap.status)
        self._show_records(snap)
        self._show_decisions(snap)
        self._update_buttons()
        self.loaded.emit()

    def _show_records(self, snap: Snapshot) -> None:
        """The history, the changes waiting to be sent and those the server refused."""
        fill_rows(
            self.history_table,
            [
                [
                    local_time(run.started_at),
                    self.tr("completed") if run.ok else error_text(run.error),
                    str(run.pushed),
                    str(run.pulled),
                    str(run.rejected),
                    str(run.conflicts),
                ]
                for run in snap.history
            ],
            select_first=True,
        )
        self.pending_label.setText(
            self.tr("%n change(s) waiting to be sent.", "", snap.status.pending)
        )
        fill_rows(
            self.pending_table,
            [
                [record_kind_label(p.entity), change_label(p.op), local_time(p.created_at)]
                for p in snap.pending
            ],
            select_first=True,
        )
        fill_rows(
            self.rejected_table,
            [
                [
                    record_kind_label(r.entity),
                    change_label(r.op),
                    reason_text(r.reason),
                    local_time(r.rejected_at),
                ]
                for r in snap.rejected
            ],
            select_first=True,
        )

    def _show_decisions(self, snap: Snapshot) -> None:
        """Open conflicts and possible duplicates, with their counts in the tab titles."""
        self._conflicts = snap.conflicts
        fill_rows(
            self.conflict_table,
            [
                [
                    self._record_text(c),
                    field_label(c.field),
                    self._hidden_text() if c.hidden else self._value_text(c.kept_value),
                    c.kept_desk,
                    self._hidden_text() if c.hidden else self._value_text(c.other_value),
                    c.other_desk,
                ]
                for c in snap.conflicts
            ],
            select_first=True,
        )
        self._flags = snap.flags
        fill_rows(
            self.duplicate_table,
            [
                [
                    self._person_text(f.label_a),
                    self._person_text(f.label_b),
                    f"{f.score} %",
                    ", ".join(duplicate_reason_label(r) for r in f.reasons),
                    self._approvals_text(f),
                ]
                for f in snap.flags
            ],
            select_first=True,
        )
        tabs = self.tabs
        if self.conflicts_page is not None:
            tabs.setTabText(
                tabs.indexOf(self.conflicts_page),
                arg(self.tr("Conflicts (%1)"), len(snap.conflicts)),
            )
        if self.duplicates_page is not None:
            tabs.setTabText(
                tabs.indexOf(self.duplicates_page),
                arg(self.tr("Possible duplicates (%1)"), len(snap.flags)),
            )

    def _record_text(self, view: conflicts.ConflictView) -> str:
        what = record_kind_label(view.entity)
        if view.record_label:
            return arg(self.tr("%1 (%2)"), view.record_label, what)
        return what

    def _person_text(self, label: str) -> str:
        if label:
            return label
        return self.tr("registered at another desk (details shown after both desks approve)")

    def _party_text(self, party: str) -> str:
        if party == duplicate_flags.CENTRAL:
            return self.tr("a Welcome Center coordinator")
        return party

    def _approvals_text(self, flag: duplicate_flags.FlagView) -> str:
        if not flag.approved_by:
            return self.tr("not approved yet")
        parties = ", ".join(self._party_text(p) for p in flag.approved_by)
        if flag.survivor not in (flag.person_a, flag.person_b):
            parts = [arg(self.tr("Approved by %1."), parties)]
        else:
            which = "A" if flag.survivor == flag.person_a else "B"
            parts = [arg(self.tr("Approved by %1, keeping person %2."), parties, which)]
        if flag.awaiting_other:
            parts.append(self.tr("Waiting for the other desk."))
        return " ".join(parts)

    def _hidden_text(self) -> str:
        return self.tr("legal content (visible to legal advisors only)")

    def _value_text(self, value: Any) -> str:
        if value is None or value == "" or value == []:
            return self.tr("(empty)")
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)

    def _show_status(self, status: sync.state.Status) -> None:
        self.status = status
        if not status.enrolled:
            text = self.tr("Not enrolled.")
        elif status.revoked:
            text = error_text("device_revoked")
        else:
            last = local_time(status.last_ok) if status.last_ok else self.tr("never")
            text = arg(
                self.tr("Server: %1. Last successful synchronisation: %2. %3"),
                status.server_url,
                last,
                self.tr("%n change(s) waiting to be sent.", "", status.pending),
            )
            if status.clock_suspect:
                text += " " + error_text("clock_ahead")
            if status.audit_flag:
                text += " " + audit_flag_text(status.audit_flag)
        self.status_label.setText(text)
        self.enrol_box.setVisible(self.can_enrol and not status.enrolled)
        self.not_enrolled_label.setVisible(not self.can_enrol and not status.enrolled)
        self._update_buttons()

    def _show_failure(self, exc: BaseException) -> None:
        text = message_for(exc)
        self.message_label.setText(text)
        self.failed.emit(text)

    def _update_buttons(self) -> None:
        enrolled = self.status is not None and self.status.enrolled
        self.sync_button.setEnabled(enrolled and not self._worker.running)
        conflict: conflicts.ConflictView | None = self._selected(
            self.conflict_table, self._conflicts
        )
        decidable = conflict is not None and not conflict.hidden
        self.keep_button.setEnabled(decidable)
        self.other_button.setEnabled(decidable and conflict is not None and conflict.restorable)
        flag: duplicate_flags.FlagView | None = self._selected(self.duplicate_table, self._flags)
        self.dismiss_button.setEnabled(flag is not None)
        for button, person in ((self.merge_a_button, 0), (self.merge_b_button, 1)):
            chosen = (flag.person_a, flag.person_b)[person] if flag is not None else None
            button.setEnabled(
                flag is not None
                and not flag.awaiting_other
                # the other party chose whom to keep: approve that, or dismiss
                and (flag.survivor is None or flag.survivor == chosen)
            )

    @staticmethod
    def _selected(table: QTableWidget, items: list[Any]) -> Any:
        row = table.currentRow()
        selected = table.selectionModel().hasSelection()
        return items[row] if selected and 0 <= row < len(items) else None

    # ------------------------------------------------------------- sync
    def sync_now(self) -> None:
        self.message_label.clear()
        self._worker.sync_now()

    def _on_sync_started(self) -> None:
        self.sync_button.setEnabled(False)
        self.message_label.setText(self.tr("Synchronising…"))

    def _on_sync_progress(self, progress: Progress) -> None:
        self.progress_bar.setValue(progress_percent(progress))
        self.progress_bar.show()
        self.message_label.setText(progress_text(progress))

    def _on_sync_finished(self, _outcome: object) -> None:
        self.progress_bar.hide()
        error = self._worker.last_error
        self.error_label.setText(error_text(error) if error else "")
        self.message_label.clear()
        self._update_buttons()
        if self.isVisible():
            self.reload()

    # ------------------------------------------------------------- enrolment
    def enrol(self) -> None:
        self.enrol_box.enrol()

    def _on_enrolled(self) -> None:
        self.message_label.setText(self.tr("This computer is enrolled. Synchronising…"))
        self.enrolled.emit()
        self.reload()
        self._worker.sync_now()

    # ------------------------------------------------------------- decisions
    def _resolve(self, keep: conflicts.Choice) -> None:
        chosen = self._selected(self.conflict_table, self._conflicts)
        if chosen is None:
            return
        store, actor, conflict_id = self._store, self._store.actor, chosen.id

        def op() -> None:
            with store.session(actor) as session:
                conflicts.resolve(session, actor, conflict_id, keep)

        self._decide(op)

    def _merge(self, which: int) -> None:
        flag = self._selected(self.duplicate_table, self._flags)
        if flag is None:
            return
        store, actor = self._store, self._store.actor
        flag_id, survivor = flag.id, (flag.person_a, flag.person_b)[which]

        def op() -> None:
            with store.session(actor) as session:
                duplicate_flags.request_merge(session, actor, flag_id, survivor)

        self._decide(op)

    def _dismiss(self) -> None:
        flag = self._selected(self.duplicate_table, self._flags)
        if flag is None:
            return
        store, actor, flag_id = self._store, self._store.actor, flag.id

        def op() -> None:
            with store.session(actor) as session:
                duplicate_flags.dismiss(session, actor, flag_id)

        self._decide(op)

    def _decide(self, op: Any) -> None:
        self.message_label.clear()
        self._ops.run(
            op,
            on_success=self._generation.current(self._on_decided),
            on_failure=self._show_failure,
            guard=self,
        )

    def _on_decided(self, _result: object) -> None:
        self.message_label.setText(
            self.tr("Saved. It will reach the Welcome Center at the next synchronisation.")
        )
        self.decided.emit()
        self._worker.refresh_status()
        self.reload()

    # ------------------------------------------------------------- lock
    def clear(self) -> None:
        """Forget everything shown (the lock): tables emptied, late answers dropped."""
        self._generation.bump()
        self._conflicts, self._flags = [], []
        for table in (
            self.history_table,
            self.pending_table,
            self.rejected_table,
            self.conflict_table,
            self.duplicate_table,
        ):
            table.setRowCount(0)
        self.enrol_box.clear()
        self.message_label.clear()
        self._update_buttons()
