"""The person file: header, alerts, timeline, needs (with "Refer"), as ``person_file`` gives.

The service filters by role (desk operators get no consultations at all); this widget shows
what it gets and filters nothing. One widget per person: the lock destroys it.

Printed documents (``ui/documents.py``): the slip of the referral selected in the timeline,
the privacy notice in the person's language, and the data export (PDF and JSON; shown only
to roles with ``gdpr.export``, and the service checks it again).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from models.audit import HistoryEntry, person_history
from models.consultations import ConsultationDetail
from models.identifiers import phone_display
from models.person_file import Alert, PersonFile, person_file
from models.referrals import create_referral
from models.roles import Actor
from models.store import OpenStore
from ui.document_preview import DocumentPreview
from ui.documents import open_consent_notice, open_data_export, open_referral_slip
from ui.errors import message_for
from ui.formats import format_date, format_datetime, legal_text
from ui.headings import heading
from ui.i18n import arg
from ui.ops import Generation, Ops
from ui.person_edit import PersonEditDialog
from ui.reference_data import ReferenceLists, reference_lists
from ui.tables import fill_rows, record_table
from ui.vocabulary import audit_action_label, purpose_label, record_kind_label, status_label


@dataclass(frozen=True)
class FileData:
    file: PersonFile
    reference: ReferenceLists
    history: tuple[HistoryEntry, ...] | None = None  # None: the operator may not read it


_FILE_LISTS = ("legal_status", "channel", "consultation_topic", "relationship", "document_type")


def load_file(session: Session, actor: Actor, person_id: str) -> FileData:
    """The op: the person file, its history when the operator may read it, and the labels."""
    file = person_file(session, actor, person_id)
    history = None
    if actor.can("audit.read"):
        history = tuple(person_history(session, actor, person_id))
    return FileData(file, reference_lists(session, _FILE_LISTS), history)


def age_on(birth_date: date | None, birth_year: int | None, today: date) -> int | None:
    if birth_date is not None:
        before = (today.month, today.day) < (birth_date.month, birth_date.day)
        return today.year - birth_date.year - int(before)
    if birth_year is not None:
        return today.year - birth_year
    return None


class PersonView(QWidget):
    """One person's file.

    Signals:
        loaded(): the file is shown.
        closed(): the operator went back (Esc or the Back button).
        referred(str): a referral was created (its number).
        message_shown(str): a refusal or error, translated.
    """

    loaded = Signal()
    closed = Signal()
    referred = Signal(str)
    message_shown = Signal(str)

    def __init__(
        self, store: OpenStore, ops: Ops, person_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self.person_id = person_id
        self._data: FileData | None = None
        self._generation = Generation()
        self._timeline_referrals: list[str | None] = []  # per timeline row: a referral's id
        self.preview: DocumentPreview | None = None

        self._build_header()
        self._build_tables()
        refer_row = self._build_refer_row()
        documents_row = self._build_document_buttons()
        self._build_layout(documents_row, refer_row)
        self._build_shortcuts()
        self.status.setText(self.tr("Loading…"))
        self._update_document_buttons()
        self.reload()

    # ------------------------------------------------------------- building
    def _build_header(self) -> None:
        """The Back and Edit buttons, the name, the details and the alerts."""
        self.back_button = QPushButton(self.tr("&Back to search (Esc)"))
        self.back_button.clicked.connect(self.closed)
        self.edit_button = QPushButton(self.tr("&Edit (Ctrl+E)"))
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self.edit)
        self.edit_dialog: PersonEditDialog | None = None
        self.name_label = heading()
        self.name_label.setAccessibleName(self.tr("Name"))
        self.details_label = QLabel()
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)
        self.details_label.setWordWrap(True)
        self.details_label.setAccessibleName(self.tr("Person details"))
        self.alerts_label = QLabel()
        self.alerts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.alerts_label.setWordWrap(True)
        self.alerts_label.setStyleSheet("color: #b00020;")
        self.alerts_label.setAccessibleName(self.tr("Alerts"))

    def _build_tables(self) -> None:
        """The timeline, needs, family, documents and (if allowed) history tables."""
        self.timeline = record_table(
            [self.tr("Date"), self.tr("What"), self.tr("Details")], self.tr("Timeline")
        )
        self.needs = record_table(
            [self.tr("Service"), self.tr("Urgency"), self.tr("Status")], self.tr("Needs")
        )
        self.family = record_table(
            [
                self.tr("Relationship"),
                self.tr("Name"),
                self.tr("Year of birth"),
                self.tr("Lives"),
                self.tr("Dependent"),
            ],
            self.tr("Family"),
        )
        self.documents = record_table(
            [self.tr("Type"), self.tr("Number"), self.tr("Issued by"), self.tr("Expiry")],
            self.tr("Documents"),
        )
        # The audit trail, for coordinators and admins (the service refuses anyone else).
        self.history: QTableWidget | None = None
        if self._store.actor.can("audit.read"):
            self.history = record_table(
                [
                    self.tr("Time"),
                    self.tr("Operator"),
                    self.tr("Action"),
                    self.tr("Record type"),
                ],
                self.tr("History"),
            )

    def _build_refer_row(self) -> QHBoxLayout:
        """The reason field with the Refer button; also the status line."""
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Reason for the referral"))
        self.reason.setPlaceholderText(self.tr("Reason for the referral…"))
        self.refer_button = QPushButton(self.tr("&Refer the selected need"))
        self.refer_button.clicked.connect(self.refer_selected)
        refer_row = QHBoxLayout()
        refer_row.addWidget(self.reason, 1)
        refer_row.addWidget(self.refer_button)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Person file status"))
        return refer_row

    def _build_document_buttons(self) -> QHBoxLayout:
        """The slip, privacy notice and (with ``gdpr.export``) data export buttons."""
        self.slip_button = QPushButton(self.tr("Print referral &slip…"))
        self.slip_button.setToolTip(self.tr("The slip of the referral selected in the timeline"))
        self.slip_button.clicked.connect(self.print_slip)
        self.notice_button = QPushButton(self.tr("Pri&vacy notice…"))
        self.notice_button.setToolTip(self.tr("The privacy notice in the person's language"))
        self.notice_button.clicked.connect(self.privacy_notice)
        self.export_button: QPushButton | None = None
        documents_row = QHBoxLayout()
        documents_row.addWidget(self.slip_button)
        documents_row.addWidget(self.notice_button)
        if self._store.actor.can("gdpr.export"):
            self.export_button = QPushButton(self.tr("E&xport data…"))
            self.export_button.setToolTip(
                self.tr("Everything recorded about the person, to give them (PDF or JSON)")
            )
            self.export_button.clicked.connect(self.export_data)
            documents_row.addWidget(self.export_button)
        documents_row.addStretch(1)
        self.timeline.itemSelectionChanged.connect(self._update_document_buttons)
        return documents_row

    def _build_layout(self, documents_row: QHBoxLayout, refer_row: QHBoxLayout) -> None:
        """Everything in one column, with a bold title above each table."""
        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        top.addWidget(self.edit_button)
        top.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_label)
        layout.addWidget(self.alerts_label)
        layout.addWidget(QLabel(self.tr("<b>Timeline</b>")))
        layout.addWidget(self.timeline, 2)
        layout.addLayout(documents_row)
        layout.addWidget(QLabel(self.tr("<b>Needs</b>")))
        layout.addWidget(self.needs, 1)
        self.family_title = QLabel(self.tr("<b>Family</b>"))
        layout.addWidget(self.family_title)
        layout.addWidget(self.family, 1)
        self.documents_title = QLabel(self.tr("<b>Documents</b>"))
        layout.addWidget(self.documents_title)
        layout.addWidget(self.documents, 1)
        if self.history is not None:
            layout.addWidget(QLabel(self.tr("<b>History</b>")))
            layout.addWidget(self.history, 1)
        layout.addLayout(refer_row)
        layout.addWidget(self.status)

    def _build_shortcuts(self) -> None:
        """Esc goes back; Ctrl+E edits."""
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.closed)
        edit = QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_E), self)
        edit.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        edit.activated.connect(self.edit)

    # ------------------------------------------------------------- loading
    def reload(self) -> None:
        person_id = self.person_id
        self._ops.in_session(
            self._store,
            lambda session, actor: load_file(session, actor, person_id),
            on_success=self._generation.current(self._show),
            on_failure=self._generation.current(self._on_error),
            guard=self,
        )

    def _on_error(self, exc: BaseException) -> None:
        message = message_for(exc)
        self.status.setText(message)
        self.message_shown.emit(message)

    def _show(self, data: FileData) -> None:
        self._data = data
        f, ref = data.file, data.reference
        self._show_header(f, ref)
        self._show_timeline(f, ref)
        self._show_needs(f, ref)
        self._show_family(f, ref)
        self._show_documents(f, ref)
        if self.history is not None:
            fill_rows(self.history, [self._history_row(e) for e in reversed(data.history or ())])
        self.edit_button.setEnabled(True)
        self._update_document_buttons()
        if self.status.text() == self.tr("Loading…"):
            self.status.clear()
        self.loaded.emit()

    def _show_header(self, f: PersonFile, ref: ReferenceLists) -> None:
        """The name, the details line and the alerts."""
        p = f.person
        latin = " ".join(n for n in (p.given_name_latin, p.family_name_latin) if n)
        written = " ".join(n for n in (p.given_name, p.family_name) if n)
        self.name_label.setText(f"{written} ({latin})" if latin and written else latin or written)
        details = []
        age = age_on(p.birth_date, p.birth_year, date.today())
        if age is not None:
            details.append(arg(self.tr("Age %1"), age))
        if p.citizenships:
            details.append(
                arg(self.tr("Citizenship: %1"), ", ".join(c.upper() for c in p.citizenships))
            )
        if p.preferred_language:
            details.append(arg(self.tr("Preferred language: %1"), p.preferred_language))
        status = ref.label("legal_status", p.legal_status)
        if p.permit_expiry is not None:
            status = arg(self.tr("%1, expires %2"), status, format_date(p.permit_expiry))
        details.append(arg(self.tr("Legal status: %1"), status))
        if p.phone:
            details.append(arg(self.tr("Phone: %1"), phone_display(p.phone)))
        self.details_label.setText(" · ".join(details))
        self.alerts_label.setText("\n".join(self._alert_text(a) for a in f.alerts))

    def _show_timeline(self, f: PersonFile, ref: ReferenceLists) -> None:
        """Visits, referrals, consents and consultations, newest first."""
        entries: list[tuple[datetime, list[str], str | None]] = []
        for visit in f.visits:
            what = self.tr("First visit") if visit.first_time else self.tr("Visit")
            detail = ref.label("channel", visit.channel)
            if visit.mediator_called:
                detail = arg(self.tr("%1, mediator called"), detail)
            entries.append((visit.at, [format_datetime(visit.at), what, detail], None))
        for referral in f.referrals:
            what = arg(self.tr("Referral %1"), referral.number)
            detail = arg(
                self.tr("%1: %2"),
                ref.service_label(referral.target_service),
                status_label(referral.status),
            )
            if referral.overdue:
                detail = arg(self.tr("%1 (overdue)"), detail)
            entries.append(
                (
                    referral.created_at,
                    [format_datetime(referral.created_at), what, detail],
                    referral.id,
                )
            )
        for consent in f.consents:
            what = self.tr("Consent") if consent.active else self.tr("Consent withdrawn")
            entries.append(
                (
                    consent.given_at,
                    [format_datetime(consent.given_at), what, purpose_label(consent.purpose)],
                    None,
                )
            )
        for item in f.consultations:
            if isinstance(item, ConsultationDetail):
                topic = ref.label("consultation_topic", item.topic)
                detail = arg(self.tr("%1: %2"), topic, legal_text(item.question))
            else:
                detail = arg(self.tr("with %1"), item.advisor)
            entries.append(
                (item.at, [format_datetime(item.at), self.tr("Legal consultation"), detail], None)
            )
        entries.sort(key=lambda entry: entry[0], reverse=True)
        self._timeline_referrals = [referral_id for _at, _row, referral_id in entries]
        fill_rows(self.timeline, [row for _at, row, _id in entries])

    def _show_needs(self, f: PersonFile, ref: ReferenceLists) -> None:
        """The needs, with their urgency and status; the first open one selected."""
        urgency = {"low": self.tr("low"), "normal": self.tr("normal"), "high": self.tr("high")}
        need_status = {
            "open": self.tr("open"),
            "referred": self.tr("referred"),
            "closed": self.tr("closed"),
        }
        fill_rows(
            self.needs,
            [
                [
                    ref.service_label(n.service_code),
                    urgency.get(n.urgency, n.urgency),
                    need_status.get(n.status, n.status),
                ]
                for n in f.needs
            ],
        )
        open_needs = [row for row, n in enumerate(f.needs) if n.status != "closed"]
        if open_needs:
            self.needs.selectRow(open_needs[0])

    def _show_family(self, f: PersonFile, ref: ReferenceLists) -> None:
        """The household members."""
        lives = {"italy": self.tr("in Italy"), "abroad": self.tr("abroad")}
        fill_rows(
            self.family,
            [
                [
                    ref.label("relationship", m.relationship_code),
                    " ".join(n for n in (m.given_name, m.family_name) if n),
                    "" if m.birth_year is None else str(m.birth_year),
                    arg(self.tr("%1 (%2)"), lives.get(m.lives_in, m.lives_in), m.country.upper())
                    if m.country
                    else lives.get(m.lives_in, m.lives_in),
                    self.tr("yes") if m.dependent else self.tr("no"),
                ]
                for m in f.household
            ],
        )

    def _show_documents(self, f: PersonFile, ref: ReferenceLists) -> None:
        """The identity documents."""
        fill_rows(
            self.documents,
            [
                [
                    ref.label("document_type", d.doc_type),
                    d.number,
                    d.issuer,
                    format_date(d.expiry_date),
                ]
                for d in f.documents
            ],
        )

    def _history_row(self, event: HistoryEntry) -> list[str]:
        return [
            format_datetime(event.at),
            event.operator,
            audit_action_label(event.action),
            record_kind_label(event.entity),
        ]

    def _alert_text(self, alert: Alert) -> str:
        days = alert.days or 0
        if alert.code == "permit_expired":
            return self.tr("The permit of stay has expired.")
        if alert.code == "permit_expiring":
            return self.tr("The permit of stay expires in %n day(s).", "", days)
        if alert.code == "document_expired":
            return self.tr("A document has expired.")
        if alert.code == "document_expiring":
            return self.tr("A document expires in %n day(s).", "", days)
        if alert.code == "referral_overdue":
            return self.tr("A referral is overdue: follow it up.")
        if alert.code == "no_processing_basis":
            return self.tr("No consent or other basis to process this person's data.")
        if alert.code == "restricted":
            return self.tr("Processing of this person's data is restricted.")
        return alert.code

    def dispose(self) -> None:
        """Before destruction: drop late answers and empty what is shown."""
        self._generation.bump()
        self._data = None
        self._timeline_referrals = []
        self._close_preview()
        for label in (self.name_label, self.details_label, self.alerts_label, self.status):
            label.clear()
        self.timeline.setRowCount(0)
        self.needs.setRowCount(0)
        self.family.setRowCount(0)
        self.documents.setRowCount(0)
        if self.history is not None:
            self.history.setRowCount(0)
        self.reason.setText("")
        if self.edit_dialog is not None:
            self.edit_dialog.dispose()
            self.edit_dialog.close()
            self.edit_dialog.deleteLater()
            self.edit_dialog = None

    # ------------------------------------------------------------- editing
    def edit(self) -> None:
        """Open the dialog that edits the person's own fields (once the file is shown)."""
        if self._data is None or self.edit_dialog is not None:
            return
        dialog = PersonEditDialog(
            self._store, self._ops, self._data.file.person, self._data.reference, self
        )
        dialog.saved.connect(self._on_edited)
        dialog.finished.connect(self._on_edit_closed)
        self.edit_dialog = dialog
        dialog.open()

    def _on_edited(self, _changed: list[str]) -> None:
        self.reload()
        self.status.setText(self.tr("Person saved."))

    def _on_edit_closed(self, _result: int) -> None:
        dialog, self.edit_dialog = self.edit_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    # ------------------------------------------------------------- referring
    def select_need(self, row: int) -> None:
        self.needs.selectRow(row)

    def refer_selected(self) -> None:
        if self._data is None:
            return
        rows = self.needs.selectionModel().selectedRows()
        if not rows:
            self.status.setText(self.tr("Select a need first."))
            return
        need = self._data.file.needs[rows[0].row()]
        reason = self.reason.text()
        person_id = self.person_id
        self.refer_button.setEnabled(False)
        self._ops.in_session(
            self._store,
            lambda session, actor: (
                create_referral(
                    session, actor, person_id, need.service_code, reason, need_id=need.id
                ).number
            ),
            on_success=self._generation.current(self._on_referred),
            on_failure=self._generation.current(self._on_refer_failed),
            guard=self,
        )

    def _on_referred(self, number: str) -> None:
        self.refer_button.setEnabled(True)
        self.reason.setText("")
        self.referred.emit(number)
        self.reload()
        self.status.setText(arg(self.tr("Referral %1 created (draft)."), number))

    def _on_refer_failed(self, exc: BaseException) -> None:
        self.refer_button.setEnabled(True)
        self._on_error(exc)

    # ------------------------------------------------------------- documents
    def selected_referral(self) -> str | None:
        """The id of the referral selected in the timeline, if a referral row is selected."""
        rows = self.timeline.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._timeline_referrals):
            return None
        return self._timeline_referrals[rows[0].row()]

    def select_referral(self, referral_id: str) -> None:
        """Select the timeline row of ``referral_id``."""
        if referral_id in self._timeline_referrals:
            self.timeline.selectRow(self._timeline_referrals.index(referral_id))

    def _update_document_buttons(self) -> None:
        loaded = self._data is not None
        self.slip_button.setEnabled(loaded and self.selected_referral() is not None)
        self.notice_button.setEnabled(loaded)
        if self.export_button is not None:
            self.export_button.setEnabled(loaded)

    def print_slip(self) -> None:
        """Preview (then print or save) the slip of the referral selected in the timeline."""
        referral_id = self.selected_referral()
        if referral_id is None:
            self.status.setText(self.tr("Select a referral in the timeline first."))
            return
        self._open(lambda: open_referral_slip(self, self._store, self._ops, referral_id))

    def privacy_notice(self) -> None:
        """The privacy notice, in the person's preferred language to start with."""
        self._open(lambda: open_consent_notice(self, self._store, self._ops, self.person_id))

    def export_data(self) -> None:
        """The data export (PDF preview, Save as PDF…, Save JSON…)."""
        self._open(lambda: open_data_export(self, self._store, self._ops, self.person_id))

    def _open(self, make: Callable[[], DocumentPreview]) -> None:
        self._close_preview()
        self.preview = make()

    def _close_preview(self) -> None:
        preview, self.preview = self.preview, None
        if preview is not None and shiboken6.isValid(preview):
            preview.reject()
