"""The replica writer drops rows only this desk has, and never wedges the desk doing so."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import select

from models.referrals import create_referral
from models.schema import OutboxEntry, Referral, ReferralEvent
from models.store import OpenStore
from sync.replica import drop_refused_rows, forget_superseded
from tests.models.service_helpers import add_person, share


def test_a_row_another_local_row_points_at_is_kept_and_the_session_goes_on(
    store: OpenStore,
) -> None:
    """A referral the server superseded still has its status event here: dropping it would
    break the event's reference, so both stay, and the unit of work still commits."""
    pid = add_person(store, store.actor)
    share(store, store.actor, pid)
    with store.session() as session:
        rid = create_referral(session, store.actor, pid, "italian_language", "A2").id
    with store.session() as session:
        events = session.scalars(select(ReferralEvent).where(ReferralEvent.referral_id == rid))
        assert list(events)  # created with its first status event
        drop_refused_rows(session, [("referrals", rid)])
        session.flush()
    with store.session() as session:
        assert session.get(Referral, rid) is not None


def test_rows_nothing_points_at_are_dropped(store: OpenStore) -> None:
    pid = add_person(store, store.actor)
    share(store, store.actor, pid)
    with store.session() as session:
        rid = create_referral(session, store.actor, pid, "italian_language", "A2").id
        event_ids = [
            e.id
            for e in session.scalars(select(ReferralEvent).where(ReferralEvent.referral_id == rid))
        ]
    with store.session() as session:
        created = [("referrals", rid)] + [("referral_events", e) for e in event_ids]
        drop_refused_rows(session, created)
    with store.session() as session:
        assert session.get(Referral, rid) is None


def test_a_superseded_row_takes_its_waiting_children_with_it(store: OpenStore) -> None:
    """The server superseded a referral (its person was erased elsewhere): its status event,
    still waiting in the outbox, would be refused as pointing at nothing; both go."""
    pid = add_person(store, store.actor)
    share(store, store.actor, pid)
    with store.session() as session:
        rid = create_referral(session, store.actor, pid, "italian_language", "A2").id
    with store.session() as session:
        rows = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.op_seq)))
        insert = next(r for r in rows if r.entity == "referrals" and r.row_id == rid)
        outcome = {insert.mutation_id: SimpleNamespace(status="superseded")}
        forget_superseded(session, [insert], outcome)
    with store.session() as session:
        assert session.get(Referral, rid) is None
        assert not session.scalars(
            select(ReferralEvent).where(ReferralEvent.referral_id == rid)
        ).all()
        left = session.scalars(select(OutboxEntry.entity)).all()
        assert "referrals" not in left and "referral_events" not in left
