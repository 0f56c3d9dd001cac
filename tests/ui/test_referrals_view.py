"""The referral board: only legal moves offered, refusals shown, appointments asked for."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models.clock import utcnow
from models.consent import SHARING, withdraw_consent
from models.errors import ConsentRequired, IllegalTransition
from models.referrals import OVERDUE_AFTER_DAYS, change_status, create_referral
from models.schema import Referral, ReferralEvent
from models.store import OpenStore
from tests.models.service_helpers import add_person, share
from tests.ui.conftest import WAIT_MS
from ui.errors import message_for
from ui.main_window import REFERRALS, MainWindow
from ui.ops import Ops
from ui.referrals_view import OVERDUE_BRUSH, AppointmentDialog, ReferralsView


def draft_referral(store: OpenStore, name: str = "Fatima") -> tuple[str, str]:
    pid = add_person(store, store.actor, given_name=name, family_name="Rahman")
    share(store, store.actor, pid)
    with store.session() as session:
        referral = create_referral(
            session, store.actor, pid, "mwc_family_reunification", "Wife and two children"
        )
        return pid, referral.id


def open_board(qtbot: QtBot, window: MainWindow) -> ReferralsView:
    view = window.referrals_view
    with qtbot.waitSignal(view.board_loaded, timeout=WAIT_MS):
        window.show_section(REFERRALS)
    return view


def status_of(store: OpenStore, referral_id: str) -> str:
    with store.session() as session:
        return session.get(Referral, referral_id).status


def test_only_legal_moves_are_offered(qtbot: QtBot, store: OpenStore, main_window: MainWindow):
    _pid, rid = draft_referral(store)
    view = open_board(qtbot, main_window)
    assert view.offered() == []  # nothing selected, nothing offered
    view.select(rid)
    assert view.offered() == ["sent", "cancelled"]
    item = view.item_for(rid)
    assert item is not None and item.text(1) == "Fatima Rahman"
    assert item.parent().text(0) == "Draft (1)"

    with qtbot.waitSignal(view.board_loaded, timeout=WAIT_MS):
        view.buttons["sent"].click()
    assert status_of(store, rid) == "sent"
    view.select(rid)
    assert view.offered() == ["accepted", "declined", "cancelled"]


def test_illegal_or_refused_change_shows_the_message_and_changes_nothing(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    pid, rid = draft_referral(store)
    view = open_board(qtbot, main_window)
    view.select(rid)
    with qtbot.waitSignal(view.message_shown, timeout=WAIT_MS) as shown:
        view.request_change("completed")  # not offered; the service refuses it anyway
    assert shown.args == [message_for(IllegalTransition("draft", "completed"))]
    assert status_of(store, rid) == "draft"

    with store.session() as session:
        withdraw_consent(session, store.actor, pid, SHARING)
    with qtbot.waitSignal(view.message_shown, timeout=WAIT_MS) as shown:
        view.buttons["sent"].click()
    assert shown.args == [message_for(ConsentRequired(SHARING))]
    assert view.message.text() == shown.args[0]
    assert status_of(store, rid) == "draft"


def test_appointment_is_asked_for_and_saved(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    _pid, rid = draft_referral(store)
    with store.session() as session:
        change_status(session, store.actor, rid, "sent")
        change_status(session, store.actor, rid, "accepted")
    view = open_board(qtbot, main_window)
    view.select(rid)
    assert "appointment_set" in view.offered()
    view.buttons["appointment_set"].click()
    dialog = view.findChild(AppointmentDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.day, "03/12/2099")
    qtbot.keyClicks(dialog.time, "10:30")
    qtbot.keyClicks(dialog.place, "Via Sammartini 75")
    with qtbot.waitSignal(view.changed, timeout=WAIT_MS):
        qtbot.keyClick(dialog.place, Qt.Key.Key_Return)
    with store.session() as session:
        referral = session.get(Referral, rid)
        assert referral.status == "appointment_set"
        assert referral.appointment_at.strftime("%d/%m/%Y %H:%M") == "03/12/2099 10:30"
        assert referral.appointment_place == "Via Sammartini 75"


def test_lock_empties_the_board(qtbot: QtBot, store: OpenStore, main_window: MainWindow):
    draft_referral(store)
    view = open_board(qtbot, main_window)
    assert any(view.tree.topLevelItem(i).childCount() for i in range(view.tree.topLevelItemCount()))
    main_window.clear_personal_data()
    assert view.tree.topLevelItemCount() == 0


def test_overdue_referrals_are_highlighted(qtbot: QtBot, store: OpenStore, main_window: MainWindow):
    _pid, late = draft_referral(store, "Fatima")
    _pid, fresh = draft_referral(store, "Amina")
    with store.session() as session:
        for rid in (late, fresh):
            change_status(session, store.actor, rid, "sent")
    with store.session() as session:
        long_ago = utcnow() - timedelta(days=OVERDUE_AFTER_DAYS + 3)
        for event in session.scalars(
            select(ReferralEvent).where(ReferralEvent.referral_id == late)
        ):
            event.at = long_ago
    view = open_board(qtbot, main_window)
    late_item, fresh_item = view.item_for(late), view.item_for(fresh)
    assert late_item is not None and fresh_item is not None
    assert late_item.text(5) == "Overdue" and fresh_item.text(5) == ""
    assert late_item.background(0) == OVERDUE_BRUSH and late_item.font(0).bold()
    assert not fresh_item.font(0).bold()
    group = late_item.parent()
    assert group.indexOfChild(late_item) == 0  # overdue cards come first


def test_a_late_answer_does_not_refill_a_cleared_board(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow, ops: Ops
):
    draft_referral(store)
    view = open_board(qtbot, main_window)
    view.reload()
    view.clear()  # the lock, while the board is being read
    qtbot.waitUntil(lambda: not ops.busy, timeout=WAIT_MS)
    assert view.tree.topLevelItemCount() == 0
