"""A desk process for the kill -9 tests: writes people and syncs in a loop until killed.

Usage: ``python -m tests.sync.desk_worker DATA_DIR STOP_AT SEED``

- ``STOP_AT`` is a name from ``sync.client.CRASH_POINTS`` (the worker prints ``AT <name>``
  when it gets there and sleeps, so the parent can SIGKILL it exactly there) or ``-``;
- prints ``READY`` once the store is open, ``CREATED <id>`` after each committed person,
  ``SYNCED <ok> <error>`` after each cycle. Everything is flushed at once.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from models.people import PersonForm, create_person, update_person
from models.schema import Person
from models.store import DeskStore
from sync.client import SyncClient
from tests.conftest import ADMIN_PASSWORD


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    data_dir, stop_at, seed = Path(argv[0]), argv[1], int(argv[2])
    rng = random.Random(seed)
    store = DeskStore(data_dir).unlock("anna", ADMIN_PASSWORD)
    actor = store.actor
    say("READY")

    def crash(point: str) -> None:
        if point == stop_at:
            say(f"AT {point}")
            time.sleep(120)

    client = SyncClient(store, crash=crash, batch_size=3, page_size=4)
    created: list[str] = []
    for round_ in range(40):
        for _ in range(rng.randint(1, 4)):
            form = PersonForm(
                given_name=f"W{seed}n{round_}", family_name=f"Kill{rng.randint(0, 9999)}"
            )
            with store.session(actor) as session:
                pid = create_person(session, actor, form).id
            created.append(pid)
            say(f"CREATED {pid}")
        if created and rng.random() < 0.5:
            pid = rng.choice(created)
            with store.session(actor) as session:
                person = session.get(Person, pid)
                if person is not None:
                    form = PersonForm.from_person(person)
                    form.notes = f"edited {round_}"
                    update_person(session, actor, pid, form)
        report = client.sync()
        say(f"SYNCED {int(report.ok)} {report.error}")
    store.lock()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
