"""The referral board: only the desk's moves offered, refusals shown, the receiving
service's statuses (with their appointment and outcome) shown read-only."""

from __future__ import annotations

from datetime import datetime, timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models.clock import utcnow
from models.consent import SHARING, withdraw_consent
from models.errors import ConsentRequired, IllegalTransition, StatusOwnedByService
from models.referrals import (
    OVERDUE_AFTER_DAYS,
    change_status,
    create_referral,
    note_service_updates,
    service_updates,
)
from models.schema import Referral, ReferralEvent
from models.store import OpenStore
from tests.models.service_helpers import add_person, as_service, share
from tests.ui.conftest import WAIT_MS
from ui.errors import message_for
from ui.main_window import REFERRALS, MainWindow
from ui.ops import Ops
from ui.referrals_view import OVERDUE_BRUSH, ReferralsView


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


def test_only_the_desk_s_moves_are_offered(qtbot: QtBot, store: OpenStore, main_window: MainWindow):
    _pid, rid = draft_referral(store)
    view = open_board(qtbot, main_window)
    assert list(view.buttons) == ["sent", "cancelled"]  # nothing for the receiving service
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
    assert view.offered() == ["cancelled"]  # accepting or declining is MWC's

    with qtbot.waitSignal(view.board_loaded, timeout=WAIT_MS):
        view.buttons["cancelled"].click()
    assert status_of(store, rid) == "cancelled"
    view.select(rid)
    assert view.offered() == []


def test_illegal_or_refused_change_shows_the_message_and_changes_nothing(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    pid, rid = draft_referral(store)
    view = open_board(qtbot, main_window)
    view.select(rid)
    with qtbot.waitSignal(view.message_shown, timeout=WAIT_MS) as shown:
        view.request_change("completed")  # not offered; the service refuses it anyway
    assert shown.args == [message_for(StatusOwnedByService("completed"))]
    assert "receives the referral" in shown.args[0]
    assert status_of(store, rid) == "draft"
    with qtbot.waitSignal(view.message_shown, timeout=WAIT_MS) as shown:
        view.request_change("draft")
    assert shown.args == [message_for(IllegalTransition("draft", "draft"))]

    with store.session() as session:
        withdraw_consent(session, store.actor, pid, SHARING)
    with qtbot.waitSignal(view.message_shown, timeout=WAIT_MS) as shown:
        view.buttons["sent"].click()
    assert shown.args == [message_for(ConsentRequired(SHARING))]
    assert view.message.text() == shown.args[0]
    assert status_of(store, rid) == "draft"


def test_the_receiving_service_s_statuses_are_shown_read_only(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    _pid, booked = draft_referral(store, "Fatima")
    _pid, done = draft_referral(store, "Amina")
    with store.session() as session:
        for rid in (booked, done):
            change_status(session, store.actor, rid, "sent")
    for rid in (booked, done):
        as_service(store, rid, "accepted")
        as_service(
            store,
            rid,
            "appointment_set",
            appointment_at=datetime(2099, 12, 3, 10, 30),
            appointment_place="Via Sammartini 75",
        )
    as_service(store, done, "completed", outcome="Application filed\nNext step: the visa")

    view = open_board(qtbot, main_window)
    columns = [view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())]
    assert columns == [
        "Draft (0)",
        "Sent (0)",
        "Accepted (0)",
        "Appointment set (1)",
        "Completed (1)",
        "Declined (0)",
        "Did not come (0)",
        "Cancelled (0)",
    ]
    item = view.item_for(booked)
    assert item is not None and item.text(4) == "03/12/2099 10:30, Via Sammartini 75"
    view.select(booked)
    assert view.offered() == ["cancelled"]  # the desk may still cancel; nothing else
    assert view.details.text() == "Appointment: 03/12/2099 10:30, Via Sammartini 75."

    finished = view.item_for(done)
    assert finished is not None and finished.text(6) == "Application filed"
    assert finished.toolTip(6) == "Application filed\nNext step: the visa"
    view.select(done)
    assert view.offered() == []
    assert view.details.text().endswith("Outcome: Application filed\nNext step: the visa")
    with qtbot.waitSignal(view.message_shown, timeout=WAIT_MS) as shown:
        view.request_change("declined")
    assert shown.args == [message_for(StatusOwnedByService("declined"))]
    assert status_of(store, done) == "completed"
    view.clear()
    assert view.details.text() == ""


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


def test_what_the_welcome_center_changed_is_said_until_the_board_is_opened(
    qtbot: QtBot, store: OpenStore, main_window: MainWindow
):
    """After a sync brought the service's changes: the status bar and the Referrals section
    say how many; the board marks the cards and shows the service's note; opening the board
    makes them seen."""
    _pid, rid = draft_referral(store)
    with store.session() as session:
        change_status(session, store.actor, rid, "sent")
    as_service(store, rid, "accepted", note="Bring the passport and the housing certificate")
    with store.session() as session:  # what the sync pull does with the service's event
        note_service_updates(session, [rid])
    window, view = main_window, main_window.referrals_view
    # (the count made when the window opened may still arrive: wait for this one)
    with qtbot.waitSignal(view.updates_changed, timeout=WAIT_MS, check_params_cb=lambda n: n):
        window._check_referral_updates()  # what a finished sync cycle does
    assert window.referral_updates_label.text() == "1 referral(s) updated by the Welcome Center"
    assert window.referral_updates_label.isVisible()
    row = window.section_keys().index(REFERRALS)
    assert window.navigation.item(row).text() == "Referrals (1 updated)"

    with qtbot.waitSignal(view.updates_changed, timeout=WAIT_MS) as said:
        open_board(qtbot, window)
    assert said.args == [0]
    assert window.navigation.item(row).text() == "Referrals"
    assert not window.referral_updates_label.isVisible()
    item = view.item_for(rid)
    assert item is not None
    assert item.text(5) == "Updated by the Welcome Center"
    assert item.text(7) == "Bring the passport and the housing certificate"
    assert item.font(0).bold()
    view.select(rid)
    assert view.details.text() == (
        "Note from the Welcome Center: Bring the passport and the housing certificate"
    )
    with store.session() as session:
        assert service_updates(session, store.actor) == []
