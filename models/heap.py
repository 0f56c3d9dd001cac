"""How the long-running programs (the desk app, the central server) tune Python's garbage
collector once they have started.

What a program builds at start-up — modules, the ORM's mappers, the protocol's validators,
Qt's wrappers — lives as long as the process, yet every full collection walks through it
again. A bulk sync allocates hundreds of thousands of short-lived containers, so the
collector ran often and each run scanned that whole start-up heap: about a third of the
server's time in a 20,000-record push. Freezing the start-up heap out of the collector
(``gc.freeze``) and letting the youngest generation grow larger before a collection keep
reference cycles collected, at a small fraction of the cost.
"""

from __future__ import annotations

import gc

# Allocations before a young collection (CPython's default is 700), then young
# collections before a middle one, and middle ones before a full one.
THRESHOLDS = (20_000, 50, 100)


def settle() -> None:
    """Call once the program has started: move what it holds out of the collector's way,
    and collect the young generation less often. No full collection first: start-up leaves
    a few dozen unreachable objects, and collecting them took 80 ms (on the desk app's GUI
    thread), freezing takes microseconds."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
