"""Intake throughput (encrypted vs plain), name search at scale, unlock time."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from models.crypto import DEFAULT_KDF, calibrate
from models.people import check_person, new_person
from models.schema import Person
from models.search import find_people
from models.store import DeskStore, OpenStore
from tests.benchmarks import stores
from tests.benchmarks.harness import Timings, ms, row
from tests.benchmarks.population import QUERIES, people, record_intake


def intake_run(store: OpenStore, count: int) -> Timings:
    """Person, visit, two needs and a referral per intake, one transaction each."""
    timings = Timings()
    for form in people(count, seed=11):
        with timings.measure(), store.session() as session:
            record_intake(session, store.actor, form)
    return timings


def bench_intake(count: int) -> None:
    print(f"\nIntake of {count:,} people (person, visit, two needs, consent, a referral)")
    with tempfile.TemporaryDirectory() as tmp:
        enc = stores.encrypted(Path(tmp) / "enc")
        pla = stores.plain(Path(tmp) / "plain")
        # Alternate in chunks so both see the same machine conditions.
        enc_t, pla_t = Timings(), Timings()
        chunk = max(1, count // 10)
        for _ in range(count // chunk):
            enc_t.samples += intake_run(enc, chunk).samples
            pla_t.samples += intake_run(pla, chunk).samples
        enc.lock()
        pla.lock()
    row("encrypted store: total", f"{enc_t.total:.2f} s")
    row("plain SQLite, same code: total", f"{pla_t.total:.2f} s")
    row("ratio encrypted / plain", f"{enc_t.total / pla_t.total:.2f}", "target <= 1.3")
    row("p95 of one intake transaction (encrypted)", ms(enc_t.p(0.95)), "target <= 10 ms")
    row("p95 of one intake transaction (plain)", ms(pla_t.p(0.95)))


def load_people(store: OpenStore, count: int) -> float:
    """Bulk-load people as a sync pull would (no outbox), index maintained on flush."""
    start = time.perf_counter()
    batch = 5000
    forms = people(count, seed=3)
    done = 0
    while done < count:
        with store.session() as session:
            session.info["replicating"] = True
            for _ in range(min(batch, count - done)):
                person = new_person(check_person(next(forms)))
                person.origin_desk = "central"
                person.created_at = person.updated_at = person.created_at or _now()
                session.add(person)
                done += 1
    return time.perf_counter() - start


def _now():  # type: ignore[no-untyped-def]
    from models.clock import utcnow

    return utcnow()


def like_scan(session, query: str, limit: int = 20) -> list[str]:  # type: ignore[no-untyped-def]
    """The naive alternative: a substring scan over the name columns."""
    pattern = f"%{query}%"
    stmt = (
        select(Person.id)
        .where(
            Person.given_name.ilike(pattern)
            | Person.family_name.ilike(pattern)
            | Person.given_name_latin.ilike(pattern)
            | Person.family_name_latin.ilike(pattern)
        )
        .limit(limit)
    )
    return list(session.scalars(stmt))


def bench_search_and_unlock(count: int) -> None:
    print(f"\nSearch and unlock with {count:,} people in the encrypted store")
    with tempfile.TemporaryDirectory() as tmp:
        store = stores.encrypted(Path(tmp) / "big")
        took = load_people(store, count)
        row("bulk load (replicated, indexed)", f"{took:.1f} s", f"{count / took:,.0f} people/s")
        fuzzy, like = Timings(), Timings()
        with store.session() as session:
            for _ in range(5):
                for query in QUERIES:
                    with fuzzy.measure():
                        find_people(session, query)
                    # LIKE needs one token; give it the first one (it cannot match variants).
                    with like.measure():
                        like_scan(session, query.split()[0])
            hits = find_people(session, "Muhammad Hasan", limit=5)
        row("fuzzy name query p50", ms(fuzzy.median))
        row("fuzzy name query p95", ms(fuzzy.p(0.95)), "target <= 20 ms")
        row("plain LIKE '%name%' scan p95", ms(like.p(0.95)))
        row(
            "speed-up of the index over the LIKE scan (p95)", f"{like.p(0.95) / fuzzy.p(0.95):.1f}x"
        )
        row("top hit for 'Muhammad Hasan'", hits[0].display_name if hits else "-")
        files = store.files
        store.lock()

        kdf_t, open_t, unlock_t = Timings(), Timings(), Timings()
        for _ in range(5):
            locked = DeskStore(files.data_dir)
            keyfile = locked.key_file()
            with kdf_t.measure():
                dek = keyfile.open_operator_slot("bench", stores.PASSWORD)
            with open_t.measure():  # what unlock does once the key is known
                opened = locked._open(keyfile, dek, "bench")
            opened.lock()
            with unlock_t.measure():
                opened = DeskStore(files.data_dir).unlock("bench", stores.PASSWORD)
            opened.lock()
        row(
            f"Argon2id m={DEFAULT_KDF.memory_kib // 1024} MiB t={DEFAULT_KDF.iterations} "
            f"p={DEFAULT_KDF.lanes}",
            ms(kdf_t.median),
            "target 300-1000 ms",
        )
        row("unlock, whole (key derivation, open, checks, migrations)", ms(unlock_t.median))
        row("unlock after the key derivation (open, checks, audit)", ms(open_t.median))
    chosen = calibrate()
    row("calibrate() choice for a 0.6 s budget here", f"m={chosen.memory_kib // 1024} MiB")
