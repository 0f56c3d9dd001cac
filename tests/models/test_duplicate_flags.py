"""Duplicate flags from the server: coordinators ask for a merge or dismiss them."""

from __future__ import annotations

import pytest

from models.clock import utcnow
from models.duplicate_flags import dismiss, open_flags, request_merge
from models.errors import NotFound, PermissionDenied, ValidationFailed
from models.roles import Actor
from models.schema import DuplicateFlag
from models.store import OpenStore
from tests.models.service_helpers import outbox, outbox_head

A = "0190aaaa-0000-7000-8000-00000000000a"
B = "0190aaaa-0000-7000-8000-00000000000b"


def flagged(store: OpenStore, score: int = 87) -> str:
    now = utcnow()
    with store.session() as session:
        session.info["replicating"] = True
        flag = DuplicateFlag(
            person_a=A,
            person_b=B,
            score=score,
            reasons=["similar_name", "same_birth_date"],
            label_a="Mohamed Hassan, 1990, ACLI",
            label_b="Muhammad Hasan, 1990, Quarenghi",
            origin_desk="central",
            created_at=now,
            updated_at=now,
        )
        session.add(flag)
        session.flush()
        return flag.id


def stored(store: OpenStore, flag_id: str) -> tuple[str, str | None, str]:
    with store.session() as s:
        flag = s.get(DuplicateFlag, flag_id)
        assert flag is not None
        return flag.status, flag.survivor, flag.decided_by


def test_open_flags_best_first(store: OpenStore, coordinator: Actor):
    low, high = flagged(store, 60), flagged(store, 95)
    with store.session(coordinator) as s:
        views = open_flags(s, coordinator)
    assert [v.id for v in views] == [high, low]
    assert views[0].reasons == ("similar_name", "same_birth_date")
    assert views[0].label_b.startswith("Muhammad")


def test_request_merge_goes_to_the_outbox(store: OpenStore, coordinator: Actor):
    fid = flagged(store)
    head = outbox_head(store)
    with store.session(coordinator) as s:
        request_merge(s, coordinator, fid, B)
    assert stored(store, fid) == ("merge_requested", B, "carla")
    [entry] = outbox(store, head)
    assert (entry.entity, entry.op, entry.row_id) == ("duplicate_flags", "update", fid)
    assert entry.fields["status"] == "merge_requested"
    with store.session(coordinator) as s:
        assert open_flags(s, coordinator) == []


def test_dismiss(store: OpenStore, coordinator: Actor):
    fid = flagged(store)
    with store.session(coordinator) as s:
        dismiss(s, coordinator, fid)
    assert stored(store, fid) == ("dismissed", None, "carla")


def test_survivor_must_be_one_of_the_pair(store: OpenStore, coordinator: Actor):
    fid = flagged(store)
    with store.session(coordinator) as s, pytest.raises(ValidationFailed) as info:
        request_merge(s, coordinator, fid, "someone-else")
    assert info.value.reason == "not_in_pair"
    assert stored(store, fid) == ("open", None, "")


def test_decided_flag_is_refused(store: OpenStore, coordinator: Actor):
    fid = flagged(store)
    with store.session(coordinator) as s:
        dismiss(s, coordinator, fid)
    with store.session(coordinator) as s, pytest.raises(ValidationFailed):
        request_merge(s, coordinator, fid, A)


def test_roles_and_unknown_flag(store: OpenStore, operator: Actor, coordinator: Actor):
    fid = flagged(store)
    with store.session(operator) as s:
        with pytest.raises(PermissionDenied):
            open_flags(s, operator)
        with pytest.raises(PermissionDenied):
            dismiss(s, operator, fid)
    with store.session(coordinator) as s, pytest.raises(NotFound):
        dismiss(s, coordinator, "nope")
