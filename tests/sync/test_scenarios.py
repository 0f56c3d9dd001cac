"""Multi-desk scenarios against a real central server process over HTTP."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import requests
from sqlalchemy import select

from models.clock import utcnow
from models.gdpr import erase_person
from models.referrals import SENT, change_status, create_referral
from models.schema import (
    DuplicateFlag,
    Need,
    OutboxEntry,
    Person,
    Referral,
    ReferralEvent,
    SyncConflict,
    Visit,
)
from sync.server.schema import Record
from tests.models.service_helpers import add_person, share
from tests.sync.conftest import STAFF_PASSWORD, Central, Desk


def _person(desk: Desk, person_id: str) -> Person:
    with desk.session() as s:
        found = s.get(Person, person_id)
        assert found is not None
        return found


def test_referral_goes_to_mwc_and_its_status_comes_back(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central, "acli")
    pid = add_person(desk.store, desk.admin, given_name="Fatou", family_name="Sow")
    share(desk.store, desk.admin, pid)
    with desk.session() as s:
        referral = create_referral(
            s, desk.admin, pid, "mwc_family_reunification", "ricongiungimento"
        )
        change_status(s, desk.admin, referral.id, SENT)
        number, rid = referral.number, referral.id
    assert desk.sync().pushed > 0

    central.add_staff("giulia", ["mwc_family_reunification"])
    auth = ("giulia", STAFF_PASSWORD)
    listed = requests.get(f"{central.url}/v1/staff/referrals", auth=auth, timeout=10)
    assert [r["number"] for r in listed.json()] == [number]
    for body in (
        {"status": "accepted"},
        {"status": "appointment_set", "appointment_at": "2026-12-01T10:30:00",
         "appointment_place": "Via Sammartini 75, sportello 3"},
    ):  # fmt: skip
        answer = requests.post(
            f"{central.url}/v1/staff/referrals/{number}/status", json=body, auth=auth, timeout=10
        )
        assert answer.status_code == 200, answer.text
    illegal = requests.post(
        f"{central.url}/v1/staff/referrals/{number}/status",
        json={"status": "accepted"},
        auth=auth,
        timeout=10,
    )
    assert illegal.status_code == 400 and illegal.json()["code"] == "illegal_transition"

    desk.sync()
    with desk.session() as s:
        back = s.get(Referral, rid)
        assert back is not None
        assert back.status == "appointment_set"
        assert back.appointment_place == "Via Sammartini 75, sportello 3"
        history = [e.to_status for e in s.scalars(
            select(ReferralEvent).where(ReferralEvent.referral_id == rid).order_by(ReferralEvent.at)
        )]  # fmt: skip
        assert history == ["draft", "sent", "accepted", "appointment_set"]
        # what came from the server is not echoed back to it
        assert s.scalar(select(OutboxEntry).limit(1)) is None


def test_two_devices_edit_one_person_offline(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    first = make_desk(central, "acli", "laptop-1")
    second = make_desk(central, "acli", "laptop-2")
    pid = add_person(first.store, first.admin, given_name="Amadou", family_name="Ba")
    first.sync()
    second.sync()
    assert _person(second, pid).family_name == "Ba"

    with first.session() as s:  # offline edits on both laptops
        p = s.get(Person, pid)
        p.phone, p.notes = "+39 333 111 2222", "seen on Monday"
    with second.session() as s:
        p = s.get(Person, pid)
        p.address, p.notes = "Via Padova 12", "seen on Tuesday"

    first.sync()
    report = second.sync()
    assert report.conflicts == 1
    first.sync()

    a, b = _person(first, pid), _person(second, pid)
    for person in (a, b):
        assert person.phone == "+39 333 111 2222"  # disjoint fields merge silently
        assert person.address == "Via Padova 12"
    assert a.notes == b.notes == "seen on Tuesday"  # later stamp wins the same field
    for desk in (first, second):
        with desk.session() as s:
            conflicts = list(s.scalars(select(SyncConflict)))
            assert [(c.field, c.kept_value, c.other_value, c.status) for c in conflicts] == [
                ("notes", "seen on Tuesday", "seen on Monday", "open")
            ]


def test_desks_never_receive_each_others_people(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    acli = make_desk(central, "acli")
    quarenghi = make_desk(central, "quarenghi")
    mine = add_person(acli.store, acli.admin, given_name="Lamin", family_name="Jatta")
    theirs = add_person(quarenghi.store, quarenghi.admin, given_name="Ngozi", family_name="Obi")
    acli.sync()
    quarenghi.sync()
    acli.sync()
    with acli.session() as s:
        assert s.get(Person, theirs) is None and s.get(Person, mine) is not None
    with quarenghi.session() as s:
        assert s.get(Person, mine) is None


def test_duplicate_across_desks_is_flagged_and_merged_everywhere(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    acli = make_desk(central, "acli")
    quarenghi = make_desk(central, "quarenghi")
    a = add_person(acli.store, acli.admin, given_name="Mohamed", family_name="Hassan",
                   birth_date=date(1990, 4, 2))  # fmt: skip
    b = add_person(quarenghi.store, quarenghi.admin, given_name="Muhammad", family_name="Hasan",
                   birth_date=date(1990, 4, 2))  # fmt: skip
    with quarenghi.session() as s:
        s.add(Visit(person_id=b, desk_code="quarenghi", at=utcnow(), channel="walk_in",
                    operator="anna"))  # fmt: skip
    share(acli.store, acli.admin, a)
    share(quarenghi.store, quarenghi.admin, b)
    acli.sync()
    quarenghi.sync()
    acli.sync()
    for desk in (acli, quarenghi):  # both desks approve (see tests/sync/test_trust.py)
        with desk.session() as s:
            flags = list(s.scalars(select(DuplicateFlag)))
            assert len(flags) == 1 and {flags[0].person_a, flags[0].person_b} == {a, b}
            flags[0].status, flags[0].survivor = "merge_requested", a
            flags[0].decided_by = "anna"
        desk.sync()
    acli.sync()
    quarenghi.sync()
    for desk in (acli, quarenghi):
        with desk.session() as s:
            other = s.get(Person, b)
            assert other is not None and other.merged_into == a
            visits = list(s.scalars(select(Visit).where(Visit.deleted.is_(False))))
            assert [v.person_id for v in visits] == [a]
            assert s.get(Person, a) is not None


def test_erasure_reaches_every_replica_and_nothing_comes_back(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    first = make_desk(central, "acli", "laptop-1")
    second = make_desk(central, "acli", "laptop-2")
    pid = add_person(first.store, first.admin, given_name="Hawa", family_name="Kamara",
                     phone="+39 320 000 1111")  # fmt: skip
    first.sync()
    second.sync()
    with first.session() as s:  # a conflict that holds an old value of the person
        s.get(Person, pid).notes = "needs a lawyer"
    with second.session() as s:
        s.get(Person, pid).notes = "needs housing"
    first.sync()
    second.sync()
    with second.session() as s:  # written offline on laptop 2, never pushed before erasure
        s.add(Visit(person_id=pid, desk_code="acli", at=utcnow(), channel="walk_in",
                    operator="anna", notes="came with her sister"))  # fmt: skip
    with first.session() as s:
        erase_person(s, first.admin, pid)
    first.sync()
    report = second.sync()
    assert report.ok
    first.sync()
    for desk in (first, second):
        with desk.session() as s:
            person = s.get(Person, pid)
            assert person is not None and person.erased_at is not None and person.deleted
            assert (person.given_name, person.phone, person.notes) == ("", "", "")
            visits = list(s.scalars(select(Visit).where(Visit.person_id == pid)))
            assert all(v.deleted and v.notes == "" for v in visits)
            conflicts = list(s.scalars(select(SyncConflict)))
            assert conflicts and all(
                c.kept_value is None and c.other_value is None and c.resolution == "erased"
                for c in conflicts
            )
            assert s.scalar(select(OutboxEntry).limit(1)) is None
    names = central.run(lambda s: [r.data.get("notes") for r in s.scalars(select(Record))])
    assert "came with her sister" not in names and "needs housing" not in names


def test_the_need_follows_what_the_service_decides(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    """MWC completes one referral and declines another: the first need closes, the second
    is open again at the desk (the rule the desk applies when it cancels)."""
    desk = make_desk(central, "acli")
    pid = add_person(desk.store, desk.admin, given_name="Salif", family_name="Keita")
    share(desk.store, desk.admin, pid)
    numbers: dict[str, tuple[str, str]] = {}
    with desk.session() as s:
        for outcome in ("completed", "declined"):
            need = Need(person_id=pid, service_code="mwc_family_reunification", description="n")
            s.add(need)
            s.flush()
            referral = create_referral(
                s, desk.admin, pid, "mwc_family_reunification", "r", need_id=need.id
            )
            change_status(s, desk.admin, referral.id, SENT)
            numbers[outcome] = (referral.number, need.id)
    desk.sync()
    central.add_staff("giulia", ["mwc_family_reunification"])
    auth = ("giulia", STAFF_PASSWORD)
    steps = {"completed": ("accepted", "appointment_set", "completed"), "declined": ("declined",)}
    for outcome, (number, _) in numbers.items():
        for status in steps[outcome]:
            body = {"status": status}
            if status == "appointment_set":
                body |= {"appointment_at": "2026-12-01T10:30:00", "appointment_place": "MWC"}
            answer = requests.post(f"{central.url}/v1/staff/referrals/{number}/status",
                                   json=body, auth=auth, timeout=10)  # fmt: skip
            assert answer.status_code == 200, answer.text
    desk.sync()
    with desk.session() as s:
        assert s.get(Need, numbers["completed"][1]).status == "closed"
        assert s.get(Need, numbers["declined"][1]).status == "open"
