"""Protocol 4 (bulk sync): large pipelined batches, the snapshot of a new device, progress,
sequence numbers taken at the end of a write, and desks of protocol 3 still served as
before (batches of 200, pages from cursor 0)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import func, select

from models.clock import utcnow
from models.gdpr import erase_person
from models.referrals import SENT, change_status, create_referral
from models.schema import Person, RejectedChange, Visit
from sync import client, state
from sync.protocol import BULK_VERSION, MAX_BATCH
from sync.server.schema import Counter, DuplicateQueue, Record
from sync.server.writes import PLACEHOLDER, Writer
from sync.transport import Transport
from tests.models.service_helpers import add_person, share
from tests.sync.checks import assert_replica_equals_server, pending
from tests.sync.fixtures import Central, Desk


class Watching(Transport):
    """Notes what the desk asked for: paths, and the mutations of every push."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.paths: list[str] = []
        self.batches: list[int] = []

    def post(self, path: str, body: dict[str, Any] | bytes, key: str | None = None) -> Any:
        self.paths.append(path)
        if path == "/v1/push":
            sent = json.loads(body) if isinstance(body, bytes) else body
            self.batches.append(len(sent["mutations"]))
        return super().post(path, body, key)

    def get(self, path: str, params: dict[str, Any]) -> Any:
        self.paths.append(path)
        return super().get(path, params)

    @contextmanager
    def lines(self, path: str, params: dict[str, Any]) -> Iterator[Iterator[bytes]]:
        self.paths.append(path)
        with super().lines(path, params) as found:
            yield found


def watching(desk: Desk, version: int = BULK_VERSION, **kwargs: Any) -> tuple[Watching, Any]:
    transport = Watching(state.server(desk.store).url, state.credential(desk.store))
    transport.speak(version)
    events: list[client.Progress] = []
    runner = client.SyncClient(desk.store, transport=transport, on_progress=events.append, **kwargs)
    return transport, (runner, events)


def many_people(desk: Desk, count: int) -> list[str]:
    people = [add_person(desk.store, desk.admin, family_name=f"Bulk{i}") for i in range(count)]
    with desk.session() as s:
        for pid in people[:20]:
            s.add(Visit(person_id=pid, desk_code="acli", at=utcnow(), channel="walk_in",
                        operator="anna"))  # fmt: skip
    return people


def server_count(central: Central, entity: str) -> int:
    found: int = central.run(
        lambda s: s.scalar(select(func.count()).select_from(Record).where(Record.entity == entity))
    )
    return found


def test_big_batches_snapshot_and_progress(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    acli = make_desk(central, "acli")
    people = many_people(acli, 260)
    push_t, (runner, events) = watching(acli)
    report = runner.sync()
    assert report.ok, report.error
    runner.close()
    # protocol 4: one batch carries more than a protocol 3 desk may send
    assert max(push_t.batches) > MAX_BATCH and sum(push_t.batches) == report.pushed
    assert server_count(central, "persons") == 260
    pushed = [e for e in events if e.phase == "push"]
    assert pushed and pushed[-1].done == pushed[-1].total == report.pushed
    # the duplicate check ran after the push, out of its transaction, and its queue is empty
    assert central.run(lambda s: s.scalar(select(func.count()).select_from(DuplicateQueue))) == 0

    # a second computer of the desk: its first sync is one snapshot, then pages
    second = make_desk(central, "acli", name="acli2")
    pull_t, (runner2, events2) = watching(second, page_size=50)
    report2 = runner2.sync()
    assert report2.ok, report2.error
    assert "/v1/snapshot" in pull_t.paths
    with second.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 260
        assert state.cursor(s) == central.run(lambda s: s.scalar(select(Counter.value)))
    pulled = [e for e in events2 if e.phase == "pull"]
    assert pulled and pulled[-1].done == pulled[-1].total
    assert [e.done for e in pulled] == sorted(e.done for e in pulled)
    # later changes arrive by pages, from the snapshot's sequence on
    later = add_person(acli.store, acli.admin, family_name="Later")
    acli.sync()
    pull_t.paths.clear()
    assert runner2.sync().ok
    assert "/v1/snapshot" not in pull_t.paths and "/v1/pull" in pull_t.paths
    with second.session() as s:
        assert s.get(Person, later) is not None
    runner2.close()
    assert_replica_equals_server(central, second.store)
    assert people


def test_a_protocol_3_desk_sends_200_at_most_and_pulls_pages(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    acli = make_desk(central, "acli")
    many_people(acli, 230)
    transport, (runner, _events) = watching(acli, version=BULK_VERSION - 1)
    report = runner.sync()
    assert report.ok, report.error
    assert max(transport.batches) <= MAX_BATCH and sum(transport.batches) == report.pushed
    assert "/v1/snapshot" not in transport.paths and "/v1/pull" in transport.paths
    runner.close()
    assert_replica_equals_server(central, acli.store)


def test_a_superseded_batch_is_stored_before_the_next_is_sent(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    """The pipelined push reads the next batch while the server applies one; when the
    answer says ``superseded`` (rows written for a person erased elsewhere), storing it
    drops the later changes of those rows, so the batch read ahead is read again: none of
    them reaches the server to be refused."""
    acli = make_desk(central, "acli")
    laptop = make_desk(central, "acli", name="acli2")
    pid = add_person(acli.store, acli.admin, given_name="Awa", family_name="Diop")
    share(acli.store, acli.admin, pid)
    acli.sync()
    laptop.sync()
    with acli.session() as s:
        erase_person(s, acli.admin, pid)
    acli.sync()
    # offline meanwhile, the laptop refers her (one desk transaction) and sends it (another)
    with laptop.session() as s:
        rid = create_referral(s, laptop.admin, pid, "mwc_family_reunification", "reason").id
    with laptop.session() as s:
        change_status(s, laptop.admin, rid, SENT)
    runner = client.SyncClient(laptop.store, batch_size=1)
    report = runner.sync()
    runner.close()
    assert report.ok, report.error
    with laptop.session() as s:
        assert not list(s.scalars(select(RejectedChange)))
    outbox, rejected = pending(laptop.store)
    assert (outbox, rejected) == (0, 0)


def test_sequence_numbers_are_taken_when_the_write_ends(central: Central) -> None:
    """A writer that does not serialise numbers its records only at the end of its
    transaction, in touch order, from the counter; nothing keeps the placeholder."""

    def write(s: Any) -> tuple[int, list[int], int]:
        before = s.scalar(select(Counter.value))
        writer = Writer(s, serialise=False)
        records = list(s.scalars(select(Record).order_by(Record.seq).limit(3)))
        for record in reversed(records):
            writer.touch(record)
        writer.touch(records[-1])  # touched again: numbered by its last touch
        seqs_before = [r.seq for r in records]
        writer.finish()
        return before, [r.seq for r in records], seqs_before[0]

    before, seqs, _ = central.run(write)
    assert seqs == [before + 2, before + 1, before + 3]
    assert central.run(lambda s: s.scalar(select(Counter.value))) == before + 3
    placeholders = central.run(
        lambda s: s.scalar(
            select(func.count()).select_from(Record).where(Record.seq == PLACEHOLDER)
        )
    )
    assert placeholders == 0
