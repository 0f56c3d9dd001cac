"""Run every benchmark.

``python -m tests.benchmarks [--intake N] [--people N] [--legal N] [--gui-people N]
[--documents N] [--indicators N]``
``python -m tests.benchmarks --sync [--sync-records N] [--sync-desks N] [--pg-url URL]
[--peer] [--sync-initial-rounds N] [--sync-profile DIR]`` (sync only; full sizes:
``--sync-records 50000 --sync-desks 200 --peer``)
``python -m tests.benchmarks --recall [--recall-sizes 10000,50000] [--recall-latency 100000]``
(name search only: recall on the evaluation set next to Soundex, latency at the largest size)
"""

from __future__ import annotations

import argparse
import platform
from pathlib import Path

from models import heap
from tests.benchmarks import (
    bench_documents,
    bench_gui,
    bench_indicators,
    bench_legal,
    bench_names,
    bench_store,
    bench_sync,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--intake", type=int, default=10_000, help="people to register (0: skip)")
    parser.add_argument("--people", type=int, default=100_000, help="people to search in (0: skip)")
    parser.add_argument(
        "--gui-people", type=int, default=100_000, help="people in the GUI benchmarks (0: skip)"
    )
    parser.add_argument(
        "--documents", type=int, default=20, help="warm renders per slip language (0: skip)"
    )
    parser.add_argument(
        "--legal", type=int, default=500, help="consultations sealed in the legal-key run (0: skip)"
    )
    parser.add_argument(
        "--indicators", type=int, default=100_000, help="people of the indicators run (0: skip)"
    )
    parser.add_argument("--sync", action="store_true", help="run only the sync benchmark")
    parser.add_argument(
        "--recall", action="store_true", help="run only the name search recall benchmark"
    )
    parser.add_argument(
        "--recall-sizes",
        default="10000,50000",
        help="background people of the recall runs, comma-separated ('' to skip)",
    )
    parser.add_argument(
        "--recall-latency", type=int, default=100_000, help="people for the search latency"
    )
    parser.add_argument(
        "--sync-records", type=int, default=5_000, help="records of the initial sync (0: skip)"
    )
    parser.add_argument("--sync-runs", type=int, default=50, help="one-field sync round trips")
    parser.add_argument(
        "--sync-desks", type=int, default=50, help="simulated desks of the load test (0: skip)"
    )
    parser.add_argument("--sync-rounds", type=int, default=3, help="sync cycles per desk")
    parser.add_argument(
        "--sync-initial-rounds",
        type=int,
        default=1,
        help="alternations of the initial push and pull (ARCO, PouchDB, raw copy)",
    )
    parser.add_argument(
        "--peer",
        action="store_true",
        help="also run PouchDB 9 + express-pouchdb (installed with npm into ~/.cache)",
    )
    parser.add_argument(
        "--peer-batch", type=int, default=1000, help="PouchDB replication batch_size"
    )
    parser.add_argument(
        "--sync-profile", type=Path, help="write cProfile files of the first round here"
    )
    parser.add_argument(
        "--sync-workers",
        default="2,4",
        help="server worker counts of the load test, run alternately (e.g. 1,2,4)",
    )
    parser.add_argument(
        "--sync-load-runs", type=int, default=1, help="alternations of the load test"
    )
    parser.add_argument(
        "--sync-load-period",
        type=float,
        default=0.0,
        help="also a paced load: each desk syncs every this many seconds (0: only all at once)",
    )
    parser.add_argument(
        "--pg-url", default="", help="PostgreSQL for the load test (ARCO_TEST_DATABASE_URL)"
    )
    parser.add_argument(
        "--no-settle", action="store_true", help="keep the collector's defaults (models.heap)"
    )
    args = parser.parse_args()
    if args.sync or args.recall:
        args.intake = args.people = args.gui_people = args.documents = args.legal = 0
        args.indicators = 0
    if args.sync:
        args.recall_sizes = ""
    if args.recall:
        args.sync_records = args.sync_desks = 0
    print(f"ARCO Desk benchmarks on {platform.machine()}, Python {platform.python_version()}")
    # measured as the programs run: the desk app, arco-deskctl and the server settle the
    # collector once started (models.heap); --no-settle shows the difference
    if not args.no_settle:
        heap.settle()
    if args.intake:
        bench_store.bench_intake(args.intake)
    if args.people:
        bench_store.bench_search_and_unlock(args.people)
    sizes = tuple(int(n) for n in args.recall_sizes.split(",") if n.strip())
    if sizes:
        bench_names.bench_recall(sizes, args.recall_latency)
    if args.legal:
        bench_legal.bench_legal(args.legal)
    if args.gui_people:
        bench_gui.bench_gui(args.gui_people)
    if args.documents:
        bench_documents.bench_documents(args.documents)
    if args.indicators:
        bench_indicators.bench_indicators(args.indicators)
    if args.sync_records or args.sync_desks:
        bench_sync.bench_sync(
            args.sync_records,
            args.sync_runs,
            args.sync_desks,
            args.sync_rounds,
            args.pg_url,
            [int(w) for w in args.sync_workers.split(",")],
            args.sync_initial_rounds,
            args.peer,
            args.peer_batch,
            args.sync_profile,
            args.sync_load_runs,
            args.sync_load_period,
        )


if __name__ == "__main__":
    main()
