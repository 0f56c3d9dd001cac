"""The newcomer's story, end to end on real widgets and a real encrypted store.

Set up desk (the ``store`` fixture) → register a mother with her two children abroad and a
passport → refer the family-reunification need → send the referral → add a legal advisor →
lock (Ctrl+L) → unlock as the advisor in the unlock window → record a consultation → lock
again, and every view is empty. In English, and a shorter Italian variant.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models.schema import (
    Consent,
    Consultation,
    HouseholdMember,
    IdentityDocument,
    Need,
    Person,
    Referral,
)
from models.store import OpenStore
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import WAIT_MS, lock_and_wait, open_main_window
from tests.ui.test_intake_view import focused, open_intake
from ui.i18n import install_translator, uninstall_translators
from ui.intake_lists import DocumentRow, HouseholdRow
from ui.intake_view import IntakeView
from ui.main_window import CONSULTATIONS, INTAKE, REFERRALS, MainWindow
from ui.ops import Ops
from ui.person_view import PersonView
from ui.unlock import UnlockWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"


def _install(qapp: QApplication, tmp_path: Path, language: str) -> Iterator[None]:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    ts = TRANSLATIONS / f"arco_{language}.ts"
    qm = tmp_path / f"arco_{language}.qm"
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    install_translator(qapp, language, directory=tmp_path)
    yield
    uninstall_translators(qapp)


@pytest.fixture
def english(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    yield from _install(qapp, tmp_path, "en")


@pytest.fixture
def italian(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    yield from _install(qapp, tmp_path, "it")


def tick_need(view: IntakeView, code: str) -> None:
    for row in range(view.needs.count()):
        item = view.needs.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == code:
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"no service {code}")


def add_child(qtbot: QtBot, view: IntakeView, given: str, year: str) -> HouseholdRow:
    qtbot.keyClick(focused(), Qt.Key.Key_F, CTRL_SHIFT)  # add a relative
    row = view.household.rows[-1]
    assert isinstance(row, HouseholdRow)
    assert focused() is row.relationship
    row.relationship.setCurrentIndex(row.relationship.findData("child"))
    qtbot.keyClick(row.relationship, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), given)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Rahman")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is row.birth_year
    qtbot.keyClicks(focused(), year)
    row.lives_in.setCurrentIndex(row.lives_in.findData("abroad"))
    qtbot.keyClicks(row.country, "BD")
    row.dependent.setChecked(True)
    return row


def register_mother(qtbot: QtBot, window: MainWindow) -> str:
    view = open_intake(qtbot, window)
    with qtbot.waitSignal(view.search.search_finished, timeout=WAIT_MS):
        qtbot.keyClicks(view.name_field, "Fatima Rahman")
    qtbot.keyClick(view.name_field, Qt.Key.Key_Return)  # nobody found: a new person
    assert focused() is view.person_fields.field("given_name")
    qtbot.keyClicks(view.person_fields.line("birth_year"), "1988")
    qtbot.keyClicks(view.person_fields.line("citizenships"), "BD")
    tick_need(view, "mwc_family_reunification")
    tick_need(view, "italian_language")
    view.consent_processing.setChecked(True)
    view.consent_sharing.setChecked(True)

    add_child(qtbot, view, "Karim", "2015")
    # A mistake the service catches: shown next to the second child's row.
    second = add_child(qtbot, view, "Nadia", "2999")
    qtbot.keyClick(focused(), Qt.Key.Key_D, CTRL_SHIFT)  # add a document
    document = view.documents.rows[-1]
    assert isinstance(document, DocumentRow)
    assert focused() is document.doc_type
    document.doc_type.setCurrentIndex(document.doc_type.findData("passport"))
    qtbot.keyClicks(document.number, "BD1234567")
    qtbot.keyClicks(document.issuer, "Dhaka")
    qtbot.keyClicks(document.expiry, "01/01/2031")

    with qtbot.waitSignal(view.save_failed, timeout=WAIT_MS):
        qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
    assert second.error.isVisibleTo(view) and second.error.text()
    assert "2" in second.error.text()  # "household member no. 2"
    assert not view.household.rows[0].error.isVisibleTo(view)
    assert focused() is second.birth_year

    # Kept across a view switch, then fixed and saved.
    window.show_section(REFERRALS)
    window.show_section(INTAKE)
    assert len(view.household.rows) == 2 and second.given_name.text() == "Nadia"
    second.birth_year.setText("2018")
    with qtbot.waitSignal(view.saved, timeout=WAIT_MS) as saved:
        qtbot.keyClick(second.birth_year, Qt.Key.Key_S, CTRL)
    assert view.household.rows == [] and view.documents.rows == []
    return saved.args[0]


def test_newcomer_story_in_english(
    qtbot: QtBot, qapp: QApplication, english: None, store: OpenStore, ops: Ops
):
    window = open_main_window(qtbot, qapp, store, ops)
    assert window.intake_view.household.title() == "Family"
    pid = register_mother(qtbot, window)
    with store.session() as session:
        person = session.get(Person, pid)
        assert (person.given_name, person.family_name, person.birth_year) == (
            "Fatima",
            "Rahman",
            1988,
        )
        members = session.scalars(
            select(HouseholdMember).where(HouseholdMember.person_id == pid)
        ).all()
        assert sorted((m.given_name, m.birth_year, m.lives_in) for m in members) == [
            ("Karim", 2015, "abroad"),
            ("Nadia", 2018, "abroad"),
        ]
        assert all(m.relationship_code == "child" and m.dependent for m in members)
        docs = session.scalars(
            select(IdentityDocument).where(IdentityDocument.person_id == pid)
        ).all()
        assert [(d.doc_type, d.number) for d in docs] == [("passport", "BD1234567")]
        needs = session.scalars(select(Need.service_code).where(Need.person_id == pid)).all()
        assert sorted(needs) == ["italian_language", "mwc_family_reunification"]
        purposes = session.scalars(select(Consent.purpose).where(Consent.person_id == pid))
        assert sorted(purposes) == ["processing", "sharing"]

    # The file opened after the save: family and documents shown.
    person_view = window.people_view.person_view
    assert isinstance(person_view, PersonView)
    qtbot.waitUntil(lambda: person_view.family.rowCount() == 2, timeout=WAIT_MS)
    family = {person_view.family.item(r, 1).text() for r in range(2)}
    assert family == {"Karim Rahman", "Nadia Rahman"}
    assert person_view.family.item(0, 0).text() in ("Child", "child", "Son/daughter")
    assert person_view.documents.rowCount() == 1
    assert person_view.documents.item(0, 1).text() == "BD1234567"
    assert person_view.documents.item(0, 3).text() == "01/01/2031"

    # Refer the family-reunification need.
    codes = [n.service_code for n in person_view._data.file.needs]
    person_view.select_need(codes.index("mwc_family_reunification"))
    person_view.reason.setText("Wants to bring her two children")
    with qtbot.waitSignal(person_view.referred, timeout=WAIT_MS):
        person_view.refer_button.click()
    with store.session() as session:
        referral = session.scalars(select(Referral).where(Referral.person_id == pid)).one()
        rid = referral.id
        assert (referral.target_service, referral.status) == ("mwc_family_reunification", "draft")

    board = window.referrals_view
    with qtbot.waitSignal(board.board_loaded, timeout=WAIT_MS):
        window.show_section(REFERRALS)
    item = board.item_for(rid)
    assert item is not None and item.parent().text(0) == "Draft (1)"
    board.select(rid)
    with qtbot.waitSignal(board.board_loaded, timeout=WAIT_MS):
        board.buttons["sent"].click()
    item = board.item_for(rid)
    assert item is not None and item.parent().text(0) == "Sent (1)"

    # A legal advisor joins the desk; Ctrl+L locks at once.
    store.add_operator("lucia", "legal_advisor", ADMIN_PASSWORD)
    files = store.files
    with qtbot.waitSignal(window.locked, timeout=WAIT_MS):
        qtbot.keyClick(board, Qt.Key.Key_L, CTRL)
    assert store.is_locked and not window.isVisible()

    unlock = UnlockWindow(files, ops)
    qtbot.addWidget(unlock)
    unlock.show()
    qtbot.waitExposed(unlock)
    qtbot.waitUntil(lambda: unlock.operator.findText("lucia") >= 0, timeout=WAIT_MS)
    unlock.operator.setCurrentIndex(unlock.operator.findText("lucia"))
    qtbot.keyClicks(unlock.password, ADMIN_PASSWORD)
    with qtbot.waitSignal(unlock.unlocked, timeout=WAIT_MS) as opened:
        qtbot.keyClick(unlock.password, Qt.Key.Key_Return)
    advisor_store: OpenStore = opened.args[0]
    assert advisor_store.actor.login == "lucia"
    advisor = open_main_window(qtbot, qapp, advisor_store, ops)

    advisor.show_section(CONSULTATIONS)
    view = advisor.consultations_view
    assert view is not None
    qtbot.waitUntil(lambda: view.topic.count() > 0, timeout=WAIT_MS)
    with qtbot.waitSignal(view.search.search_finished, timeout=WAIT_MS):
        qtbot.keyClicks(view.search.search_field, "Fatima")
    qtbot.keyClick(view.search.search_field, Qt.Key.Key_Down)
    with qtbot.waitSignal(view.listed, timeout=WAIT_MS):
        qtbot.keyClick(view.search.table, Qt.Key.Key_Return)
    assert "Fatima Rahman" in view.person_label.text()
    qtbot.keyClicks(view.question, "Which income is needed to bring two children?")
    qtbot.keyClicks(view.advice, "The social allowance plus half for each child.")
    with qtbot.waitSignal(view.saved, timeout=WAIT_MS):
        qtbot.keyClick(view.advice, Qt.Key.Key_S, CTRL)
    with advisor_store.session() as session:
        consultation = session.scalars(
            select(Consultation).where(Consultation.person_id == pid)
        ).one()
        assert consultation.advisor == "lucia"

    # Lock again: every view is emptied, not just covered.
    with qtbot.waitSignal(advisor.locked, timeout=WAIT_MS):
        qtbot.keyClick(view.advice, Qt.Key.Key_L, CTRL)
    assert advisor_store.is_locked and not advisor.isVisible()
    assert view.question.toPlainText() == "" and view.list.rowCount() == 0
    assert "Fatima" not in view.person_label.text()
    assert advisor.intake_view.name_field.text() == ""
    assert advisor.intake_view.household.rows == []
    assert advisor.people_view.person_view is None
    assert advisor.people_view.model.rowCount() == 0
    assert advisor.referrals_view.tree.topLevelItemCount() == 0
    qtbot.waitUntil(lambda: not advisor.findChildren(PersonView), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.findChildren(PersonView), timeout=WAIT_MS)


def test_family_and_documents_in_italian(
    qtbot: QtBot, qapp: QApplication, italian: None, store: OpenStore, ops: Ops
):
    window = open_main_window(qtbot, qapp, store, ops)
    view = open_intake(qtbot, window)
    assert view.household.title() == "Famiglia"
    assert view.documents.title() == "Documenti"
    qtbot.keyClick(focused(), Qt.Key.Key_F, CTRL_SHIFT)
    row = view.household.rows[0]
    assert isinstance(row, HouseholdRow)
    assert row.remove_button.text() == "Rimuovi"
    assert row.lives_in.itemText(1) == "All'estero"
    qtbot.keyClick(focused(), Qt.Key.Key_F, CTRL_SHIFT)
    second = view.household.rows[1]
    assert isinstance(second, HouseholdRow)
    assert second.given_name.accessibleName() == "Nome del familiare 2"
    row.remove_button.setFocus()
    qtbot.keyClick(row.remove_button, Qt.Key.Key_Space)  # Remove, by keyboard
    assert view.household.rows == [second]
    assert second.given_name.accessibleName() == "Nome del familiare 1"
    assert focused() is second.relationship
    # The draft goes on lock.
    lock_and_wait(qtbot, window)
    assert view.household.rows == [] and view.documents.rows == []
