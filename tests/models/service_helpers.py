"""Small helpers shared by the domain-service tests (plain functions, no fixtures)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from models.clock import utcnow
from models.consent import ConsentForm, give_consent
from models.ids import uuid7
from models.people import PersonForm, create_person
from models.referrals import CENTRAL_STATUSES, TRANSITIONS
from models.roles import Actor
from models.schema import Base, Meta, OutboxEntry, Referral, ReferralEvent
from models.store import DeskStore, OpenStore
from tests.conftest import ADMIN_PASSWORD, FAST_KDF


def add_person(store: OpenStore, actor: Actor, **fields: Any) -> str:
    """Create a person through the service; returns the id."""
    form = PersonForm(**{"given_name": "Amina", "family_name": "Diallo", **fields})
    with store.session(actor) as session:
        return create_person(session, actor, form).id


def share(store: OpenStore, actor: Actor, person_id: str, basis: str = "consent") -> str:
    """Give the "sharing" basis that referrals need; returns the consent id."""
    with store.session(actor) as session:
        return give_consent(session, actor, person_id, ConsentForm("sharing", basis)).id


def as_service(
    store: OpenStore,
    referral_id: str,
    status: str,
    *,
    by: str = "mwc:giulia",
    note: str = "",
    at: datetime | None = None,
    **fields: Any,
) -> None:
    """Move a referral into a status of the receiving service as a sync pull brings it.

    Accepting, the appointment, completing and declining are set on the server (MWC staff
    or a central coordinator) and the desk's service refuses them. The pull writes the
    referral's new fields and the status event straight into the tables
    (``replicating``: nothing goes to the outbox, no service rule runs). ``fields`` are
    referral columns (``appointment_at``, ``appointment_place``, ``outcome``). The move
    must be one of the lifecycle, as the server checks.
    """
    assert status in CENTRAL_STATUSES, status
    now = at or utcnow()
    with store.session() as session:
        session.info["replicating"] = True
        referral = session.get(Referral, referral_id)
        assert referral is not None
        assert status in TRANSITIONS[referral.status], (referral.status, status)
        session.add(
            ReferralEvent(
                id=uuid7(),
                referral_id=referral.id,
                from_status=referral.status,
                to_status=status,
                at=now,
                by=by,
                note=note,
                hlc=store.clock.now(),
                origin_desk=referral.origin_desk,
                created_at=now,
                updated_at=now,
            )
        )
        referral.status = status
        for name, value in fields.items():
            assert hasattr(Referral, name), name
            setattr(referral, name, value)
        referral.hlc = store.clock.now()
        referral.updated_at = now


def snapshot(store: OpenStore) -> dict[str, Any]:
    """Row counts of every table plus the meta values: equal snapshots, nothing written."""
    with store.session() as session:
        counts: dict[str, Any] = {
            table.name: session.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables
        }
        counts["person_search_ids"] = session.scalar(text("SELECT count(*) FROM person_search_ids"))
        counts["meta"] = {m.key: m.value for m in session.scalars(select(Meta))}
    return counts


def refused(
    store: OpenStore, actor: Actor, call: Callable[[Session], object], error: type[Exception]
) -> Any:
    """Run ``call`` in a unit of work that *commits* after catching ``error``.

    The unit of work is committed on purpose: a refused service call must leave nothing
    behind even when the caller carries on. Returns the exception.
    """
    before = snapshot(store)
    with store.session(actor) as session, pytest.raises(error) as info:
        call(session)
    assert snapshot(store) == before
    return info.value


def outbox(store: OpenStore, since: int = 0) -> list[OutboxEntry]:
    """Outbox entries with ``op_seq`` greater than ``since``, oldest first."""
    with store.session() as session:
        stmt = select(OutboxEntry).where(OutboxEntry.op_seq > since).order_by(OutboxEntry.op_seq)
        return list(session.scalars(stmt))


def outbox_head(store: OpenStore) -> int:
    with store.session() as session:
        return session.scalar(select(func.max(OutboxEntry.op_seq))) or 0


def shared_store(factory: pytest.TempPathFactory) -> Iterator[OpenStore]:
    """A store for a whole test module (body of a module-scoped fixture).

    For tests of refused input, which leave nothing behind (``refused`` checks it), so
    they need not pay for a fresh store each.
    """
    created = DeskStore(factory.mktemp("shared") / "desk", kdf=FAST_KDF).create(
        "acli", "anna", ADMIN_PASSWORD
    )
    yield created.store
    created.store.lock()
