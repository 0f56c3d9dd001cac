"""Today's visits: this desk only, this day only, role-checked."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from models.clock import utcnow
from models.errors import PermissionDenied
from models.intake import IntakeForm, register
from models.roles import Actor
from models.schema import Visit
from models.store import OpenStore
from models.visits import day_bounds, todays_visits
from tests.models.service_helpers import add_person


def visit(store: OpenStore, actor: Actor, pid: str, channel: str = "walk_in") -> str:
    with store.session(actor) as session:
        return register(session, actor, IntakeForm(person_id=pid, channel=channel)).visit_id


def test_todays_visits_of_this_desk(store: OpenStore) -> None:
    anna = store.actor
    amina = add_person(store, anna, given_name="Amina", family_name="Diallo")
    rahim = add_person(store, anna, given_name_latin="Rahim", family_name_latin="Uddin")
    first = visit(store, anna, amina)
    second = visit(store, anna, rahim, channel="phone")
    old = visit(store, anna, rahim)
    elsewhere = Actor(login="paolo", role="desk_operator", desk="quarenghi")
    other_desk = visit(store, elsewhere, amina)
    with store.session() as session:
        session.get(Visit, old).at = utcnow() - timedelta(days=2)

    with store.session() as session:
        today = todays_visits(session, anna, utcnow().date())
    assert [v.visit_id for v in today] == [first, second]
    assert [v.person_name for v in today] == ["Amina Diallo", "Rahim Uddin"]
    assert [v.channel for v in today] == ["walk_in", "phone"]
    assert today[0].first_time and today[1].first_time  # both came for the first time
    assert today[0].operator == "anna"
    assert other_desk not in [v.visit_id for v in today]


def test_the_day_follows_the_time_zone() -> None:
    rome_winter = timezone(timedelta(hours=1))
    start, end = day_bounds(date(2026, 11, 22), rome_winter)
    assert start == datetime(2026, 11, 21, 23, 0)
    assert end == datetime(2026, 11, 22, 23, 0)
    assert day_bounds(date(2026, 11, 22), UTC)[0] == datetime(2026, 11, 22)


def test_needs_the_right_to_read_people(store: OpenStore) -> None:
    stranger = Actor(login="x", role="nobody", desk="acli")
    with store.session() as session, pytest.raises(PermissionDenied):
        todays_visits(session, stranger, date.today())
