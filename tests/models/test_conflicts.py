"""Sync conflicts: keep the merged value or restore the other one, by the rules of editing
the record; legal content stays with legal advisors, values and decision alike.

Conflict records are written as a pull writes them (``replicating``: no outbox)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from models import legal
from models.clock import utcnow
from models.conflicts import (
    EDIT_PERMISSION,
    LEGAL_ENTITIES,
    NOT_RESTORABLE,
    open_conflicts,
    resolve,
)
from models.consultations import record_consultation
from models.errors import NotFound, PermissionDenied, ValidationFailed
from models.referrals import create_referral
from models.roles import PERMISSIONS, Actor
from models.schema import SYNCED_TABLES, AuditEvent, Consultation, Person, Referral, SyncConflict
from models.store import OpenStore
from tests.conftest import add_operator
from tests.models.service_helpers import add_person, outbox, outbox_head, refused, share


def arrived(
    store: OpenStore,
    person_id: str,
    field: str,
    kept: Any,
    other: Any,
    entity: str = "persons",
    row_id: str | None = None,
) -> str:
    """A conflict as it comes from the server (not captured, not in the outbox)."""
    now = utcnow()
    with store.session() as session:
        session.info["replicating"] = True
        conflict = SyncConflict(
            entity=entity,
            row_id=row_id or person_id,
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


# ===================================================================== legal content
def consultation(store: OpenStore, advisor: Actor, pid: str) -> str:
    with store.session(advisor) as session:
        return record_consultation(
            session, advisor, pid, "asylum", "Can she apply?", "Yes, within 30 days", ""
        ).id


def sealed(store: OpenStore, advisor: Actor, cid: str, field: str, text: str) -> str:
    """``text`` as a legal field travels (sealed under the legal key; the topic in clear)."""
    if field not in legal.SEALED_FIELDS:
        return text
    with store.session(advisor) as s:
        key = legal.key_of(s)
        assert key is not None
        return legal.seal(key, cid, field, text)


def legal_conflict(store: OpenStore, advisor: Actor, field: str = "advice") -> tuple[str, str, str]:
    """A person, their consultation and a conflict on its ``field``: (pid, cid, conflict)."""
    pid = add_person(store, store.actor, given_name="Amadou", family_name="Ba")
    cid = consultation(store, advisor, pid)
    conflict = arrived(
        store,
        pid,
        field,
        sealed(store, advisor, cid, field, "Yes, within 30 days"),
        sealed(store, advisor, cid, field, "No: appeal first"),
        entity="consultations",
        row_id=cid,
    )
    return pid, cid, conflict


def advice_of(store: OpenStore, advisor: Actor, cid: str) -> str | None:
    """The consultation's advice as its legal advisor reads it."""
    with store.session(advisor) as s:
        row = s.get(Consultation, cid)
        assert row is not None
        return legal.read(legal.ring_of(s), cid, "advice", row.advice)


def test_coordinators_and_admins_see_a_legal_conflict_exists_without_its_values(
    store: OpenStore, advisor: Actor, coordinator: Actor
):
    pid, cid, conflict = legal_conflict(store, advisor)
    plain = arrived(store, pid, "notes", "Tuesday", "Monday")
    for actor in (coordinator, store.actor):  # the coordinator and the administrator
        with store.session(actor) as s:
            views = {v.id: v for v in open_conflicts(s, actor)}
        legal = views[conflict]
        assert (legal.entity, legal.row_id, legal.field) == ("consultations", cid, "advice")
        assert legal.record_label == "Amadou Ba"  # that one exists, for whom
        assert (legal.hidden, legal.kept_value, legal.other_value) == (True, None, None)
        assert (views[plain].hidden, views[plain].other_value) == (False, "Monday")
    with store.session() as s:
        assert s.scalars(select(AuditEvent).where(AuditEvent.detail == "conflict")).all() == []


@pytest.mark.parametrize("field", ["question", "advice", "outcome", "escalation_reason", "topic"])
def test_no_one_but_a_legal_advisor_resolves_a_legal_conflict(
    store: OpenStore, advisor: Actor, coordinator: Actor, operator: Actor, field: str
):
    """Not "keep", not "use the other value": nothing of the consultation changes."""
    _pid, cid, conflict = legal_conflict(store, advisor, field)
    for actor in (coordinator, store.actor, operator):
        for keep in ("kept", "other"):
            error = refused(
                store,
                actor,
                lambda s, a=actor, k=keep: resolve(s, a, conflict, k),
                PermissionDenied,
            )
            assert error.role == actor.role
    assert advice_of(store, advisor, cid) == "Yes, within 30 days"
    with store.session() as s:
        row = s.get(SyncConflict, conflict)
        assert row is not None and row.status == "open"


def test_a_legal_advisor_lists_and_resolves_a_legal_conflict(store: OpenStore, advisor: Actor):
    pid, cid, conflict = legal_conflict(store, advisor)
    plain = arrived(store, pid, "notes", "Tuesday", "Monday")
    with store.session(advisor) as s:
        [view] = open_conflicts(s, advisor)  # only the legal one is theirs
    assert view.id == conflict
    assert (view.hidden, view.kept_value, view.other_value) == (
        False,
        "Yes, within 30 days",
        "No: appeal first",
    )
    with store.session() as s:
        [read] = s.scalars(select(AuditEvent).where(AuditEvent.detail == "conflict"))
        assert (read.operator, read.action, read.entity, read.record_id) == (
            "lucia",
            "view",
            "consultations",
            cid,
        )
    refused(store, advisor, lambda s: resolve(s, advisor, plain, "other"), PermissionDenied)

    head = outbox_head(store)
    with store.session(advisor) as s:
        resolve(s, advisor, conflict, "other")
    assert advice_of(store, advisor, cid) == "No: appeal first"
    changes = {(e.entity, e.op): e.fields for e in outbox(store, head)}
    assert set(changes) == {("consultations", "update"), ("sync_conflicts", "update")}
    [sent] = changes[("consultations", "update")].values()  # the advice, sealed as it came
    assert legal.is_sealed(sent) and "appeal" not in str(changes)
    with store.session(advisor) as s:
        assert open_conflicts(s, advisor) == []


def test_desk_operator_may_not_resolve_a_persons_conflict(store: OpenStore, operator: Actor):
    pid = add_person(store, store.actor, notes="Tuesday")
    cid = arrived(store, pid, "notes", "Tuesday", "Monday")
    for keep in ("kept", "other"):
        error = refused(
            store, operator, lambda s, k=keep: resolve(s, operator, cid, k), PermissionDenied
        )
        assert (error.action, error.role) == ("conflict.resolve", "desk_operator")


def test_resolving_needs_the_permission_of_editing_the_record(store: OpenStore):
    """Reference lists are edited with ``reference.write``: so are their conflicts decided.
    Every synced entity names the permission of its edit service."""
    assert set(EDIT_PERMISSION) == {t.__tablename__ for t in SYNCED_TABLES}  # type: ignore[attr-defined]
    assert set(EDIT_PERMISSION.values()) <= set(PERMISSIONS)
    assert set(LEGAL_ENTITIES) == {"consultations"}
    assert EDIT_PERMISSION["consultations"] == "consultation.content"
    assert set(NOT_RESTORABLE) <= set(EDIT_PERMISSION)
    legal = add_operator(store, "lucia", "legal_advisor")
    pid = add_person(store, store.actor)
    conflict = arrived(store, pid, "label_it", "Asilo", "Protezione", entity="reference_values")
    error = refused(store, legal, lambda s: resolve(s, legal, conflict, "kept"), PermissionDenied)
    assert error.action == "conflict.resolve"
    with store.session() as s:
        resolve(s, store.actor, conflict, "kept")  # the administrator may edit the lists


def test_fields_the_desk_never_writes_can_only_be_kept(store: OpenStore, coordinator: Actor):
    """A referral's status moves along its lifecycle only (the receiving service's statuses
    come by sync): "use the other value" may not set it."""
    pid = add_person(store, store.actor)
    share(store, store.actor, pid)
    with store.session() as s:
        rid = create_referral(s, store.actor, pid, "italian_language", "A2").id
    conflict = arrived(store, pid, "status", "draft", "accepted", entity="referrals", row_id=rid)
    with store.session(coordinator) as s:
        [view] = open_conflicts(s, coordinator)
    assert (view.restorable, view.hidden) == (False, False)
    error = refused(
        store, coordinator, lambda s: resolve(s, coordinator, conflict, "other"), ValidationFailed
    )
    assert (error.field, error.reason) == ("status", "not_restorable")
    with store.session(coordinator) as s:
        resolve(s, coordinator, conflict, "kept")
    with store.session() as s:
        referral = s.get(Referral, rid)
        assert referral is not None and referral.status == "draft"
