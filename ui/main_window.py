"""The main window: navigation, the views, the status bar, and locking.

Navigation is a list on the left (Ctrl+1…Ctrl+7 and Ctrl+N for Intake, also in the Go
menu); what an operator
sees follows their role: Consultations only for legal advisors, Reports (the indicators)
only for coordinators and admins, Administration only for admins. The role checks that
matter are in the ``models`` services; the UI mirrors them.

Locking (Ctrl+L, or after the idle delay): every view showing personal data is *cleared*
(item models reset, text fields emptied, dialogs and person widgets destroyed), the window
hides, the sync worker stops (a running cycle ends at its next safe point), and then
``backups.backup_then_lock`` runs as an op (a rolling backup, then ``OpenStore.lock()``).
``locked`` is emitted when the key is gone.

Sync: the window owns the session's :class:`~ui.sync_worker.SyncWorker` (a new one per
unlock) and shows its state in the status bar: last successful sync, changes waiting, and
the last error in plain words. After each cycle (and at unlock) the referral board counts
the referrals the Welcome Center changed since the board was last opened; the status bar
and the Referrals section's title say how many until an operator opens the board. A remote
wipe clears and hides the window and emits ``store_wiped``: there is no store to unlock any
more. A revocation (the store was sealed shut by the cycle that learnt it) locks the window
at once, like Ctrl+L; the unlock screen then reads the revocation from the key file and
says what to do.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from models import settings
from models.backups import backup_then_lock
from models.settings import IDLE_LOCK_MINUTES
from models.store import OpenStore
from sync.client import Progress
from ui.admin_view import AdminView
from ui.consultations_view import ConsultationsView
from ui.i18n import arg
from ui.idle import IdleWatcher
from ui.intake_view import IntakeView
from ui.ops import Ops, describe_for_log
from ui.people_view import PeopleView
from ui.referrals_view import ReferralsView
from ui.reports_view import ReportsView
from ui.sync_messages import (
    audit_flag_text,
    error_text,
    local_time,
    progress_percent,
    progress_text,
)
from ui.sync_view import SyncView
from ui.sync_worker import FIRST_DELAY_MS, SyncWorker
from ui.today_view import TodayView
from ui.unlock import desk_name
from ui.vocabulary import role_label

log = logging.getLogger(__name__)

TODAY, INTAKE, PEOPLE, REFERRALS, CONSULTATIONS, SYNC, ADMINISTRATION = (
    "today",
    "intake",
    "people",
    "referrals",
    "consultations",
    "sync",
    "administration",
)
REPORTS = "reports"


@dataclass(frozen=True)
class Section:
    key: str
    shortcut: str  # fixed per section, so "Ctrl+2 is People" for everyone
    title: str
    widget: QWidget


class MainWindow(QMainWindow):
    """The desk's main window for one signed-in operator (one ``OpenStore``).

    Signals:
        lock_started(): views are cleared and the window hidden; the store is locking.
        locked(bool): the key is gone; ``True`` when the operator was quitting.
        store_wiped(): the central server ordered a remote wipe: the store was destroyed,
            the views cleared and the window hidden.
    """

    lock_started = Signal()
    locked = Signal(bool)
    store_wiped = Signal()

    def __init__(
        self,
        store: OpenStore,
        ops: Ops,
        app: QCoreApplication,
        parent: QWidget | None = None,
        sync_first_delay_ms: int = FIRST_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._ops = ops
        self._locking = False
        self._quitting = False
        self.wiped = False
        self.sync_worker = SyncWorker(store, ops, self)
        self.setWindowTitle(arg(self.tr("ARCO Desk — %1"), desk_name(store.desk)))
        self.sections = self._build_views()
        self._build_navigation()
        self._build_menus()
        self._build_status_bar()
        self._build_idle_lock(app)
        self._load_settings()

        self.show_section(PEOPLE)
        self.resize(1000, 650)
        self.sync_worker.refresh_status()
        self.sync_worker.start(sync_first_delay_ms)

    # ------------------------------------------------------------- building
    def _build_views(self) -> list[Section]:
        """The views; returns the sections this operator's role may see, in order."""
        store, ops = self.store, self._ops
        self.people_view = PeopleView(store, ops)
        self.intake_view = IntakeView(store, ops)
        self.today_view = TodayView(store, ops)
        self.today_view.person_activated.connect(self.open_person)
        self.referrals_view = ReferralsView(store, ops)
        self.intake_view.saved.connect(self.open_person)
        self.admin_view: AdminView | None = None
        sections = [
            Section(TODAY, "Ctrl+1", self.tr("Today"), self.today_view),
            Section(INTAKE, "Ctrl+N", self.tr("Intake"), self.intake_view),
            Section(PEOPLE, "Ctrl+2", self.tr("People"), self.people_view),
            Section(REFERRALS, "Ctrl+3", self.tr("Referrals"), self.referrals_view),
        ]
        self.consultations_view: ConsultationsView | None = None
        if store.actor.can("consultation.content"):
            self.consultations_view = ConsultationsView(store, ops)
            sections.append(
                Section(CONSULTATIONS, "Ctrl+4", self.tr("Consultations"), self.consultations_view)
            )
        self.sync_view = SyncView(store, ops, self.sync_worker)
        sections.append(Section(SYNC, "Ctrl+5", self.tr("Sync"), self.sync_view))
        self.reports_view: ReportsView | None = None
        if store.actor.can("reports.read"):
            self.reports_view = ReportsView(store, ops)
            sections.append(Section(REPORTS, "Ctrl+7", self.tr("Reports"), self.reports_view))
        if store.actor.can("operators.manage"):
            self.admin_view = AdminView(store, ops)
            self.admin_view.idle_minutes_changed.connect(self.set_idle_minutes)
            sections.append(
                Section(ADMINISTRATION, "Ctrl+6", self.tr("Administration"), self.admin_view)
            )
        return sections

    def _build_navigation(self) -> None:
        """The list of sections on the left, the stack of views on the right."""
        self.navigation = QListWidget()
        self.navigation.setAccessibleName(self.tr("Sections"))
        self.navigation.setMaximumWidth(220)
        self.stack = QStackedWidget()
        for section in self.sections:
            item = QListWidgetItem(section.title)
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            item.setToolTip(QKeySequence(section.shortcut).toString())
            self.navigation.addItem(item)
            self.stack.addWidget(section.widget)
        self.navigation.currentRowChanged.connect(self._on_section_changed)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        """The Desk and Go menus (every command has a key)."""
        desk_menu = self.menuBar().addMenu(self.tr("&Desk"))
        self.lock_action = QAction(self.tr("&Lock now"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock_now)
        desk_menu.addAction(self.lock_action)
        self.sync_action = QAction(self.tr("&Sync now"), self)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.triggered.connect(self.sync_view.sync_now)
        desk_menu.addAction(self.sync_action)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        desk_menu.addAction(quit_action)
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        self.section_actions: dict[str, QAction] = {}
        for section in self.sections:
            action = QAction(section.title, self)
            action.setShortcut(QKeySequence(section.shortcut))
            action.triggered.connect(self._goto(section.key))
            go_menu.addAction(action)
            self.section_actions[section.key] = action

    def _build_status_bar(self) -> None:
        """Operator, desk and sync state in the status bar."""
        actor = self.store.actor
        self.operator_label = QLabel(
            arg(self.tr("Operator: %1 (%2)"), actor.login, role_label(actor.role))
        )
        self.desk_label = QLabel(arg(self.tr("Desk: %1"), desk_name(self.store.desk)))
        self.sync_label = QLabel(self.tr("Sync: not configured"))
        self.sync_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sync_progress = QProgressBar()
        self.sync_progress.setRange(0, 100)
        self.sync_progress.setMaximumWidth(120)
        self.sync_progress.setAccessibleName(self.tr("Synchronisation progress"))
        self.sync_progress.hide()
        for widget in (self.operator_label, self.desk_label, self.sync_progress, self.sync_label):
            self.statusBar().addPermanentWidget(widget)
        self.sync_worker.started.connect(
            lambda: self.sync_label.setText(self.tr("Sync: in progress…"))
        )
        self.sync_worker.progress.connect(self._show_sync_progress)
        self.sync_worker.finished.connect(self.sync_progress.hide)
        self.sync_worker.status_changed.connect(self.show_sync_status)
        self.referral_updates_label = QLabel()
        self.referral_updates_label.hide()
        self.statusBar().addWidget(self.referral_updates_label)
        self.referrals_view.updates_changed.connect(self.show_referral_updates)
        self.sync_worker.finished.connect(self._check_referral_updates)
        self._check_referral_updates()  # changes pulled before this unlock
        self.sync_worker.wiped.connect(self._on_wiped)
        self.sync_worker.revoked.connect(self._on_revoked)

    def _build_idle_lock(self, app: QCoreApplication) -> None:
        """The idle watcher: the idle delay or the lock key locks the window."""
        self.idle = IdleWatcher(
            app, IDLE_LOCK_MINUTES.default * 60_000, self, lock_key=self.lock_action.shortcut()
        )
        self.idle.idle.connect(self.lock_now)
        self.idle.lock_key_pressed.connect(self.lock_now)
        self.idle.start()

    # ------------------------------------------------------------- navigation
    def section_keys(self) -> list[str]:
        return [section.key for section in self.sections]

    def current_section(self) -> str:
        return self.sections[self.stack.currentIndex()].key

    def show_section(self, key: str) -> None:
        for row, section in enumerate(self.sections):
            if section.key == key:
                self.navigation.setCurrentRow(row)
                section.widget.setFocus()

    def open_person(self, person_id: str) -> None:
        """The person file, inside People (after an intake, or from a search result)."""
        if self._locking or self.store.is_locked:
            return
        self.show_section(PEOPLE)
        self.people_view.open_person(person_id)

    def _goto(self, key: str) -> Callable[[], None]:
        return lambda: self.show_section(key)

    def _on_section_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        if self.sections[row].key == ADMINISTRATION and self.admin_view is not None:
            self.admin_view.reload()
        if self.sections[row].key == SYNC:
            self.sync_view.reload()
        if not (self._locking or self.store.is_locked):
            self.sync_worker.refresh_status()  # the count of changes waiting may have moved

    # ------------------------------------------------------------- sync
    def _check_referral_updates(self, _outcome: object = None) -> None:
        if not (self._locking or self.store.is_locked):
            self.referrals_view.check_updates()

    def show_referral_updates(self, count: int) -> None:
        """Say how many referrals the Welcome Center changed that nobody has looked at."""
        if self._locking:
            return
        text = self.tr("%n referral(s) updated by the Welcome Center", "", count)
        self.referral_updates_label.setText(text if count else "")
        self.referral_updates_label.setVisible(count > 0)
        for row, section in enumerate(self.sections):
            if section.key == REFERRALS:
                item = self.navigation.item(row)
                title = arg(self.tr("%1 (%2 updated)"), section.title, count)
                item.setText(title if count else section.title)
                item.setToolTip(
                    QKeySequence(section.shortcut).toString() + (f" · {text}" if count else "")
                )

    def _show_sync_progress(self, progress: Progress) -> None:
        """A running sync in the status bar: the bar, and where it is with the time left."""
        if self._locking:
            return
        self.sync_progress.setValue(progress_percent(progress))
        self.sync_progress.show()
        self.sync_label.setText(progress_text(progress))

    def show_sync_status(self, status: object) -> None:
        """The status bar's sync part: last success, changes waiting, last error."""
        if self._locking:
            return
        enrolled = getattr(status, "enrolled", False)
        if not enrolled:
            self.sync_label.setText(self.tr("Sync: not configured"))
            self.sync_label.setToolTip("")
            return
        if getattr(status, "revoked", False):
            text = error_text("device_revoked")
            self.sync_label.setText(self.tr("Sync: this computer was revoked"))
            self.sync_label.setToolTip(text)
            return
        last_ok = str(getattr(status, "last_ok", ""))
        parts = [
            arg(self.tr("Last sync: %1"), local_time(last_ok) if last_ok else self.tr("never")),
            self.tr("%n change(s) waiting", "", int(getattr(status, "pending", 0))),
        ]
        error = self.sync_worker.last_error
        if error:
            parts.append(error_text(error))
        flag = str(getattr(status, "audit_flag", ""))
        if flag:
            parts.append(audit_flag_text(flag))
        text = " · ".join(parts)
        self.sync_label.setText(text)
        self.sync_label.setToolTip(text)

    def _on_wiped(self) -> None:
        """The server erased this computer's data: clear, hide, and say so (``store_wiped``)."""
        if self._locking:
            return
        self._locking = True
        self.wiped = True
        self.idle.stop()
        self.lock_action.setEnabled(False)
        self.clear_personal_data()
        self.hide()
        log.warning("the central server ordered a remote wipe; the desk store was destroyed")
        if not self.store.is_locked:
            self.store.lock()
        self.store_wiped.emit()

    def _on_revoked(self) -> None:
        """The server revoked this computer and the store was sealed: lock now."""
        log.warning("the central server revoked this computer; the desk store was sealed")
        self.lock_now()

    # ------------------------------------------------------------- settings
    def _load_settings(self) -> None:
        store = self.store
        self._ops.run(
            lambda: settings.get(store, IDLE_LOCK_MINUTES),
            on_success=self.set_idle_minutes,
            guard=self,
        )

    def set_idle_minutes(self, minutes: int) -> None:
        self.idle.set_interval_ms(minutes * 60_000)

    # ------------------------------------------------------------- locking
    @property
    def locking(self) -> bool:
        return self._locking

    def clear_personal_data(self) -> None:
        """Empty every view: models reset, fields emptied, dialogs and person widgets gone.

        A view that shows personal data implements ``clear()``; widgets made for one person
        (a person file, a form) must be *destroyed* there, not hidden.
        """
        for dialog in self.findChildren(QDialog):
            dialog.reject()
            dialog.deleteLater()
        for section in self.sections:
            clear = getattr(section.widget, "clear", None)
            if clear is not None:
                clear()

    def lock_now(self) -> None:
        """Clear the views, hide, then back up and lock the store in a worker."""
        if self._locking:
            return
        self._locking = True
        self.idle.stop()
        self.lock_action.setEnabled(False)
        self.clear_personal_data()
        self.hide()
        self.lock_started.emit()
        # The store locks once no sync cycle runs any more (``idle`` may come at once).
        self.sync_worker.idle.connect(self._lock_store)
        self.sync_worker.stop()

    def _lock_store(self) -> None:
        self.sync_worker.idle.disconnect(self._lock_store)
        store = self.store
        self._ops.run(
            lambda: backup_then_lock(store),
            on_success=self._on_locked,
            on_failure=self._on_lock_failed,
            guard=self,
        )

    def _on_locked(self, _result: object = None) -> None:
        self.locked.emit(self._quitting)

    def _on_lock_failed(self, exc: BaseException) -> None:
        log.error("lock failed: %s", describe_for_log(exc))
        self.store.lock()  # the key must go, backup or not
        self._on_locked()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window locks first (with its backup), then the app quits."""
        if self.store.is_locked:
            event.accept()
            return
        event.ignore()
        self._quitting = True
        self.lock_now()
