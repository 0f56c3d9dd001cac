"""Run every benchmark.

``python -m tests.benchmarks [--intake N] [--people N] [--gui-people N]``
"""

from __future__ import annotations

import argparse
import platform

from tests.benchmarks import bench_gui, bench_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--intake", type=int, default=10_000, help="people to register (0: skip)")
    parser.add_argument("--people", type=int, default=100_000, help="people to search in (0: skip)")
    parser.add_argument(
        "--gui-people", type=int, default=100_000, help="people in the GUI benchmarks (0: skip)"
    )
    args = parser.parse_args()
    print(f"ARCO Desk benchmarks on {platform.machine()}, Python {platform.python_version()}")
    if args.intake:
        bench_store.bench_intake(args.intake)
    if args.people:
        bench_store.bench_search_and_unlock(args.people)
    if args.gui_people:
        bench_gui.bench_gui(args.gui_people)


if __name__ == "__main__":
    main()
