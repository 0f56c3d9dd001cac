"""The central server's trust boundary, tried as an attacker with one enrolled desk would:
no desk reaches another desk's people without both desks' approval and the person's
consent, forges what it does not own, or leaves an erasure half done. Each test names the
path it closes (issue 9); all run on SQLite and PostgreSQL against the real server."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import requests
from sqlalchemy import select

from models.clock import utcnow
from models.gdpr import erase_person
from models.referrals import SENT, change_status, create_referral
from models.schema import (
    Consultation,
    DuplicateFlag,
    Person,
    Referral,
    ReferralEvent,
    RejectedChange,
    SyncConflict,
    Visit,
)
from sync.entities import defaults
from sync.server import scope
from sync.server.schema import AuditEvent, Record
from tests.models.service_helpers import add_person, share
from tests.sync.checks import assert_replica_equals_server
from tests.sync.fixtures import STAFF_PASSWORD, Central, Desk
from tests.sync.test_api_input import hlc_now, new_id, outbox_mutations, push, update


def _pair(central: Central, make_desk: Callable[..., Desk], consent: bool = True) -> Any:
    """Two desks that registered the same man; both synced, each holds a flag."""
    acli = make_desk(central, "acli")
    quarenghi = make_desk(central, "quarenghi")
    a = add_person(acli.store, acli.admin, given_name="Mohamed", family_name="Hassan",
                   birth_date=date(1990, 4, 2), notes="ACLI's file")  # fmt: skip
    b = add_person(quarenghi.store, quarenghi.admin, given_name="Muhammad", family_name="Hasan",
                   birth_date=date(1990, 4, 2), notes="Quarenghi's file")  # fmt: skip
    share(acli.store, acli.admin, a)
    if consent:
        share(quarenghi.store, quarenghi.admin, b)
    acli.sync()
    quarenghi.sync()
    acli.sync()
    with acli.session() as s:
        [flag] = s.scalars(select(DuplicateFlag))
        flag_id = flag.id
    return acli, quarenghi, a, b, flag_id


def _decide(desk: Desk, flag_id: str, survivor: str) -> None:
    """A coordinator at ``desk`` asks for the merge (the change a desk sends)."""
    with desk.session() as s:
        flag = s.get(DuplicateFlag, flag_id)
        assert flag is not None
        flag.status, flag.survivor, flag.decided_by = "merge_requested", survivor, "anna"


def _server(central: Central, row_id: str) -> dict[str, Any]:
    data: dict[str, Any] = central.run(lambda s: dict(s.get(Record, row_id).data))
    return data


def _audit(central: Central) -> list[tuple[str, str, str]]:
    rows = central.run(
        lambda s: [(e.action, e.desk, e.record_id) for e in s.scalars(select(AuditEvent))]
    )
    return list(rows)


def _has(desk: Desk, person_id: str) -> bool:
    with desk.session() as s:
        return s.get(Person, person_id) is not None


# ===================================================================== 1. merge takeover
def test_flags_carry_no_label_and_only_their_decision_is_writable(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    acli, _quarenghi, a, b, flag_id = _pair(central, make_desk)
    with acli.session() as s:
        flag = s.get(DuplicateFlag, flag_id)
        assert (flag.label_a, flag.label_b) == ("", "")  # no name, year or desk of theirs
    before = _server(central, flag_id)
    for fields in ({"person_b": a}, {"person_a": new_id()}, {"label_b": "x"}, {"score": 100},
                   {"status": "merged"}, {"deleted": True}):  # fmt: skip
        answer = push(central, acli, [update("duplicate_flags", flag_id, fields, hlc_now())])
        assert answer.status_code == 200, answer.text
        [result] = answer.json()["results"]
        assert result["status"] == "rejected", fields
        assert result["reason"] in ("server_owned", "already_decided"), fields
    assert _server(central, flag_id) == before
    acli.sync()
    assert not _has(acli, b)


def test_a_merge_needs_both_desks(central: Central, make_desk: Callable[..., Desk]) -> None:
    acli, quarenghi, a, b, flag_id = _pair(central, make_desk)
    _decide(acli, flag_id, a)
    acli.sync()
    acli.sync()
    assert not _has(acli, b), "one desk alone must not receive the other's file"
    flag = _server(central, flag_id)
    assert (flag["status"], flag["decided_by"], flag["survivor"]) == ("merge_requested", "acli", a)
    quarenghi.sync()
    with quarenghi.session() as s:
        waiting = s.get(DuplicateFlag, flag_id)
        assert (waiting.status, waiting.decided_by) == ("merge_requested", "acli")
    _decide(quarenghi, flag_id, a)
    quarenghi.sync()
    acli.sync()
    for desk in (acli, quarenghi):
        with desk.session() as s:
            other = s.get(Person, b)
            assert other is not None and other.merged_into == a
    actions = _audit(central)
    assert ("merge_approved", "acli", flag_id) in actions
    assert ("merge_approved", "quarenghi", flag_id) in actions
    assert any(action == "merge_done" and rid == flag_id for action, _, rid in actions)
    listed = subprocess.run(
        [sys.executable, "-m", "sync.server.cli", "--database-url", central.database_url,
         "audit", "--action", "merge_approved"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert listed.stdout.count(flag_id) == 2
    assert "Hassan" not in listed.stdout and "Hasan" not in listed.stdout


def test_a_merge_needs_the_consent_to_share(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    acli, quarenghi, a, b, flag_id = _pair(central, make_desk, consent=False)
    _decide(acli, flag_id, a)
    acli.sync()
    quarenghi.sync()
    _decide(quarenghi, flag_id, a)
    report = quarenghi.sync()
    assert report.rejected == 1
    with quarenghi.session() as s:
        [refused] = s.scalars(select(RejectedChange))
        assert refused.reason == "consent_required"
    acli.sync()
    assert not _has(acli, b) and not _has(quarenghi, a)
    share(quarenghi.store, quarenghi.admin, b)
    _decide(quarenghi, flag_id, a)
    quarenghi.sync()
    acli.sync()
    assert _has(acli, b) and _has(quarenghi, a)


def test_a_central_coordinator_can_approve_for_the_other_desk(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    acli, quarenghi, a, b, flag_id = _pair(central, make_desk)
    central.add_staff("marco", [], role="coordinator")
    central.add_staff("giulia", ["mwc_family_reunification"])
    url = f"{central.url}/v1/staff/duplicates"
    listed = requests.get(url, auth=("marco", STAFF_PASSWORD), timeout=10)
    assert listed.status_code == 200 and [f["id"] for f in listed.json()] == [flag_id]
    assert requests.get(url, auth=("giulia", STAFF_PASSWORD), timeout=10).status_code == 403
    _decide(acli, flag_id, a)
    acli.sync()
    staff = requests.post(f"{url}/{flag_id}/approve", json={"survivor": a},
                          auth=("giulia", STAFF_PASSWORD), timeout=10)  # fmt: skip
    assert staff.status_code == 403
    approved = requests.post(f"{url}/{flag_id}/approve", json={"survivor": a},
                             auth=("marco", STAFF_PASSWORD), timeout=10)  # fmt: skip
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "merged"
    acli.sync()
    quarenghi.sync()
    assert _has(acli, b) and _has(quarenghi, a)
    assert ("merge_approved", "", flag_id) in _audit(central)  # the staff user's event


# ===================================================================== 2. forged ownership
def _referral(desk: Desk, person_id: str) -> tuple[str, list[dict[str, Any]]]:
    """A referral created and sent at ``desk``, not yet pushed; its outbox mutations."""
    before = {m["mutation_id"] for m in outbox_mutations(desk)}
    with desk.session() as s:
        referral = create_referral(s, desk.admin, person_id, "mwc_family_reunification", "rf")
        rid = referral.id
    return rid, [m for m in outbox_mutations(desk) if m["mutation_id"] not in before]


def _forged(mutations: list[dict[str, Any]], entity: str, **fields: Any) -> list[dict[str, Any]]:
    """The same desk transaction with new ids and ``fields`` changed on ``entity``."""
    tx, ids = new_id(), {}
    out = []
    for m in mutations:  # new rows get new ids; rows that exist keep theirs
        ids[m["row_id"]] = new_id() if m["op"] == "insert" else m["row_id"]
    for m in mutations:
        values = {k: ids.get(v, v) if k.endswith("_id") else v for k, v in m["fields"].items()}
        if m["entity"] == entity:
            values |= fields
        out.append({**m, "mutation_id": new_id(), "tx_id": tx, "row_id": ids[m["row_id"]],
                    "fields": values})  # fmt: skip
    return out


def test_a_desk_cannot_forge_what_another_desk_or_mwc_owns(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    acli = make_desk(central, "acli")
    quarenghi = make_desk(central, "quarenghi")
    pid = add_person(acli.store, acli.admin, given_name="Fatou", family_name="Sow")
    share(acli.store, acli.admin, pid)
    acli.sync()
    theirs = add_person(quarenghi.store, quarenghi.admin, given_name="Ngozi", family_name="Obi")
    share(quarenghi.store, quarenghi.admin, theirs)
    _, their_referral = _referral(quarenghi, theirs)
    quarenghi.sync()
    their_number = next(m for m in their_referral if m["entity"] == "referrals")["fields"]["number"]
    rid, tx = _referral(acli, pid)

    forgeries = {
        "not_your_desk": _forged(tx, "referrals", from_desk="quarenghi"),
        "not_your_number": _forged(tx, "referrals", number="QU-2026-99999"),
        "status_not_yours": _forged(tx, "referrals", status="completed"),
    }
    for reason, mutations in forgeries.items():
        answer = push(central, acli, mutations)
        assert answer.status_code == 200, answer.text
        results = answer.json()["results"]
        assert {r["status"] for r in results} == {"rejected"}, reason
        assert {r["reason"] for r in results} == {reason}
        stored = central.run(
            lambda s, ids=[m["row_id"] for m in mutations if m["op"] == "insert"]: s.scalar(
                select(Record.id).where(Record.id.in_(ids))
            )
        )
        assert stored is None, reason
    # another desk's live number, as a number of its own
    answer = push(central, acli, _forged(tx, "referrals", number=their_number))
    assert {r["reason"] for r in answer.json()["results"]} == {"not_your_number"}

    visit = {"mutation_id": new_id(), "tx_id": new_id(), "entity": "visits", "row_id": new_id(),
             "op": "insert", "hlc": hlc_now(),
             "fields": {**defaults("visits"), "person_id": pid, "desk_code": "quarenghi",
                        "at": "2026-12-01T10:00:00", "channel": "walk_in",
                        "operator": "anna"}}  # fmt: skip
    [result] = push(central, acli, [visit]).json()["results"]
    assert (result["status"], result["reason"]) == ("rejected", "not_your_desk")

    acli.sync()  # the real referral, a draft of this desk, numbered in its own space
    with acli.session() as s:
        change_status(s, acli.admin, rid, SENT)
    acli.sync()
    for fields, reason in (
        ({"status": "accepted"}, "status_not_yours"),
        ({"number": "AC-2026-77777"}, "immutable_field"),
        ({"from_desk": "quarenghi"}, "immutable_field"),
        ({"appointment_place": "Via Sammartini"}, "server_owned"),
    ):
        [result] = push(central, acli, [update("referrals", rid, fields, hlc_now())]).json()[
            "results"
        ]
        assert (result["status"], result["reason"]) == ("rejected", reason), fields
    [result] = push(
        central, acli, [update("persons", pid, {"merged_into": theirs}, hlc_now())]
    ).json()["results"]
    assert (result["status"], result["reason"]) == ("rejected", "server_owned")
    event = {"mutation_id": new_id(), "tx_id": new_id(), "entity": "referral_events",
             "row_id": new_id(), "op": "insert", "hlc": hlc_now(),
             "fields": {**defaults("referral_events"), "referral_id": rid,
                        "from_status": "sent", "to_status": "accepted",
                        "at": "2026-12-01T10:00:00", "by": "mwc:giulia"}}  # fmt: skip
    [result] = push(central, acli, [event]).json()["results"]
    assert result["status"] == "rejected" and result["reason"] in (
        "server_owned",
        "status_not_yours",
    )
    assert _server(central, rid)["status"] == "sent"

    # MWC staff may not set what the desk owns
    central.add_staff("giulia", ["mwc_family_reunification"])
    number = _server(central, rid)["number"]
    for status in ("cancelled", "sent", "draft"):
        answer = requests.post(f"{central.url}/v1/staff/referrals/{number}/status",
                               json={"status": status}, auth=("giulia", STAFF_PASSWORD),
                               timeout=10)  # fmt: skip
        assert answer.status_code == 422, status
    assert _server(central, rid)["status"] == "sent"


# ===================================================================== 5. erasure bugs
def test_erasure_reaches_rows_the_desk_never_pulled(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central, "acli")
    pid = add_person(desk.store, desk.admin, given_name="Hawa", family_name="Kamara")
    share(desk.store, desk.admin, pid)
    with desk.session() as s:
        referral = create_referral(s, desk.admin, pid, "mwc_family_reunification", "reason")
        change_status(s, desk.admin, referral.id, SENT)
        number = referral.number
    desk.sync()
    central.add_staff("giulia", ["mwc_family_reunification"])
    accepted = requests.post(f"{central.url}/v1/staff/referrals/{number}/status",
                             json={"status": "accepted", "note": "call her on Monday"},
                             auth=("giulia", STAFF_PASSWORD), timeout=10)  # fmt: skip
    assert accepted.status_code == 200
    with desk.session() as s:  # before the desk pulled the staff's status event
        erase_person(s, desk.admin, pid)
    desk.sync()
    desk.sync()
    live = central.run(
        lambda s: [
            (r.entity, r.data.get("note"))
            for r in s.scalars(select(Record).where(Record.person_id == pid))
            if not r.deleted
        ]
    )
    assert live == []
    notes = central.run(lambda s: [r.data.get("note") for r in s.scalars(select(Record))])
    assert "call her on Monday" not in notes
    assert_replica_equals_server(central, desk.store)
    with desk.session() as s:
        events = list(s.scalars(select(ReferralEvent)))
        assert events and all(e.deleted and e.note == "" for e in events)


def test_erasure_with_unsynced_changes_makes_no_conflict(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    first = make_desk(central, "acli", "laptop-1")
    pid = add_person(first.store, first.admin, given_name="Aissata", family_name="Diarra",
                     phone="+39 320 111 0000", notes="first visit")  # fmt: skip
    share(first.store, first.admin, pid)
    first.sync()
    with first.session() as s:  # edited, then erased, all offline
        person = s.get(Person, pid)
        person.notes, person.phone = "second visit", "+39 320 999 0000"
        referral = create_referral(s, first.admin, pid, "mwc_family_reunification", "r")
        change_status(s, first.admin, referral.id, SENT)
    with first.session() as s:
        erase_person(s, first.admin, pid)
    report = first.sync()
    assert report.conflicts == 0 and report.rejected == 0
    conflicts = central.run(
        lambda s: s.scalars(select(Record).where(Record.entity == "sync_conflicts")).all()
    )
    assert conflicts == []
    first.sync()
    assert_replica_equals_server(central, first.store)
    with first.session() as s:
        assert list(s.scalars(select(SyncConflict))) == []
        assert s.get(Referral, referral.id).deleted


# ===================================================================== 6. legal content
def test_conflicts_on_legal_content_stay_with_the_advisors_desk(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    first = make_desk(central, "acli", "laptop-1")
    second = make_desk(central, "acli", "laptop-2")
    pid = add_person(first.store, first.admin, given_name="Omar", family_name="Farouk")
    with first.session() as s:
        s.add(Consultation(id=new_id(), person_id=pid, advisor="carla", at=utcnow(),
                           topic="asylum", question="q", advice="first advice"))  # fmt: skip
    first.sync()
    second.sync()
    with first.session() as s:
        [c] = s.scalars(select(Consultation))
        c.advice, cid = "advice on laptop 1", c.id
    with second.session() as s:
        s.get(Consultation, cid).advice = "advice on laptop 2"
    first.sync()
    assert second.sync().conflicts == 1
    [conflict] = central.run(
        lambda s: s.scalars(select(Record).where(Record.entity == "sync_conflicts")).all()
    )
    assert (conflict.scope, conflict.origin_desk) == ("desk", "acli")
    # even a desk that may see the person (after a merge) never receives it
    central.run(lambda s: scope.grant(s, "quarenghi", pid))
    seen = central.run(
        lambda s: s.scalars(
            select(Record.id).where(Record.entity == "sync_conflicts",
                                    scope.visible_to("quarenghi"))
        ).all()
    )  # fmt: skip
    assert seen == []
    # a conflict record is the server's: a desk only sends its resolution
    for fields in ({"other_value": "rewritten"}, {"kept_value": "x"}, {"row_id": pid},
                   {"status": "resolved", "resolution": "mine"}):  # fmt: skip
        [result] = push(
            central, first, [update("sync_conflicts", conflict.id, fields, hlc_now())]
        ).json()["results"]
        assert (result["status"], result["reason"]) == ("rejected", "server_owned"), fields
    assert _server(central, conflict.id)["other_value"] in ("advice on laptop 1",
                                                           "advice on laptop 2")  # fmt: skip


# ===================================================================== the matrix
# Every field that names a desk, a number space or a status, written by the desk that owns
# the record (refused: the server or MWC owns the field) and by another desk (out of scope).
OWN_WRITES: list[tuple[str, dict[str, Any], str]] = [
    ("referrals", {"from_desk": "quarenghi"}, "immutable_field"),
    ("referrals", {"number": "QU-2026-00001"}, "immutable_field"),
    ("referrals", {"status": "accepted"}, "status_not_yours"),
    ("referrals", {"status": "appointment_set"}, "status_not_yours"),
    ("referrals", {"status": "completed"}, "status_not_yours"),
    ("referrals", {"status": "declined"}, "status_not_yours"),
    ("referrals", {"status": "no_show"}, "status_not_yours"),
    ("referrals", {"appointment_at": "2026-12-01T10:00:00"}, "server_owned"),
    ("visits", {"desk_code": "quarenghi"}, "immutable_field"),
    ("referral_events", {"to_status": "completed"}, "immutable_field"),
    ("referral_events", {"by": "mwc:giulia"}, "immutable_field"),
    ("persons", {"merged_into": "01a236e4-364c-79c2-9e0f-0be35b7f3d7c"}, "server_owned"),
]


def test_authorisation_matrix_of_fields_naming_a_desk_a_number_or_a_status(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    acli = make_desk(central, "acli")
    quarenghi = make_desk(central, "quarenghi")
    rows: dict[str, dict[str, str]] = {}
    for desk in (acli, quarenghi):
        pid = add_person(desk.store, desk.admin, given_name="Awa", family_name=desk.store.desk)
        share(desk.store, desk.admin, pid)
        with desk.session() as s:
            referral = create_referral(s, desk.admin, pid, "mwc_family_reunification", "r")
            change_status(s, desk.admin, referral.id, SENT)
            s.add(Visit(person_id=pid, desk_code=desk.store.desk, at=utcnow(),
                        channel="walk_in", operator="anna"))  # fmt: skip
        desk.sync()
        with desk.session() as s:
            rows[desk.store.desk] = {
                "persons": pid,
                "referrals": referral.id,
                "visits": s.scalar(select(Visit.id).where(Visit.person_id == pid)),
                "referral_events": s.scalar(select(ReferralEvent.id)),
            }
    for entity, fields, reason in OWN_WRITES:
        own = push(central, acli, [update(entity, rows["acli"][entity], fields, hlc_now())])
        assert own.status_code == 200, (entity, fields, own.text)
        assert [(r["status"], r["reason"]) for r in own.json()["results"]] == [
            ("rejected", reason)
        ], (entity, fields)
        other = push(central, acli, [update(entity, rows["quarenghi"][entity], fields, hlc_now())])
        assert other.status_code == 403 and other.json()["code"] == "out_of_scope"
    for entity in ("desks", "services"):  # reference data of the centre only
        rid = central.run(
            lambda s, e=entity: s.scalar(select(Record.id).where(Record.entity == e).limit(1))
        )
        field = "referral_prefix" if entity == "desks" else "code"
        answer = push(central, acli, [update(entity, rid, {field: "ZZ"}, hlc_now())])
        assert answer.status_code == 403 and answer.json()["code"] == "out_of_scope"
    for desk in ("acli", "quarenghi"):
        assert _server(central, rows[desk]["referrals"])["status"] == "sent"
        assert _server(central, rows[desk]["visits"])["desk_code"] == desk

    # MWC staff of two services: each sees and moves only referrals to its own service, and
    # the other service's referrals look exactly like unknown numbers
    central.add_staff("giulia", ["mwc_family_reunification"])
    central.add_staff("paolo", ["italian_language"])
    number = _server(central, rows["acli"]["referrals"])["number"]
    for login, seen in (("giulia", True), ("paolo", False)):
        listed = requests.get(f"{central.url}/v1/staff/referrals",
                              auth=(login, STAFF_PASSWORD), timeout=10)  # fmt: skip
        assert (number in {r["number"] for r in listed.json()}) is seen
        answer = requests.post(f"{central.url}/v1/staff/referrals/{number}/status",
                               json={"status": "accepted"}, auth=(login, STAFF_PASSWORD),
                               timeout=10)  # fmt: skip
        assert answer.status_code == (200 if seen else 404), (login, answer.text)
    for status in ("draft", "sent", "cancelled"):
        answer = requests.post(f"{central.url}/v1/staff/referrals/{number}/status",
                               json={"status": status}, auth=("giulia", STAFF_PASSWORD),
                               timeout=10)  # fmt: skip
        assert answer.status_code == 422, status


def test_rows_that_would_jam_every_desk_are_refused(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    """A reference to a row that does not exist, or a referral number already in use,
    would fail the foreign keys or the unique number of every desk that pulls it."""
    acli = make_desk(central, "acli")
    pid = add_person(acli.store, acli.admin, given_name="Binta", family_name="Camara")
    share(acli.store, acli.admin, pid)
    acli.sync()
    rid, tx = _referral(acli, pid)
    acli.sync()
    number = _server(central, rid)["number"]
    answer = push(central, acli, _forged(tx, "referrals", number=number))
    assert {r["reason"] for r in answer.json()["results"]} == {"number_taken"}
    member = {"mutation_id": new_id(), "tx_id": new_id(), "entity": "household_members",
              "row_id": new_id(), "op": "insert", "hlc": hlc_now(),
              "fields": {**defaults("household_members"), "person_id": pid,
                         "relationship_code": "spouse", "linked_person_id": new_id()}}  # fmt: skip
    [result] = push(central, acli, [member]).json()["results"]
    assert (result["status"], result["reason"]) == ("rejected", "unknown_reference")
    visit_of_a_need = {**member, "mutation_id": new_id(), "row_id": new_id(),
                       "fields": {**member["fields"], "linked_person_id": rid}}  # fmt: skip
    [result] = push(central, acli, [visit_of_a_need]).json()["results"]
    assert result["reason"] == "unknown_reference"  # a referral is not a person
    assert acli.sync().ok


def test_records_stored_before_validation_never_make_an_answer_fail(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central, "acli")
    pid = add_person(desk.store, desk.admin, given_name="Kadiatou", family_name="Bah")
    share(desk.store, desk.admin, pid)
    rid, _ = _referral(desk, pid)
    with desk.session() as s:
        change_status(s, desk.admin, rid, SENT)
    desk.sync()
    central.add_staff("giulia", ["mwc_family_reunification"])

    def spoil(s: Any, row_id: str, **values: Any) -> None:
        record = s.get(Record, row_id)
        record.data = {**record.data, **values}

    central.run(lambda s: spoil(s, rid, number=5, status="sent"))
    central.run(lambda s: spoil(s, pid, citizenships=3))
    listed = requests.get(f"{central.url}/v1/staff/referrals",
                          auth=("giulia", STAFF_PASSWORD), timeout=10)  # fmt: skip
    assert listed.status_code == 200 and listed.json() == []
    with desk.session() as s:  # a change to the person runs the duplicate check on it
        s.get(Person, pid).phone = "+39 333 000 1111"
    assert desk.client.sync().ok


def test_dates_and_times_are_naive_iso_text(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    """A number read as a Unix time, or a time with an offset the desks' naive times do not
    compare with, would stop the desk lists that sort or compare them."""
    desk = make_desk(central, "acli")
    pid = add_person(desk.store, desk.admin, given_name="Oumou", family_name="Sangare")
    share(desk.store, desk.admin, pid)
    rid, _ = _referral(desk, pid)
    with desk.session() as s:
        change_status(s, desk.admin, rid, SENT)
    desk.sync()
    for fields in ({"birth_date": 0}, {"arrival_date": 1_700_000_000},
                   {"last_activity_at": "2026-12-01T10:00:00+01:00"},
                   {"last_activity_at": 1_700_000_000}):  # fmt: skip
        answer = push(central, desk, [update("persons", pid, fields, hlc_now())])
        assert answer.status_code == 422, fields
        assert answer.json()["code"] == "invalid_payload"
    central.add_staff("giulia", ["mwc_family_reunification"])
    number = _server(central, rid)["number"]
    url = f"{central.url}/v1/staff/referrals/{number}/status"
    auth = ("giulia", STAFF_PASSWORD)
    assert requests.post(url, json={"status": "accepted"}, auth=auth, timeout=10).ok
    for at in ("2026-12-01T10:30:00+01:00", 1_700_000_000):
        body = {"status": "appointment_set", "appointment_at": at, "appointment_place": "MWC"}
        assert requests.post(url, json=body, auth=auth, timeout=10).status_code == 422, at
    body = {"status": "appointment_set", "appointment_at": "2026-12-01T10:30:00"}
    assert requests.post(url, json=body, auth=auth, timeout=10).ok
