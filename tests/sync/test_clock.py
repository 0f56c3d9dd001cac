"""Clocks (R11): a desk whose clock is off syncs but never wins a same-field collision, and
stamps from the future are refused; sync never fails because of skew alone."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import requests
from sqlalchemy import select

from models.hlc import pack
from models.schema import Person, SyncConflict
from sync.protocol import PROTOCOL_HEADER
from tests.models.service_helpers import add_person
from tests.sync.fixtures import Central, Desk
from tests.sync.test_api_input import credential


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def _hello(central: Central, desk: Desk, skew_ms: int) -> dict[str, object]:
    answer = requests.post(
        f"{central.url}/v1/hello",
        json={"client_time_ms": _now_ms() + skew_ms},
        headers={"Authorization": f"Bearer {credential(desk)}", PROTOCOL_HEADER: "2"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    body: dict[str, object] = answer.json()
    return body


def _edit(
    central: Central, desk: Desk, person_id: str, notes: str, base: str, hlc: int
) -> requests.Response:
    mutation = {
        "mutation_id": str(uuid.uuid4()),
        "tx_id": str(uuid.uuid4()),
        "entity": "persons",
        "row_id": person_id,
        "op": "update",
        "fields": {"notes": notes},
        "base_values": {"notes": base},
        "hlc": hlc,
    }
    return requests.post(
        f"{central.url}/v1/push",
        json={"batch_id": str(uuid.uuid4()), "mutations": [mutation]},
        headers={"Authorization": f"Bearer {credential(desk)}", PROTOCOL_HEADER: "2"},
        timeout=10,
    )


def test_a_desk_with_a_wrong_clock_syncs_but_never_wins_a_collision(
    central_sqlite: Central, make_desk: Callable[..., Desk]
) -> None:
    first = make_desk(central_sqlite, "acli", "laptop-1")
    second = make_desk(central_sqlite, "acli", "laptop-2")
    pid = add_person(first.store, first.admin, given_name="Tariq", family_name="Aziz")
    first.sync()
    second.sync()
    with first.session() as s:
        s.get(Person, pid).notes = "from the good clock"
    first.sync()

    # laptop 2's clock is ten minutes behind: flagged, yet it still syncs
    assert _hello(central_sqlite, second, -10 * 60 * 1000)["clock_suspect"] is True
    late_stamp = pack(_now_ms() + 30_000, 0)  # a later stamp than laptop 1's, all the same
    answer = _edit(central_sqlite, second, pid, "from the wrong clock", "", late_stamp)
    assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "conflict"
    second.client.sync()  # an honest hello clears the flag; pulls the merged state
    with second.session() as s:
        assert s.get(Person, pid).notes == "from the good clock"
        conflict = s.scalar(select(SyncConflict))
        assert conflict is not None and conflict.other_value == "from the wrong clock"

    # a stamp more than a minute in the server's future is refused, and changes nothing
    future = pack(_now_ms() + 5 * 60 * 1000, 0)
    refused = _edit(central_sqlite, second, pid, "from the future", "from the good clock", future)
    assert refused.status_code == 409 and refused.json()["code"] == "clock_ahead"
    first.sync()
    with first.session() as s:
        assert s.get(Person, pid).notes == "from the good clock"
    assert _hello(central_sqlite, second, 0)["clock_suspect"] is False
