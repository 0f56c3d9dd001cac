"""The desk's audit chain is anchored at the central server at every sync (protocol 3).

Real SQLCipher stores and the real server on loopback. Tampering is done as a careful
attacker holding the database key would: events removed or changed, the chain, its head and
the desk's own copy of the anchor recomputed, so the desk's ``verify`` alone would pass.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select, text

from models import audit, backups
from models.schema import AuditEvent, Meta
from models.store import DeskStore
from sync import client, state
from sync.protocol import PROTOCOL_HEADER
from sync.server import anchors
from sync.server.schema import AuditAnchor
from sync.server.schema import AuditEvent as ServerEvent
from tests.conftest import ADMIN_PASSWORD
from tests.models.service_helpers import add_person
from tests.sync.fixtures import STAFF_PASSWORD, Central, Desk


# ===================================================================== helpers
def rechain(desk: Desk, keep: int | None = None, change_seq: int | None = None) -> None:
    """Drop the events after ``keep`` and/or change event ``change_seq``'s detail, then
    recompute every hash, the head and the desk's anchor copy: the chain verifies again."""
    with desk.session() as s:
        if keep is not None:
            s.execute(text("DELETE FROM audit_events WHERE seq > :k"), {"k": keep})
        if change_seq is not None:
            s.execute(
                text("UPDATE audit_events SET detail = 'quiet' WHERE seq = :q"), {"q": change_seq}
            )
        prev, length = audit.GENESIS, 0
        for e in s.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all():
            digest = audit._digest(
                prev, e.seq, e.at, e.operator, e.action, e.entity, e.record_id, e.detail
            )
            s.execute(
                text("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE seq = :q"),
                {"p": prev, "h": digest, "q": e.seq},
            )
            prev, length = digest, e.seq
        s.merge(Meta(key=audit.HEAD_KEY, value=f"{length}:{prev}"))
        anchored = audit.anchor(s)
        if anchored is not None and anchored[0] > length:  # the attacker fixes the copy too
            s.merge(Meta(key=audit.ANCHOR_KEY, value=f"{length}:{prev}"))
        elif anchored is not None:
            s.merge(
                Meta(
                    key=audit.ANCHOR_KEY, value=f"{anchored[0]}:{audit.event_hash(s, anchored[0])}"
                )
            )


def chain_length(desk: Desk) -> int:
    with desk.session() as s:
        return audit.position(s).length


def anchored(central: Central, desk: Desk) -> AuditAnchor:
    device = state.credential(desk.store).split(".")[0]
    row: AuditAnchor = central.run(lambda s: s.get(AuditAnchor, device))
    return row


def server_actions(central: Central) -> list[str]:
    return list(central.run(lambda s: list(s.scalars(select(ServerEvent.action)))))


def busy(desk: Desk, n: int = 3) -> None:
    """Some work between syncs: a person registered, and ``n`` events about them."""
    pid = add_person(desk.store, desk.admin, family_name="Anchor")
    with desk.session() as s:
        for _ in range(n):
            audit.record(s, desk.admin.login, audit.VIEW, "persons", pid)


# ===================================================================== the tests
def test_a_normal_sync_sequence_never_flags(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central_sqlite, "acli")
    for _ in range(4):
        busy(desk, 2)
        report = desk.sync()
        assert report.audit == "ok" and report.audit_flag == ""
        row = anchored(central_sqlite, desk)
        assert row.flag == "" and row.flags == 0
        with desk.session() as s:
            assert audit.anchor(s) == (row.length, row.head)
            assert audit.event_hash(s, row.length) == row.head
    assert desk.sync().audit == "ok"  # nothing new: the same anchor again
    assert state.status(desk.store).audit_flag == ""
    assert not [a for a in server_actions(central_sqlite) if a.startswith("audit_chain")]
    assert desk.store.verify().ok


def test_a_shortened_chain_is_flagged_and_the_desk_is_told(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central, "acli")
    busy(desk)
    desk.sync()
    length = anchored(central, desk).length
    assert length > 3
    rechain(desk, keep=length - 3)  # three events removed, the chain recomputed
    with desk.session() as s:
        audit.verify_chain(s)  # the desk's own chain check passes: only the anchor tells
    report = desk.sync()  # sync goes on
    assert report.ok and report.audit == "shortened"
    assert report.audit_flag == report.audit
    assert state.status(desk.store).audit_flag == report.audit
    assert f"audit_chain_{report.audit}" in server_actions(central)
    row = anchored(central, desk)
    assert row.flag == report.audit and row.flags == 1
    # the next syncs find nothing new, but the flag stays open for the coordinators
    again = desk.sync()
    assert again.audit == "ok" and again.audit_flag == report.audit
    assert anchored(central, desk).flags == 1
    # a central coordinator sees it, and clears it
    central.add_staff("chiara", [], role="coordinator")
    auth = ("chiara", STAFF_PASSWORD)
    listed = requests.get(
        f"{central.url}/v1/staff/audit-anchors",
        params={"flagged": "true"},
        auth=auth,
        timeout=30,
    )
    assert listed.status_code == 200, listed.text
    assert [(a["desk"], a["flag"]) for a in listed.json()] == [("acli", report.audit)]
    central.add_staff("giulia", ["mwc_family_reunification"])
    refused = requests.get(
        f"{central.url}/v1/staff/audit-anchors", auth=("giulia", STAFF_PASSWORD), timeout=30
    )
    assert refused.status_code == 403
    cleared = requests.post(
        f"{central.url}/v1/staff/audit-anchors/{row.device_id}/clear", auth=auth, timeout=30
    )
    assert cleared.status_code == 200 and cleared.json()["flag"] == ""
    assert "audit_flag_cleared" in server_actions(central)
    assert desk.sync().audit_flag == ""
    assert state.status(desk.store).audit_flag == ""


def test_a_chain_cut_then_grown_past_the_anchor_is_flagged(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central_sqlite, "acli")
    busy(desk)
    desk.sync()
    length = anchored(central_sqlite, desk).length
    rechain(desk, keep=length - 4)
    busy(desk, 6)  # the desk goes on working: the chain is longer than the anchor again
    assert chain_length(desk) > length
    report = desk.sync()
    assert report.ok and report.audit == "rewritten"
    assert "audit_chain_rewritten" in server_actions(central_sqlite)


def test_an_event_rewritten_below_the_anchor_is_flagged(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central_sqlite, "acli")
    busy(desk)
    desk.sync()
    length = anchored(central_sqlite, desk).length
    rechain(desk, change_seq=2)  # an old event altered, every later hash recomputed
    with desk.session() as s:
        assert audit.verify_chain(s) == audit.position(s).length >= length
    report = desk.sync()
    assert report.ok and report.audit == "rewritten"
    row = anchored(central_sqlite, desk)
    assert row.flag == "rewritten"
    detail = central_sqlite.run(
        lambda s: s.scalar(
            select(ServerEvent.detail).where(ServerEvent.action == "audit_chain_rewritten")
        )
    )
    assert detail.startswith(f"anchored={length} ")  # ids and counts only
    # the central CLI lists it
    out = central_cli(central_sqlite, "anchors", "--flagged")
    assert row.device_id in out and "rewritten" in out
    central_cli(central_sqlite, "anchors", "--clear", row.device_id)
    assert row.device_id not in central_cli(central_sqlite, "anchors", "--flagged")
    assert "audit_flag_cleared" in server_actions(central_sqlite)
    assert desk.sync().audit_flag == ""


def test_an_event_changed_above_the_anchor_is_not_the_servers_to_see(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    """Events after the last anchor were never vouched for: only the desk's own chain check
    (which the attacker recomputed) could see them. Documented limit: anchor often."""
    desk = make_desk(central_sqlite, "acli")
    desk.sync()
    length = anchored(central_sqlite, desk).length
    busy(desk)
    rechain(desk, change_seq=length + 2)
    assert desk.sync().audit == "ok"


def test_a_restored_backup_is_flagged_as_restored(
    central_sqlite: Central, make_desk: Callable[..., Desk], tmp_path: Path
) -> None:
    desk = make_desk(central_sqlite, "acli")
    busy(desk, 1)
    desk.sync()
    backup = desk.store.backup_to(tmp_path / "usb" / "acli.db")
    busy(desk)
    desk.sync()  # the anchor moves past the backup
    before = anchored(central_sqlite, desk)
    data_dir = desk.store.files.data_dir
    desk.store.lock()
    files = DeskStore(data_dir)
    backups.restore(files, backup, "anna", ADMIN_PASSWORD)
    store = files.unlock("anna", ADMIN_PASSWORD)
    try:
        with store.session() as s:
            if audit.position(s).restore_seq == 0:  # the restore code records it
                audit.record_restore(s, "anna", detail=backup.name)
            here = audit.position(s)
        assert here.restore_seq == here.length or here.restore_seq > 0
        assert here.length < before.length + 5
        # the restored store's meta holds the credential of the backup's time: rotated away
        # since, yet the desk still syncs (the keystore keeps the latest)
        restored = Desk(store, store.actor, client.SyncClient(store))
        report = restored.sync()
        assert report.audit == "restored" and report.audit_flag == "restored"
        actions = server_actions(central_sqlite)
        assert "audit_chain_restored" in actions and "audit_chain_rewritten" not in actions
        assert store.verify().ok
        # the restore is not a licence: a quiet cut after it is still a cut
        busy(restored, 1)
        restored.sync()
        rechain(restored, keep=anchored(central_sqlite, restored).length - 2)
        assert restored.sync().audit == "shortened"
    finally:
        store.lock()


def test_a_restore_without_its_event_reads_as_a_rewrite(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    """Putting an old copy of the database back by hand records no restore event."""
    desk = make_desk(central_sqlite, "acli")
    busy(desk, 1)
    desk.sync()
    length = anchored(central_sqlite, desk).length
    with desk.session() as s:  # a restore event the server saw already explains nothing
        audit.record_restore(s, "anna", detail="earlier")
    desk.sync()
    rechain(desk, keep=length - 1)
    assert desk.sync().audit == "shortened"


def test_verify_on_the_desk_reports_a_removed_event(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central_sqlite, "acli")
    busy(desk)
    desk.sync()
    assert desk.store.verify().ok
    length = anchored(central_sqlite, desk).length
    with desk.session() as s:  # two events removed, chain and head recomputed; not the anchor
        s.execute(text("DELETE FROM audit_events WHERE seq > :k"), {"k": length - 2})
        last = s.execute(select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()))
        seq, digest = last.first()  # type: ignore[misc]
        s.merge(Meta(key=audit.HEAD_KEY, value=f"{seq}:{digest}"))
    report = desk.store.verify()
    assert report.audit_broken_at is None  # the chain itself is whole
    assert report.audit_anchor_problem == audit.ANCHOR_SHORTENED and not report.ok
    # an event changed below the anchor, everything recomputed but the anchor copy
    desk2 = make_desk(central_sqlite, "acli", name="second")
    busy(desk2)
    desk2.sync()
    n = anchored(central_sqlite, desk2).length
    with desk2.session() as s:
        s.execute(text("UPDATE audit_events SET hash = :h WHERE seq = :q"), {"h": "f" * 64, "q": n})
    report = desk2.store.verify()
    assert report.audit_anchor_problem == audit.ANCHOR_REWRITTEN


def test_protocol_2_desks_still_sync_without_anchor(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central_sqlite, "acli")
    desk.sync()
    bearer = state.credential(desk.store)
    h = {"Authorization": f"Bearer {bearer}", PROTOCOL_HEADER: "2"}
    hello = requests.post(
        f"{central_sqlite.url}/v1/hello", json={"client_time_ms": 1}, headers=h, timeout=30
    )
    assert hello.status_code == 200 and "audit_length" not in hello.json()
    answer = requests.post(
        f"{central_sqlite.url}/v1/anchor",
        json={"length": 0, "head": ""},
        headers=h,
        timeout=30,
    )
    assert answer.status_code == 426
    pulled = requests.get(f"{central_sqlite.url}/v1/pull", headers=h, timeout=30)
    assert pulled.status_code == 200
    # the v3 hello says what is anchored
    h[PROTOCOL_HEADER] = "3"
    hello3 = requests.post(
        f"{central_sqlite.url}/v1/hello", json={"client_time_ms": 1}, headers=h, timeout=30
    ).json()
    row = anchored(central_sqlite, desk)
    assert (hello3["audit_length"], hello3["audit_head"]) == (row.length, row.head)
    assert anchors.judge(row, _request(row.length, row.head)) == "ok"


def _request(length: int, head: str) -> Any:
    from sync.protocol import AnchorRequest

    return AnchorRequest(length=length, head=head, anchored_length=length, at_anchor=head)


def central_cli(central: Central, *args: str) -> str:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "sync.server.cli", "--database-url", central.database_url, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout
