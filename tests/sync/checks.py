"""Invariants shared by the fault and convergence suites: nothing lost, nothing duplicated,
every replica equal to the server's projection for its desk."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.changes import to_json
from models.schema import SYNCED_TABLES, OutboxEntry, RejectedChange
from models.store import OpenStore
from sync.entities import ENTITIES
from sync.server import scope
from sync.server.schema import AppliedMutation, Record
from tests.sync.fixtures import Central


def wire(entity: str, values: dict[str, Any]) -> dict[str, Any]:
    """Field values in wire form, every field present (missing ones as None)."""
    fields = ENTITIES[entity].fields
    model = ENTITIES[entity].model
    dumped = model.model_validate({f: values.get(f) for f in fields}).model_dump(mode="json")
    return {f: dumped.get(f) for f in fields}


def local_rows(store: OpenStore) -> dict[str, dict[str, dict[str, Any]]]:
    """entity -> id -> {fields…, hlc} of every synced row in the desk's store."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    with store.session() as session:
        for cls in SYNCED_TABLES:
            name = cls.__tablename__  # type: ignore[attr-defined]
            rows = out.setdefault(name, {})
            for row in session.scalars(select(cls)):
                values = {f: to_json(getattr(row, f)) for f in ENTITIES[name].fields}
                rows[row.id] = {**wire(name, values), "hlc": row.hlc}
    return out


def server_rows(central: Central, desk: str) -> dict[str, dict[str, dict[str, Any]]]:
    """The same projection of the server's records visible to ``desk``."""

    def work(session: Session) -> dict[str, dict[str, dict[str, Any]]]:
        out: dict[str, dict[str, dict[str, Any]]] = {n: {} for n in ENTITIES}
        for r in session.scalars(select(Record).where(scope.visible_to(desk))):
            out[r.entity][r.id] = {**wire(r.entity, {**r.data, "deleted": r.deleted}), "hlc": r.hlc}
        return out

    result: dict[str, dict[str, dict[str, Any]]] = central.run(work)
    return result


def pending(store: OpenStore) -> tuple[int, int]:
    """(outbox rows, rejected rows) of a desk."""
    with store.session() as session:
        outbox = session.scalar(select(func.count()).select_from(OutboxEntry)) or 0
        rejected = session.scalar(select(func.count()).select_from(RejectedChange)) or 0
    return outbox, rejected


def assert_replica_equals_server(central: Central, store: OpenStore) -> None:
    """Convergence: the desk holds exactly the server's projection for its desk."""
    assert pending(store) == (0, 0), "outbox or rejected list not empty"
    mine, theirs = local_rows(store), server_rows(central, store.desk)
    for entity in ENTITIES:
        assert set(mine.get(entity, {})) == set(theirs[entity]), f"{entity}: ids differ"
        for row_id, values in theirs[entity].items():
            local = mine[entity][row_id]
            diff = {k: (local[k], v) for k, v in values.items() if local.get(k) != v}
            assert not diff, f"{entity} {row_id}: fields differ (local, server) {diff}"


def assert_no_duplicates(central: Central, person_ids: Iterable[str]) -> None:
    """Every person created on a desk is on the server exactly once, none besides them."""
    wanted = set(person_ids)

    def work(session: Session) -> tuple[list[str], int, int]:
        ids = list(session.scalars(select(Record.id).where(Record.entity == "persons")))
        applied = session.scalar(select(func.count()).select_from(AppliedMutation)) or 0
        distinct = (
            session.scalar(select(func.count(func.distinct(AppliedMutation.mutation_id)))) or 0
        )
        return ids, applied, distinct

    ids, applied, distinct = central.run(work)
    assert len(ids) == len(set(ids))
    assert set(ids) == wanted, f"missing {len(wanted - set(ids))}, extra {len(set(ids) - wanted)}"
    assert applied == distinct
