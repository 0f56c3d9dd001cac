"""What the FAMI indicators cost on a big desk: 100,000 people, one period.

``python -m tests.benchmarks.bench_indicators [--people N]``

The people (with about three visits each over three years, a need per visit, a referral
for one person in six with its status history, a consultation for one in eight, and 2% of
them erased and folded) are bulk-written as replicated rows, on an encrypted store and on
plain SQLite side by side; the report of one year and of one month is computed on each,
several times, alternating.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from models import gdpr, indicators
from models.clock import utcnow
from models.ids import uuid7
from models.indicators import Period
from models.schema import Consultation, Need, Person, Referral, ReferralEvent, Visit
from models.store import OpenStore
from tests.benchmarks import stores
from tests.benchmarks.harness import Timings, ms, row
from tests.conftest import FAST_KDF

ORIGINS = ["EG"] * 5 + ["PE"] * 4 + ["BD"] * 4 + ["CN"] * 3 + ["NG", "PK", "MA", "UA", "SN"]
ORIGINS += ["RO", "IT", "FR"]
CHANNELS = ["walk_in"] * 6 + ["appointment"] * 3 + ["phone", "email"]
SERVICES = ["mwc_family_reunification", "italian_language", "mwc_legal_second_level"]
SERVICES += ["job_training_celav", "health_services", "sai_access"]
OUTCOMES = ["completed", "declined", "no_show", "sent", "accepted", "cancelled"]
START = datetime(2024, 1, 8, 9, 0)
DAYS = 3 * 365
BATCH = 5_000


def fill(store: OpenStore, people: int, seed: int = 3) -> None:
    """Bulk replicated rows: people, visits, needs, referrals with events, consultations."""
    rng = random.Random(seed)
    meta: dict[str, Any] = {"hlc": 1, "origin_desk": stores.DESK, "deleted": False}
    with store.session() as session:
        session.info["replicating"] = True
        for first in range(0, people, BATCH):
            rows: dict[Any, list[dict[str, Any]]] = {
                t: [] for t in (Person, Visit, Need, Referral, ReferralEvent, Consultation)
            }
            for n in range(first, min(people, first + BATCH)):
                at = START + timedelta(days=rng.randrange(DAYS), hours=rng.randrange(8))
                pid = uuid7()
                stamp = {**meta, "created_at": at, "updated_at": at}
                rows[Person].append(
                    {
                        "id": pid,
                        "given_name": f"P{n}",
                        "family_name": "Bench",
                        "sex": rng.choice("MMMFF"),
                        "birth_year": 2026 - rng.randint(15, 75),
                        "citizenships": [rng.choice(ORIGINS)],
                        **stamp,
                    }
                )
                visits = [at]
                while rng.random() < 0.6 and len(visits) < 6:
                    visits.append(visits[-1] + timedelta(days=rng.randint(7, 200)))
                for visit_at in visits:
                    vid = uuid7()
                    rows[Visit].append(
                        {
                            "id": vid,
                            "person_id": pid,
                            "desk_code": stores.DESK,
                            "at": visit_at,
                            "channel": rng.choice(CHANNELS),
                            "first_time": visit_at == at,
                            "language": "",
                            "mediator_called": False,
                            "operator": "bench",
                            "notes": "",
                            **{**stamp, "created_at": visit_at, "updated_at": visit_at},
                        }
                    )
                    rows[Need].append(
                        {
                            "id": uuid7(),
                            "person_id": pid,
                            "visit_id": vid,
                            "service_code": rng.choice(SERVICES),
                            "description": "",
                            "urgency": "normal",
                            "status": "open",
                            **{**stamp, "created_at": visit_at, "updated_at": visit_at},
                        }
                    )
                if n % 6 == 0:
                    rid = uuid7()
                    status = rng.choice(OUTCOMES)
                    rows[Referral].append(
                        {
                            "id": rid,
                            "number": f"BENCH-{n:07d}",
                            "person_id": pid,
                            "from_desk": stores.DESK,
                            "target_service": rng.choice(SERVICES),
                            "reason": "",
                            "status": status,
                            "appointment_place": "",
                            "outcome": "",
                            "created_by": "bench",
                            **stamp,
                        }
                    )
                    moves = [("draft", "sent", at + timedelta(hours=1))]
                    if status != "sent":
                        done = at + timedelta(days=rng.randint(1, 40))
                        moves.append(("sent", status, done))
                    for before, after, when in moves:
                        rows[ReferralEvent].append(
                            {
                                "id": uuid7(),
                                "referral_id": rid,
                                "from_status": before,
                                "to_status": after,
                                "at": when,
                                "by": "bench",
                                "note": "",
                                **stamp,
                            }
                        )
                if n % 8 == 0:
                    rows[Consultation].append(
                        {
                            "id": uuid7(),
                            "person_id": pid,
                            "advisor": "lex",
                            "at": at,
                            "topic": rng.choice(["permit_of_stay", "asylum", "work"]),
                            "question": "",
                            "advice": "",
                            "outcome": "",
                            "escalation_reason": "",
                            **stamp,
                        }
                    )
            for table, values in rows.items():
                if values:
                    session.execute(insert(table), values)
    # 2% erased (and folded), in batches, through the one erasure path.
    with store.session() as session:
        ids = list(session.scalars(select(Person.id).limit(people // 50)))
    for start in range(0, len(ids), 500):
        with store.session() as session:
            chunk = list(
                session.scalars(select(Person).where(Person.id.in_(ids[start : start + 500])))
            )
            gdpr._erase(session, "bench", chunk, reason="benchmark")


def bench_indicators(people: int, rounds: int = 5) -> None:
    print(f"\nIndicators: {people:,} people, one period (encrypted vs plain SQLite)")
    periods = {
        "one year (2025)": Period(date(2025, 1, 1), date(2025, 12, 31)),
        "one month (March 2025)": Period(date(2025, 3, 1), date(2025, 3, 31)),
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = utcnow()
        desks = {
            "encrypted": stores.encrypted(folder / "encrypted", FAST_KDF),
            "plain": stores.plain(folder / "plain"),
        }
        for store in desks.values():
            fill(store, people)
        row("writing the population (both stores)", f"{(utcnow() - started).total_seconds():.0f} s")
        for label, period in periods.items():
            timings = {name: Timings() for name in desks}
            reached = set()
            for _ in range(rounds):  # alternate: the same machine conditions for both
                for name, store in desks.items():
                    with timings[name].measure(), store.session() as session:
                        report = indicators.compute(session, store.actor, period)
                    reached.add((name, report.reached, report.accesses))
            row(f"{label}, encrypted, median", ms(timings["encrypted"].median))
            row(f"{label}, plain SQLite, median", ms(timings["plain"].median))
            ratio = timings["encrypted"].median / timings["plain"].median
            row(f"{label}, encrypted / plain", f"{ratio:.2f}x")
            figures = sorted(reached)
            row(f"{label}, people reached · accesses", f"{figures[0][1]:,} · {figures[0][2]:,}")
        for store in desks.values():
            store.lock()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    bench_indicators(args.people, args.rounds)


if __name__ == "__main__":
    main()
