"""Faults on real processes and a real network path: kill -9 of the desk, cut connections,
a server restarted mid-sync, and a crash at every named crash point. After each, the desk
reopens its store and syncs to quiescence: nothing lost, nothing applied twice."""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from models.people import PersonForm, update_person
from models.schema import Person
from models.store import DeskStore, OpenStore
from sync import client, state
from sync.server.schema import AppliedMutation, Record
from sync.transport import Transport
from tests.conftest import ADMIN_PASSWORD
from tests.models.service_helpers import add_person
from tests.sync.checks import assert_no_duplicates, assert_replica_equals_server, pending
from tests.sync.fixtures import Central, Desk
from tests.sync.tcp_proxy import FaultProxy

ROOT = Path(__file__).resolve().parents[2]


class SimulatedCrash(BaseException):
    """The process dies here (a BaseException, so no ``except Exception`` swallows it)."""


def local_people(store: OpenStore) -> set[str]:
    with store.session() as session:
        return set(session.scalars(select(Person.id)))


def settle(store: OpenStore, sync_client: client.SyncClient | None = None, rounds: int = 6) -> None:
    """Sync until a cycle succeeds with nothing left to push, twice."""
    sync_client = sync_client or client.SyncClient(store)
    clean = 0
    for _ in range(rounds):
        report = sync_client.sync()
        if report.ok and pending(store)[0] == 0:
            clean += 1
            if clean == 2:
                return
        else:
            time.sleep(0.2)
    raise AssertionError(f"no quiescence: {report.error}, pending {pending(store)}")


def reopen(data_dir: Path) -> OpenStore:
    return DeskStore(data_dir).unlock("anna", ADMIN_PASSWORD)


# ===================================================================== kill -9 of the desk
class Worker:
    """The desk worker process and its output lines."""

    def __init__(self, data_dir: Path, stop_at: str, seed: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.sync.desk_worker", str(data_dir), stop_at, str(seed)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.created: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            self.lines.put(raw.decode().strip())
        self.lines.put("EOF")

    def wait_for(self, prefix: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                return False
            if line.startswith("CREATED "):
                self.created.append(line.split()[1])
            if line == "EOF":
                return False
            if line.startswith(prefix):
                return True
        return False

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.wait_for("EOF", 5)  # drain: every CREATED line the worker printed
        self.reader.join(timeout=5)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.mark.slow
def test_kill_desk_process_mid_push_and_mid_pull(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central_sqlite, "acli")
    data_dir = desk.store.files.data_dir
    desk.store.lock()
    rng = random.Random(20261123)
    committed: set[str] = set()
    at_points = 0
    iterations = 18
    for i in range(iterations):
        # two out of three runs stop at a crash point (mid-push, mid-ack, mid-pull…), the
        # others are killed after a random time, wherever the worker happens to be
        point = client.CRASH_POINTS[i % len(client.CRASH_POINTS)] if i % 3 else "-"
        worker = Worker(data_dir, point, seed=i)
        try:
            assert worker.wait_for("READY", 30), "worker did not start"
            if point == "-":
                worker.wait_for("NEVER", rng.uniform(0.05, 1.5))
            else:
                at_points += worker.wait_for(f"AT {point}", 30)
        finally:
            worker.kill()
        committed.update(worker.created)
        store = reopen(data_dir)
        try:
            report = store.verify()
            assert report.ok, f"iteration {i}: integrity check failed: {report}"
            # every person the worker reported as committed survived the kill
            assert set(worker.created) <= local_people(store), f"iteration {i}: lost writes"
        finally:
            store.lock()
    assert at_points >= iterations // 2, "the kills did not land on crash points"

    store = reopen(data_dir)
    try:
        settle(store)
        people = local_people(store)
        assert committed <= people
        assert_no_duplicates(central_sqlite, people)
        assert_replica_equals_server(central_sqlite, store)
    finally:
        store.lock()


# ===================================================================== network faults
class RecordingTransport(Transport):
    """Keeps every push answer the desk received."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.http.headers["Connection"] = "close"  # one request per connection: per-request faults
        self.answers: list[dict[str, Any]] = []

    def post(self, path: str, body: dict[str, Any], key: str | None = None) -> dict[str, Any]:
        answer = super().post(path, body, key)
        if path == "/v1/push":
            self.answers.append(answer)
        return answer


def proxied(store: OpenStore, proxy: FaultProxy) -> RecordingTransport:
    return RecordingTransport(proxy.url, state.credential(store), timeout=(2.0, 10.0))


def applied_count(central: Central) -> tuple[int, int]:
    def work(session: Any) -> tuple[int, int]:
        mutations = session.scalar(select(func.count()).select_from(AppliedMutation))
        people = session.scalar(
            select(func.count()).select_from(Record).where(Record.entity == "persons")
        )
        return mutations, people

    result: tuple[int, int] = central.run(work)
    return result


def test_cut_connections_converge_without_double_apply(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central, "acli")
    desk.sync()
    proxy = FaultProxy(central.port)
    transport = proxied(desk.store, proxy)
    sync = client.SyncClient(desk.store, transport=transport, batch_size=50)
    try:
        people = [add_person(desk.store, desk.admin, family_name=f"Cut{i}") for i in range(6)]

        # the server commits the push, the desk never hears back (twice: the transport
        # retries a cut request once at once, with the same batch)
        proxy.plan("/v1/push", "drop", "drop")
        report = sync.sync()
        assert not report.ok and report.error == "offline"
        assert pending(desk.store)[0] == 6
        mutations, persons = applied_count(central)
        assert persons == 6 and mutations == 6

        # the same batch again: the stored answer, nothing applied twice
        proxy.plan("/v1/push", "reset:40", "reset:40")
        assert not sync.sync().ok
        assert applied_count(central) == (6, 6)
        proxy.plan("/v1/push", "pass")
        assert sync.sync().ok
        assert applied_count(central) == (6, 6)
        assert [r["status"] for r in transport.answers[-1]["results"]] == ["applied"] * 6

        # a lost answer, then more local work: the replay inside a new batch is "duplicate"
        more = [add_person(desk.store, desk.admin, family_name=f"More{i}") for i in range(3)]
        proxy.plan("/v1/push", "drop", "drop")
        assert not sync.sync().ok
        last = add_person(desk.store, desk.admin, family_name="Last")
        assert sync.sync().ok
        statuses = [r["status"] for r in transport.answers[-1]["results"]]
        assert statuses == ["duplicate"] * 3 + ["applied"]
        assert applied_count(central) == (10, 10)

        # answers cut anywhere in hello, pull and push; a slow answer still arrives
        with desk.session() as s:
            for pid in people[:3]:
                person = s.get(Person, pid)
                form = PersonForm.from_person(person)
                form.notes = "after the cut"
                update_person(s, desk.admin, pid, form)
        for path, fault in (
            ("/v1/hello", "reset:10"),
            ("/v1/pull", "reset:300"),
            ("/v1/pull", "drop"),
            ("/v1/push", "reset:1"),
            ("/v1/pull", "slow"),
        ):
            proxy.plan(path, fault)
        for _ in range(8):
            if sync.sync().ok and pending(desk.store)[0] == 0:
                break
        settle(desk.store, sync)
        assert any(fault == "slow" for _, fault in proxy.seen)
        assert_no_duplicates(central, [*people, *more, last])
        assert_replica_equals_server(central, desk.store)
        assert applied_count(central) == (13, 10)
    finally:
        sync.close()
        proxy.close()


def test_one_cut_answer_is_retried_at_once_with_the_same_batch(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central_sqlite, "acli")
    desk.sync()
    proxy = FaultProxy(central_sqlite.port)
    transport = proxied(desk.store, proxy)
    sync = client.SyncClient(desk.store, transport=transport)
    try:
        people = [add_person(desk.store, desk.admin, family_name=f"Once{i}") for i in range(4)]
        proxy.plan("/v1/push", "drop")  # committed on the server, the answer lost once
        report = sync.sync()
        assert report.ok and pending(desk.store)[0] == 0
        # the retry got the stored answer of the same batch: applied once, reported applied
        assert [r["status"] for r in transport.answers[-1]["results"]] == ["applied"] * 4
        assert applied_count(central_sqlite) == (4, 4)
        assert_no_duplicates(central_sqlite, people)
    finally:
        sync.close()
        proxy.close()


# ===================================================================== server restarts
@pytest.mark.slow
def test_server_restarted_mid_sync(central: Central, make_desk: Callable[..., Desk]) -> None:
    desk = make_desk(central, "acli")
    people = [add_person(desk.store, desk.admin, family_name=f"Big{i}") for i in range(80)]
    sync = client.SyncClient(desk.store, batch_size=5)
    restarts = 3
    done = threading.Event()
    rng = random.Random(7)

    def restarter() -> None:
        for _ in range(restarts):
            time.sleep(rng.uniform(0.2, 0.6))
            central.restart()
        done.set()

    thread = threading.Thread(target=restarter)
    thread.start()
    failures = 0
    deadline = time.monotonic() + 90
    try:
        while time.monotonic() < deadline:
            report = sync.sync()
            failures += not report.ok
            if done.is_set() and report.ok and pending(desk.store)[0] == 0:
                break
            if not report.ok:
                time.sleep(0.1)
    finally:
        thread.join()
    settle(desk.store, sync)
    assert failures > 0, "no restart landed during a sync"
    assert_no_duplicates(central, people)
    assert_replica_equals_server(central, desk.store)


# ===================================================================== crash points
def test_every_crash_point_resumes_without_loss(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(central, "acli")
    data_dir = desk.store.files.data_dir
    store = desk.store
    people: list[str] = []
    rng = random.Random(3)
    for round_, point in enumerate(client.CRASH_POINTS * 2):
        actor = store.actor
        people += [add_person(store, actor, family_name=f"P{round_}x{i}") for i in range(4)]
        with store.session(actor) as s:
            pid = rng.choice(people)
            form = PersonForm.from_person(s.get(Person, pid))
            form.notes = f"round {round_}"
            update_person(s, actor, pid, form)
        occurrence = 1 + round_ // len(client.CRASH_POINTS)  # the first, then the second time
        hits = 0

        def crash(name: str, point: str = point, occurrence: int = occurrence) -> None:
            nonlocal hits
            if name == point:
                hits += 1
                if hits == occurrence:
                    raise SimulatedCrash(name)

        doomed = client.SyncClient(store, crash=crash, batch_size=2, page_size=3)
        with pytest.raises(SimulatedCrash):
            doomed.sync()
        del doomed  # the process is gone; its transport socket leaks like a real crash
        if round_ % 2:
            if store is not desk.store:
                store.lock()
            store = reopen(data_dir)
        assert store.verify().ok
        assert client.SyncClient(store, batch_size=2, page_size=3).sync().ok
    settle(store)
    assert_no_duplicates(central, people)
    assert_replica_equals_server(central, store)
    if store is not desk.store:
        store.lock()


# ===================================================================== big outboxes
def test_outbox_larger_than_a_request_body_is_sent_in_pieces(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    """130 long notes (about 2.5 MB of changes, more than the server's body limit): the
    desk splits its batches by size and converges instead of being refused for ever (413)."""
    desk = make_desk(central_sqlite, "acli")
    people = [add_person(desk.store, desk.admin, family_name=f"Long{i}") for i in range(130)]
    desk.sync()
    for i, pid in enumerate(people):  # one edit at a time, as the person form saves them
        with desk.session() as s:
            s.get(Person, pid).notes = f"{i} " + "appunti " * 2_400  # about 19 KB each
    report = desk.client.sync()
    assert report.ok, report.error
    assert pending(desk.store) == (0, 0)
    assert_no_duplicates(central_sqlite, people)
    assert_replica_equals_server(central_sqlite, desk.store)

    # one transaction larger than any request can carry: set aside, visible, not wedging
    with desk.session() as s:
        for pid in people:
            s.get(Person, pid).notes = "all at once " + "x" * 19_000
    report = desk.client.sync()
    assert report.ok, report.error
    assert pending(desk.store) == (0, len(people))
    add_person(desk.store, desk.admin, family_name="After")
    assert desk.client.sync().ok and pending(desk.store)[0] == 0


# ===================================================================== concurrent desks
def test_concurrent_pushes_and_pulls_miss_nothing(
    central: Central, make_desk: Callable[..., Desk]
) -> None:
    """Three devices of one desk write and sync at the same time (the server serialises
    commits, R9): a pull racing a push never skips a change, so all three converge."""
    desks = [make_desk(central, "acli", f"pc{i}") for i in range(3)]
    people: list[list[str]] = [[] for _ in desks]
    errors: list[str] = []

    def work(i: int) -> None:
        desk = desks[i]
        sync = client.SyncClient(desk.store, batch_size=3, page_size=4)
        for round_ in range(6):
            for k in range(3):
                people[i].append(
                    add_person(desk.store, desk.admin, family_name=f"C{i}r{round_}k{k}")
                )
            report = sync.sync()
            if not report.ok:
                errors.append(report.error)
        sync.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(desks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    for desk in desks:
        settle(desk.store)
    everyone = [p for mine in people for p in mine]
    assert_no_duplicates(central, everyone)
    for desk in desks:
        assert_replica_equals_server(central, desk.store)
        assert set(everyone) <= local_people(desk.store)
