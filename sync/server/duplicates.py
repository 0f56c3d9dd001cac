"""People registered twice, at two desks: flagged here, merged here at a coordinator's request.

The matching is the desk's (``models.duplicates``); the server only compares people who
share name keys and are not already visible to a common desk (each desk finds its own
duplicates locally). A flag is a ``duplicate_flags`` record both desks receive: ids, a
score and reason codes, and no label: nothing that identifies the other desk's person
before the merge is approved (each desk knows its own person). Once both desks, or one
desk and a central coordinator, approved (``sync.server.approvals``), the server moves
every record of the other person to the survivor, marks the other ``merged_into`` the
survivor, lets both desks see both, and the moved records reach every replica by pull.
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterable
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import delete, exists, func, insert, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from models.duplicates import compare, name_keys
from sync.protocol import MergeApprovalRequest, StaffDuplicate
from sync.server import approvals, audit, scope
from sync.server.schema import DuplicateQueue, PersonAccess, PersonKey, Record, StaffUser
from sync.server.writes import Writer, save, server_record, utcnow

NAME_FIELDS = ("given_name", "family_name", "given_name_latin", "family_name_latin")
MAX_CANDIDATES = 50
_CHUNK = 500
DRAIN_BATCH = 2000  # people checked in one transaction of the queue's drain


def _live(record: Record | None) -> bool:
    return (
        record is not None
        and record.entity == "persons"
        and not record.deleted
        and not record.data.get("erased_at")
        and not record.data.get("merged_into")
    )


def _row(record: Record) -> Any:
    data = record.data
    row = SimpleNamespace(
        id=record.id,
        **{
            k: data.get(k)
            for k in (*NAME_FIELDS, "birth_date", "birth_year", "citizenships", "phone")
        },
    )
    if not isinstance(row.citizenships, list):
        row.citizenships = []  # stored before values were validated: compare without it
    return row


def flag(session: Session, writer: Writer, person_ids: Iterable[str]) -> int:
    """Refresh the name keys of these people and flag probable duplicates at other desks."""
    people = {
        r.id: r
        for r in session.scalars(select(Record).where(Record.id.in_(sorted(person_ids))))
        if r.entity == "persons"
    }
    ids = sorted(people)
    for chunk in _chunks(ids):
        session.execute(delete(PersonKey).where(PersonKey.person_id.in_(chunk)))
    keys: dict[str, frozenset[str]] = {}
    for pid, record in people.items():
        if _live(record):
            keys[pid] = name_keys([record.data.get(f) for f in NAME_FIELDS])
            session.add_all(PersonKey(key=k[:64], person_id=pid) for k in keys[pid])
    session.flush()
    # People a desk of the person sees already are no candidates (that desk finds the pair
    # itself): leave them out in SQL, per set of desks, so a desk's own people (who share
    # the common names by the thousand) are not counted here one by one.
    own: dict[str, set[str]] = {pid: set() for pid in keys}
    for chunk in _chunks(sorted(keys)):
        for pid, desk in session.execute(
            select(PersonAccess.person_id, PersonAccess.desk).where(
                PersonAccess.person_id.in_(chunk)
            )
        ):
            own[pid].add(desk)
    groups: dict[frozenset[str], list[str]] = {}
    for pid in keys:
        groups.setdefault(frozenset(own[pid]), []).append(pid)
    holders_of: dict[str, dict[str, set[str]]] = {}
    for desk_set, members in groups.items():
        holders: dict[str, set[str]] = {}
        group_keys = sorted({k[:64] for pid in members for k in keys[pid]})
        for chunk in _chunks(group_keys):
            stmt = select(PersonKey.key, PersonKey.person_id).where(PersonKey.key.in_(chunk))
            if desk_set:
                stmt = stmt.where(
                    ~exists().where(
                        PersonAccess.person_id == PersonKey.person_id,
                        PersonAccess.desk.in_(sorted(desk_set)),
                    )
                )
            for key, other in session.execute(stmt):
                holders.setdefault(key, set()).add(other)
        for pid in members:
            holders_of[pid] = holders
    candidates: dict[str, list[str]] = {}
    for pid, mine in keys.items():
        holders = holders_of[pid]
        shared = Tally(other for k in mine for other in holders.get(k[:64], ()) if other != pid)
        need = 2 if len(mine) > 1 else 1
        candidates[pid] = [other for other, n in shared.most_common(MAX_CANDIDATES) if n >= need]
    # load the candidates and everyone's desks once, not one query per pair
    involved = sorted(set(keys) | {o for ranked in candidates.values() for o in ranked})
    desks: dict[str, set[str]] = {pid: set() for pid in involved}
    for chunk in _chunks(involved):
        list(session.scalars(select(Record).where(Record.id.in_(chunk))))
        for pid, desk in session.execute(
            select(PersonAccess.person_id, PersonAccess.desk).where(
                PersonAccess.person_id.in_(chunk)
            )
        ):
            desks[pid].add(desk)
    flagged = 0
    for pid, ranked in candidates.items():
        for other in ranked:
            flagged += _consider(session, writer, people[pid], other, desks)
    return flagged


# ===================================================================== the queue
def enqueue(session: Session, desk: str, person_ids: Iterable[str]) -> None:
    """Queue people a push created or changed for the duplicate check, in the push's
    transaction (a person already queued stays queued once)."""
    now = utcnow()
    rows = [{"person_id": p, "desk": desk, "queued_at": now} for p in sorted(set(person_ids))]
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        stmt: Any = postgresql.insert(DuplicateQueue).on_conflict_do_nothing()
    elif dialect == "sqlite":
        stmt = sqlite.insert(DuplicateQueue).on_conflict_do_nothing()
    else:  # pragma: no cover - the two databases the server runs on
        stmt = insert(DuplicateQueue)
    session.execute(stmt, rows)


def queued(session: Session, desk: str) -> bool:
    """Whether people a desk's pushes queued still wait for their duplicate check."""
    found = session.scalar(
        select(DuplicateQueue.person_id).where(DuplicateQueue.desk == desk).limit(1)
    )
    return found is not None


def drain(
    factory: sessionmaker[Session],
    reader: sessionmaker[Session],
    desk: str | None = None,
    wait: bool = True,
    older_than: timedelta | None = None,
) -> int:
    """Run the duplicate check of queued people (``desk``: only those its pushes queued),
    each batch in a transaction of its own, and take them off the queue; returns how many
    were checked. ``reader`` looks first without a write lock: an empty queue costs one
    read. ``wait=False`` (the background worker) skips people another drain is checking;
    ``wait=True`` (a desk's pull) waits for it, so the desk's flags exist when it reads.
    ``older_than``: only people queued at least that long ago."""
    where: list[Any] = [DuplicateQueue.desk == desk] if desk is not None else []
    if older_than is not None:
        where.append(DuplicateQueue.queued_at <= utcnow() - older_than)
    with reader.begin() as session:
        if session.scalar(select(func.count()).select_from(DuplicateQueue).where(*where)) == 0:
            return 0
    checked = 0
    while True:
        with factory.begin() as session:
            stmt = (
                select(DuplicateQueue.person_id)
                .where(*where)
                .order_by(DuplicateQueue.queued_at, DuplicateQueue.person_id)
                .limit(DRAIN_BATCH)
            )
            postgres = session.get_bind().dialect.name == "postgresql"
            if postgres:
                stmt = stmt.with_for_update(skip_locked=not wait)
            people = list(session.scalars(stmt))
            if not people:
                return checked
            flag(session, Writer(session, serialise=False), people)
            for chunk in _chunks(people):
                session.execute(delete(DuplicateQueue).where(DuplicateQueue.person_id.in_(chunk)))
            checked += len(people)


def _consider(
    session: Session,
    writer: Writer,
    record: Record,
    other_id: str,
    desks: dict[str, set[str]] | None = None,
) -> int:
    other = session.get(Record, other_id)
    if not _live(other) or other is None:
        return 0
    if desks is not None and record.id in desks and other_id in desks:
        common = desks[record.id] & desks[other_id]
    else:
        common = scope.desks_of(session, record.id) & scope.desks_of(session, other_id)
    if common:
        return 0  # a desk that sees both finds the pair itself
    judged = compare(_row(record), _row(other))
    if judged is None:
        return 0
    a, b = sorted((record, other), key=lambda r: r.id)
    if session.get_bind().dialect.name == "postgresql" and not session.scalar(
        select(func.pg_try_advisory_xact_lock(func.hashtext(f"{a.id}:{b.id}")))
    ):
        # another check considers this very pair now (its other person): it decides the
        # same way and writes the flag if there is one; waiting could deadlock
        return 0
    known = session.scalar(
        select(Record.id).where(
            Record.entity == "duplicate_flags",
            Record.person_id == a.id,
            Record.person_id2 == b.id,
        )
    )
    if known is not None:
        return 0
    score, reasons = judged
    flag_record = server_record(
        "duplicate_flags",
        {
            "person_a": a.id,
            "person_b": b.id,
            "score": round(score * 100),
            "reasons": list(reasons),
            "label_a": "",
            "label_b": "",
            "status": "open",
            "survivor": None,
            "decided_by": "",
        },
        a.id,
        person_id2=b.id,
    )
    session.add(flag_record)
    writer.touch(flag_record)
    return 1


def merge(session: Session, writer: Writer, flag_id: str) -> None:
    """Carry out a merge that everyone it needs approved (``sync.server.approvals``)."""
    flag_record = session.get(Record, flag_id)
    if flag_record is None or flag_record.data.get("status") != "merge_requested":
        return
    data = dict(flag_record.data)
    pair = (data.get("person_a"), data.get("person_b"))
    survivor_id = data.get("survivor")
    if survivor_id not in pair:
        data["status"] = "open"  # nothing sensible to do: back to the coordinators
        save(writer, flag_record, data)
        return
    parties = set(str(data.get("decided_by") or "").split())
    if not approvals.completes(session, flag_record, next(iter(parties), ""), survivor_id):
        return  # waits for the other party
    if not all(approvals.sharing_consent(session, str(p)) for p in pair):
        return  # checked as decisions arrive; consent withdrawn since: no merge
    other_id = pair[1] if survivor_id == pair[0] else pair[0]
    survivor, other = session.get(Record, survivor_id), session.get(Record, other_id)
    if not (_live(survivor) and _live(other)) or survivor is None or other is None:
        data["status"] = "dismissed"
        save(writer, flag_record, data)
        return
    desks = scope.desks_of(session, survivor.id) | scope.desks_of(session, other.id)
    for desk in desks:
        scope.grant(session, desk, survivor.id)
        scope.grant(session, desk, other.id)
    # People first, so a desk that never had the survivor receives it before its records.
    writer.touch(survivor)
    other_data = dict(other.data)
    other_data["merged_into"] = survivor.id
    save(writer, other, other_data)
    moved = session.scalars(
        select(Record)
        .where(Record.person_id.in_((survivor.id, other.id)), Record.entity != "persons")
        .where(Record.entity != "duplicate_flags")
        .order_by(Record.seq)
    ).all()
    for record in moved:
        if record.person_id == other.id and "person_id" in record.data:
            record_data = dict(record.data)
            record_data["person_id"] = survivor.id
            save(writer, record, record_data)
        else:
            writer.touch(record)
        record.person_id = survivor.id
    data["status"] = "merged"
    save(writer, flag_record, data)
    audit.record(
        session, audit.SERVER, "merge", "merge_done", entity="duplicate_flags",
        record_id=flag_record.id, detail=f"{other.id} -> {survivor.id}",
    )  # fmt: skip
    remaining = session.scalars(
        select(Record).where(
            Record.entity == "duplicate_flags",
            or_(Record.person_id == other.id, Record.person_id2 == other.id),
            Record.id != flag_record.id,
        )
    )
    for stale in remaining:
        stale_data = dict(stale.data)
        if stale_data.get("status") == "open":
            stale_data["status"] = "dismissed"
            save(writer, stale, stale_data)


def _chunks(items: list[str]) -> list[list[str]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]


def approve_central(
    session: Session, user: StaffUser, flag_id: str, request: MergeApprovalRequest
) -> StaffDuplicate:
    """A central coordinator approves a merge; it runs at once when that completes it."""
    writer = Writer(session)
    if approvals.approve_central(session, writer, user, flag_id, request.survivor):
        merge(session, writer, flag_id)
    flag = session.get(Record, flag_id)
    assert flag is not None  # approve_central refused unknown flags
    return approvals.staff_view(session, flag)
