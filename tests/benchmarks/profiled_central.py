"""``arco-central`` under cProfile, every thread of it (benchmarks only).

``python -m tests.benchmarks.profiled_central OUT.prof <arco-central arguments>`` runs the
server as ``sync.server.cli`` does, with a profiler in each thread: the event loop's (body
reading, request validation, answers) and the thread pool's (the endpoints). At exit
(uvicorn stops on SIGTERM) the profiles are merged into ``OUT.prof``.
"""

from __future__ import annotations

import cProfile
import pstats
import signal
import sys
import threading
from typing import Any

_profiles: list[cProfile.Profile] = []
_lock = threading.Lock()


def _start_in_thread(_frame: Any, _event: str, _arg: Any) -> None:
    profile = cProfile.Profile()
    with _lock:
        _profiles.append(profile)
    sys.setprofile(None)
    profile.enable()


def main() -> int:
    out, argv = sys.argv[1], sys.argv[2:]
    from sync.server import cli

    # uvicorn handles SIGTERM, then raises it again once stopped: exit cleanly then, so
    # the profiles are written
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    threading.setprofile(_start_in_thread)
    main_profile = cProfile.Profile()
    _profiles.append(main_profile)
    main_profile.enable()
    try:
        return cli.main(argv)
    finally:
        main_profile.disable()
        stats: pstats.Stats | None = None
        with _lock:
            for profile in _profiles:
                profile.create_stats()
                if not getattr(profile, "stats", None):
                    continue
                if stats is None:
                    stats = pstats.Stats(profile)
                else:
                    stats.add(profile)
        if stats is not None:
            stats.dump_stats(out)


if __name__ == "__main__":
    sys.exit(main())
