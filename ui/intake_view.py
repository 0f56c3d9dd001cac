"""Intake, keyboard-first: search before create, then one save for the whole visit.

The operator types a name; candidates from ``find_people`` appear as they type (Up/Down
highlight one, Enter picks it: a new visit of a known person). Enter with nothing
highlighted, or "New person", opens the person form with the typed name. Ctrl+S saves: one
``models.intake.register`` call in one op. A ``ValidationFailed`` is shown next to the field
it names. The draft lives in the widgets only (never on disk), so it survives switching to
another view; ``clear()`` (the lock) empties it. At the consent step, "Privacy notice…"
shows the blank notice to print, in the language of the conversation.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from models.consent import CONTACT_PHONE, PROCESSING, SHARING, ConsentForm
from models.errors import ValidationFailed
from models.intake import IntakeForm, IntakeResult, NeedForm, register
from models.likely_matches import LikelyMatch, Probe, likely_matches
from models.pair_decisions import record_different
from models.roles import Actor
from models.search import Match
from models.store import OpenStore
from ui.document_preview import DocumentPreview
from ui.documents import open_consent_notice
from ui.duplicate_warning import DuplicateWarning
from ui.errors import message_for
from ui.form_fields import FieldRows, fill_combo
from ui.formats import format_codes
from ui.i18n import arg
from ui.intake_lists import DocumentRow, HouseholdRow, RowList
from ui.ops import Generation, Ops
from ui.person_fields import PersonFields
from ui.person_search import PersonSearch
from ui.reference_data import ReferenceLists, reference_lists

_ITEM = re.compile(r"^([a-z_]+)\[(\d+)\]\.(.+)$")


class IntakeView(QWidget):
    """The intake form.

    Signals:
        saved(str): a visit was registered; the person's id.
        reference_loaded(): the combo boxes and the needs checklist are filled.
        save_failed(str): the translated message of a refused save.
    """

    saved = Signal(str)
    reference_loaded = Signal()
    save_failed = Signal(str)

    def __init__(self, store: OpenStore, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self._reference: ReferenceLists | None = None
        self._person: Match | None = None
        self._saving = False
        self._generation = Generation()

        title = QLabel(self.tr("<h2>Intake</h2>"))
        name_label = self._build_search()
        chosen_row = self._build_chosen_row()
        self._build_person_box()
        visit_box = self._build_visit()
        consent_box = self._build_consent()
        buttons = self._build_buttons()
        self._build_row_lists()

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(name_label)
        layout.addWidget(self.search)
        layout.addLayout(chosen_row)
        layout.addWidget(self._build_body(visit_box, consent_box), 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.name_field)

        self._order_head: list[QWidget] = [
            self.name_field,
            self.search.table,
            self.change_button,
            self.new_button,
            *self.person_fields.focus_chain(),
            self.needs,
            self.channel,
            self.language,
            self.mediator,
            self.consent_processing,
            self.consent_sharing,
            self.consent_phone,
            self.notice_button,
        ]
        self._update_tab_order()
        self._build_shortcuts()
        self._load_reference()

    # ------------------------------------------------------------- building
    def _build_search(self) -> QLabel:
        """The name field with its candidates; returns the field's label."""
        name_label = QLabel(self.tr("&Name (type to search, Enter to pick)"))
        self.search = PersonSearch(self._store, self._ops, field_navigation=True)
        self.name_field = self.search.search_field
        self.name_field.setPlaceholderText(self.tr("Given name and family name…"))
        self.name_field.setAccessibleName(self.tr("Name of the person"))
        self.name_field.returnPressed.connect(self._on_name_entered)
        self.search.person_activated.connect(self._on_candidate_activated)
        self.search.table.setAccessibleName(self.tr("People already registered"))
        self.search.setMaximumHeight(220)
        name_label.setBuddy(self.name_field)
        return name_label

    def _build_chosen_row(self) -> QHBoxLayout:
        """The person of this visit, with the "New person" and "Change person" buttons."""
        self.new_button = QPushButton(self.tr("New &person"))
        self.new_button.clicked.connect(self.start_new_person)
        self.chosen_label = QLabel()
        self.chosen_label.setTextFormat(Qt.TextFormat.PlainText)
        self.chosen_label.setAccessibleName(self.tr("Person of this visit"))
        self.change_button = QPushButton(self.tr("Change pe&rson"))
        self.change_button.clicked.connect(self._change_person)
        self.change_button.hide()
        chosen_row = QHBoxLayout()
        chosen_row.addWidget(self.chosen_label, 1)
        chosen_row.addWidget(self.change_button)
        chosen_row.addWidget(self.new_button)
        return chosen_row

    def _build_person_box(self) -> None:
        """The person's fields (a new person only)."""
        self.person_fields = PersonFields(intake=True)
        self.person_box = QGroupBox(self.tr("New person"))
        QVBoxLayout(self.person_box).addWidget(self.person_fields)
        self.person_box.hide()

    def _build_visit(self) -> QGroupBox:
        """The visit: needs, channel, language and mediator."""
        visit_box = QGroupBox(self.tr("Visit"))
        self._visit_rows = FieldRows(QFormLayout(visit_box))
        self.needs = QListWidget()
        self.needs.setAccessibleName(self.tr("Needs (Space ticks the highlighted service)"))
        self.needs.setMinimumHeight(120)
        self.channel = QComboBox()
        self.channel.setAccessibleName(self.tr("Channel of access"))
        self.language = QLineEdit()
        self.language.setAccessibleName(self.tr("Language of the conversation (code, e.g. fr)"))
        self.mediator = QCheckBox(self.tr("&Mediator called"))
        self.mediator.setAccessibleName(self.tr("Mediator called"))
        self._visit_rows.add("needs", self.tr("N&eeds"), self.needs)
        self._visit_rows.add("channel", self.tr("&Channel"), self.channel)
        self._visit_rows.add("language", self.tr("&Language"), self.language)
        self._visit_rows.form.addRow("", self.mediator)
        return visit_box

    def _build_consent(self) -> QGroupBox:
        """The consent boxes and the "Privacy notice…" button."""
        consent_box = QGroupBox(self.tr("Consent"))
        consent_layout = QVBoxLayout(consent_box)
        self.consent_processing = QCheckBox(self.tr("&Agrees to the processing of their data"))
        self.consent_sharing = QCheckBox(
            self.tr("Agrees to sharing with the &Welcome Center services")
        )
        self.consent_phone = QCheckBox(self.tr("Agrees to be con&tacted by phone"))
        for box in (self.consent_processing, self.consent_sharing, self.consent_phone):
            box.setAccessibleName(box.text().replace("&", ""))
            consent_layout.addWidget(box)
        self.notice_button = QPushButton(self.tr("Pri&vacy notice…"))
        self.notice_button.setToolTip(
            self.tr("The privacy notice to print for the person, in the conversation's language")
        )
        self.notice_button.clicked.connect(self.privacy_notice)
        self.preview: DocumentPreview | None = None
        self.warning: DuplicateWarning | None = None  # open while the operator decides
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice_button)
        notice_row.addStretch(1)
        consent_layout.addLayout(notice_row)
        return consent_box

    def _build_buttons(self) -> QHBoxLayout:
        """The status line with the Discard and Save buttons."""
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_button.setAccessibleName(self.tr("Save the intake"))
        self.save_button.clicked.connect(self.save)
        self.discard_button = QPushButton(self.tr("&Discard"))
        self.discard_button.clicked.connect(self.clear)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Intake status"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        return buttons

    def _build_row_lists(self) -> None:
        """Family and documents: lists of rows (Ctrl+Shift+F / Ctrl+Shift+D add one)."""
        self.household = RowList(
            self.tr("Family"), self.tr("Add a relative (Ctrl+Shift+F)"), HouseholdRow
        )
        self.household.add_button.setAccessibleName(self.tr("Add a household member"))
        self.documents = RowList(
            self.tr("Documents"), self.tr("Add a document (Ctrl+Shift+D)"), DocumentRow
        )
        self.documents.add_button.setAccessibleName(self.tr("Add an identity document"))
        self.household.rows_changed.connect(self._update_tab_order)
        self.documents.rows_changed.connect(self._update_tab_order)

    def _build_body(self, visit_box: QGroupBox, consent_box: QGroupBox) -> QScrollArea:
        """The scrolled part: person form, visit, consent, family and documents."""
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.person_box)
        body_layout.addWidget(visit_box)
        body_layout.addWidget(consent_box)
        body_layout.addWidget(self.household)
        body_layout.addWidget(self.documents)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        return scroll

    def _build_shortcuts(self) -> None:
        """Ctrl+S saves; Ctrl+Shift+F and Ctrl+Shift+D add a relative or a document."""
        self.save_shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_shortcut.activated.connect(self.save)
        for keys, rows in (("Ctrl+Shift+F", self.household), ("Ctrl+Shift+D", self.documents)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(rows.add_row)

    def _update_tab_order(self) -> None:
        order = [
            *self._order_head,
            *self.household.focus_chain(),
            *self.documents.focus_chain(),
            self.discard_button,
            self.save_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _load_reference(self) -> None:
        self._ops.in_session(
            self._store,
            lambda session, _actor: reference_lists(
                session, ("legal_status", "channel", "relationship", "document_type")
            ),
            on_success=self._on_reference,
            on_failure=lambda exc: self.status.setText(message_for(exc)),
            guard=self,
        )

    def _on_reference(self, lists: ReferenceLists) -> None:
        self._reference = lists
        self._fill_reference()
        self.reference_loaded.emit()

    def _fill_reference(self) -> None:
        lists = self._reference
        if lists is None:
            return
        self.person_fields.set_choices(lists)
        fill_combo(self.channel, lists.of("channel"), "walk_in")
        self.household.set_choices(lists.of("relationship"))
        self.documents.set_choices(lists.of("document_type"))
        self.needs.clear()
        for service in lists.services:
            item = QListWidgetItem(service.label)
            item.setData(Qt.ItemDataRole.UserRole, service.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.needs.addItem(item)
        if self.needs.count():
            self.needs.setCurrentRow(0)

    # ------------------------------------------------------------- choosing the person
    def _on_name_entered(self) -> None:
        match = self.search.highlighted()
        if match is not None:
            self.use_existing(match)
        elif self.search.query():
            self.start_new_person()

    def _on_candidate_activated(self, _person_id: str) -> None:
        match = self.search.highlighted()
        if match is not None:
            self.use_existing(match)

    def use_existing(self, match: Match) -> None:
        """A new visit of someone already registered."""
        self._person = match
        self.person_box.hide()
        details = [match.display_name]
        if match.birth_year is not None:
            details.append(str(match.birth_year))
        if match.citizenships:
            details.append(format_codes(match.citizenships))
        self.chosen_label.setText(arg(self.tr("New visit of %1"), " · ".join(details)))
        self.change_button.show()
        self.search.hide()
        self.needs.setFocus()

    def start_new_person(self) -> None:
        """The person form, with the typed name as a start."""
        self._person = None
        words = self.search.query().split()
        given = self.person_fields.line("given_name")
        family = self.person_fields.line("family_name")
        if words and not (given.text() or family.text()):
            given.setText(words[0])
            family.setText(" ".join(words[1:]))
        self.chosen_label.setText(self.tr("New person"))
        self.person_box.show()
        self.change_button.show()
        self.search.hide()
        given.setFocus()

    def _change_person(self) -> None:
        self._person = None
        self.person_box.hide()
        self.change_button.hide()
        self.chosen_label.clear()
        self.search.show()
        self.name_field.setFocus()

    @property
    def is_new_person(self) -> bool:
        return self.person_box.isVisibleTo(self)

    # ------------------------------------------------------------- privacy notice
    def notice_language(self) -> str | None:
        """The conversation's language, else the person's preferred one, as typed."""
        for field in (self.language, self.person_fields.line("preferred_language")):
            code = field.text().strip().lower()
            if code:
                return code
        return None

    def privacy_notice(self) -> None:
        """The blank privacy notice to print at the consent step."""
        self._close_preview()
        self.preview = open_consent_notice(
            self, self._store, self._ops, None, self.notice_language()
        )

    def _close_preview(self) -> None:
        preview, self.preview = self.preview, None
        if preview is not None and shiboken6.isValid(preview):
            preview.reject()

    # ------------------------------------------------------------- saving
    def form(self) -> IntakeForm:
        """The intake as typed; ``ValidationFailed`` for a date that cannot be read."""
        needs: list[NeedForm | tuple[str, str, str]] = []
        for row in range(self.needs.count()):
            item = self.needs.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                needs.append(NeedForm(str(item.data(Qt.ItemDataRole.UserRole))))
        language = self.language.text().strip()
        consents = [
            ConsentForm(purpose, language=language)
            for purpose, box in (
                (PROCESSING, self.consent_processing),
                (SHARING, self.consent_sharing),
                (CONTACT_PHONE, self.consent_phone),
            )
            if box.isChecked()
        ]
        if self._person is None and not self.is_new_person:
            raise ValidationFailed("person", "exactly_one")
        return IntakeForm(
            person_id=self._person.person_id if self._person is not None else None,
            person=self.person_fields.form() if self._person is None else None,
            channel=str(self.channel.currentData() or ""),
            language=language,
            mediator_called=self.mediator.isChecked(),
            needs=needs,
            consents=consents,
            household=self.household.forms("household"),
            documents=self.documents.forms("documents"),
        )

    def save(self) -> None:
        if self._saving:
            return
        self._clear_errors()
        try:
            form = self.form()
        except ValidationFailed as exc:
            self._show_error(exc)
            return
        self._saving = True
        self.save_button.setEnabled(False)
        if form.person is None:
            self._register(form)
            return
        self.status.setText(self.tr("Looking for the person among those registered…"))
        probe = Probe.from_forms(form.person, form.documents)
        self._ops.in_session(
            self._store,
            lambda session, actor: likely_matches(session, actor, probe),
            on_success=self._generation.current(lambda found: self._on_checked(form, found)),
            on_failure=self._generation.current(self._on_save_failed),
            guard=self,
        )

    def _on_checked(self, form: IntakeForm, matches: list[LikelyMatch]) -> None:
        """Save a new person nobody resembles; else ask whether it is one of them."""
        if not matches:
            self._register(form)
            return
        self.status.setText(self.tr("Already registered? Choose in the window that opened."))
        self.warning = DuplicateWarning(matches, self)
        self.warning.same_person.connect(
            lambda person_id: self._register(replace(form, person_id=person_id, person=None))
        )
        self.warning.different_person.connect(
            lambda: self._register(form, different_from=[m.person_id for m in matches])
        )
        self.warning.rejected.connect(self._on_warning_cancelled)
        self.warning.finished.connect(self.warning.deleteLater)
        self.warning.open()

    def _on_warning_cancelled(self) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("Not saved: the form is as you left it."))

    def _register(self, form: IntakeForm, different_from: Sequence[str] = ()) -> None:
        """The whole visit in one transaction, with the operator's "different person"
        answers when they gave them."""
        self.status.setText(self.tr("Saving…"))

        def op(session: Session, actor: Actor) -> IntakeResult:
            result = register(session, actor, form)
            if different_from:
                record_different(session, actor, result.person_id, different_from)
            return result

        self._ops.in_session(
            self._store,
            op,
            on_success=self._generation.current(self._on_saved),
            on_failure=self._generation.current(self._on_save_failed),
            guard=self,
        )

    def _on_saved(self, result: IntakeResult) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.clear()
        self.status.setText(self.tr("Visit saved."))
        self.saved.emit(result.person_id)

    def _on_save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.status.clear()
        self._show_error(exc)

    def _show_error(self, exc: BaseException) -> None:
        message = message_for(exc)
        field = exc.field if isinstance(exc, ValidationFailed) else ""
        if not self._show_inline(field, message):
            self.status.setText(message)
        self.save_failed.emit(message)

    def _show_inline(self, field: str, message: str) -> bool:
        """``message`` next to the field a refusal names (on a row of the family or the
        documents too), which takes the focus; False if that field is not on show."""
        item = _ITEM.match(field)
        if item is not None:
            lists = {"household": self.household, "documents": self.documents}
            rows = lists[item.group(1)].rows if item.group(1) in lists else []
            if int(item.group(2)) < len(rows):
                rows[int(item.group(2))].show_error(item.group(3), message)
                return True
            field = item.group(1)
        if field in ("name", "person"):
            field = "given_name"
        if self.is_new_person and self.person_fields.show_error(field, message):
            return True
        return self._visit_rows.show_error(field, message)

    def _clear_errors(self) -> None:
        self.household.clear_errors()
        self.documents.clear_errors()
        self.person_fields.clear_errors()
        self._visit_rows.clear_errors()

    # ------------------------------------------------------------- lock / discard
    def clear(self) -> None:
        """Drop the draft: every field emptied (undo history too), the person forgotten."""
        self._generation.bump()
        self._close_preview()
        warning, self.warning = self.warning, None
        if warning is not None and shiboken6.isValid(warning):
            warning.reject()  # the names it lists go with the draft
        self._saving = False
        self.save_button.setEnabled(True)
        self.search.clear()
        self._person = None
        self.person_fields.clear()
        self.language.setText("")  # setText, unlike clear(), also empties the undo history
        self.household.clear_rows()
        self.documents.clear_rows()
        for box in (
            self.mediator,
            self.consent_processing,
            self.consent_sharing,
            self.consent_phone,
        ):
            box.setChecked(False)
        self._fill_reference()
        self._clear_errors()
        self.status.clear()
        self.chosen_label.clear()
        self.person_box.hide()
        self.change_button.hide()
        self.search.show()
