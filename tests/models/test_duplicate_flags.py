"""Duplicate flags from the server: both owning desks approve a merge, or one dismisses it.

The flags arrive as a pull writes them (``replicating``): no label of the other desk's
person, ``decided_by`` the parties that approved so far.
"""

from __future__ import annotations

from datetime import date

import pytest

from models.clock import utcnow
from models.consent import SHARING, withdraw_consent
from models.duplicate_flags import FlagView, dismiss, open_flags, request_merge
from models.errors import ConsentRequired, NotFound, PermissionDenied, ValidationFailed
from models.roles import Actor
from models.schema import DuplicateFlag
from models.store import OpenStore
from tests.models.service_helpers import add_person, outbox, outbox_head, refused, share

THEIRS = "0190aaaa-0000-7000-8000-00000000000b"  # registered at Quarenghi: not in this store
ALSO_THEIRS = "0190aaaa-0000-7000-8000-00000000000c"


def flagged(
    store: OpenStore,
    person_a: str,
    person_b: str = THEIRS,
    score: int = 87,
    status: str = "open",
    survivor: str | None = None,
    decided_by: str = "",
    label_a: str = "",
) -> str:
    """A flag as the server sends it (not captured, not in the outbox)."""
    now = utcnow()
    with store.session() as session:
        session.info["replicating"] = True
        flag = DuplicateFlag(
            person_a=person_a,
            person_b=person_b,
            score=score,
            reasons=["similar_name", "same_birth_date"],
            label_a=label_a,
            label_b="",
            status=status,
            survivor=survivor,
            decided_by=decided_by,
            origin_desk="central",
            created_at=now,
            updated_at=now,
        )
        session.add(flag)
        session.flush()
        return flag.id


def ours(store: OpenStore, consent: bool = True) -> str:
    """A person of this desk (ACLI), with the sharing consent a merge needs."""
    pid = add_person(
        store, store.actor, given_name="Mohamed", family_name="Hassan", birth_date=date(1990, 4, 2)
    )
    if consent:
        share(store, store.actor, pid)
    return pid


def stored(store: OpenStore, flag_id: str) -> tuple[str, str | None, str]:
    with store.session() as s:
        flag = s.get(DuplicateFlag, flag_id)
        assert flag is not None
        return flag.status, flag.survivor, flag.decided_by


def views(store: OpenStore, actor: Actor) -> dict[str, FlagView]:
    with store.session(actor) as s:
        return {v.id: v for v in open_flags(s, actor)}


def test_open_flags_best_first_without_the_other_desk_s_person(
    store: OpenStore, coordinator: Actor
):
    mine = ours(store)
    low, high = flagged(store, mine, score=60), flagged(store, mine, ALSO_THEIRS, score=95)
    with store.session(coordinator) as s:
        listed = open_flags(s, coordinator)
    assert [v.id for v in listed] == [high, low]
    view = listed[0]
    assert view.reasons == ("similar_name", "same_birth_date")
    # this desk's person from this desk's store; nothing at all about the other one
    assert (view.label_a, view.label_b) == ("Mohamed Hassan (1990)", "")
    assert (view.status, view.survivor, view.approved_by, view.awaiting_other) == (
        "open",
        None,
        (),
        False,
    )
    labelled = flagged(store, mine, label_a="as the server labels it")
    assert views(store, coordinator)[labelled].label_a == "as the server labels it"


def test_request_merge_approves_for_this_desk_and_waits(store: OpenStore, coordinator: Actor):
    mine = ours(store)
    fid = flagged(store, mine)
    head = outbox_head(store)
    with store.session(coordinator) as s:
        request_merge(s, coordinator, fid, mine)
    assert stored(store, fid) == ("merge_requested", mine, "acli")
    [entry] = outbox(store, head)
    assert (entry.entity, entry.op, entry.row_id) == ("duplicate_flags", "update", fid)
    # a decision only: no flag field other than status, survivor and the parties
    assert set(entry.fields) == {"status", "survivor", "decided_by"}
    assert entry.fields["status"] == "merge_requested"
    view = views(store, coordinator)[fid]
    assert (view.approved_by, view.awaiting_other, view.survivor) == (("acli",), True, mine)
    error = refused(
        store, coordinator, lambda s: request_merge(s, coordinator, fid, mine), ValidationFailed
    )
    assert (error.field, error.reason) == ("duplicate", "already_approved")


def test_approving_what_the_other_desk_asked(store: OpenStore, coordinator: Actor):
    mine = ours(store)
    fid = flagged(store, mine, status="merge_requested", survivor=THEIRS, decided_by="quarenghi")
    view = views(store, coordinator)[fid]
    assert (view.status, view.approved_by, view.awaiting_other, view.survivor) == (
        "merge_requested",
        ("quarenghi",),
        False,
        THEIRS,
    )
    error = refused(
        store, coordinator, lambda s: request_merge(s, coordinator, fid, mine), ValidationFailed
    )
    assert (error.field, error.reason) == ("survivor", "differs")
    with store.session(coordinator) as s:
        request_merge(s, coordinator, fid, THEIRS)
    assert stored(store, fid) == ("merge_requested", THEIRS, "acli quarenghi")


def test_a_central_coordinator_s_approval_is_shown(store: OpenStore, coordinator: Actor):
    mine = ours(store)
    fid = flagged(store, mine, status="merge_requested", survivor=mine, decided_by="central")
    view = views(store, coordinator)[fid]
    assert (view.approved_by, view.awaiting_other) == (("central",), False)


def test_a_merge_needs_the_sharing_consent_of_this_desk_s_person(
    store: OpenStore, coordinator: Actor
):
    never = ours(store, consent=False)
    withdrawn = ours(store)
    with store.session(coordinator) as s:
        withdraw_consent(s, coordinator, withdrawn, SHARING)
    for pid in (never, withdrawn):
        fid = flagged(store, pid)
        error = refused(
            store, coordinator, lambda s, f=fid, p=pid: request_merge(s, coordinator, f, p),
            ConsentRequired,
        )  # fmt: skip
        assert error.purpose == SHARING
        assert stored(store, fid) == ("open", None, "")
    # a pair with no person of this desk: there is nobody here to answer for
    fid = flagged(store, ALSO_THEIRS)
    refused(
        store, coordinator, lambda s: request_merge(s, coordinator, fid, THEIRS), ConsentRequired
    )


def test_dismiss_open_or_half_approved(store: OpenStore, coordinator: Actor):
    mine = ours(store)
    fresh = flagged(store, mine)
    half = flagged(store, mine, status="merge_requested", survivor=THEIRS, decided_by="quarenghi")
    with store.session(coordinator) as s:
        dismiss(s, coordinator, fresh)
        dismiss(s, coordinator, half)
    assert stored(store, fresh) == ("dismissed", None, "acli")
    assert stored(store, half) == ("dismissed", None, "acli")
    assert views(store, coordinator) == {}


def test_survivor_must_be_one_of_the_pair(store: OpenStore, coordinator: Actor):
    fid = flagged(store, ours(store))
    error = refused(
        store,
        coordinator,
        lambda s: request_merge(s, coordinator, fid, "someone-else"),
        ValidationFailed,
    )
    assert error.reason == "not_in_pair"


@pytest.mark.parametrize("status", ["merged", "dismissed"])
def test_decided_flag_is_refused_and_not_listed(store: OpenStore, coordinator: Actor, status: str):
    mine = ours(store)
    fid = flagged(store, mine, status=status, decided_by="acli quarenghi")
    assert views(store, coordinator) == {}
    for call in (
        lambda s: request_merge(s, coordinator, fid, mine),
        lambda s: dismiss(s, coordinator, fid),
    ):
        error = refused(store, coordinator, call, ValidationFailed)
        assert (error.field, error.reason) == ("duplicate", "already_decided")


def test_roles_and_unknown_flag(store: OpenStore, operator: Actor, coordinator: Actor):
    mine = ours(store)
    fid = flagged(store, mine)
    with store.session(operator) as s:
        with pytest.raises(PermissionDenied):
            open_flags(s, operator)
        with pytest.raises(PermissionDenied):
            dismiss(s, operator, fid)
        with pytest.raises(PermissionDenied):
            request_merge(s, operator, fid, mine)
    with store.session(coordinator) as s, pytest.raises(NotFound):
        dismiss(s, coordinator, "nope")
