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

import contextlib
import cProfile
import io
import math
import os
import pstats
import shutil
import statistics
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
from dataclasses import dataclass, field
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
from tests.benchmarks import bench_peer, stores
from tests.benchmarks.harness import Timings, ms, row
from tests.benchmarks.population import people, record_intake
from tests.conftest import FAST_KDF
from tests.sync.conftest import free_port, reset_postgres

DESK = stores.DESK
RECORDS_PER_INTAKE = 8  # person, visit, two needs, two consents, referral, referral event
PG_URL = os.environ.get("ARCO_TEST_DATABASE_URL", "")


# ===================================================================== server process
@contextmanager
def central(
    database_url: str, data_dir: Path, workers: int = 1, profile: Path | None = None
) -> Iterator[str]:
    """``arco-central serve`` in its own process (database migrated first); yields its URL.
    With ``profile``, the server runs under cProfile (``profiled_central``) and writes it
    there when it stops."""
    open_database(database_url).dispose()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    launcher = ["sync.server.cli"]
    if profile is not None:
        launcher = ["tests.benchmarks.profiled_central", str(profile)]
    cmd = [
        sys.executable, "-m", *launcher, "--database-url", database_url,
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
@dataclass
class Round:
    """One alternation: ARCO, PouchDB and the raw copy, push then pull."""

    push_s: float = 0.0
    pushed: int = 0  # records on the server after the push
    pull_s: float = 0.0
    pulled: int = 0  # records the new device pulled
    echo_s: float = 0.0  # the pushing desk pulling its own records back
    raw_push_s: float = 0.0
    raw_pull_s: float = 0.0
    raw_pushed: int = 0
    raw_pulled: int = 0
    peer_push: bench_peer.PeerRun | None = None
    peer_pull: bench_peer.PeerRun | None = None
    people_b: int = 0


def build_template(folder: Path, intakes: int) -> tuple[int, float]:
    """The desk every round starts from (a copy of it): ``intakes`` captured in its outbox,
    not enrolled. Returns (outbox mutations, seconds to build)."""
    store = new_store(folder, "anna")
    took = populate(store, intakes)
    depth = outbox_depth(store)
    store.lock()
    return depth, took


def open_copy(template: Path, folder: Path) -> OpenStore:
    shutil.copytree(template, folder)
    return DeskStore(folder, kdf=FAST_KDF).unlock("anna", stores.PASSWORD)


@contextmanager
def _profiled(folder: Path | None, name: str) -> Iterator[None]:
    if folder is None:
        yield
        return
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        profile.dump_stats(folder / f"{name}.prof")


# a server thread waiting for work, the event loop waiting for sockets: not work
IDLE = ("'poll' of 'select.epoll'", "'acquire' of '_thread.lock'", "'select' of")


def print_profile(path: Path, title: str, lines: int = 22) -> None:
    """The functions where ``path``'s run spent its time (own time, then with callees)."""
    if not path.exists():
        print(f"  (no profile {path.name})")
        return
    print(f"\n  profile: {title} ({path})")
    out = io.StringIO()
    stats = pstats.Stats(str(path), stream=out)
    for key in list(stats.stats):  # type: ignore[attr-defined]
        if any(idle in key[2] for idle in IDLE):
            del stats.stats[key]  # type: ignore[attr-defined]
    stats.strip_dirs().sort_stats("tottime").print_stats(lines)
    text = out.getvalue()
    body = text[text.find("ncalls") :]
    print("    " + body.replace("\n", "\n    ").rstrip())


def arco_round(
    template: Path, tmp: Path, r: int, profile: Path | None, runs: int, cycle: Timings
) -> Round:
    """ARCO: a copy of the desk pushes to a fresh server (SQLite, HTTP on loopback), pulls
    its own records back, and a new device of the desk makes its initial sync; the last
    round also measures one-field syncs (``runs``)."""
    out = Round()
    server_dir = tmp / f"central-{r}"
    server_dir.mkdir()
    url = sqlite_url(server_dir)
    server_profile = profile / "server.prof" if profile else None
    desk_a = open_copy(template, tmp / f"desk-a-{r}")
    desk_b = new_store(tmp / f"desk-b-{r}", "bruno")
    with central(url, server_dir, profile=server_profile) as base:
        engine = open_database(url)
        enrolment.enrol(desk_a, desk_a.actor, base, issue_code(engine, DESK))
        sync_a = client.SyncClient(desk_a)
        transport = sync_a._open_transport()
        sync_a._hello(transport)
        report = client.SyncReport()
        with _profiled(profile, "client-push"):
            start = time.perf_counter()
            sync_a._push(transport, report)()  # with the last answer stored
            out.push_s = time.perf_counter() - start
        start = time.perf_counter()
        sync_a._pull(transport, report)
        out.echo_s = time.perf_counter() - start
        with engine.connect() as conn:
            out.pushed = conn.scalar(
                select(func.count()).select_from(Record).where(Record.scope == PERSON)
            )
        enrolment.enrol(desk_b, desk_b.actor, base, issue_code(engine, DESK))
        sync_b = client.SyncClient(desk_b)
        with _profiled(profile, "client-pull"):
            start = time.perf_counter()
            pulled = sync_b.sync()
            out.pull_s = time.perf_counter() - start
        assert pulled.ok, pulled.error
        out.pulled = pulled.pulled
        with desk_b.session() as session:
            out.people_b = session.scalar(select(func.count()).select_from(Person)) or 0
        if runs:
            one_field_syncs(desk_a, sync_a, runs, cycle)
        sync_a.close()
        sync_b.close()
        engine.dispose()
    desk_a.lock()
    desk_b.lock()
    return out


def one_field_syncs(desk: OpenStore, sync: client.SyncClient, runs: int, cycle: Timings) -> None:
    """``sync()`` round trips, each pushing one changed field of a person."""
    with desk.session() as session:
        ids = list(session.scalars(select(Person.id).limit(runs)))
    for i in range(runs):
        with desk.session() as session:
            person = session.get(Person, ids[i % len(ids)])
            assert person is not None
            person.phone = f"+39 340 {5550000 + i}"
        with cycle.measure():
            answer = sync.sync()
        assert answer.ok and answer.pushed == 1, answer


def raw_round(template: Path, tmp: Path, r: int, out: Round) -> None:
    """The raw copies: the desk's rows into a fresh server database, and the round's server
    records into a new desk, Core ``executemany`` each, no HTTP."""
    desk = open_copy(template, tmp / f"raw-desk-{r}")
    raw_dir = tmp / f"raw-central-{r}"
    raw_dir.mkdir()
    raw_url = sqlite_url(raw_dir)
    open_database(raw_url).dispose()  # migration is not part of the copy
    start = time.perf_counter()
    out.raw_pushed = raw_push_copy(desk, raw_url)
    out.raw_push_s = time.perf_counter() - start
    desk.lock()
    desk_c = new_store(tmp / f"raw-desk-c-{r}", "carla")
    start = time.perf_counter()
    out.raw_pulled = raw_pull_copy(sqlite_url(tmp / f"central-{r}"), desk_c)
    out.raw_pull_s = time.perf_counter() - start
    desk_c.lock()


def bench_initial_and_incremental(
    records: int, runs: int, tmp: Path, rounds: int = 1, peer: bool = False,
    peer_batch: int = 1000, profile: Path | None = None,
) -> None:  # fmt: skip
    intakes = max(1, math.ceil(records / RECORDS_PER_INTAKE))
    print(
        f"\nInitial sync of {intakes:,} intakes (~{intakes * RECORDS_PER_INTAKE:,} records) with "
        f"a central server on SQLite over loopback HTTP, then {runs} one-field syncs; "
        f"{rounds} round(s), each ARCO"
        + (f", PouchDB (batch_size {peer_batch})" if peer else "")
        + ", raw copy, alternating"
    )
    template = tmp / "desk-template"
    mutations, took = build_template(template, intakes)
    print(f"  (desk built in {took:.1f} s: {mutations:,} outbox mutations)")
    pouch = bench_peer.ensure_pouchdb() if peer else None
    docs = tmp / "docs.json"
    if pouch is not None:
        copy = open_copy(template, tmp / "desk-export")
        bench_peer.export_docs(copy, docs)
        copy.lock()
    if profile is not None:
        profile.mkdir(parents=True, exist_ok=True)
    cycle = Timings()
    done: list[Round] = []
    with contextlib.ExitStack() as stack:
        pouch_url = ""
        if pouch is not None:
            pouch_url = stack.enter_context(
                bench_peer.pouch_server(pouch, tmp / "pouch-server", free_port())
            )
        for r in range(rounds):
            last = r == rounds - 1
            out = arco_round(
                template, tmp, r, profile if r == 0 else None, runs if last else 0, cycle
            )
            if pouch is not None:
                remote = f"{pouch_url}/round{r}"
                out.peer_push = bench_peer.pouch_push(
                    pouch, remote, docs, tmp / f"pouch-a-{r}", peer_batch
                )
                out.peer_pull = bench_peer.pouch_pull(
                    pouch, remote, tmp / f"pouch-b-{r}", peer_batch
                )
            raw_round(template, tmp, r, out)
            done.append(out)
            _print_round(r, out)
    _print_summary(done, mutations, intakes, runs, cycle)
    if profile is not None:
        print_profile(profile / "client-push.prof", "desk side of the push")
        print_profile(profile / "server.prof", "server (every thread), push and pulls")
        print_profile(profile / "client-pull.prof", "desk side of the new device's initial sync")


def _print_round(r: int, out: Round) -> None:
    peer = ""
    if out.peer_push is not None and out.peer_pull is not None:
        peer = f"; PouchDB push {out.peer_push.seconds:.2f} s, pull {out.peer_pull.seconds:.2f} s"
    print(
        f"  round {r + 1}: ARCO push {out.push_s:.2f} s, pull {out.pull_s:.2f} s{peer}; "
        f"raw push {out.raw_push_s:.2f} s, pull {out.raw_pull_s:.2f} s"
    )


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _print_summary(
    done: list[Round], mutations: int, intakes: int, runs: int, cycle: Timings
) -> None:
    last = done[-1]
    push_s = _median([d.push_s for d in done])
    pull_s = _median([d.pull_s for d in done])
    raw_push_s = _median([d.raw_push_s for d in done])
    raw_pull_s = _median([d.raw_pull_s for d in done])
    push_rate, pull_rate = last.pushed / push_s, last.pulled / pull_s
    print(f"  medians of {len(done)} round(s):")
    row(f"push: {mutations:,} mutations -> {last.pushed:,} records", f"{push_s:.2f} s")
    row("push throughput (records/s)", f"{push_rate:,.0f}")
    row("push (intakes/s)", f"{intakes / push_s:,.0f}")
    row(
        "raw copy desk -> server DB (executemany)",
        f"{raw_push_s:.2f} s",
        f"{last.raw_pushed:,} rows",
    )
    row("ratio push time / raw copy", f"{push_s / raw_push_s:.2f}x", "target <= 2x")
    row(f"first device pulls its own {last.pushed:,} records back", f"{last.echo_s:.2f} s")
    row(f"new device initial sync: {last.pulled:,} records pulled", f"{pull_s:.2f} s")
    row("pull throughput (records/s)", f"{pull_rate:,.0f}")
    row(
        "raw copy server DB -> desk (executemany)",
        f"{raw_pull_s:.2f} s",
        f"{last.raw_pulled:,} rows",
    )
    row("ratio pull time / raw copy", f"{pull_s / raw_pull_s:.2f}x", "target <= 2x")
    row("people on the new device", f"{last.people_b:,}")
    peers = [d for d in done if d.peer_push is not None and d.peer_pull is not None]
    if peers:
        peer_push_s = _median([d.peer_push.seconds for d in peers if d.peer_push])
        peer_pull_s = _median([d.peer_pull.seconds for d in peers if d.peer_pull])
        docs = peers[-1].peer_push.docs if peers[-1].peer_push else 0
        pushed_rate, pulled_rate = docs / peer_push_s, docs / peer_pull_s
        row(f"PouchDB push of the same {docs:,} records as documents", f"{peer_push_s:.2f} s")
        row("PouchDB push (documents/s)", f"{pushed_rate:,.0f}")
        row("PouchDB initial pull (replicate.from)", f"{peer_pull_s:.2f} s")
        row("PouchDB pull (documents/s)", f"{pulled_rate:,.0f}")
        row("ratio ARCO / PouchDB push, records/s", f"{push_rate / pushed_rate:.2f}x", ">= 2x")
        row("ratio ARCO / PouchDB pull, records/s", f"{pull_rate / pulled_rate:.2f}x", ">= 2x")
        row(
            "ARCO intakes/s / PouchDB documents/s, push",
            f"{intakes / push_s / pushed_rate:.3f}x",
            "(a document per intake)",
        )
        row(
            "ARCO intakes/s / PouchDB documents/s, pull",
            f"{intakes / pull_s / pulled_rate:.3f}x",
        )
    if runs:
        row(f"sync() with one changed field, p50 ({runs} runs)", ms(cycle.median), "<= 50 ms")
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
        if m["entity"] == "referrals" and isinstance(fields.get("number"), str):
            # the desk's own series (sim-007 numbers S007-<year>-<n>)
            year = fields["number"].split("-")[-2]
            fields["number"] = f"S{desk[-3:]}-{year}-{counter + 1:05d}"
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


@dataclass
class LoadRun:
    workers: int
    seconds: float = 0.0
    pushed: int = 0
    pulled: int = 0
    requests: int = 0
    p95: float = 0.0
    by_call: dict[str, tuple[float, float]] = field(default_factory=dict)  # p50, p95
    lock_share: float = 0.0  # of active server backends seen, the share waiting on a lock
    cpu_busy: float = 0.0  # of the machine's CPU time during the phase, the share used
    # CPU seconds used during the phase: the server's processes, PostgreSQL's, the desks'
    cpu: dict[str, float] = field(default_factory=dict)
    late: int = 0  # paced cycles that started after their time (the previous one ran on)

    def cpu_ms_per_request(self, part: str) -> float:
        return 1000 * self.cpu.get(part, 0.0) / self.requests if self.requests else 0.0


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _processes() -> dict[int, tuple[int, str, float]]:
    """pid -> (parent pid, command name, CPU seconds used) of every process (Linux /proc)."""
    found: dict[int, tuple[int, str, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        rest = stat[stat.rindex(")") + 2 :].split()
        found[int(entry.name)] = (int(rest[1]), name, (int(rest[11]) + int(rest[12])) / _TICK)
    return found


def _cpu_by_part(port: int) -> dict[str, float]:
    """CPU seconds used so far by the server listening on ``port`` (its process and its
    workers), by PostgreSQL's processes and by this process (the simulated desks)."""
    procs = _processes()
    server: set[int] = set()
    for pid in procs:
        try:
            if f"--port\x00{port}\x00".encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                server.add(pid)
        except OSError:
            continue
    grown = True
    while grown:  # the workers and their own children
        more = {pid for pid, (ppid, _n, _c) in procs.items() if ppid in server} - server
        server |= more
        grown = bool(more)
    return {
        "server": sum(procs[p][2] for p in server if p in procs),
        "postgres": sum(c for _pp, name, c in procs.values() if name.startswith("postgres")),
        "desks": procs.get(os.getpid(), (0, "", 0.0))[2],
    }


def _cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine (Linux /proc/stat)."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


class LockSampler:
    """Samples pg_stat_activity while the load runs: how many server backends are active,
    and how many of those wait on a lock (a row, a transaction, an advisory lock)."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)
        self.active = self.waiting = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> LockSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.engine.dispose()

    def _run(self) -> None:
        query = text(
            "SELECT wait_event_type FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND state = 'active'"
        )
        with self.engine.connect() as conn:
            while not self._stop.wait(0.05):
                kinds = [r[0] for r in conn.execute(query)]
                conn.rollback()
                self.active += len(kinds)
                self.waiting += sum(1 for k in kinds if k == "Lock")

    @property
    def share(self) -> float:
        return self.waiting / self.active if self.active else 0.0


def _load_desks(pg_url: str, desks: int) -> list[tuple[str, str]]:
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
    return codes


def load_once(
    desks: int,
    rounds: int,
    pg_url: str,
    workers: int,
    tmp: Path,
    templates: list[Any],
    n: int,
    period: float = 0.0,
) -> LoadRun:
    """One load run against a fresh database: every desk enrols and pulls the reference
    data, then runs ``rounds`` cycles (hello, push of one intake, pull): all at once and
    back to back (``period`` 0, the worst case: every desk back on the network at the same
    moment), or paced: each desk starts a cycle every ``period`` seconds, the desks' starts
    spread evenly over the period (open loop: a slow answer does not slow the arrivals)."""
    codes = _load_desks(pg_url, desks)
    server_dir = tmp / f"pg-central-{workers}-{n}-{period:g}"
    server_dir.mkdir()
    out = LoadRun(workers)
    with central(pg_url, server_dir, workers) as base:
        with ThreadPoolExecutor(max_workers=min(desks, 32)) as pool:
            sims = list(pool.map(lambda c: SimulatedDesk(base, *c), codes))
        warm = {k: Timings() for k in ("hello", "push", "pull")}
        with ThreadPoolExecutor(max_workers=desks) as pool:
            list(pool.map(lambda s: s.cycle([], warm), sims))
        times = {k: Timings() for k in ("hello", "push", "pull")}
        barrier = threading.Barrier(desks)
        totals: Tally[str] = Tally()
        lock = threading.Lock()

        def run(index_sim: tuple[int, SimulatedDesk]) -> None:
            index, sim = index_sim
            own = {k: Timings() for k in times}
            barrier.wait()
            pushed = pulled = late = 0
            forms = people(rounds, seed=1000 + index + 7919 * n)
            for r in range(rounds):
                if period:
                    wait = start + period * (r + index / desks) - time.perf_counter()
                    if wait > 0:
                        time.sleep(wait)
                    else:
                        late += 1
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
                totals["late"] += late

        port = int(base.rsplit(":", 1)[1])
        busy0, total0 = _cpu_times()
        cpu0 = _cpu_by_part(port)
        with LockSampler(pg_url) as sampler:
            start = time.perf_counter() + (0.5 if period else 0.0)  # the paced wait ready
            with ThreadPoolExecutor(max_workers=desks) as pool:
                list(pool.map(run, enumerate(sims)))
            out.seconds = time.perf_counter() - start
        busy1, total1 = _cpu_times()
        cpu1 = _cpu_by_part(port)
        out.cpu = {part: cpu1[part] - cpu0[part] for part in cpu0}
        for sim in sims:
            sim.transport.close()
    every = Timings([s for t in times.values() for s in t.samples])
    out.pushed, out.pulled, out.requests = totals["pushed"], totals["pulled"], len(every.samples)
    out.p95 = every.p(0.95)
    out.by_call = {k: (t.median, t.p(0.95)) for k, t in times.items()}
    out.lock_share = sampler.share
    out.cpu_busy = (busy1 - busy0) / (total1 - total0) if total1 > total0 else 0.0
    out.late = totals["late"]
    return out


def bench_load(
    desks: int,
    rounds: int,
    pg_url: str,
    workers: list[int],
    tmp: Path,
    alternations: int = 1,
    period: float = 0.0,
) -> None:
    modes = [0.0] + ([period] if period else [])
    print(
        f"\nLoad: {desks} simulated desks, {rounds} measured cycles each (hello, push of one "
        f"intake, pull), PostgreSQL server with {' / '.join(map(str, workers))} workers, "
        f"alternating ({alternations} time(s)): all at once"
        + (f", then paced (each desk every {period:g} s)" if period else "")
        + f"; {os.cpu_count()} CPU cores for the server, PostgreSQL and the simulated desks"
    )
    if not pg_url:
        print("  skipped: give --pg-url or set ARCO_TEST_DATABASE_URL")
        return
    problem = _pg_reachable(pg_url)
    if problem:
        print(f"  skipped: PostgreSQL not reachable ({problem})")
        return
    templates = outbox_template(tmp)
    runs: dict[tuple[float, int], list[LoadRun]] = {(m, w): [] for m in modes for w in workers}
    for n in range(alternations):
        for mode in modes:
            for w in workers:
                found = load_once(desks, rounds, pg_url, w, tmp, templates, n, mode)
                runs[mode, w].append(found)
                print(
                    f"  {_mode_name(mode)}, {w} worker(s), run {n + 1}: {found.requests:,} "
                    f"requests in {found.seconds:.2f} s, p95 {ms(found.p95)}, lock waits "
                    f"{found.lock_share:.0%}, CPU {found.cpu_busy:.0%} busy"
                )
    median = {
        key: sorted(found, key=lambda f: f.requests / f.seconds)[len(found) // 2]
        for key, found in runs.items()
    }
    for (mode, w), best in median.items():
        print(f"  {_mode_name(mode)}, {w} worker(s), median run:")
        row("changes pushed per second", f"{best.pushed / best.seconds:,.0f}")
        row("requests per second", f"{best.requests / best.seconds:,.0f}")
        for name, (p50, p95) in best.by_call.items():
            row(f"{name}: p50 / p95", f"{ms(p50)} / {ms(p95)}")
        row("any request: p95", ms(best.p95), "target <= 250 ms (4 workers)")
        if mode:
            row("cycles that started late", f"{best.late:,}")
        row("server backends waiting on a lock", f"{best.lock_share:.1%}")
        row("machine CPU busy", f"{best.cpu_busy:.0%}")
        row(
            "CPU per request: server / PostgreSQL / desks",
            " / ".join(f"{best.cpu_ms_per_request(p):.1f}" for p in ("server", "postgres", "desks"))
            + " ms",
        )
    for w in workers:
        for v in workers:
            if v > w:
                ratio = (median[0.0, v].requests / median[0.0, v].seconds) / (
                    median[0.0, w].requests / median[0.0, w].seconds
                )
                target = ">= 1.6x (4 / 2)" if (w, v) == (2, 4) else ""
                row(f"all at once: throughput {v} workers / {w} workers", f"{ratio:.2f}x", target)
    _cpu_model(median, workers)


def _mode_name(period: float) -> str:
    return f"paced every {period:g} s" if period else "all at once"


def _cpu_model(median: dict[tuple[float, int], LoadRun], workers: list[int]) -> None:
    """What the machine allows. A request costs ``s`` ms of CPU in a server worker (one
    core at most each: Python's lock) and ``p`` in PostgreSQL, and the simulated desks
    ``d`` more on the same machine; with ``C`` cores and ``w`` workers the rate is bounded
    by ``C ÷ (s + p + d)`` here, and by ``min(C ÷ (s + p), w ÷ s)`` with the desks
    elsewhere. Printed beside what was measured, for this machine and for larger ones."""
    cores = os.cpu_count() or 1
    print(f"  CPU-bound model (CPU per request of the all-at-once runs; {cores} cores here):")
    pooled = [median[0.0, w] for w in workers if median[0.0, w].requests]
    for run in pooled:
        s_ms, p_ms = run.cpu_ms_per_request("server"), run.cpu_ms_per_request("postgres")
        d_ms = run.cpu_ms_per_request("desks")
        row(
            f"{run.workers} workers: measured / bound {cores} ÷ ({s_ms:.1f} + {p_ms:.1f} + "
            f"{d_ms:.1f}) ms",
            f"{run.requests / run.seconds:,.0f} / {cores * 1000 / (s_ms + p_ms + d_ms):,.0f}"
            " requests/s",
        )
    requests = sum(run.requests for run in pooled)
    s_ms = 1000 * sum(run.cpu.get("server", 0.0) for run in pooled) / max(1, requests)
    p_ms = 1000 * sum(run.cpu.get("postgres", 0.0) for run in pooled) / max(1, requests)
    if len(pooled) < 2 or not s_ms:
        return

    def bound(w: int, c: int) -> float:
        return 1000 * min(c / (s_ms + p_ms), w / s_ms)

    low, high = min(workers), max(workers)
    for c in sorted({cores, 4, 8}):
        row(
            f"desks elsewhere, {c} cores ({s_ms:.1f} + {p_ms:.1f} ms): {low} / {high} workers",
            f"{bound(low, c):,.0f} / {bound(high, c):,.0f} requests/s, "
            f"{bound(high, c) / bound(low, c):.2f}x",
        )


def bench_sync(
    records: int, runs: int, desks: int, rounds: int, pg_url: str, workers: list[int],
    initial_rounds: int = 1, peer: bool = False, peer_batch: int = 1000,
    profile: Path | None = None, load_alternations: int = 1, load_period: float = 0.0,
) -> None:  # fmt: skip
    print("(loopback, shared machine: server, client and stores compete for the same cores)")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        # the desks' device secrets go to this run's folder, never the user's keystore
        os.environ.setdefault("ARCO_CONFIG_DIR", str(tmp / "config"))
        os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
        if records:
            bench_initial_and_incremental(
                records, runs, tmp, initial_rounds, peer, peer_batch, profile
            )
        if desks:
            bench_load(
                desks, rounds, pg_url or PG_URL, workers, tmp, load_alternations, load_period
            )
