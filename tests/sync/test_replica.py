"""The replica writer drops rows only this desk has, and never wedges the desk doing so."""

from __future__ import annotations

from sqlalchemy import select

from models.referrals import create_referral
from models.schema import Referral, ReferralEvent
from models.store import OpenStore
from sync.replica import drop_refused_rows
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
