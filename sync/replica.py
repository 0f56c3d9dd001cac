"""The desk as a replica: pulled changes written into its tables, and rows it drops.

Rules kept here (numbers from SYNC-DESIGN.md):
- a pulled page is written in the caller's transaction (the pull's, with its cursor),
  foreign keys checked at its commit, so a page may hold a row before its parent;
- fields with changes still in the outbox keep their local value (rebase, R8);
- a pulled change that does not match the protocol, whose fields do not validate against
  its entity, that gives a unique key held by another row to its own, or whose parent row
  is missing is refused: logged by entity and id, never values, and the rest of the page is
  applied, so one bad record never stops this desk's sync;
- a person erased elsewhere is erased here too, with what only this desk held about them;
- rows whose creation the server refused or superseded exist on this desk only: dropped;
- status events the receiving service wrote that are new here mark their referral as
  changed by the service until an operator opens the board
  (``models.referrals.note_service_updates``).

What is written here came from the server, or is undone for it: it is written with the
session marked ``replicating`` (``models.changes``; the pull marks its session,
:func:`drop_refused_rows` its own savepoint), so none of it goes back into the outbox.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any, Protocol, TypeVar

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import UniqueConstraint, delete, select, tuple_
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import gdpr, search
from models.referrals import SERVICE_MARK, note_service_updates
from models.schema import OutboxEntry, ReferralEvent
from sync.entities import ENTITIES, TEMPORAL, DeskCodeText
from sync.protocol import Change, PullResponse

log = logging.getLogger(__name__)
T = TypeVar("T")


# ===================================================================== reading a page
def read_page(body: Any) -> tuple[PullResponse, int]:
    """A pull answer with each change checked on its own: a change that does not match the
    protocol is left out (logged without its values) and the rest of the page still counts,
    so one bad record never stops this desk's sync. Returns the page and how many changes
    were left out; raises ``ValidationError`` when the page itself is not a pull answer."""
    if not isinstance(body, dict) or not isinstance(body.get("changes"), list):
        return PullResponse.model_validate(body), 0  # raises: not a pull answer at all
    page = PullResponse.model_validate({**body, "changes": []})
    changes: list[Change] = []
    for raw in body["changes"]:
        try:
            changes.append(Change.model_validate(raw))
        except ValidationError:
            log.warning("a pulled change does not match the protocol: left out")
    return page.model_copy(update={"changes": changes}), len(body["changes"]) - len(changes)


# ===================================================================== applying a page


# entity -> (column, parent entity) of its foreign keys (all refer to ``id``)
_PARENTS = {
    name: [(fk.parent.name, fk.column.table.name) for fk in entity.table.foreign_keys]
    for name, entity in ENTITIES.items()
}


def orphans(session: Session, changes: list[Change]) -> list[Change]:
    """The changes whose parent row is neither in ``changes`` nor in the store, and the
    changes that hang off those (they would fail the foreign key check at commit)."""
    here = {(c.entity, c.id) for c in changes}
    refs = {
        c.id: [
            (parent, value)
            for column, parent in _PARENTS[c.entity]
            if isinstance(value := c.data.get(column), str)
        ]
        for c in changes
        if _PARENTS[c.entity]
    }
    outside: dict[str, set[str]] = {}
    for links in refs.values():
        for parent, value in links:
            if (parent, value) not in here:
                outside.setdefault(parent, set()).add(value)
    found: set[tuple[str, str]] = set()
    for parent, ids in outside.items():
        table = ENTITIES[parent].table
        for chunk in _chunks(sorted(ids), 500):
            found.update(
                (parent, i)
                for i in session.scalars(select(table.c.id).where(table.c.id.in_(chunk)))
            )
    orphan: set[tuple[str, str]] = set()
    while True:
        more = {
            (c.entity, c.id)
            for c in changes
            if (c.entity, c.id) not in orphan
            and any(
                link in orphan or (link not in here and link not in found)
                for link in refs.get(c.id, ())
            )
        }
        if not more:
            return [c for c in changes if (c.entity, c.id) in orphan]
        orphan |= more


# entity -> the column tuples of its unique constraints (referral number, codes)
_UNIQUE = {
    name: [
        tuple(c.name for c in k.columns)
        for k in entity.table.constraints
        if isinstance(k, UniqueConstraint)
    ]
    for name, entity in ENTITIES.items()
}


def _clashes(
    session: Session, changes: list[Change], values: dict[str, dict[str, Any]]
) -> list[Change]:
    """The changes that would give a unique key (a referral number, a code of a list) to a
    second row: the row holding it here keeps it, in the page the one created first.
    Written, they would fail the page, and with it every later sync of this desk."""
    clash: dict[str, Change] = {}
    for name, constraints in _UNIQUE.items():
        # in the page, the row created first keeps the key (a copy came later)
        mine = sorted((c for c in changes if c.entity == name), key=lambda c: (c.created_at, c.id))
        table = ENTITIES[name].table
        for columns in constraints if mine else []:
            wanted: dict[tuple[Any, ...], Change] = {}
            for change in mine:
                key = tuple(values[change.id].get(column) for column in columns)
                if None in key:
                    continue  # not carried by the change (or NULL: no clash in SQL)
                holder = wanted.setdefault(key, change)
                if holder.id != change.id:
                    clash[change.id] = change
            cols = [table.c[column] for column in columns]
            for chunk in _chunks(list(wanted), 200):
                where = (
                    tuple_(*cols).in_(chunk)
                    if len(cols) > 1
                    else cols[0].in_([key[0] for key in chunk])
                )
                for row in session.execute(select(table.c.id, *cols).where(where)):
                    taker = wanted.get(tuple(row[1:]))
                    if taker is not None and taker.id != row[0]:  # the key is held here
                        clash[taker.id] = taker
    return list(clash.values())


def _pending_fields(session: Session, row_ids: list[str]) -> dict[str, set[str]]:
    pending: dict[str, set[str]] = {}
    for chunk in _chunks(row_ids, 500):
        for row_id, fields in session.execute(
            select(OutboxEntry.row_id, OutboxEntry.fields).where(OutboxEntry.row_id.in_(chunk))
        ):
            pending.setdefault(row_id, set()).update(fields)
    return pending


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


_ORIGIN = TypeAdapter(DeskCodeText)


def _valid_values(change: Change) -> dict[str, Any] | None:
    """The fields of a pulled change as the store takes them, or None when they (or its
    origin desk) do not validate against the entity."""
    try:
        _ORIGIN.validate_python(change.origin_desk)
        checked = ENTITIES[change.entity].model.model_validate(change.data)
    except ValidationError:
        return None
    # every type but dates and times is strict: a valid value is stored as it came
    values = dict(change.data)
    for name in TEMPORAL[change.entity].intersection(values):
        values[name] = getattr(checked, name)
    return values


def apply_changes(session: Session, page: PullResponse, parents_checked: bool = False) -> int:
    """Write pulled records into the desk's tables (upserts, in the current transaction).

    Foreign keys are checked at commit, so a page may hold a row before its parent.
    Fields with a local change still waiting in the outbox keep the local value. A person
    erased elsewhere is erased here too, with what only this desk held about them.

    A change whose fields do not validate against its entity is not applied (the desk keeps
    what it had), nor is one that gives a unique key held by another row to its own, nor
    one whose parent row is neither in the page nor in the store (either would fail the
    write or the foreign key check at commit, and with it the whole page). They are
    logged by entity and id, never values; the rest of the page is applied. Returns how
    many changes were refused. ``parents_checked``: the caller already set aside the
    changes whose parent is neither in the page nor in the store (:func:`orphans`), so
    their parents are looked for again only when a change of the page was refused.
    """
    session.connection().exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    checked: dict[str, dict[str, Any]] = {}
    for change in page.changes:
        found = _valid_values(change)
        if found is None:
            log.warning("pulled %s %s refused: its fields are not valid", change.entity, change.id)
        else:
            checked[change.id] = found
    valid = [c for c in page.changes if c.id in checked]
    for clash in _clashes(session, valid, checked):
        log.warning("pulled %s %s refused: its unique key is another row's", clash.entity, clash.id)
        del checked[clash.id]
    valid = [c for c in valid if c.id in checked]
    refused_any = len(valid) < len(page.changes)
    for orphan in orphans(session, valid) if refused_any or not parents_checked else ():
        log.warning("pulled %s %s refused: its parent row is missing", orphan.entity, orphan.id)
        del checked[orphan.id]
    changes = [c for c in valid if c.id in checked]
    pending = _pending_fields(session, [c.id for c in changes])
    _note_service_events(session, changes, checked)
    erased: list[str] = []
    indexed: dict[str, dict[str, Any]] = {}  # person id -> values, for the name index
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for change in changes:
        entity = ENTITIES[change.entity]
        values = checked[change.id]
        values.update(
            id=change.id,
            hlc=change.hlc,
            origin_desk=change.origin_desk,
            deleted=change.deleted,
            created_at=change.created_at,
            updated_at=change.updated_at,
        )
        keep_local = pending.get(change.id)
        if keep_local:
            _upsert(session, entity.table, [values], exclude=keep_local)
        else:
            by_entity.setdefault(change.entity, []).append(values)
        if change.entity == "persons":
            indexed[change.id] = values
            if values.get("erased_at") is not None:
                erased.append(change.id)
    for name, rows in by_entity.items():
        columns = set(rows[0])
        same = [r for r in rows if set(r) == columns]
        _upsert(session, ENTITIES[name].table, same)
        for other in (r for r in rows if set(r) != columns):
            _upsert(session, ENTITIES[name].table, [other])
    _reindex(session, indexed)
    if erased:
        gdpr.apply_remote_erasure(session, erased)
    return len(page.changes) - len(changes)


def _note_service_events(
    session: Session, changes: list[Change], checked: dict[str, dict[str, Any]]
) -> None:
    """Referrals whose page brings a status event of the receiving service not yet here
    (events are append-only: one already here is a page pulled again)."""
    events = {
        c.id: str(checked[c.id].get("referral_id"))
        for c in changes
        if c.entity == "referral_events"
        and not c.deleted
        and str(checked[c.id].get("by", "")).startswith(SERVICE_MARK)
    }
    if not events:
        return
    here: set[str] = set()
    for chunk in _chunks(sorted(events), 500):
        here.update(session.scalars(select(ReferralEvent.id).where(ReferralEvent.id.in_(chunk))))
    note_service_updates(session, [rid for eid, rid in events.items() if eid not in here])


def _reindex(session: Session, people: dict[str, dict[str, Any]]) -> None:
    """The name index of a page of people, in a few statements (``search.reindex_many``)."""
    search.reindex_many(session, people)


def _upsert(
    session: Session,
    table: Any,
    rows: list[dict[str, Any]],
    exclude: frozenset[str] | set[str] = frozenset(),
) -> None:
    if not rows:
        return
    stmt = sqlite_insert(table)
    names = [c for c in rows[0] if c != "id" and c not in exclude]
    stmt = stmt.on_conflict_do_update(
        index_elements=["id"], set_={c: stmt.excluded[c] for c in names}
    )
    session.execute(stmt, rows)


# ===================================================================== rows only this desk holds
class Captured(Protocol):
    """An outbox row as the push holds it (``OutboxEntry`` or the push's own read of it)."""

    @property
    def mutation_id(self) -> str: ...
    @property
    def entity(self) -> str: ...
    @property
    def row_id(self) -> str: ...
    @property
    def op(self) -> str: ...


def forget_superseded(session: Session, rows: Sequence[Captured], outcome: dict[str, Any]) -> None:
    """Rows the server will never store (written here for a person erased elsewhere): their
    later changes can never apply, and the rows themselves exist on this desk only."""
    created = [
        (r.entity, r.row_id)
        for r in rows
        if r.op == "insert"
        and r.entity != "persons"
        and getattr(outcome.get(r.mutation_id), "status", "") == "superseded"
    ]
    if not created:
        return
    created += _waiting_children(session, {row_id for _, row_id in created})
    ids = [row_id for _, row_id in created]
    session.execute(delete(OutboxEntry).where(OutboxEntry.row_id.in_(ids)))
    drop_refused_rows(session, created)


def _waiting_children(session: Session, parents: set[str]) -> list[tuple[str, str]]:
    """Rows written here that point at superseded rows and whose creation still waits in
    the outbox (a status event of a superseded referral): the server would refuse them as
    pointing at nothing, so they go with their parents (parents first, then children)."""
    found: list[tuple[str, str]] = []
    while parents:
        children: set[str] = set()
        for entity in ENTITIES.values():
            for column in entity.table.columns:
                if not column.foreign_keys:
                    continue
                waiting = select(OutboxEntry.row_id).where(
                    OutboxEntry.entity == entity.name, OutboxEntry.op == "insert"
                )
                stmt = select(entity.table.c.id).where(
                    column.in_(sorted(parents)), entity.table.c.id.in_(waiting)
                )
                for row_id in session.scalars(stmt):
                    if all(row_id != known for _, known in found):
                        found.append((entity.name, row_id))
                        children.add(row_id)
        parents = children
    return found


def drop_refused_rows(session: Session, created: list[tuple[str, str]]) -> None:
    """Rows whose creation the server refused exist on this desk only: remove them, so the
    desk does not keep what no one else will ever see (their values stay in sync_rejected).
    Kept when other local rows still point at them."""
    savepoint = session.begin_nested()
    session.info["replicating"] = True
    try:
        try:
            for entity, row_id in reversed(created):
                table = ENTITIES[entity].table
                session.execute(delete(table).where(table.c.id == row_id))
        except IntegrityError:
            # a local row still points at one of them (foreign keys are checked at once):
            # all are kept, rather than failing every sync from now on
            savepoint.rollback()
            return
        dangling = session.connection().exec_driver_sql("PRAGMA foreign_key_check").first()
        if dangling is None:
            savepoint.commit()
        else:
            savepoint.rollback()
    finally:
        session.info.pop("replicating", None)
