"""Poison values: whatever a desk pushes or the server holds, no bad value reaches a desk's
tables or breaks anyone's sync. Fields are checked by type, length, item count and
character class on push (422, naming fields, never values) and again on pull at the desk;
a record stored bad (before the checks) is left out of pulls, never a 5xx."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, Integer, Text, inspect, select

from models.clock import utcnow
from models.ids import uuid5_for, uuid7
from models.schema import OutboxEntry, Person, ReferenceValue, Visit
from models.store import DeskStore, OpenStore
from sync import client, enrolment, replica, state
from sync.entities import ENTITIES, FREE_TEXT, MAX_JSON_ITEMS, defaults, normalise, wire_data
from sync.protocol import Change, PullResponse
from sync.server.schema import Record
from sync.server.writes import Writer
from tests.conftest import ADMIN_PASSWORD, FAST_KDF
from tests.models.service_helpers import add_person
from tests.sync.fixtures import Central, Desk, _central
from tests.sync.test_api_input import (
    headers,
    hlc_now,
    new_id,
    one_row_of_every_entity,
    outbox_mutations,
    snapshot,
    update,
)

SECRET = "Zubaydah Qorvash-Secret"  # a personal value: never in an answer or a log line


@dataclass
class World:
    """One server, desk acli (two devices) and desk quarenghi; acli holds a person with one
    row of every desk entity, a conflict record and a duplicate flag with quarenghi."""

    central: Central
    desks: dict[str, Desk]
    person: str
    inserts: dict[str, dict[str, Any]]  # entity -> the insert mutation of its row
    conflict: str
    flag: str


def _new_desk(central: Central, base: Path, name: str, code: str) -> Desk:
    store = DeskStore(base / name, kdf=FAST_KDF).create(code, "anna", ADMIN_PASSWORD).store
    enrolment.enrol(store, store.actor, central.url, central.code(code), name)
    return Desk(store, store.actor, client.SyncClient(store))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    base = tmp_path_factory.mktemp(f"poison-{request.param}")
    gen = _central(base, request.param)
    central = next(gen)
    desks = {
        name: _new_desk(central, base, name, code)
        for name, code in (("acli", "acli"), ("acli2", "acli"), ("quarenghi", "quarenghi"))
    }
    acli, acli2, quarenghi = desks["acli"], desks["acli2"], desks["quarenghi"]
    pid = one_row_of_every_entity(acli, birth_year=1990)
    inserts: dict[str, dict[str, Any]] = {}
    for m in outbox_mutations(acli):
        if m["op"] == "insert":
            inserts.setdefault(m["entity"], m)
    acli.sync()
    acli2.sync()
    # the same field changed on both devices: a conflict record
    for desk, notes in ((acli, "first"), (acli2, "second")):
        with desk.session() as s:
            found = s.get(Person, pid)
            assert found is not None
            found.notes = notes
    acli.sync()
    acli2.sync()
    # the same person registered at quarenghi: a duplicate flag both desks receive
    add_person(quarenghi.store, quarenghi.admin, given_name="Ngozi", family_name="Obi",
               birth_year=1990)  # fmt: skip
    quarenghi.sync()
    acli.sync()

    def server_made(entity: str) -> str:
        def find(s: Any) -> str:
            return str(s.scalar(select(Record.id).where(Record.entity == entity)))

        found = str(central.run(find))
        assert found != "None", entity
        return found

    yield World(central, desks, pid, inserts, server_made("sync_conflicts"),
                server_made("duplicate_flags"))  # fmt: skip
    for desk in desks.values():
        if not desk.store.is_locked:
            desk.store.lock()
    next(gen, None)


def pull_answer(world: World, desk: str = "acli", cursor: int = 0) -> requests.Response:
    return requests.get(
        f"{world.central.url}/v1/pull",
        params={"cursor": cursor, "limit": 5000},
        headers=headers(world.desks[desk]),
        timeout=30,
    )


def post(world: World, mutations: list[dict[str, Any]], desk: str = "acli") -> requests.Response:
    # json.dumps, not requests' json=: NaN and lone surrogates go out as a broken desk
    # would send them
    body = json.dumps({"batch_id": new_id(), "mutations": mutations})
    return requests.post(
        f"{world.central.url}/v1/push",
        data=body.encode(),
        headers={**headers(world.desks[desk]), "Content-Type": "application/json"},
        timeout=30,
    )


def fresh_insert(world: World, entity: str, fields: dict[str, Any]) -> dict[str, Any]:
    template = world.inserts[entity]
    return {
        **template,
        "mutation_id": new_id(),
        "tx_id": new_id(),
        "row_id": new_id(),
        "fields": {**template["fields"], **fields},
        "hlc": hlc_now(),
    }


# ===================================================================== a) poison on push
POISONS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "lone_surrogate": [
        ("persons", {"citizenships": ["\ud800"]}),
        ("persons", {"languages": ["a\udfff"]}),
        ("persons", {"given_name": "Zubaydah\ud83d"}),
        ("identity_documents", {"number": "\udc00X123"}),
    ],
    "number_for_list": [
        ("persons", {"citizenships": 5}),
        ("persons", {"languages": {"ar": 1}}),
        ("persons", {"citizenships": [5]}),
        ("persons", {"citizenships": "EG"}),
        ("duplicate_flags", {"reasons": 7}),
    ],
    "too_many_items": [
        ("persons", {"citizenships": ["EG"] * 11}),
        ("persons", {"languages": ["ar"] * (MAX_JSON_ITEMS + 1)}),
        ("duplicate_flags", {"reasons": ["same_name"] * (MAX_JSON_ITEMS + 1)}),
        ("services", {"what_to_bring": ["passport"] * (MAX_JSON_ITEMS + 1)}),
        ("sync_conflicts", {"kept_value": [[[SECRET]]]}),  # too deep
    ],
    "bidi_in_code": [
        ("persons", {"legal_status": "refugee\u202e"}),
        ("visits", {"channel": "walk\u2066_in"}),
        ("identity_documents", {"number": "X\u202d123"}),
        ("household_members", {"relationship_code": "\u2067spouse"}),
        ("persons", {"citizenships": ["E\u202aG"]}),
        ("needs", {"status": "open\n"}),  # a control character in a code
    ],
    "nul": [
        ("persons", {"citizenships": ["E\x00"]}),
        ("persons", {"notes": SECRET + "\x00"}),
        ("vulnerabilities", {"code": "\x00"}),
        ("sync_conflicts", {"kept_value": {"k": "a\x00b"}}),
    ],
}


def leaves(value: Any) -> Iterator[str]:
    """The strings of a JSON value long enough to recognise in an answer."""
    if isinstance(value, str) and len(value) > 3:
        yield value
    elif isinstance(value, list | dict):
        for inner in value.values() if isinstance(value, dict) else value:
            yield from leaves(inner)


@pytest.mark.parametrize("kind", sorted(POISONS))
def test_poison_is_refused_on_push_and_sync_goes_on(world: World, kind: str) -> None:
    """Each poison, as an update of a row and as a new row: 422 naming the field and never
    the value, nothing written, and both desks' sync still succeeds."""
    rows = {
        "sync_conflicts": world.conflict,
        "duplicate_flags": world.flag,
        "services": uuid5_for("service", "mwc_family_reunification"),
    }
    before = snapshot(world.central)
    for entity, fields in POISONS[kind]:
        row = rows.get(entity) or world.inserts[entity]["row_id"]
        batches = [[update(entity, row, fields, hlc_now())]]
        if entity in world.inserts:
            batches.append([fresh_insert(world, entity, fields)])
        for batch in batches:
            answer = post(world, batch)
            assert answer.status_code == 422, (kind, entity, answer.status_code, answer.text)
            body = answer.json()
            assert body["code"] == "invalid_payload"
            named = " ".join(body["errors"])
            assert all(name in named for name in fields), (named, fields)
            for value in fields.values():  # never the value, in any spelling
                for leaf in leaves(value):
                    assert json.dumps(leaf)[1:-1] not in answer.text, leaf
                    assert leaf.encode("utf-8", "replace").decode() not in answer.text
            assert SECRET not in answer.text and "Qorvash" not in answer.text
    assert snapshot(world.central) == before
    for name in ("acli", "acli2", "quarenghi"):
        assert pull_answer(world, name).status_code == 200
        report = world.desks[name].sync()
        assert report.refused_pulled == 0


def test_right_to_left_free_text_is_kept(world: World) -> None:
    """Names and notes as people write them (Arabic, Urdu, with marks and isolates) pass:
    only identifiers refuse bidi controls."""
    acli, acli2 = world.desks["acli"], world.desks["acli2"]
    name = "\u202bمحمد\u202c \u200fعلی"
    notes = "دفتر \u2067ACLI\u2069 — ok"
    pid = add_person(acli.store, acli.admin, given_name=name, family_name="رحمان")
    with acli.session() as s:
        found = s.get(Person, pid)
        assert found is not None
        found.notes = notes
    acli.sync()
    acli2.sync()
    with acli2.session() as s:
        there = s.get(Person, pid)
        assert there is not None and (there.given_name, there.notes) == (name, notes)


# ===================================================================== b) stored bad
def _clone(record: Record, **changes: Any) -> Record:
    columns = {c.key: getattr(record, c.key) for c in inspect(Record).mapper.column_attrs}
    return Record(**{**columns, "id": uuid7(), **changes})


def test_records_stored_bad_are_left_out_of_pulls(world: World, caplog: Any) -> None:
    """Legacy rows written before the checks (a lone surrogate, a number for a list, a bidi
    control in a code, an unknown entity): pulls answer 200 without them, the cursor moves
    past them, the desk refuses the rows hanging off them, and later changes arrive."""
    acli, acli2, quarenghi = (world.desks[n] for n in ("acli", "acli2", "quarenghi"))
    legacy = add_person(acli.store, acli.admin, given_name="Legacy", family_name=SECRET)
    with acli.session() as s:
        s.add(Visit(person_id=legacy, desk_code="acli", at=utcnow(), channel="walk_in",
                    operator="anna"))  # fmt: skip
    acli.sync()
    bad: dict[str, int] = {}

    def poison(s: Any) -> None:
        writer = Writer(s)
        person = s.get(Record, legacy)
        person.data = {**person.data, "citizenships": ["\ud800", SECRET]}
        writer.touch(person)
        visit = s.scalar(
            select(Record).where(Record.entity == "visits", Record.person_id == legacy)
        )
        rows = [
            _clone(visit, data={**visit.data, "desk_code": "acli\u202e"}),
            _clone(person, data={**person.data, "citizenships": 5}),
            _clone(visit, entity="passwords"),
            _clone(visit, data=[SECRET]),
        ]
        for row in rows:
            s.add(row)
            writer.touch(row)
        s.flush()
        bad.update({r.id: r.seq for r in [person, *rows]})

    world.central.run(poison)
    for name in ("acli", "acli2", "quarenghi"):
        answer = pull_answer(world, name)
        assert answer.status_code == 200, answer.text
        page = answer.json()
        assert not set(bad) & {c["id"] for c in page["changes"]}
        assert page["next_cursor"] >= max(bad.values()) or name == "quarenghi"
        assert SECRET not in answer.text
    log = world.central.log.read_text(errors="replace")
    assert legacy in log and SECRET not in log  # logged by id and entity, never values
    # acli2 never had the person: its visit arrives without its parent and is refused,
    # the page and its cursor still commit
    with caplog.at_level(logging.WARNING, logger="sync.replica"):
        report = acli2.sync()
    assert report.refused_pulled == 1
    assert SECRET not in caplog.text
    with acli2.session() as s:
        assert s.get(Person, legacy) is None
        assert s.scalar(select(Visit.id).where(Visit.person_id == legacy)) is None
    quarenghi.sync()
    # later good changes arrive: a new person, and the record once the server fixes it
    later = add_person(acli.store, acli.admin, family_name="Later")
    acli.sync()

    def fix(s: Any) -> None:
        person = s.get(Record, legacy)
        person.data = {**person.data, "citizenships": ["EG"], "notes": "fixed"}
        Writer(s).touch(person)

    world.central.run(fix)
    report = acli2.sync()
    assert report.refused_pulled == 0
    with acli2.session() as s:
        assert s.get(Person, later) is not None
        fixed = s.get(Person, legacy)
        assert fixed is not None and (fixed.citizenships, fixed.notes) == (["EG"], "fixed")
    acli.sync()
    quarenghi.sync()


# ===================================================================== c) the desk's pull
def _change(entity: str, data: dict[str, Any], row_id: str | None = None, **kw: Any) -> Change:
    now = utcnow()
    envelope: dict[str, Any] = {
        "seq": 1, "entity": entity, "id": row_id or uuid7(), "hlc": 1 << 16,
        "origin_desk": "acli", "deleted": False, "created_at": now, "updated_at": now,
    }  # fmt: skip
    return Change(**{**envelope, **kw, "data": {**defaults(entity), **data}})


def _visit(person_id: str) -> dict[str, Any]:
    return {
        "person_id": person_id, "desk_code": "acli", "at": "2026-03-01T10:00:00",
        "channel": "walk_in", "operator": "anna",
    }  # fmt: skip


def test_desk_refuses_bad_pulled_changes_and_applies_the_rest(
    store: OpenStore, caplog: Any
) -> None:
    """A page (as a server that does not check could send it) with bad rows among good ones:
    the bad ones are not applied (an existing row keeps what it had), nor the rows hanging
    off them; the good ones are; the page commits with its cursor."""
    known = uuid7()
    first = PullResponse(epoch="e", next_cursor=1, has_more=False, changes=[
        _change("persons", {"given_name": "Known", "citizenships": ["EG"]}, known),
    ])  # fmt: skip
    with store.session() as s:
        s.info["replicating"] = True
        assert replica.apply_changes(s, first) == 0
    good, bad = uuid7(), uuid7()
    labels = {"label_it": "x", "label_en": "x"}
    later = utcnow() + timedelta(seconds=1)
    changes = [
        _change("persons", {"citizenships": 5, "notes": SECRET}, known),  # an update
        _change("persons", {"given_name": "Good", "languages": ["ar", "fr"]}, good),
        _change("persons", {"given_name": SECRET, "citizenships": ["EG"] * 11}, bad),
        _change("visits", _visit(bad)),  # hangs off the refused person
        _change("visits", _visit(good)),
        _change("visits", {**_visit(good), "channel": "walk\u202ein"}),
        _change("visits", _visit(good), origin_desk="ac\u202eli"),
        _change("persons", {"family_name": "\ud800"}),
        _change(
            "sync_conflicts",
            {
                "entity": "persons",
                "row_id": known,
                "field": "notes",
                "kept_value": 1.5,
                "other_value": None,
            },
        ),
        _change("duplicate_flags", {"person_a": known, "person_b": good, "reasons": [{"x": 1}]}),
        # unique keys: a code the store holds under another id; a new code twice in the page
        _change("reference_values", {"kind": "channel", "code": "walk_in", **labels}),
        _change(
            "reference_values", {"kind": "channel", "code": "pigeon", **labels}, created_at=later
        ),
        _change("reference_values", {"kind": "channel", "code": "pigeon", **labels}),
    ]
    page = PullResponse(epoch="e", next_cursor=99, has_more=False, changes=changes)
    with caplog.at_level(logging.WARNING, logger="sync.replica"), store.session() as s:
        s.info["replicating"] = True
        assert replica.apply_changes(s, page) == 10
        state.write(s, state.CURSOR, str(page.next_cursor))
    assert SECRET not in caplog.text and "\u202e" not in caplog.text
    assert str(changes[2].id) in caplog.text and "persons" in caplog.text
    with store.session() as s:
        kept = s.get(Person, known)
        assert kept is not None and (kept.citizenships, kept.notes) == (["EG"], "")
        assert s.get(Person, good) is not None and s.get(Person, bad) is None
        visits = set(s.scalars(select(Visit.id)))
        assert visits == {changes[4].id}
        codes = s.execute(
            select(ReferenceValue.id, ReferenceValue.code).where(ReferenceValue.kind == "channel")
        ).all()
        assert (changes[-1].id, "pigeon") in codes and len(codes) == len(set(codes))
        assert uuid5_for("ref:channel", "walk_in") in {i for i, _ in codes}
        assert not {changes[-3].id, changes[-2].id} & {i for i, _ in codes}
        assert s.scalar(select(OutboxEntry.op_seq)) is None  # replicated: nothing to push
        assert state.read(s, state.CURSOR) == "99"


def test_desk_leaves_out_changes_that_do_not_match_the_protocol() -> None:
    good = _change("persons", {"given_name": "Good"}).model_dump(mode="json")
    body = {
        "epoch": "e", "next_cursor": 5, "has_more": False,
        "changes": [
            good,
            {**good, "id": "not-a-uuid"},
            {**good, "entity": "passwords"},
            {**good, "seq": "soon"},
            [SECRET],
        ],
    }  # fmt: skip
    page, left_out = replica.read_page(body)
    assert left_out == 4 and [c.id for c in page.changes] == [good["id"]]
    assert page.next_cursor == 5
    with pytest.raises(ValueError):
        replica.read_page({"epoch": "e", "changes": "none"})


# ===================================================================== d) anything at all
SPECIAL: list[Any] = [
    "", "EG", "ar", "refugee", "walk_in", "2026-01-01", "2026-01-01T10:00:00", "acli",
    "\ud800", "\udfff", "\x00", "a\u202eb", "\u2066", "x" * 20_001, "\U0001f600" * 60,
    2**63, -(2**63) - 1, 2**31, 0, 1.5, float("nan"), float("inf"), True, False, None,
    ["EG"] * 11, ["ar"] * (MAX_JSON_ITEMS + 1), ["EG", "MA"], ["ar", "fr"], ["same_name"],
    ["passport"], {"k": "v"}, [["x"]], [[["x"]]], "0190d7a8-0000-7000-8000-000000000000",
]  # fmt: skip
chars = st.characters(codec=None) | st.characters(categories=["Cs"])
scalars = (
    st.none() | st.booleans() | st.integers() | st.floats()
    | st.text(chars, max_size=30) | st.sampled_from(SPECIAL)
)  # fmt: skip
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=60)
        | st.dictionaries(st.text(chars, max_size=8), inner, max_size=4)
    ),
    max_leaves=80,
)
FIELDS = [(entity, name) for entity, e in ENTITIES.items() for name in e.fields]
# odd but valid text: any script, marks, emoji, bidi controls (free text allows them)
odd_chars = st.characters(codec="utf-8", exclude_characters="\x00")
id_chars = st.characters(codec="utf-8", exclude_categories=["Cc"]).filter(
    lambda c: not ("\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069")
)
CODE_ITEMS = {
    "citizenships": st.sampled_from(["EG", "MA", "SY", "BD", "ZZ"]),
    "languages": st.sampled_from(["ar", "fr", "ur", "wol", "it"]),
    "what_to_bring": st.sampled_from(["passport", "tax_code", "cv", "a.b-c_1"]),
    "reasons": st.sampled_from(["same_name", "same_phone", "similar_name"]),
}


def plausible(entity: str, name: str) -> st.SearchStrategy[Any]:
    """Values of the field's own type, at its edges: most pass the checks, so the server
    merges and stores them and every desk must take them."""
    column = ENTITIES[entity].table.columns[name]
    kind = column.type
    found: st.SearchStrategy[Any]
    if isinstance(kind, Boolean):
        found = st.booleans()
    elif isinstance(kind, Integer | BigInteger):
        found = st.integers(-(2**63), 2**63 - 1) | st.integers(1900, 2030)
    elif isinstance(kind, DateTime):
        found = st.datetimes().map(lambda d: d.isoformat())
    elif isinstance(kind, Date):
        found = st.dates().map(lambda d: d.isoformat())
    elif name in CODE_ITEMS:
        found = st.lists(CODE_ITEMS[name], max_size=10)
    elif isinstance(kind, JSON):
        found = json_values
    elif isinstance(kind, Text) or not kind.length:
        found = st.text(odd_chars, max_size=300)
    elif name in FREE_TEXT:
        found = st.text(odd_chars, max_size=kind.length)
    else:
        found = st.text(id_chars, max_size=kind.length)
    return found | st.none() if column.nullable else found


def test_arbitrary_values_in_every_field_never_break_sync(world: World, caplog: Any) -> None:
    """Any JSON value in any field of any entity, as a new row or an update: 4xx, or 200
    and what the server stored validates; never a 5xx; every desk still syncs and finds
    valid every value the server accepted. (The server does not check that a reference
    points at an existing row, nor that a referral number is unused: the desk refuses such
    rows on pull, by their missing parent or their taken key, and goes on.)"""
    central = world.central
    fresh = _new_desk(central, central.data_dir, f"acli-{uuid7()[-6:]}", "acli")
    updates = {
        "sync_conflicts": world.conflict,
        "duplicate_flags": world.flag,
        "services": uuid5_for("service", "mwc_family_reunification"),
        "desks": uuid5_for("desk", "acli"),
        "reference_values": uuid5_for("ref:channel", "walk_in"),
    }
    statuses: list[int] = []

    @given(field=st.sampled_from(FIELDS), data=st.data(), as_insert=st.booleans())
    @settings(max_examples=120, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    def probe(field: tuple[str, str], data: st.DataObject, as_insert: bool) -> None:
        entity, name = field
        value = data.draw(json_values | plausible(entity, name), label="value")
        check(entity, name, value, as_insert)

    def check(entity: str, name: str, value: Any, as_insert: bool) -> None:
        if as_insert and entity in world.inserts:
            mutation = fresh_insert(world, entity, {name: value})
        else:
            row = updates.get(entity) or world.inserts[entity]["row_id"]
            mutation = update(entity, row, {name: value}, hlc_now())
        answer = post(world, [mutation])
        statuses.append(answer.status_code)
        assert answer.status_code < 500, (entity, name, answer.status_code)
        if answer.status_code == 200:
            stored = central.run(lambda s: (r := s.get(Record, mutation["row_id"])) and r.data)
            if stored is not None:  # refused as a whole desk transaction: nothing stored
                assert wire_data(entity, mutation["row_id"], stored) is not None, (entity, name)
                normalise(entity, stored)

    try:
        for entity, name, value, as_insert in (
            ("persons", "citizenships", ["\ud800"], True),
            ("persons", "citizenships", ["SY"], True),
            ("persons", "given_name", "\u202bمحمد\u202c", True),
            ("reference_values", "label_it", "\u202bتجربة", False),
            ("sync_conflicts", "status", "resolved", False),
            ("visits", "at", 0, True),
            ("household_members", "linked_person_id", uuid7(), True),  # no such person
            ("referrals", "reason", "same number as another", True),
        ):
            check(entity, name, value, as_insert)
        probe()
        assert 200 in statuses and 422 in statuses, statuses
        for name in world.desks:
            assert pull_answer(world, name).status_code == 200
        with caplog.at_level(logging.WARNING, logger="sync.replica"):
            for desk in (*world.desks.values(), fresh):
                desk.sync()
        assert "not valid" not in caplog.text and "protocol" not in caplog.text
    finally:
        fresh.store.lock()
    assert "Traceback" not in central.log.read_text(errors="replace")
