"""Legal consultations (legal advisors only): pick a person, record, see their list.

The section exists only for roles with ``consultation.content``; the services check it
again. Recording is one ``record_consultation`` call in an op (escalation included, which
needs the person's consent to sharing).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from models.consultations import (
    ConsultationDetail,
    ConsultationSummary,
    list_for_person,
    record_consultation,
)
from models.roles import Actor
from models.search import Match
from models.store import OpenStore
from ui.errors import message_for
from ui.formats import format_datetime, legal_text
from ui.i18n import arg
from ui.ops import Generation, Ops
from ui.person_search import PersonSearch
from ui.reference_data import ReferenceLists, reference_lists
from ui.tables import fill_rows, record_table


@dataclass(frozen=True)
class ConsultationForm:
    """What the advisor typed (plain values, for the op)."""

    person_id: str
    topic: str
    question: str
    advice: str
    outcome: str
    escalate: bool
    escalation_reason: str


def save_consultation(
    session: Session, actor: Actor, form: ConsultationForm
) -> list[ConsultationSummary]:
    """The op: record, then the refreshed list as the advisor may see it (audited)."""
    record_consultation(
        session,
        actor,
        form.person_id,
        form.topic,
        form.question,
        form.advice,
        form.outcome,
        escalate=form.escalate,
        escalation_reason=form.escalation_reason,
    )
    return list_for_person(session, actor, form.person_id)


class ConsultationsView(QWidget):
    """Person search, the consultation form and the person's consultations.

    Signals:
        listed(int): the person's consultations are shown (their count).
        saved(): a consultation was recorded.
        message_shown(str): a refusal, translated.
    """

    listed = Signal(int)
    saved = Signal()
    message_shown = Signal(str)

    def __init__(self, store: OpenStore, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self._person: Match | None = None
        self._reference: ReferenceLists | None = None
        self._generation = Generation()

        title = QLabel(self.tr("<h2>Legal consultations</h2>"))
        self.search = PersonSearch(store, ops)
        self.search.setMaximumHeight(200)
        self.search.person_activated.connect(self._on_person_activated)
        title.setBuddy(self.search.search_field)
        self.person_label = QLabel(self.tr("Search for the person, then press Enter."))
        self.person_label.setTextFormat(Qt.TextFormat.PlainText)
        self.person_label.setAccessibleName(self.tr("Person of the consultation"))

        form = self._build_form()
        save_row = self._build_save_row()
        self._build_list()

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.search)
        layout.addWidget(self.person_label)
        layout.addLayout(form)
        layout.addLayout(save_row)
        layout.addWidget(self.list, 1)
        self.setFocusProxy(self.search.search_field)

        shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        self._set_form_enabled(False)
        ops.in_session(
            store,
            lambda session, _actor: reference_lists(session, ("consultation_topic",)),
            on_success=self._on_reference,
            on_failure=self._show_error,
            guard=self,
        )

    def _build_form(self) -> QFormLayout:
        """The consultation form: topic, question, advice, outcome and escalation."""
        self.topic = QComboBox()
        self.topic.setAccessibleName(self.tr("Topic"))
        self.question = QPlainTextEdit()
        self.question.setAccessibleName(self.tr("Question"))
        self.question.setTabChangesFocus(True)
        self.advice = QPlainTextEdit()
        self.advice.setAccessibleName(self.tr("Advice given"))
        self.advice.setTabChangesFocus(True)
        self.outcome = QLineEdit()
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.escalate = QCheckBox(self.tr("&Escalate to second-level legal advice"))
        self.escalate.setAccessibleName(self.tr("Escalate to second-level legal advice"))
        self.escalation_reason = QLineEdit()
        self.escalation_reason.setAccessibleName(self.tr("Reason for escalation"))
        self.escalation_reason.setEnabled(False)
        self.escalate.toggled.connect(self.escalation_reason.setEnabled)
        form = QFormLayout()
        rows: list[tuple[str, QWidget]] = [
            (self.tr("&Topic"), self.topic),
            (self.tr("&Question"), self.question),
            (self.tr("&Advice"), self.advice),
            (self.tr("O&utcome"), self.outcome),
            ("", self.escalate),
            (self.tr("&Reason for escalation"), self.escalation_reason),
        ]
        for caption, widget in rows:
            label = QLabel(caption)
            label.setBuddy(widget)
            form.addRow(label, widget)
        return form

    def _build_save_row(self) -> QHBoxLayout:
        """The status line with the Save button."""
        self.save_button = QPushButton(self.tr("Save consultation (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Consultation status"))
        save_row = QHBoxLayout()
        save_row.addWidget(self.message, 1)
        save_row.addWidget(self.save_button)
        return save_row

    def _build_list(self) -> None:
        """The table of the person's consultations."""
        self.list = record_table(
            [self.tr("Date"), self.tr("Topic"), self.tr("Question")],
            self.tr("Consultations of the person"),
            stretch=2,
        )

    def _on_reference(self, lists: ReferenceLists) -> None:
        self._reference = lists
        self.topic.clear()
        for choice in lists.of("consultation_topic"):
            self.topic.addItem(choice.label, choice.code)

    def _set_form_enabled(self, enabled: bool) -> None:
        for widget in (self.topic, self.question, self.advice, self.outcome, self.escalate):
            widget.setEnabled(enabled)
        self.escalation_reason.setEnabled(enabled and self.escalate.isChecked())
        self.save_button.setEnabled(enabled)

    # ------------------------------------------------------------- person
    def _on_person_activated(self, _person_id: str) -> None:
        rows = self.search.table.selectionModel().selectedRows()
        index = self.search.table.currentIndex()
        row = rows[0].row() if rows else index.row()
        if row >= 0:
            self.choose(self.search.model.match_at(row))

    def choose(self, match: Match) -> None:
        """The person the consultation is about; loads their consultations."""
        self._person = match
        self.person_label.setText(arg(self.tr("Consultation with %1"), match.display_name))
        self._set_form_enabled(True)
        self.topic.setFocus()
        person_id = match.person_id
        self._ops.in_session(
            self._store,
            lambda session, actor: list_for_person(session, actor, person_id),
            on_success=self._generation.current(self._show_list),
            on_failure=self._generation.current(self._show_error),
            guard=self,
        )

    def _show_list(self, items: list[ConsultationSummary]) -> None:
        fill_rows(self.list, [self._row(item) for item in items])
        self.listed.emit(len(items))

    def _row(self, item: ConsultationSummary) -> list[str]:
        """Date, topic and question; a consultation the operator may not read shows its date."""
        topic = question = ""
        if isinstance(item, ConsultationDetail):
            lists = self._reference
            topic = lists.label("consultation_topic", item.topic) if lists else item.topic
            question = legal_text(item.question)
        return [format_datetime(item.at), topic, question]

    # ------------------------------------------------------------- saving
    def save(self) -> None:
        if self._person is None:
            self._show_text(self.tr("Choose the person first."))
            return
        form = ConsultationForm(
            person_id=self._person.person_id,
            topic=str(self.topic.currentData() or ""),
            question=self.question.toPlainText(),
            advice=self.advice.toPlainText(),
            outcome=self.outcome.text(),
            escalate=self.escalate.isChecked(),
            escalation_reason=self.escalation_reason.text() if self.escalate.isChecked() else "",
        )
        self.save_button.setEnabled(False)
        self.message.clear()
        self._ops.in_session(
            self._store,
            lambda session, actor: save_consultation(session, actor, form),
            on_success=self._generation.current(self._on_saved),
            on_failure=self._generation.current(self._on_save_failed),
            guard=self,
        )

    def _on_saved(self, items: list[ConsultationSummary]) -> None:
        self.save_button.setEnabled(True)
        self._clear_form()
        self._show_list(items)
        self.message.setText(self.tr("Consultation saved."))
        self.saved.emit()

    def _on_save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._show_error(exc)

    def _show_error(self, exc: BaseException) -> None:
        self._show_text(message_for(exc))

    def _show_text(self, text: str) -> None:
        self.message.setText(text)
        self.message_shown.emit(text)

    # ------------------------------------------------------------- lock
    def _clear_form(self) -> None:
        self.question.setPlainText("")  # also empties the undo history
        self.advice.setPlainText("")
        self.outcome.setText("")
        self.escalation_reason.setText("")
        self.escalate.setChecked(False)
        if self.topic.count():
            self.topic.setCurrentIndex(0)

    def clear(self) -> None:
        """Forget the person, the draft and the list; late answers are dropped."""
        self._generation.bump()
        self.search.clear()
        self._person = None
        self._clear_form()
        self.list.setRowCount(0)
        self.message.clear()
        self.person_label.setText(self.tr("Search for the person, then press Enter."))
        self._set_form_enabled(False)
