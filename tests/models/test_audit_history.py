"""The person's history: audit events about the person and their rows, coordinators only."""

from __future__ import annotations

import pytest

from models.audit import person_history
from models.errors import PermissionDenied
from models.people import DocumentForm, PersonForm, add_document, update_person
from models.person_file import person_file
from models.roles import Actor
from models.schema import Person
from models.store import OpenStore
from tests.models.service_helpers import add_person


def test_desk_operator_may_not_read_the_history(store: OpenStore, operator: Actor):
    pid = add_person(store, operator)
    with store.session(operator) as session, pytest.raises(PermissionDenied):
        person_history(session, operator, pid)


def test_coordinator_sees_create_update_and_view_events(
    store: OpenStore, operator: Actor, coordinator: Actor
):
    pid = add_person(store, operator)
    other = add_person(store, operator, given_name="Fatou")
    with store.session(operator) as session:
        form = PersonForm.from_person(session.get_one(Person, pid))
        form.phone = "+39 333 1234567"
        assert update_person(session, operator, pid, form) == ["phone"]
        doc = add_document(session, operator, pid, DocumentForm("passport", "X1")).id
        person_file(session, operator, pid)

    with store.session(coordinator) as session:
        history = person_history(session, coordinator, pid)

    about_person = [(e.operator, e.action, e.entity) for e in history if e.record_id == pid]
    assert ("omar", "create", "persons") in about_person
    assert ("omar", "update", "persons") in about_person
    assert ("omar", "view", "persons") in about_person
    assert any(e.record_id == doc and e.action == "create" for e in history)
    assert all(e.record_id != other for e in history)
    assert [e.seq for e in history] == sorted(e.seq for e in history)
    assert not hasattr(history[0], "detail")  # ids and names only
