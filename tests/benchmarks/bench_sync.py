"""Sync throughput and latency against a real central server process on loopback.

1. Initial sync of a desk's records (people with visits, needs, consents, referrals) from
   an encrypted desk store to a fresh central server (embedded SQLite) over HTTP, and the
   initial pull of the same records by a second device of the desk; each beside a raw
   bulk copy of the same rows through the same databases (Core executemany, no HTTP,
   no merge, no scope, no index).
2. ``SyncClient.sync()`` round trip with one changed field.
3. Load: simulated desks (no stores: the HTTP API driven directly, with mutations built
   like a desk's outbox) syncing concurrently against the server on PostgreSQL with
   several workers.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter as Tally
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import Date, DateTime, Engine, create_engine, func, insert, select, text

from models.hlc import pack
from models.people import PersonForm
from models.schema import OutboxEntry, Person
from models.store import DeskStore, OpenStore
from sync import client, enrolment
from sync.entities import ENTITIES, REFERENCE
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync.server import admin
from sync.server.cli import open_database
from sync.server.database import session_factory, sqlite_url
from sync.server.schema import PERSON, Record
from sync.transport import Transport
from tests.benchmarks import stores
from tests.benchmarks.harness import Timings, ms, row
from tests.benchmarks.population import people, record_intake
from tests.conftest import FAST_KDF
from tests.sync.conftest import free_port, reset_postgres

DESK = stores.DESK
RECORDS_PER_INTAKE = 8  # person, visit, two needs, two consents, referral, referral event
PG_URL = os.environ.get("ARCO_TEST_DATABASE_URL", "")


# ===================================================================== server process
@contextmanager
def central(database_url: str, data_dir: Path, workers: int = 1) -> Iterator[str]:
    """``arco-central serve`` in its own process (database migrated first); yields its URL."""
    open_database(database_url).dispose()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [
        sys.executable, "-m", "sync.server.cli", "--database-url", database_url,
        "serve", "--port", str(port), "--workers", str(workers),
    ]  # fmt: skip
    log = data_dir / f"server-{port}.log"
    with log.open("ab") as out:
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(url + "/v1/health", timeout=1).ok:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("central server did not start: " + log.read_text()[-2000:])
            time.sleep(0.05)
        yield url
    except Exception:
        print("server log (tail):\n" + log.read_text()[-3000:], file=sys.stderr)
        raise
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def issue_code(engine: Engine, desk: str) -> str:
    with session_factory(engine).begin() as session:
        return admin.issue_code(session, desk, 1)


# ===================================================================== desk population
def populate(store: OpenStore, intakes: int, per_tx: int = 10) -> float:
    """Intakes as the desk records them (captured in the outbox), ``per_tx`` per commit."""
    forms = people(intakes, seed=11)
    start = time.perf_counter()
    done = 0
    while done < intakes:
        with store.session() as session:
            for form in (next(forms) for _ in range(min(per_tx, intakes - done))):
                record_intake(session, store.actor, form)
                done += 1
    return time.perf_counter() - start


def new_store(folder: Path, login: str) -> OpenStore:
    return DeskStore(folder, kdf=FAST_KDF).create(DESK, login, stores.PASSWORD).store


def outbox_depth(store: OpenStore) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(OutboxEntry)) or 0


# ===================================================================== raw copies
PERSON_TABLES = [name for name in ENTITIES if name not in REFERENCE]


def _wire(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def raw_push_copy(desk: OpenStore, database_url: str) -> int:
    """Desk rows -> server ``records`` (JSON data), one executemany per table, no HTTP."""
    engine = open_database(database_url)
    copied = 0
    start_seq = 1_000_000
    with desk.engine.connect() as src, engine.begin() as dst:
        for name in PERSON_TABLES:
            entity = ENTITIES[name]
            rows = src.execute(select(entity.table)).mappings().all()
            if not rows:
                continue
            batch = []
            for r in rows:
                data = {f: _wire(r[f]) for f in entity.fields}
                person = r["id"] if name == "persons" else r.get("person_id")
                batch.append(
                    {
                        "id": r["id"],
                        "entity": name,
                        "seq": start_seq + copied + len(batch),
                        "hlc": r["hlc"],
                        "origin_desk": r["origin_desk"],
                        "deleted": r["deleted"],
                        "created_at": r["created_at"],
                        "updated_at": r["updated_at"],
                        "data": data,
                        "field_hlc": {f: [r["hlc"], DESK] for f in data},
                        "scope": PERSON,
                        "person_id": person,
                        "person_id2": None,
                    }
                )
            dst.execute(insert(Record.__table__), batch)
            copied += len(batch)
    engine.dispose()
    return copied


def _parsers(name: str) -> dict[str, Any]:
    parsers: dict[str, Any] = {}
    for column in ENTITIES[name].table.columns:
        if isinstance(column.type, DateTime):
            parsers[column.name] = datetime.fromisoformat
        elif isinstance(column.type, Date):
            parsers[column.name] = date.fromisoformat
    return parsers


def raw_pull_copy(database_url: str, desk: OpenStore) -> int:
    """Server ``records`` -> desk tables, one executemany per table, no HTTP."""
    engine = create_engine(database_url)
    copied = 0
    with engine.connect() as src, desk.engine.begin() as dst:
        dst.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        table = Record.__table__
        rows = src.execute(
            select(table).where(table.c.scope == PERSON).order_by(table.c.seq)
        ).mappings()
        by_entity: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            by_entity.setdefault(r["entity"], []).append(
                {
                    **r["data"],
                    "id": r["id"],
                    "hlc": r["hlc"],
                    "origin_desk": r["origin_desk"],
                    "created_at": r["created_at"],
                    "updated_at": r["updated_at"],
                }
            )
        for name, batch in by_entity.items():
            parsers = _parsers(name)
            for values in batch:
                for column, parse in parsers.items():
                    if isinstance(values.get(column), str):
                        values[column] = parse(values[column])
            dst.execute(insert(ENTITIES[name].table), batch)
            copied += len(batch)
    engine.dispose()
    return copied


# ===================================================================== 1 and 2
def bench_initial_and_incremental(records: int, runs: int, tmp: Path) -> None:
    intakes = max(1, math.ceil(records / RECORDS_PER_INTAKE))
    print(
        f"\nSync with a central server on SQLite over loopback HTTP: {intakes:,} intakes "
        f"(~{intakes * RECORDS_PER_INTAKE:,} records), then {runs} one-field syncs"
    )
    desk_a = new_store(tmp / "desk-a", "anna")
    took = populate(desk_a, intakes)
    mutations = outbox_depth(desk_a)
    print(f"  (desk built in {took:.1f} s: {mutations:,} outbox mutations)")
    server_dir = tmp / "central"
    server_dir.mkdir()
    url = sqlite_url(server_dir)
    with central(url, server_dir) as base:
        engine = open_database(url)
        enrolment.enrol(desk_a, desk_a.actor, base, issue_code(engine, DESK))
        sync_a = client.SyncClient(desk_a)
        transport = sync_a._open_transport()
        sync_a._hello(transport)
        report = client.SyncReport()
        start = time.perf_counter()
        sync_a._push(transport, report)
        push_s = time.perf_counter() - start
        start = time.perf_counter()
        sync_a._pull(transport, report)
        echo_s = time.perf_counter() - start
        with engine.connect() as conn:
            on_server = conn.scalar(
                select(func.count()).select_from(Record).where(Record.scope == PERSON)
            )
        # second device of the same desk: everything comes down
        desk_b = new_store(tmp / "desk-b", "bruno")
        enrolment.enrol(desk_b, desk_b.actor, base, issue_code(engine, DESK))
        sync_b = client.SyncClient(desk_b)
        start = time.perf_counter()
        pulled = sync_b.sync()
        pull_s = time.perf_counter() - start
        assert pulled.ok, pulled.error
        with desk_b.session() as session:
            people_b = session.scalar(select(func.count()).select_from(Person))

        # raw copies through the same kinds of database
        raw_dir = tmp / "raw-central"
        raw_dir.mkdir()
        raw_url = sqlite_url(raw_dir)
        open_database(raw_url).dispose()  # migration is not part of the copy
        start = time.perf_counter()
        raw_pushed = raw_push_copy(desk_a, raw_url)
        raw_push_s = time.perf_counter() - start
        desk_c = new_store(tmp / "desk-c", "carla")
        start = time.perf_counter()
        raw_pulled = raw_pull_copy(url, desk_c)
        raw_pull_s = time.perf_counter() - start

        # incremental: one changed field, the whole cycle
        with desk_a.session() as session:
            ids = list(session.scalars(select(Person.id).limit(runs)))
        cycle = Timings()
        for i in range(runs):
            with desk_a.session() as session:
                person = session.get(Person, ids[i % len(ids)])
                assert person is not None
                person.phone = f"+39 340 {5550000 + i}"
            with cycle.measure():
                answer = sync_a.sync()
            assert answer.ok and answer.pushed == 1, answer
        sync_a.close()
        sync_b.close()
        engine.dispose()
    for store in (desk_a, desk_b, desk_c):
        store.lock()

    push_rate = on_server / push_s
    pull_rate = pulled.pulled / pull_s
    row(f"push: {mutations:,} mutations -> {on_server:,} records", f"{push_s:.2f} s")
    row("push throughput (records/s)", f"{push_rate:,.0f}", "target >= 10,000/s")
    row("raw copy desk -> server DB (executemany)", f"{raw_push_s:.2f} s", f"{raw_pushed:,} rows")
    row("ratio push / raw copy", f"{push_s / raw_push_s:.1f}x", "target <= 2x")
    row(f"first device pulls its own {report.pulled:,} records back", f"{echo_s:.2f} s")
    row(f"second device initial sync: {pulled.pulled:,} records pulled", f"{pull_s:.2f} s")
    row("pull throughput (records/s)", f"{pull_rate:,.0f}", "target >= 10,000/s")
    row("raw copy server DB -> desk (executemany)", f"{raw_pull_s:.2f} s", f"{raw_pulled:,} rows")
    row("ratio pull / raw copy", f"{pull_s / raw_pull_s:.1f}x", "target <= 2x")
    row("people on the second device", f"{people_b:,}")
    row(f"sync() with one changed field, p50 ({runs} runs)", ms(cycle.median), "target <= 50 ms")
    row("sync() with one changed field, p95", ms(cycle.p(0.95)))


# ===================================================================== 3: load
def outbox_template(tmp: Path, intakes: int = 3) -> list[list[dict[str, Any]]]:
    """Desk transactions as a real desk's outbox holds them (one intake each)."""
    store = stores.plain(tmp / "template")
    populate(store, intakes, per_tx=1)
    with store.session() as session:
        rows = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.op_seq)))
        txs: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            txs.setdefault(r.tx_id, []).append(client.mutation(r).model_dump())
    store.lock()
    return list(txs.values())


def _fresh(
    template: list[dict[str, Any]], desk: str, counter: int, person: PersonForm
) -> list[dict[str, Any]]:
    """The template transaction with new ids and stamps, written at ``desk``, about
    ``person`` (names drawn like the desk's own, so desks share common names)."""
    ids: dict[str, str] = {}
    for m in template:
        ids.setdefault(m["row_id"], str(uuid.uuid4()))
    tx = str(uuid.uuid4())
    now = time.time_ns() // 1_000_000
    out = []
    for i, m in enumerate(template):
        fields = {k: (ids.get(v, v) if isinstance(v, str) else v) for k, v in m["fields"].items()}
        for key in ("desk_code", "from_desk"):
            if key in fields:
                fields[key] = desk
        if m["entity"] == "persons" and m["op"] == "insert":
            fields.update(
                given_name=person.given_name,
                family_name=person.family_name,
                sex=person.sex,
                birth_year=person.birth_year,
                citizenships=person.citizenships,
                phone=person.phone,
            )
        out.append(
            {
                **m,
                "mutation_id": str(uuid.uuid4()),
                "tx_id": tx,
                "row_id": ids[m["row_id"]],
                "fields": fields,
                "base_hlc": 0,
                "hlc": pack(now, (counter * 64 + i) % 60_000),
            }
        )
    return out


class SimulatedDesk:
    def __init__(self, base: str, desk: str, code: str) -> None:
        self.desk = desk
        self.base = base
        answer = requests.post(
            base + "/v1/enrol",
            json={"code": code, "desk": desk, "device_name": "bench"},
            headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
            timeout=60,
        )
        answer.raise_for_status()
        body = answer.json()
        self.transport = Transport(base, f"{body['device_id']}.{body['secret']}")
        self.epoch = body["epoch"]
        self.cursor = 0
        self.hlc = 0

    def cycle(self, batch: list[dict[str, Any]], times: dict[str, Timings]) -> tuple[int, int]:
        """hello, push (if any), pull to the end; returns (pushed, pulled)."""
        with times["hello"].measure():
            self.transport.post(
                "/v1/hello",
                {
                    "schema_version": batch[0]["schema_version"] if batch else "",
                    "client_time_ms": time.time_ns() // 1_000_000,
                    "hlc": self.hlc,
                    "cursor": self.cursor,
                    "outbox_depth": len(batch),
                },
            )
        if batch:
            batch_id = str(uuid.uuid4())
            with times["push"].measure():
                answer = self.transport.post(
                    "/v1/push", {"batch_id": batch_id, "mutations": batch}, key=batch_id
                )
            assert all(r["status"] == "applied" for r in answer["results"]), answer
            self.hlc = answer["server_hlc"]
        pulled = 0
        while True:
            with times["pull"].measure():
                page = self.transport.get(
                    "/v1/pull", {"cursor": self.cursor, "limit": 1000, "epoch": self.epoch}
                )
            pulled += len(page["changes"])
            self.cursor = page["next_cursor"]
            if not page["has_more"]:
                return len(batch), pulled


def _pg_reachable(url: str) -> str:
    try:
        engine = create_engine(url)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return ""
    except Exception as exc:  # any failure means: skip, and say why
        return type(exc).__name__


def bench_load(desks: int, rounds: int, pg_url: str, workers: int, tmp: Path) -> None:
    print(
        f"\nLoad: {desks} simulated desks, {rounds} measured cycles each (hello, push of one "
        f"intake, pull), all at once, PostgreSQL server with {workers} workers"
    )
    if not pg_url:
        print("  skipped: give --pg-url or set ARCO_TEST_DATABASE_URL")
        return
    problem = _pg_reachable(pg_url)
    if problem:
        print(f"  skipped: PostgreSQL not reachable ({problem})")
        return
    templates = outbox_template(tmp)
    reset_postgres(pg_url)
    engine = open_database(pg_url)
    codes: list[tuple[str, str]] = []
    with session_factory(engine).begin() as session:
        for i in range(desks):
            code = f"sim-{i:03d}"
            admin.add_desk(
                session,
                {
                    "code": code,
                    "name": f"Simulated desk {i}",
                    "municipio": 1 + i % 9,
                    "host": "benchmark",
                    "referral_prefix": f"S{i:03d}",
                },
            )
        session.flush()
        for i in range(desks):
            codes.append((f"sim-{i:03d}", admin.issue_code(session, f"sim-{i:03d}", 1)))
    engine.dispose()
    server_dir = tmp / "pg-central"
    server_dir.mkdir()
    with central(pg_url, server_dir, workers) as base:
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=min(desks, 32)) as pool:
            sims = list(pool.map(lambda c: SimulatedDesk(base, *c), codes))
        enrol_s = time.perf_counter() - start
        warm = {k: Timings() for k in ("hello", "push", "pull")}
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=desks) as pool:
            first = list(pool.map(lambda s: s.cycle([], warm), sims))
        warm_s = time.perf_counter() - start
        times = {k: Timings() for k in ("hello", "push", "pull")}
        barrier = threading.Barrier(desks)
        totals: Tally[str] = Tally()
        lock = threading.Lock()

        def run(index_sim: tuple[int, SimulatedDesk]) -> None:
            index, sim = index_sim
            own = {k: Timings() for k in times}
            barrier.wait()
            pushed = pulled = 0
            forms = people(rounds, seed=1000 + index)
            for r in range(rounds):
                template = templates[(index + r) % len(templates)]
                batch = _fresh(template, sim.desk, index * rounds + r, next(forms))
                p, q = sim.cycle(batch, own)
                pushed += p
                pulled += q
            with lock:
                for k, t in own.items():
                    times[k].samples += t.samples
                totals["pushed"] += pushed
                totals["pulled"] += pulled

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=desks) as pool:
            list(pool.map(run, enumerate(sims)))
        load_s = time.perf_counter() - start
        for sim in sims:
            sim.transport.close()
    every = Timings([s for t in times.values() for s in t.samples])
    requests_made = len(every.samples)
    row(f"enrol {desks} devices (32 at a time)", f"{enrol_s:.2f} s")
    row(
        f"first cycle, reference data ({sum(q for _, q in first):,} changes pulled)",
        f"{warm_s:.2f} s",
        f"p95 pull {ms(warm['pull'].p(0.95))}",
    )
    row(f"measured phase: {requests_made:,} requests", f"{load_s:.2f} s")
    row("changes pushed per second", f"{totals['pushed'] / load_s:,.0f}")
    row(
        "changes pushed + pulled per second",
        f"{(totals['pushed'] + totals['pulled']) / load_s:,.0f}",
    )
    row("requests per second", f"{requests_made / load_s:,.0f}")
    for name, t in times.items():
        row(f"{name}: p50 / p95", f"{ms(t.median)} / {ms(t.p(0.95))}")
    row("any request: p95", ms(every.p(0.95)), "target <= 250 ms")


def bench_sync(records: int, runs: int, desks: int, rounds: int, pg_url: str, workers: int) -> None:
    print("(loopback, shared machine: server, client and stores compete for the same cores)")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if records:
            bench_initial_and_incremental(records, runs, tmp)
        if desks:
            bench_load(desks, rounds, pg_url or PG_URL, workers, tmp)
