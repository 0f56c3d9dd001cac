"""What a locked store leaves in its process's memory (run by ``test_memory.py`` in a
fresh interpreter: ``python -m tests.models.memory_probe``; prints one JSON object).

A legal advisor unlocks, registers a person with a canary name, finds them, records a
consultation with a canary question, and locks. Then, for the database key, its hex form
(the text of the ``PRAGMA key`` statement), the legal key and both canaries, it counts:

- ``live``: Python objects still reachable (``gc.get_objects`` and their items) holding one;
- ``memory``: occurrences anywhere in the process's readable memory (``/proc/self/mem``),
  outside the probe's own copies: what a debugger or a core dump would find, freed memory
  included (Python never zeroes it).

The same memory scan before the lock shows the scan finds what is there.
"""

from __future__ import annotations

import ctypes
import gc
import json
import mmap
import sys
import tempfile
from pathlib import Path

import tests  # noqa: F401  (the suite's fast key derivation floor)
from models.consultations import record_consultation
from models.search import find_people
from models.store import DeskStore
from tests.conftest import ADMIN_PASSWORD, FAST_KDF
from tests.models.service_helpers import add_person, share

_CHUNK = 16 << 20


def memory_hits(needles: list[bytes], own: list[object]) -> list[int]:
    """How often each needle occurs in readable memory, outside ``own`` objects."""
    buffer = mmap.mmap(-1, _CHUNK)
    start_of_buffer = ctypes.addressof(ctypes.c_char.from_buffer(buffer))
    skip = [(start_of_buffer, start_of_buffer + _CHUNK)]
    skip += [(id(obj), id(obj) + sys.getsizeof(obj)) for obj in [*own, *needles]]
    for obj in own:  # a bytearray keeps its bytes in a buffer of its own
        if isinstance(obj, bytearray):
            address = ctypes.addressof((ctypes.c_char * len(obj)).from_buffer(obj))
            skip.append((address, address + len(obj)))
    counts = [0] * len(needles)
    with Path("/proc/self/maps").open() as maps_file:
        regions = maps_file.read().splitlines()
    with open("/proc/self/mem", "rb", 0) as mem:
        for line in regions:
            parts = line.split()
            if "r" not in parts[1] or "[vvar]" in line or "[vsyscall]" in line:
                continue
            low, high = (int(x, 16) for x in parts[0].split("-"))
            position = low
            while position < high and low != start_of_buffer:
                size = min(_CHUNK, high - position)
                try:
                    mem.seek(position)
                    got = mem.readinto(memoryview(buffer)[:size]) or 0
                except (OSError, ValueError, OverflowError):
                    break
                for index, needle in enumerate(needles):
                    at = buffer.find(needle, 0, got)
                    while at != -1:
                        address = position + at
                        if not any(lo <= address < hi for lo, hi in skip):
                            counts[index] += 1
                        at = buffer.find(needle, at + 1, got)
                position += size
    buffer.close()
    return counts


def live_hits(needles: list[bytes], own: list[object]) -> list[int]:
    """How many reachable Python objects (and their items) hold each needle."""
    skip = {id(obj) for obj in [*own, *needles]}
    counts = [0] * len(needles)
    for obj in gc.get_objects():
        items: list[object] = [obj]
        if isinstance(obj, dict):
            items += [*obj.keys(), *obj.values()]
        elif isinstance(obj, list | tuple | set | frozenset):
            items += list(obj)
        for item in items:
            if id(item) in skip:
                continue
            raw = item.encode("utf-8", "ignore") if isinstance(item, str) else item
            if isinstance(raw, bytes | bytearray | memoryview):
                data = bytes(raw)
                for index, needle in enumerate(needles):
                    counts[index] += needle in data
    return counts


def main() -> None:
    canary_name = "Zqx" + "vortimelna"  # never whole in this file's text
    canary_question = "Qwv" + "plinaxtores"
    folder = Path(tempfile.mkdtemp()) / "desk"
    created = DeskStore(folder, kdf=FAST_KDF).create("acli", "anna", ADMIN_PASSWORD)
    created.store.add_operator("lucia", "legal_advisor", ADMIN_PASSWORD)
    files = created.store.files
    created.store.lock()
    del created
    store = files.unlock("lucia", ADMIN_PASSWORD)
    ring = store.legal_keyring
    assert ring is not None
    keys = [bytearray(store.dek), bytearray(store.dek.hex().encode()), bytearray(ring.primary())]
    pid = add_person(store, store.actor, given_name=canary_name, family_name="Esempio")
    share(store, store.actor, pid)
    with store.session() as session:
        find_people(session, canary_name)
        record_consultation(session, store.actor, pid, "asylum", canary_question, "", "")
    names = ["database key", "database key (hex)", "legal key", "canary name", "canary question"]
    needles = [bytes(k) for k in keys] + [canary_name.encode(), canary_question.encode()]
    own = [*keys, keys, canary_name, canary_question]
    before = memory_hits(needles, own)
    store.lock()
    del store, ring, session
    gc.collect()
    after = memory_hits(needles, own)
    live = live_hits(needles, own)
    print(json.dumps({"names": names, "before": before, "memory": after, "live": live}))


if __name__ == "__main__":
    main()
