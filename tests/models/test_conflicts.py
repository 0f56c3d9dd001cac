"""Sync conflicts: coordinators keep the merged value or restore the other one."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from models.clock import utcnow
from models.conflicts import open_conflicts, resolve
from models.errors import NotFound, PermissionDenied, ValidationFailed
from models.roles import Actor
from models.schema import Person, SyncConflict
from models.store import OpenStore
from tests.models.service_helpers import add_person, outbox, outbox_head


def arrived(store: OpenStore, person_id: str, field: str, kept: Any, other: Any) -> str:
    """A conflict as it comes from the server (not captured, not in the outbox)."""
    now = utcnow()
    with store.session() as session:
        session.info["replicating"] = True
        conflict = SyncConflict(
            entity="persons",
            row_id=person_id,
            person_id=person_id,
            field=field,
            kept_value=kept,
            other_value=other,
            kept_desk="acli",
            other_desk="acli",
            origin_desk="central",
            created_at=now,
            updated_at=now,
        )
        session.add(conflict)
        session.flush()
        return conflict.id


def test_open_conflicts_show_the_person_and_both_values(store: OpenStore, coordinator: Actor):
    pid = add_person(store, store.actor, given_name="Amadou", family_name="Ba", notes="Tuesday")
    cid = arrived(store, pid, "notes", "Tuesday", "Monday")
    with store.session(coordinator) as s:
        [view] = open_conflicts(s, coordinator)
    assert view.id == cid
    assert (view.record_label, view.field, view.kept_value, view.other_value) == (
        "Amadou Ba",
        "notes",
        "Tuesday",
        "Monday",
    )


def test_desk_operator_may_not_see_or_resolve(store: OpenStore, operator: Actor):
    pid = add_person(store, store.actor)
    cid = arrived(store, pid, "notes", "a", "b")
    with store.session(operator) as s:
        with pytest.raises(PermissionDenied):
            open_conflicts(s, operator)
        with pytest.raises(PermissionDenied):
            resolve(s, operator, cid, "kept")


def test_keep_marks_resolved_and_leaves_the_record(store: OpenStore, coordinator: Actor):
    pid = add_person(store, store.actor, notes="Tuesday")
    cid = arrived(store, pid, "notes", "Tuesday", "Monday")
    head = outbox_head(store)
    with store.session(coordinator) as s:
        resolve(s, coordinator, cid, "kept")
    with store.session() as s:
        conflict = s.get(SyncConflict, cid)
        person = s.get(Person, pid)
        assert conflict is not None and person is not None
        assert (conflict.status, conflict.resolution, conflict.resolved_by) == (
            "resolved",
            "kept",
            "carla",
        )
        assert person.notes == "Tuesday"
        assert open_conflicts(s, coordinator) == []
    assert [(e.entity, e.op) for e in outbox(store, head)] == [("sync_conflicts", "update")]


def test_other_writes_the_value_back_and_it_is_captured(store: OpenStore, coordinator: Actor):
    pid = add_person(store, store.actor, birth_date=date(1990, 4, 2))
    cid = arrived(store, pid, "birth_date", "1990-04-02", "1991-05-03")
    head = outbox_head(store)
    with store.session(coordinator) as s:
        resolve(s, coordinator, cid, "other")
    with store.session() as s:
        person = s.get(Person, pid)
        assert person is not None and person.birth_date == date(1991, 5, 3)
    changes = {(e.entity, e.op): e.fields for e in outbox(store, head)}
    assert set(changes) == {("persons", "update"), ("sync_conflicts", "update")}
    assert "birth_date" in changes[("persons", "update")]


def test_already_resolved_is_refused(store: OpenStore, coordinator: Actor):
    pid = add_person(store, store.actor)
    cid = arrived(store, pid, "notes", "a", "b")
    with store.session(coordinator) as s:
        resolve(s, coordinator, cid, "other")
    with store.session(coordinator) as s, pytest.raises(ValidationFailed) as info:
        resolve(s, coordinator, cid, "kept")
    assert (info.value.field, info.value.reason) == ("conflict", "already_resolved")


def test_unknown_conflict_and_missing_record(store: OpenStore, coordinator: Actor):
    with store.session(coordinator) as s, pytest.raises(NotFound):
        resolve(s, coordinator, "no-such-conflict", "kept")
    cid = arrived(store, "0190aaaa-0000-7000-8000-000000000000", "notes", "a", "b")
    with store.session(coordinator) as s, pytest.raises(NotFound):
        resolve(s, coordinator, cid, "other")
    with store.session(coordinator) as s:
        [view] = open_conflicts(s, coordinator)
        assert view.record_label == ""  # a person this desk does not have
