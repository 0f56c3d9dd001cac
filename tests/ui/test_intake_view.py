"""Intake by keyboard on the real window and the real encrypted store."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from models.errors import ValidationFailed
from models.likely_matches import Probe, likely_matches
from models.pair_decisions import is_decided
from models.schema import Consent, Need, Person, Visit
from models.store import OpenStore
from tests.conftest import CANARY
from tests.models.service_helpers import add_person
from tests.ui.conftest import WAIT_MS, lock_and_wait
from ui.duplicate_warning import DuplicateWarning
from ui.errors import message_for
from ui.intake_view import IntakeView
from ui.main_window import INTAKE, PEOPLE, MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def tab(qtbot: QtBot, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def mnemonics(widget: QWidget) -> Counter[str]:
    """The Alt+letter keys of the captions and buttons in ``widget``, hidden ones too."""
    texts = [label.text() for label in widget.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in widget.findChildren(QAbstractButton)]
    return Counter(m.group(1).lower() for text in texts if (m := re.search(r"&(\w)", text)))


def open_intake(qtbot: QtBot, window: MainWindow) -> IntakeView:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.people_view.search_field, Qt.Key.Key_N, CTRL)
    assert window.current_section() == INTAKE
    view = window.intake_view
    qtbot.waitUntil(lambda: view.channel.count() > 0 and view.needs.count() > 0, timeout=WAIT_MS)
    assert focused() is view.name_field
    return view


def type_name(qtbot: QtBot, view: IntakeView, text: str) -> None:
    with qtbot.waitSignal(view.search.search_finished, timeout=WAIT_MS):
        qtbot.keyClicks(view.name_field, text)


def count(store: OpenStore, model: type) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_whole_intake_by_keyboard(qtbot: QtBot, store: OpenStore, main_window: MainWindow):
    view = open_intake(qtbot, main_window)
    fields = view.person_fields
    type_name(qtbot, view, CANARY)
    assert view.search.model.rowCount() == 0
    qtbot.keyClick(view.name_field, Qt.Key.Key_Return)  # nobody found: a new person
    given, family = CANARY.split(" ")
    assert focused() is fields.line("given_name")
    assert (fields.line("given_name").text(), fields.line("family_name").text()) == (given, family)

    tab(qtbot, 4)  # family name, both Latin names, then sex
    assert focused() is fields.field("sex")
    qtbot.keyClicks(fields.field("sex"), "F")
    tab(qtbot)
    qtbot.keyClicks(focused(), "07/03/1979")  # date of birth
    tab(qtbot, 2)
    assert focused() is fields.line("citizenships")
    qtbot.keyClicks(focused(), "PE")
    tab(qtbot)
    qtbot.keyClicks(focused(), "es")  # preferred language
    tab(qtbot)
    qtbot.keyClicks(focused(), "+39 333 1234567")
    tab(qtbot, 3)  # legal status, permit expiry, the needs checklist
    assert focused() is view.needs
    qtbot.keyClick(view.needs, Qt.Key.Key_Space)  # the first service
    qtbot.keyClick(view.needs, Qt.Key.Key_Down)
    qtbot.keyClick(view.needs, Qt.Key.Key_Space)  # and the second
    tab(qtbot, 2)  # channel (walk-in by default), language
    assert focused() is view.language
    qtbot.keyClicks(focused(), "es")
    tab(qtbot)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # mediator called
    for _ in range(2):  # consents: processing, sharing
        tab(qtbot)
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert view.mediator.isChecked() and view.consent_sharing.isChecked()

    with qtbot.waitSignal(view.saved, timeout=WAIT_MS) as saved:
        qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
    person_id = saved.args[0]
    with store.session() as session:
        person = session.get(Person, person_id)
        assert (person.given_name, person.family_name, person.sex) == (given, family, "F")
        assert person.birth_year == 1979 and person.citizenships == ["PE"]
        visits = session.scalars(select(Visit).where(Visit.person_id == person_id)).all()
        assert len(visits) == 1 and visits[0].mediator_called and visits[0].language == "es"
        assert visits[0].channel == "walk_in" and visits[0].first_time
        needs = session.scalars(select(Need).where(Need.person_id == person_id)).all()
        assert len(needs) == 2
        purposes = session.scalars(select(Consent.purpose).where(Consent.person_id == person_id))
        assert sorted(purposes) == ["processing", "sharing"]
    # The draft is gone, and the new person's file is open.
    assert view.name_field.text() == "" and fields.line("given_name").text() == ""
    assert main_window.current_section() == PEOPLE
    person_view = main_window.people_view.person_view
    assert person_view is not None
    qtbot.waitUntil(lambda: given in person_view.name_label.text(), timeout=WAIT_MS)


def test_muhammad_finds_mohamed_and_enter_picks_him(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    mohamed = add_person(
        store, store.actor, given_name="Mohamed", family_name="Ali", birth_year=1985
    )
    view = open_intake(qtbot, main_window)
    type_name(qtbot, view, "Muhammad")
    model = view.search.model
    assert [model.match_at(r).display_name for r in range(model.rowCount())] == ["Mohamed Ali"]
    qtbot.keyClick(view.name_field, Qt.Key.Key_Down)  # highlight, focus stays in the field
    assert focused() is view.name_field
    qtbot.keyClick(view.name_field, Qt.Key.Key_Return)
    assert "Mohamed Ali" in view.chosen_label.text()
    assert not view.is_new_person
    assert focused() is view.needs
    qtbot.keyClick(view.needs, Qt.Key.Key_Space)
    people_before = count(store, Person)
    with qtbot.waitSignal(view.saved, timeout=WAIT_MS) as saved:
        qtbot.keyClick(view.needs, Qt.Key.Key_S, CTRL)
    assert saved.args == [mohamed]
    assert count(store, Person) == people_before  # a new visit, not a duplicate
    with store.session() as session:
        assert session.scalar(select(func.count()).where(Visit.person_id == mohamed)) == 1


def test_inline_validation_next_to_the_field(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    view = open_intake(qtbot, main_window)
    fields = view.person_fields
    type_name(qtbot, view, "Amina Diallo")
    qtbot.keyClick(view.name_field, Qt.Key.Key_Return)
    fields.line("birth_date").setText("31/02/2000")
    qtbot.keyClick(fields.line("given_name"), Qt.Key.Key_S, CTRL)
    error = fields.errors["birth_date"]
    assert error.isVisible()
    assert error.text() == message_for(ValidationFailed("birth_date", "invalid_format"))
    assert focused() is fields.line("birth_date")

    # A refusal of the service itself lands next to its field too; nothing is written.
    fields.line("birth_date").setText("")
    fields.line("birth_year").setText("1850")
    with qtbot.waitSignal(view.save_failed, timeout=WAIT_MS):
        qtbot.keyClick(fields.line("given_name"), Qt.Key.Key_S, CTRL)
    assert not fields.errors["birth_date"].isVisible()
    assert fields.errors["birth_year"].text() == message_for(
        ValidationFailed("birth_year", "before_1900")
    )
    assert count(store, Person) == 0


def test_draft_survives_a_view_switch_and_is_gone_after_lock(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    view = open_intake(qtbot, main_window)
    fields = view.person_fields
    type_name(qtbot, view, CANARY)
    qtbot.keyClick(view.name_field, Qt.Key.Key_Return)
    qtbot.keyClicks(fields.line("given_name_latin"), "Zyx")
    view.consent_processing.setChecked(True)
    qtbot.keyClick(focused(), Qt.Key.Key_2, CTRL)
    assert main_window.current_section() == PEOPLE
    qtbot.keyClick(focused(), Qt.Key.Key_N, CTRL)
    assert main_window.current_section() == INTAKE
    assert fields.line("given_name").text() == CANARY.split(" ")[0]
    assert fields.line("given_name_latin").text() == "Zyx"
    assert view.is_new_person and view.consent_processing.isChecked()

    lock_and_wait(qtbot, main_window)
    assert view.name_field.text() == "" and fields.line("given_name").text() == ""
    latin = fields.line("given_name_latin")
    assert latin.text() == "" and not latin.isUndoAvailable()
    assert not view.is_new_person and not view.consent_processing.isChecked()
    assert view.search.model.rowCount() == 0


def test_every_alt_key_of_the_intake_leads_to_one_place(main_window: MainWindow):
    keys = mnemonics(main_window.intake_view)
    assert [key for key, n in keys.items() if n > 1] == []
    assert len(keys) >= 20  # the person's fields with the rest of the intake


# ----------------------------------------------------------------- already registered?
def new_person_draft(qtbot: QtBot, view: IntakeView, name: str, year: str) -> None:
    type_name(qtbot, view, name)
    view.start_new_person()
    view.person_fields.line("birth_year").setText(year)
    qtbot.keyClick(view.needs, Qt.Key.Key_Space)  # the first service


def warning_shown(qtbot: QtBot, view: IntakeView) -> DuplicateWarning:
    view.save()
    qtbot.waitUntil(lambda: view.warning is not None and view.warning.isVisible(), timeout=WAIT_MS)
    assert view.warning is not None
    return view.warning


def test_same_person_records_the_visit_for_the_one_registered(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    amina = add_person(
        store, store.actor, given_name="Amina", family_name="Diallo", birth_year=1990
    )
    view = open_intake(qtbot, main_window)
    new_person_draft(qtbot, view, "Aminah Dialo", "1990")
    warning = warning_shown(qtbot, view)
    assert warning.table.item(0, 0).text() == "Amina Diallo"
    assert "same year of birth" in warning.table.item(0, 2).text()
    with qtbot.waitSignal(view.saved, timeout=WAIT_MS) as saved:
        warning.same_button.click()
    assert saved.args == [amina]
    assert count(store, Person) == 1
    with store.session() as session:
        assert session.scalar(select(func.count()).where(Visit.person_id == amina)) == 1


def test_different_person_is_saved_and_never_asked_about_again(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    amina = add_person(
        store, store.actor, given_name="Amina", family_name="Diallo", birth_year=1990
    )
    view = open_intake(qtbot, main_window)
    new_person_draft(qtbot, view, "Amina Diallo", "1990")
    warning = warning_shown(qtbot, view)
    with qtbot.waitSignal(view.saved, timeout=WAIT_MS) as saved:
        warning.different_button.click()
    (new_id,) = saved.args
    assert new_id != amina and count(store, Person) == 2
    with store.session() as session:
        assert is_decided(session, new_id, amina)
        assert (
            likely_matches(session, store.actor, Probe("Amina", "Diallo"), person_id=new_id) == []
        )


def test_cancel_saves_nothing_and_keeps_the_form(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    add_person(store, store.actor, given_name="Amina", family_name="Diallo", birth_year=1990)
    view = open_intake(qtbot, main_window)
    new_person_draft(qtbot, view, "Amina Diallo", "1990")
    warning = warning_shown(qtbot, view)
    qtbot.keyClick(warning, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.save_button.isEnabled(), timeout=WAIT_MS)
    assert count(store, Person) == 1 and count(store, Visit) == 0
    assert view.person_fields.line("given_name").text() == "Amina"


def test_a_new_name_nobody_resembles_is_saved_without_a_question(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    add_person(store, store.actor, given_name="Amina", family_name="Diallo", birth_year=1990)
    view = open_intake(qtbot, main_window)
    new_person_draft(qtbot, view, "Oksana Kovalenko", "1988")
    with qtbot.waitSignal(view.saved, timeout=WAIT_MS):
        view.save()
    assert view.warning is None and count(store, Person) == 2
