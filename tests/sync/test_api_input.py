"""Bad input at the HTTP API: refused with a stable code, never echoing personal values,
never changing anything; scope enforced per entity both ways; fuzzed from the OpenAPI."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from sqlalchemy import create_engine, func, select

from models.clock import utcnow
from models.errors import CorruptStore, DeviceRevoked, UnknownOperator, ValidationFailed
from models.people import (
    DocumentForm,
    HouseholdForm,
    add_document,
    add_household_member,
    record_vulnerability,
)
from models.referrals import SENT, change_status, create_referral
from models.schema import Consultation, Need, OutboxEntry, Person, Visit
from sync import client, enrolment
from sync import state as sync_state
from sync.entities import ENTITIES
from sync.protocol import MAX_BODY_BYTES, PROTOCOL_HEADER
from sync.server import admin
from sync.server.api import create_app
from sync.server.schema import AppliedBatch, AppliedMutation, Counter, Device, Record
from tests.conftest import ADMIN_PASSWORD, FAST_KDF
from tests.models.service_helpers import add_person, share
from tests.sync.fixtures import STAFF_PASSWORD, Central, Desk, _central

SECRET_NAME = "Qelmira Vostrikova-Secret"  # a personal value: must never come back


def new_id() -> str:
    return str(uuid.uuid4())


def credential(desk: Desk) -> str:
    return sync_state.credential(desk.store)


def headers(desk: Desk, version: str = "2") -> dict[str, str]:
    return {"Authorization": f"Bearer {credential(desk)}", PROTOCOL_HEADER: version}


def outbox_mutations(desk: Desk) -> list[dict[str, Any]]:
    with desk.session() as s:
        rows = s.scalars(select(OutboxEntry).order_by("op_seq"))
        return [client.mutation(r).model_dump() for r in rows]


def snapshot(central: Central) -> tuple[int, ...]:
    """Counts and the commit sequence: equal snapshots, nothing written."""

    def work(s: Any) -> tuple[int, ...]:
        tables = (Record, AppliedMutation, AppliedBatch)
        counts = [s.scalar(select(func.count()).select_from(t)) for t in tables]
        return (*counts, s.scalar(select(Counter.value)))

    result: tuple[int, ...] = central.run(work)
    return result


def push(central: Central, desk: Desk, mutations: list[dict[str, Any]], **kw: Any) -> Any:
    body = {"batch_id": new_id(), "mutations": mutations}
    return requests.post(
        f"{central.url}/v1/push", json=body, headers=headers(desk, **kw), timeout=30
    )


def update(entity: str, row_id: str, fields: dict[str, Any], hlc: int = 1) -> dict[str, Any]:
    return {
        "mutation_id": new_id(),
        "tx_id": new_id(),
        "entity": entity,
        "row_id": row_id,
        "op": "update",
        "fields": fields,
        "hlc": hlc,
    }


def hlc_now() -> int:
    return (int(utcnow().timestamp() * 1000) << 16) + 1


def one_row_of_every_entity(desk: Desk, **person: Any) -> str:
    """A person at ``desk`` with one row of every entity hanging off them (household,
    document, vulnerability, visit, need, consultation, consent, a sent referral and its
    events); returns the person's id."""
    actor = desk.admin
    pid = add_person(desk.store, actor, given_name="Ngozi", family_name="Obi", **person)
    share(desk.store, actor, pid)
    with desk.session() as s:
        add_household_member(s, actor, pid, HouseholdForm("spouse", "Chidi", "Obi"))
        add_document(s, actor, pid, DocumentForm("passport", "X123", "Nigeria"))
        record_vulnerability(s, actor, pid, "disability", "stated by the person")
        visit = Visit(person_id=pid, desk_code=desk.store.desk, at=utcnow(), channel="walk_in",
                      operator="anna")  # fmt: skip
        s.add(visit)
        s.flush()
        s.add(Need(person_id=pid, visit_id=visit.id, service_code="mwc_family_reunification",
                   description="reunification"))  # fmt: skip
        s.add(Consultation(person_id=pid, advisor="anna", at=utcnow(), topic="asylum",
                           question="q", advice="a"))  # fmt: skip
        referral = create_referral(s, actor, pid, "mwc_family_reunification", "reason")
        change_status(s, actor, referral.id, SENT)
    return pid


# ===================================================================== malformed bodies
def test_malformed_json_and_oversized_bodies(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central, "acli")
    before = snapshot(central)
    h = {**headers(desk), "Content-Type": "application/json"}
    for raw in (b"{not json", b"[]", b'{"batch_id": 1', b"\xff\xfe"):
        answer = requests.post(f"{central.url}/v1/push", data=raw, headers=h, timeout=30)
        assert answer.status_code == 422, (raw, answer.text)
        assert answer.json()["code"] == "invalid_payload"
    big = b'{"batch_id": "' + b"x" * MAX_BODY_BYTES + b'"}'
    answer = requests.post(f"{central.url}/v1/push", data=big, headers=h, timeout=60)
    assert answer.status_code == 413 and answer.json()["code"] == "body_too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer encoding
        yield b'{"batch_id": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"y" * 65536
        yield b'"}'

    answer = requests.post(f"{central.url}/v1/push", data=chunks(), headers=h, timeout=60)
    assert answer.status_code == 413 and answer.json()["code"] == "body_too_large"
    assert snapshot(central) == before


def test_wrong_types_name_fields_never_values(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central, "acli")
    add_person(desk.store, desk.admin, given_name="Lamin", family_name="Jatta")
    good = outbox_mutations(desk)[0]
    before = snapshot(central)
    bad = {
        **good,
        "fields": {
            **good["fields"],
            "family_name": [SECRET_NAME],
            "birth_date": SECRET_NAME,
            "restricted": "yes " + SECRET_NAME,
            "salary": SECRET_NAME,
        },
    }
    answer = push(central, desk, [bad])
    assert answer.status_code == 422
    body = answer.json()
    assert body["code"] == "invalid_payload"
    named = " ".join(body["errors"])
    for field_name in ("family_name", "birth_date", "restricted", "salary"):
        assert field_name in named
    assert SECRET_NAME not in answer.text and "Vostrikova" not in answer.text
    # wrong envelope types and an unknown entity
    for mutation in (
        {**good, "entity": "passwords"},
        {**good, "hlc": "soon"},
        {**good, "op": "drop_table"},
        {**good, "row_id": SECRET_NAME},
        {**good, "fields": {}},
    ):
        answer = push(central, desk, [mutation])
        assert answer.status_code == 422, answer.text
        assert SECRET_NAME not in answer.text
    hello = requests.post(
        f"{central.url}/v1/hello",
        json={"client_time_ms": SECRET_NAME},
        headers=headers(desk),
        timeout=30,
    )
    assert hello.status_code == 422 and "client_time_ms" in " ".join(hello.json()["errors"])
    assert SECRET_NAME not in hello.text
    assert snapshot(central) == before


# ===================================================================== scope and replay
def test_out_of_scope_writes_are_refused_whole(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    acli = make_desk(central, "acli")
    quarenghi = make_desk(central, "quarenghi")
    theirs = add_person(acli.store, acli.admin, family_name="Owned")
    acli.sync()
    quarenghi.sync()
    mine = add_person(quarenghi.store, quarenghi.admin, family_name="Mine")
    insert_mine = outbox_mutations(quarenghi)
    before = snapshot(central)

    visit = {
        "mutation_id": new_id(),
        "tx_id": new_id(),
        "entity": "visits",
        "row_id": new_id(),
        "op": "insert",
        "fields": {
            "person_id": theirs, "desk_code": "quarenghi", "at": "2026-11-20T10:00:00",
            "channel": "walk_in", "first_time": False, "language": "", "mediator_called": False,
            "operator": "anna", "notes": "", "deleted": False,
        },
        "hlc": hlc_now(),
    }  # fmt: skip
    edit = update("persons", theirs, {"notes": "taken over"}, hlc_now())
    for batch in ([edit], [visit], [*insert_mine, edit]):
        answer = push(central, quarenghi, batch)
        assert answer.status_code == 403, answer.text
        body = answer.json()
        assert body["code"] == "out_of_scope"
        assert set(body["mutation_ids"]) == {m["mutation_id"] for m in batch} - {
            m["mutation_id"] for m in insert_mine
        }
        assert snapshot(central) == before  # not even the in-scope part of the batch
    # the desk moves refused changes aside (visible, not dropped) and keeps syncing
    with quarenghi.session() as s:
        s.get(Person, mine).notes = "still mine"
    report = quarenghi.sync()
    assert report.rejected == 0
    assert central.run(lambda s: s.get(Record, mine).data["notes"]) == "still mine"
    assert central.run(lambda s: s.get(Record, theirs).data.get("notes")) == ""


def test_replayed_batch_gets_the_same_answer_and_changes_nothing(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central, "acli")
    for i in range(3):
        add_person(desk.store, desk.admin, family_name=f"Replay{i}")
    body = {"batch_id": new_id(), "mutations": outbox_mutations(desk)}
    url, h = f"{central.url}/v1/push", headers(desk)
    first = requests.post(url, json=body, headers=h, timeout=30)
    assert first.status_code == 200
    assert [r["status"] for r in first.json()["results"]] == ["applied"] * 3
    after_first = snapshot(central)
    again = requests.post(url, json=body, headers=h, timeout=30)
    assert again.status_code == 200 and again.json() == first.json()
    assert snapshot(central) == after_first
    # the same mutations in another batch: duplicate, still nothing applied twice
    other = requests.post(url, json={**body, "batch_id": new_id()}, headers=h, timeout=30)
    assert [r["status"] for r in other.json()["results"]] == ["duplicate"] * 3
    snap = snapshot(central)
    assert snap[0] == after_first[0] and snap[1] == after_first[1]  # records, mutations


# ===================================================================== protocol and credentials
def test_protocol_versions(central: Central, make_desk: Callable[..., Desk]) -> None:
    desk = make_desk(central, "acli")
    hello = {"client_time_ms": 1}
    for version in ("5", "0", "two", ""):
        h = headers(desk, version)
        answer = requests.post(f"{central.url}/v1/hello", json=hello, headers=h, timeout=30)
        assert answer.status_code == 426 and answer.json()["code"] == "upgrade_required"
    h = {"Authorization": headers(desk)["Authorization"]}
    answer = requests.post(f"{central.url}/v1/hello", json=hello, headers=h, timeout=30)
    assert answer.status_code == 426
    # protocol 1: a mutation's fields were called "values"
    pid = add_person(desk.store, desk.admin, family_name="Old Client")
    old = []
    for m in outbox_mutations(desk):
        m["values"] = m.pop("fields")
        old.append(m)
    answer = push(central, desk, old, version="1")
    assert answer.status_code == 200, answer.text
    assert [r["status"] for r in answer.json()["results"]] == ["applied"]
    assert central.run(lambda s: s.get(Record, pid).data["family_name"]) == "Old Client"


def test_credentials_are_checked(central: Central, make_desk: Callable[..., Desk]) -> None:
    desk = make_desk(central, "acli")
    device = credential(desk).split(".")[0]
    url = f"{central.url}/v1/pull"
    for auth in (None, "Bearer", "Bearer nonsense", f"Bearer {device}.wrong", "Basic Zm9vOmJhcg=="):
        h = {PROTOCOL_HEADER: "2", **({"Authorization": auth} if auth else {})}
        answer = requests.get(url, headers=h, timeout=30)
        assert answer.status_code == 401, (auth, answer.text)
        assert answer.json()["code"] in ("credential_missing", "credential_invalid")
    assert requests.get(url, headers=headers(desk), timeout=30).status_code == 200


def test_revoked_device_stops_syncing_and_keeps_its_outbox(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central, "acli")
    desk.sync()
    device = credential(desk).split(".")[0]
    central.run(lambda s: admin.revoke(s, device, wipe=False))
    add_person(desk.store, desk.admin, family_name="Pending")
    answer = requests.get(f"{central.url}/v1/pull", headers=headers(desk), timeout=30)
    assert answer.status_code == 403 and answer.json()["code"] == "device_revoked"
    report = desk.client.sync()
    assert not report.ok and report.error == "device_revoked"
    state = sync_state.status(desk.store)
    assert state.revoked and state.pending == 1
    seen = central.run(lambda s: s.get(Device, device).last_seen_at)
    again = client.SyncClient(desk.store).sync()  # a fresh client does not call at all
    assert again.error == "device_revoked"
    assert central.run(lambda s: s.get(Device, device).last_seen_at) == seen
    assert sync_state.status(desk.store).pending == 1


def test_a_revoked_computer_opens_with_no_password_but_keeps_its_work(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    """Once the desk learns it was revoked, the store is sealed to the recovery key alone;
    the recovery key opens it again, with the unsynced work, ready to be enrolled anew."""
    desk = make_desk(central, "acli")
    files = desk.store.files
    desk.store.add_operator("omar", "desk_operator", ADMIN_PASSWORD)
    desk.sync()
    before = files.keyfile_path.read_bytes()
    device = credential(desk).split(".")[0]
    central.run(lambda s: admin.revoke(s, device, wipe=False))
    add_person(desk.store, desk.admin, family_name="Pending")
    report = desk.client.sync()
    assert report.error == "device_revoked" and report.revoked
    desk.store.lock()
    for login in ("anna", "omar"):
        with pytest.raises(DeviceRevoked):
            files.unlock(login, ADMIN_PASSWORD)
    # The key file from before, put back, holds only the old key: the database refuses it.
    sealed = files.keyfile_path.read_bytes()
    files.keyfile_path.write_bytes(before)
    with pytest.raises(CorruptStore):
        files.unlock("omar", ADMIN_PASSWORD)
    files.keyfile_path.write_bytes(sealed)
    with pytest.raises(ValidationFailed):  # only an administrator is reset on a revoked desk
        files.reset_password(desk.recovery_key, "omar", "omar picks a long new sentence")
    assert files.keyfile_path.read_bytes() == sealed
    files.reset_password(desk.recovery_key, "anna", "anna picks a long new sentence")
    store = files.unlock("anna", "anna picks a long new sentence")
    try:
        state = sync_state.status(store)
        assert not state.enrolled and not state.revoked and state.pending == 1
        with pytest.raises(UnknownOperator):  # omar gets a new password from anna
            files.unlock("omar", ADMIN_PASSWORD)
    finally:
        store.lock()


def test_device_marked_for_wipe_destroys_the_store(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central, "acli")
    add_person(desk.store, desk.admin, given_name="Wiped", family_name=SECRET_NAME)
    desk.sync()
    files = desk.store.files
    device = credential(desk).split(".")[0]
    central.run(lambda s: admin.revoke(s, device, wipe=True))
    report = desk.client.sync()
    assert report.wiped
    assert desk.store.is_locked
    leftovers = [p for p in Path(files.data_dir).rglob("*") if p.is_file()]
    for path in (files.db_path, files.keyfile_path):
        assert not path.exists()
    for path in leftovers:  # nothing left on disk holds the person in plaintext
        assert SECRET_NAME.encode() not in path.read_bytes(), path.name


# ===================================================================== authorisation matrix
ENTITIES_UNDER_TEST = (
    "persons", "household_members", "identity_documents", "vulnerabilities", "visits",
    "needs", "referrals", "referral_events", "consents", "consultations",
)  # fmt: skip


@pytest.fixture(scope="module")
def two_desks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """acli and quarenghi on one SQLite server; quarenghi holds one row of every entity."""
    from models.store import DeskStore
    from tests.conftest import ADMIN_PASSWORD

    base = tmp_path_factory.mktemp("matrix")
    gen = _central(base, "sqlite")
    central = next(gen)
    desks: dict[str, Desk] = {}
    for code in ("acli", "quarenghi"):
        store = DeskStore(base / code, kdf=FAST_KDF).create(code, "anna", ADMIN_PASSWORD).store
        enrolment.enrol(store, store.actor, central.url, central.code(code), code)
        desks[code] = Desk(store, store.actor, client.SyncClient(store))
    q = desks["quarenghi"]
    pid = one_row_of_every_entity(q)
    rows: dict[str, list[dict[str, Any]]] = {}
    for m in outbox_mutations(q):
        if m["op"] == "insert":
            rows.setdefault(m["entity"], []).append(m)
    assert set(ENTITIES_UNDER_TEST) <= set(rows), set(ENTITIES_UNDER_TEST) - set(rows)
    q.sync()
    desks["acli"].sync()
    yield {"central": central, "desks": desks, "rows": rows, "person": pid, "birth": date.today()}
    for desk in desks.values():
        desk.store.lock()
    next(gen, None)


@pytest.mark.parametrize("entity", ENTITIES_UNDER_TEST)
def test_desk_can_neither_read_nor_write_another_desks_people(
    two_desks: dict[str, Any], entity: str
) -> None:
    central: Central = two_desks["central"]
    acli: Desk = two_desks["desks"]["acli"]
    theirs: list[dict[str, Any]] = two_desks["rows"][entity]
    ids = {m["row_id"] for m in theirs}
    # read: neither the raw pull from the start nor the desk's store has their rows
    pulled = requests.get(
        f"{central.url}/v1/pull", params={"cursor": 0, "limit": 5000}, headers=headers(acli),
        timeout=30,
    ).json()  # fmt: skip
    assert not ids & {c["id"] for c in pulled["changes"]}
    assert not any(two_desks["person"] in str(c["data"]) for c in pulled["changes"])
    model = ENTITIES[entity].table
    with acli.session() as s:
        assert s.execute(select(model.c.id).where(model.c.id.in_(ids))).first() is None
    # write: an update of their row, a tombstone, and a new row hanging off their person
    before = snapshot(central)
    original = theirs[0]
    field_name = next(f for f in original["fields"] if f not in ("deleted", "person_id"))
    attempts = [
        [
            update(
                entity, original["row_id"], {field_name: original["fields"][field_name]}, hlc_now()
            )
        ],
        [{**update(entity, original["row_id"], {"deleted": True}, hlc_now()), "op": "delete"}],
    ]
    if entity != "persons":
        attempts.append(
            [{**original, "mutation_id": new_id(), "row_id": new_id(), "hlc": hlc_now()}]
        )
    for batch in attempts:
        answer = push(central, acli, batch)
        assert answer.status_code == 403, (entity, answer.text)
        assert answer.json()["code"] == "out_of_scope"
    assert snapshot(central) == before


# ===================================================================== fuzzing
# The schema comes from the application object (the same one ``/openapi.json`` serves;
# the test checks they agree), so the operations are known when tests are collected.
schema = schemathesis.openapi.from_dict(create_app(create_engine("sqlite://")).openapi())


@pytest.fixture
def fuzz_auth(central: Central, make_desk: Callable[..., Desk]) -> dict[str, str]:
    desk = make_desk(central, "acli")
    add_person(desk.store, desk.admin, family_name="Fuzz")
    desk.sync()
    served = requests.get(f"{central.url}/openapi.json", timeout=30).json()
    assert served["paths"].keys() == schema.raw_schema["paths"].keys()
    return headers(desk)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_fuzzed_requests_never_cause_a_server_error(
    case: Any, central: Central, fuzz_auth: dict[str, str]
) -> None:
    response = case.call(base_url=central.url, headers=fuzz_auth, timeout=30)
    assert response.status_code < 500, (case.method, case.path, response.status_code)
    case.validate_response(response, checks=[not_a_server_error])


# ===================================================================== well-formed, odd values
odd_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
odd_text = odd_text | st.sampled_from(["\x00", "a\x00b", "\ud800", "\U0001f600" * 10, "é" * 200])
odd_int = st.integers() | st.sampled_from([2**63, -(2**63) - 1, 2**31, 2**64])


def test_well_formed_changes_with_odd_values_never_cause_a_server_error(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    """Mutations the schema accepts, with values at the edges (NUL, lone surrogates, huge
    integers, foreign ids): answered without a 5xx, and whatever the server accepted a
    second device of the desk can pull and store."""
    desk = make_desk(central, "acli", "one")
    other = make_desk(central, "acli", "two")
    add_person(desk.store, desk.admin, family_name="Template")
    template = outbox_mutations(desk)[0]
    url, h = f"{central.url}/v1/push", headers(desk)
    statuses: list[int] = []

    @given(
        name=odd_text,
        notes=odd_text,
        year=odd_int,
        person_ref=st.sampled_from(["", "\x00" * 36, "x" * 36]) | odd_text,
    )
    @example(name="a", notes="b", year=2**64, person_ref="")
    @example(name="a", notes="b", year=-(2**63) - 1, person_ref="")
    @example(name="a\x00b", notes="\x00", year=1990, person_ref="")
    @example(name="\ud800", notes="x", year=1990, person_ref="")
    @example(name="a", notes="b", year=1990, person_ref="\x00" * 36)
    @settings(
        max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def probe(name: str, notes: str, year: int, person_ref: str) -> None:
        pid = new_id()
        person = {
            **template,
            "mutation_id": new_id(),
            "tx_id": new_id(),
            "row_id": pid,
            "fields": {
                **template["fields"],
                "given_name": name,
                "notes": notes,
                "birth_year": year,
            },
        }
        member = {
            "mutation_id": new_id(),
            "tx_id": person["tx_id"],
            "entity": "household_members",
            "row_id": new_id(),
            "op": "insert",
            "fields": {
                "person_id": person_ref or pid, "relationship_code": "child",
                "given_name": name, "family_name": notes, "birth_year": year,
                "lives_in": "abroad", "country": "SN", "dependent": True, "deleted": False,
            },
            "hlc": template["hlc"],
        }  # fmt: skip
        body = json.dumps({"batch_id": new_id(), "mutations": [person, member]})
        answer = requests.post(
            url, data=body, headers={**h, "Content-Type": "application/json"}, timeout=30
        )
        statuses.append(answer.status_code)
        assert answer.status_code < 500, answer.text

    probe()
    assert 200 in statuses or 403 in statuses or 422 in statuses
    report = other.client.sync()  # every accepted value can be stored by another device
    assert report.ok, report.error


def test_nul_characters_are_refused_everywhere(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    """PostgreSQL text cannot hold NUL: every way in refuses it with a 4xx, never a 500."""
    desk = make_desk(central, "acli")
    central.add_staff("giulia", ["mwc_family_reunification"])
    h = headers(desk)
    nul = "\x00"
    answers = [
        requests.get(
            f"{central.url}/v1/pull", params={"epoch": nul, "cursor": 0}, headers=h, timeout=30
        ),
        requests.post(
            f"{central.url}/v1/enrol",
            json={"code": central.code("acli"), "desk": "acli", "device_name": f"pc{nul}"},
            headers={PROTOCOL_HEADER: "2"},
            timeout=30,
        ),
        requests.post(
            f"{central.url}/v1/hello",
            json={"client_time_ms": 1, "schema_version": nul},
            headers=h,
            timeout=30,
        ),
        requests.get(f"{central.url}/v1/staff/referrals", auth=(f"giulia{nul}", "x"), timeout=30),
        requests.get(
            f"{central.url}/v1/staff/referrals",
            params={"status": nul},
            auth=("giulia", STAFF_PASSWORD),
            timeout=30,
        ),
        requests.post(
            f"{central.url}/v1/staff/referrals/A%00B/status",
            json={"status": "accepted", "note": nul},
            auth=("giulia", STAFF_PASSWORD),
            timeout=30,
        ),
    ]
    failed = [(a.request.method, a.request.url) for a in answers if a.status_code >= 500]
    assert not failed
