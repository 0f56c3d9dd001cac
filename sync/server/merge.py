"""Applying a desk's push: idempotent, atomic, scoped, merged field by field.

A batch is applied in one transaction with its answer stored beside it (R5): the same
batch sent again gets the same answer and changes nothing; a mutation already applied in
another batch is reported ``duplicate``. Before anything is written, every mutation is
checked against the desk's scope: one mutation outside it refuses the whole batch (403).

Merge (R15), per field of an update, with the value the desk started from (``base``):
- the server still holds the base value: the desk's value is taken;
- the server holds the desk's value already: nothing to do;
- both changed it: the later HLC wins (desk code breaks ties; a desk whose clock is off by
  more than two minutes never wins), and the value that lost is kept in a
  ``sync_conflicts`` record for a coordinator.
A tombstone always wins, and so do the values written with it (an erasure blanks them:
they are never compared, and the erased values never land in a conflict record); an
update to a tombstoned or erased record is ``superseded`` (erased data never comes back).
A desk transaction that breaks an ownership rule (``sync.server.ownership``) or a
referral status change that the lifecycle does not allow from the server's current status
is ``rejected`` as a whole, with the reason. Decisions on duplicate flags are commands:
the server records the desk's approval and merges once both people's desks (or one desk
and a central coordinator) approved. Every mutation, whatever its outcome, touches its
record, so the desk pulls the merged state back.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from models.referrals import TRANSITIONS
from sync.entities import CENTRAL_ONLY, DESK_ONLY, ENTITIES, REFERENCE, SERVER_CREATED
from sync.protocol import Mutation, MutationResult, PushRequest, PushResponse
from sync.server import approvals, ownership, scope
from sync.server.errors import Conflict, Forbidden
from sync.server.schema import DESK, AppliedBatch, AppliedMutation, Device, Record
from sync.server.writes import ALL_FIELDS, Draft, Writer, server_stamp, server_values, utcnow

OUT_OF_SCOPE = "out_of_scope"
UNKNOWN_REFERENCE = "unknown_reference"
NUMBER_TAKEN = "number_taken"
# Foreign keys of the desk schema: field -> entity it points at, per entity.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    name: tuple(
        (c.name, next(iter(c.foreign_keys)).column.table.name)
        for c in entity.table.columns
        if c.foreign_keys
    )
    for name, entity in ENTITIES.items()
}


@dataclass
class Outcome:
    """What a batch changed, for the duplicate check that follows it."""

    persons: set[str] = field(default_factory=set)
    merges: list[str] = field(default_factory=list)  # duplicate flags asking for a merge
    erased: set[str] = field(default_factory=set)  # people erased by this batch
    writer: Writer | None = None
    records: Records | None = None

    def complete(self) -> None:
        """Write the records the batch created and number what it touched: the last step
        before the commit (from the numbering on, the sequence counter is held to the
        end). PostgreSQL: the new records are written first (numbered in the same
        statement that takes the numbers); SQLite, where writers run alone: numbered
        first, written with their numbers."""
        if self.writer is None or self.records is None:
            return
        if self.writer.session.get_bind().dialect.name == "postgresql":
            self.records.write_new()
            self.writer.finish()
        else:
            self.writer.finish()
            self.records.write_new()


Row = Record | Draft  # a record the server holds, or one this batch creates


class Records:
    """The records a batch touches, loaded once (on PostgreSQL locked for the rest of the
    transaction: concurrent pushes merge into one record one after the other)."""

    def __init__(self, session: Session, ids: set[str]) -> None:
        self.session = session
        self.rows: dict[str, Row] = {}
        # person of rows this batch creates, for rows that hang off them in the same batch
        self.planned: dict[str, Any] = {}
        lock = session.get_bind().dialect.name == "postgresql"
        if ids:
            for chunk in _chunks(sorted(ids), 500):
                stmt = select(Record).where(Record.id.in_(chunk))
                for record in session.scalars(stmt.with_for_update() if lock else stmt):
                    self.rows[record.id] = record
        # loaded and not found: no query (and no autoflush) for each of them again
        self.absent = set(ids) - set(self.rows)
        self.new: list[Draft] = []

    def get(self, row_id: str | None) -> Row | None:
        if row_id is None:
            return None
        if row_id not in self.rows:
            if row_id in self.absent:
                return None
            found = self.session.get(Record, row_id)
            if found is None:
                return None
            self.rows[row_id] = found
        return self.rows[row_id]

    def add(self, record: Draft) -> None:
        """A record this batch creates: kept here (not in the ORM session) and written in
        one ``executemany`` by :meth:`write_new`, which is much cheaper per row."""
        self.rows[record.id] = record
        self.new.append(record)

    def write_new(self) -> None:
        """Insert the records this batch created, in their final state (numbered)."""
        if self.new:
            self.session.execute(insert(Record), [r.row() for r in self.new])
            self.new = []


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


# ===================================================================== scope
def person_of(entity: str, data: dict[str, Any], records: Records) -> str | None:
    """The person a record belongs to (``None`` for reference data)."""
    if entity == "referral_events":
        referral_id = data.get("referral_id")
        referral = records.get(referral_id)
        if referral is None:
            return records.planned.get(referral_id) if referral_id else None
        return referral.person_id
    person_field = ENTITIES[entity].person_field
    return data.get(person_field) if person_field else None


def _people_touched(
    m: Mutation, record: Row | None, records: Records
) -> tuple[list[str | None], bool]:
    """The people whose scope the desk needs for this mutation, and whether one is enough."""
    if m.entity == "persons":
        return ([m.row_id] if record is not None else []), False
    if m.entity == "duplicate_flags":
        return ([record.person_id, record.person_id2] if record is not None else [None]), True
    if m.entity == "sync_conflicts" and record is not None and record.person_id is None:
        return [], False
    if record is None and m.op != "insert" and m.row_id not in records.planned:
        return [], False  # no such record: nothing to reach (the merge refuses or skips it)
    merged = {**(record.data if record is not None else {}), **m.fields}
    if record is None and m.op != "insert" and m.row_id in records.planned:
        people = [records.planned[m.row_id]]  # created earlier in this batch
        moved = person_of(m.entity, m.fields, records)
        if moved is not None and moved not in people:
            people.append(moved)  # moving a row needs both people in scope
        return people, False
    people = [person_of(m.entity, merged, records)]
    if record is not None and record.person_id not in people:
        people.append(record.person_id)  # moving a row needs both people in scope
    return people, False


def check_scope(session: Session, desk: str, mutations: list[Mutation], records: Records) -> None:
    """Refuse the batch (403) when any mutation writes outside the desk's scope."""
    new_people = {
        m.row_id for m in mutations if m.entity == "persons" and records.get(m.row_id) is None
    }
    records.planned = {}
    for m in mutations:  # in order: an event's referral may be created just before it
        if m.op == "insert" and records.get(m.row_id) is None:
            person = m.row_id if m.entity == "persons" else person_of(m.entity, m.fields, records)
            records.planned[m.row_id] = person
    wanted: dict[str, tuple[list[str | None], bool]] = {}
    outside: list[str] = []
    for m in mutations:
        record = records.get(m.row_id)
        if (
            m.entity in CENTRAL_ONLY
            or (m.entity in SERVER_CREATED and m.op == "insert")
            or (record is not None and record.entity != m.entity)
            or (m.entity in DESK_ONLY and record is not None and record.origin_desk != desk)
        ):
            outside.append(m.mutation_id)
        elif m.entity not in REFERENCE:
            wanted[m.mutation_id] = _people_touched(m, record, records)
    every = {p for people, _ in wanted.values() for p in people if p}
    allowed = scope.accessible(session, desk, every) | new_people
    for mutation_id, (people, one_is_enough) in wanted.items():
        if not people:
            continue
        inside = [p is not None and p in allowed for p in people]
        if not (any(inside) if one_is_enough else all(inside)):
            outside.append(mutation_id)
    if outside:
        raise Forbidden(
            OUT_OF_SCOPE, "changes to records outside this desk's scope", sorted(outside)
        )


# ===================================================================== batch
def apply_batch(
    session: Session, device: Device, request: PushRequest, suspect: bool
) -> tuple[PushResponse, Outcome]:
    """Apply one push batch for ``device``; see the module documentation."""
    writer = Writer(session, serialise=_commands(request.mutations))
    prior = session.get(AppliedBatch, request.batch_id)
    if prior is not None:
        if prior.device_id != device.id:
            raise Conflict("batch_reused", "this batch id was used by another device")
        return PushResponse.model_validate(prior.response), Outcome()
    ids = [m.mutation_id for m in request.mutations]
    if len(set(ids)) != len(ids):
        raise Conflict("mutation_repeated", "a mutation id appears twice in the batch")
    done = {
        row.mutation_id: row
        for row in session.scalars(
            select(AppliedMutation).where(AppliedMutation.mutation_id.in_(ids))
        )
    }
    fresh = [m for m in request.mutations if m.mutation_id not in done]
    referred = {m.fields.get("referral_id") for m in fresh if m.entity == "referral_events"}
    records = Records(session, {m.row_id for m in fresh} | {r for r in referred if r})
    check_scope(session, device.desk, fresh, records)

    merger = Merger(session, writer, records, device, suspect)
    merger.batch = fresh
    results: dict[str, MutationResult] = {}
    for mutation_id, row in done.items():
        results[mutation_id] = MutationResult(mutation_id=mutation_id, status="duplicate")
        if row.device_id != device.id:
            raise Conflict("mutation_reused", "a mutation id was used by another device")
    groups: dict[str, list[Mutation]] = defaultdict(list)
    for m in fresh:
        groups[m.tx_id].append(m)
    applied: list[dict[str, Any]] = []
    for group in groups.values():
        for m, result in zip(group, merger.apply_group(group), strict=True):
            results[m.mutation_id] = result
            applied.append(
                {
                    "mutation_id": m.mutation_id,
                    "device_id": device.id,
                    "batch_id": request.batch_id,
                    "status": result.status,
                    "reason": result.reason,
                }
            )
    if writer.serialised:
        # merges and erasures that follow read the batch's new records from the database
        writer.finish()
        records.write_new()
    if applied:
        session.execute(insert(AppliedMutation), applied)
    response = PushResponse(
        batch_id=request.batch_id,
        results=[results[m] for m in ids],
        server_hlc=server_stamp(max((m.hlc for m in request.mutations), default=0)),
    )
    session.add(
        AppliedBatch(
            batch_id=request.batch_id,
            device_id=device.id,
            response=response.model_dump(mode="json"),
            created_at=utcnow(),
        )
    )
    scope.grant_many(session, device.desk, merger.created_people)
    merger.outcome.writer = writer
    merger.outcome.records = records
    return response, merger.outcome


def _commands(mutations: list[Mutation]) -> bool:
    """Whether a batch decides on duplicate flags or erases or deletes people: such a batch
    runs alone among writers (its consequences, a merge or an erasure, reach records it did
    not lock). Any other batch only locks the records it merges and takes the sequence
    counter at its end (``sync.server.writes``)."""
    return any(
        m.entity == "duplicate_flags"
        or (m.entity == "persons" and (m.fields.get("erased_at") or m.fields.get("deleted")))
        for m in mutations
    )


# ===================================================================== merge
class Merger:
    """Applies mutations of one desk to the records, field by field."""

    def __init__(
        self, session: Session, writer: Writer, records: Records, device: Device, suspect: bool
    ) -> None:
        self.session = session
        self.writer = writer
        self.records = records
        self.device = device
        self.desk = device.desk
        self.prefix = approvals.referral_prefix(session, device.desk)
        self.suspect = suspect
        self.now = utcnow()
        self.outcome = Outcome()
        self.created_people: list[str] = []  # granted to the desk at the end of the batch
        self.superseded: set[str] = set()  # new rows never stored (their person is erased)
        self.numbers: set[str] = set()  # referral numbers this batch hands out
        self.stored_numbers: set[str] | None = None  # of those, the ones already stored
        self.batch: list[Mutation] = []  # the batch's new mutations

    def apply_group(self, group: list[Mutation]) -> list[MutationResult]:
        """One desk transaction: all of it, or (illegal status change) none of it."""
        refusal = self._refusal(group)
        if refusal:
            for m in group:
                record = self.records.get(m.row_id)
                if record is not None:
                    self.writer.touch(record)  # the desk pulls the server's state back
            return [
                MutationResult(mutation_id=m.mutation_id, status="rejected", reason=refusal)
                for m in group
            ]
        return [self.apply(m) for m in group]

    def _refusal(self, group: list[Mutation]) -> str:
        """Why the whole transaction must be refused ("" when it may be applied)."""
        status: dict[str, Any] = {}  # referral id -> status as the group goes along
        created: dict[str, Draft] = {}  # rows this transaction creates, as it goes along
        rules = ownership.DeskRules.of(self.desk, self.prefix, group)
        inserted = {m.row_id: m.entity for m in group if m.op == "insert"}
        for m in group:
            record = created.get(m.row_id) or self.records.get(m.row_id)
            if m.row_id in self.superseded or (
                record is not None and (record.deleted or _erased(record))
            ):
                continue  # superseded whatever it says: erased data never comes back
            why = ownership.refusal(rules, m, record, partial(self._consent, m))
            if why:
                return why
            if self._dangling(m, inserted):
                return UNKNOWN_REFERENCE
            if m.row_id in created:
                created[m.row_id].data = {**created[m.row_id].data, **m.fields}
            if m.op == "insert" and record is None:
                # a stand-in, never added to the session: later changes in this
                # transaction are checked against what the insert wrote
                created[m.row_id] = Draft(id=m.row_id, entity=m.entity, data=dict(m.fields))
                status[m.row_id] = m.fields.get("status")
                continue
            if record is None and m.row_id not in created:
                return "unknown_record"
            if m.entity == "referrals" and "status" in m.fields:
                current = status.get(m.row_id, record.data.get("status") if record else None)
                wanted = m.fields["status"]
                allowed = TRANSITIONS.get(str(current), frozenset())
                if wanted != current and wanted not in allowed:
                    return "illegal_transition"
                status[m.row_id] = wanted
        if self._numbers_taken(group):
            return NUMBER_TAKEN
        return ""

    def _dangling(self, m: Mutation, inserted: dict[str, str]) -> bool:
        """Whether ``m`` points at a row that does not exist (or is of another kind): every
        desk pulling it would fail its foreign keys."""
        for name, target in REFERENCES.get(m.entity, ()):
            value = m.fields.get(name)
            if value is None or value in self.superseded:
                continue  # a row superseded with its parent
            found = self.records.get(value)
            kind = found.entity if found is not None else inserted.get(value)
            if kind != target:
                return True
        return False

    def _numbers_taken(self, group: list[Mutation]) -> bool:
        """Whether a referral this transaction creates takes a number already in use (it
        would clash with the unique number of every desk that pulls both)."""
        numbers = {
            str(m.fields.get("number"))
            for m in group
            if m.entity == "referrals" and m.op == "insert" and self.records.get(m.row_id) is None
        }
        if not numbers:
            return False
        if numbers & self.numbers:
            return True
        if self.stored_numbers is None:
            self.stored_numbers = self._stored_numbers()
        self.numbers |= numbers
        return bool(numbers & self.stored_numbers)

    def _stored_numbers(self) -> set[str]:
        """The numbers the server holds among those the batch's new referrals carry: one
        query per batch, not one per desk transaction."""
        wanted = sorted(
            {
                str(m.fields.get("number"))
                for m in self.batch
                if m.entity == "referrals" and m.op == "insert" and "number" in m.fields
            }
        )
        number = Record.data["number"].as_string()
        found: set[str] = set()
        for chunk in _chunks(wanted, 500):
            found.update(
                str(n)
                for n in self.session.scalars(
                    select(number).where(Record.entity == "referrals", number.in_(chunk))
                )
            )
        return found

    def _consent(self, m: Mutation, person_id: str) -> bool:
        """Whether a merge decision may count on this person's consent to share: the
        deciding desk answers for its own person; the approval that completes the merge
        needs both people's consent."""
        record = self.records.get(m.row_id)
        current = record.data.get("status") if record is not None else None
        if m.fields.get("status", current) != "merge_requested":
            return True
        own = scope.accessible(self.session, self.desk, [person_id])
        if (
            not own
            and isinstance(record, Record)  # flags are the server's: never created here
            and not approvals.completes(self.session, record, self.desk, m.fields.get("survivor"))
        ):
            return True
        return approvals.sharing_consent(self.session, person_id, self.records.new)

    def apply(self, m: Mutation) -> MutationResult:
        record = self.records.get(m.row_id)
        if record is None:
            owner = self.records.get(person_of(m.entity, m.fields, self.records))
            if m.row_id in self.superseded or (
                m.entity != "persons" and owner is not None and _erased(owner)
            ):
                # written offline after the person was erased elsewhere: never stored
                self.superseded.add(m.row_id)
                return MutationResult(mutation_id=m.mutation_id, status="superseded")
            self._insert(m)
            return MutationResult(mutation_id=m.mutation_id, status="applied")
        self.writer.touch(record)
        if record.deleted or _erased(record):
            return MutationResult(mutation_id=m.mutation_id, status="superseded")
        if m.entity == "duplicate_flags" and isinstance(record, Record):
            if approvals.decide(self.session, self.writer, self.device, record, m.fields):
                self.outcome.merges.append(record.id)
            return MutationResult(mutation_id=m.mutation_id, status="applied")
        conflicts = self._merge(record, m)
        if conflicts:
            return MutationResult(mutation_id=m.mutation_id, status="conflict")
        return MutationResult(mutation_id=m.mutation_id, status="applied")

    def _insert(self, m: Mutation) -> None:
        data = dict(m.fields)
        record = Draft(
            id=m.row_id,
            entity=m.entity,
            hlc=m.hlc,
            origin_desk=self.desk,
            deleted=bool(data.get("deleted", False)),
            created_at=self.now,
            updated_at=self.now,
            data=data,
            # every field was written by this insert: one stamp for all (``ALL_FIELDS``)
            field_hlc={ALL_FIELDS: [m.hlc, self.desk]},
            scope=scope.scope_of(m.entity),
        )
        self._place(record)
        self.records.add(record)
        self.writer.touch(record)
        if m.entity == "persons":
            self.outcome.persons.add(m.row_id)
            self.created_people.append(m.row_id)

    def _place(self, record: Row) -> None:
        """Fill the scope columns from the record's data."""
        if record.entity == "persons":
            record.person_id = record.id
        elif record.entity == "duplicate_flags":
            record.person_id = record.data.get("person_a")
            record.person_id2 = record.data.get("person_b")
        else:
            record.person_id = person_of(record.entity, record.data, self.records)

    def _merge(self, record: Row, m: Mutation) -> int:
        data = dict(record.data)
        stamps = dict(record.field_hlc)
        conflicts = 0
        tombstone = m.fields.get("deleted") is True
        for name, new in m.fields.items():
            current = data.get(name)
            if new == current:
                continue
            if tombstone:
                data[name] = new  # a tombstone always wins, with what it blanks
                stamps[name] = [m.hlc, self.desk]
                continue
            stamp = stamps.get(name) or stamps.get(ALL_FIELDS) or [record.hlc, record.origin_desk]
            if name in m.base_values:
                unchanged_here = m.base_values[name] == current
            else:
                unchanged_here = int(stamp[0]) <= m.base_hlc
            if unchanged_here:
                data[name] = new
                stamps[name] = [m.hlc, self.desk]
                continue
            conflicts += 1
            incoming_wins = not self.suspect and (m.hlc, self.desk) > (int(stamp[0]), stamp[1])
            if incoming_wins:
                self._conflict(record, name, kept=(new, self.desk), other=(current, stamp[1]))
                data[name] = new
                stamps[name] = [m.hlc, self.desk]
            else:
                self._conflict(record, name, kept=(current, stamp[1]), other=(new, self.desk))
        record.data = data
        record.field_hlc = stamps
        record.deleted = bool(data.get("deleted", False))
        record.hlc = max(record.hlc, m.hlc)
        record.updated_at = self.now
        self._place(record)
        if record.entity == "persons":
            self.outcome.persons.add(record.id)
            if _erased(record):
                self.outcome.erased.add(record.id)
        return conflicts

    def _conflict(
        self, record: Row, name: str, kept: tuple[Any, str], other: tuple[Any, str]
    ) -> None:
        """Keep the value that lost in a conflict record, in the scope of the record."""
        conflict = Draft(
            **server_values(
                "sync_conflicts",
                {
                    "entity": record.entity,
                    "row_id": record.id,
                    "field": name,
                    "person_id": record.person_id,
                    "kept_value": kept[0],
                    "other_value": other[0],
                    "kept_desk": kept[1],
                    "other_desk": other[1],
                    "status": "open",
                    "resolution": "",
                    "resolved_by": "",
                },
                record.person_id,
                after=record.hlc,
            )
        )
        if record.entity in DESK_ONLY:
            # legal content: only the desk whose advisor wrote it, as the record itself
            conflict.scope, conflict.origin_desk = DESK, record.origin_desk
        self.records.add(conflict)
        self.writer.touch(conflict)


def _erased(record: Row) -> bool:
    return record.entity == "persons" and bool(record.data.get("erased_at"))
