"""GDPR operations on one person: access and portability, erasure, retention.

``export_person`` (art. 15 and 20) gathers everything the desk holds about one person into
a JSON-serialisable document; ``erase_person`` (art. 17) removes it; ``purge`` (art. 5(1)(e))
erases, through the same code path, everyone whose file has been inactive for longer than
the retention period and who has no referral still open.

What erasure keeps, and why
---------------------------
The funders' indicators (ARCO: third-country nationals reached, accesses, services asked
for, referrals and their outcome, by sex, age band and nationality) are counts. Erasure
therefore keeps the *rows* of the erased person's visits, needs, referrals (with their
status history) and consultations, tombstoned, with what those counts need: desks that
receive the erasure by sync fold them into their anonymous indicator tables (below), and
the central server can count them. What survives is only what those counts need and what
cannot single anyone out on its own:

- on the person: ``sex``; ``stats_age_band`` (a 0-17/18-24/25-44/45-64/65+ band, computed
  at the person's first registration here, before the birth date goes); one citizenship
  only (nationality is an indicator; a second citizenship narrows a group down quickly):
  the Italian or the first EU one when the person holds one, so that they still count as
  no third-country national (``models.indicator_facts``), else the first; the dates of
  first registration and last activity; ``merged_into`` (an id, needed to keep sync
  consistent);
- on visits: desk, time, channel, first-time flag, mediator-called flag, operator login;
- on needs: service, urgency, status; on referrals: number, desk, target service, status,
  creating operator, and the links (need, consent, consultation) between these rows;
  on referral status events: from/to status, time, operator;
- on consultations: advisor, time and topic code (legal area), never their text;
- on consents: purpose, legal basis, given/withdrawn and their times, notice version:
  accountability evidence of the lawful basis (art. 5(2), 7(1)), without any content.

Everything else goes: names in every script, birth date and year, birth country, other
citizenships, languages, phone, e-mail, address, Municipio, arrival date, legal status,
permit expiry, notes; household members (names, relationship, country, links), identity
documents (type, number, issuer, dates), vulnerabilities (code and reason), visits'
language and notes, needs' descriptions, referrals' reason, appointment and outcome,
status events' notes, consultations' question, advice, outcome and escalation reason,
consents' language. Every one of these rows is tombstoned, and so is the person. Staff
logins are the operators' data, not the person's, and stay for accountability. Records
merged into the person are the same human being and are erased with them. Other people's
household lists keep their own entries but lose the link to the erased record.

:data:`ERASED` and :data:`KEPT` list, column by column, what happens; a test checks that
every column of every person-linked table is in exactly one of them, so a new column
forces a decision here.

Indicators
----------
Just before the blanking, the person's contribution to the funders' indicators is folded
into anonymous tables (``models.indicator_facts.fold``: no person id, days not times, no
operator; needs, referrals and consultations not linked to the person's token), so that
erasing someone does not change the report of a past period (``models.indicators``
counts live records and these contributions by the same definitions). People erased at
another desk are folded when their erasure arrives (:func:`apply_remote_erasure`), from
what their tombstones keep.

How it propagates
-----------------
Every change goes through the ORM, so change capture writes one outbox entry (and one audit
event) per blanked row and the erasure reaches the central server; the search index drops
the person in the same flush. Pending outbox entries of the erased rows still carry the
old values (inserts not yet pushed, and the ``base_values`` of the erasure itself), so
erasure rewrites those values to the blanked ones: the server never receives them. After
the transaction, :func:`purge_free_pages` merges the search index (its segments keep
deleted terms, and names in non-Latin scripts are indexed as written) and runs a WAL
checkpoint and ``VACUUM`` so the old values do not linger in free pages or the WAL
(``secure_delete`` is on as well). Encrypted backups taken before the erasure still hold the
person until they age out of the rolling set.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import delete, exists, func, inspect, select
from sqlalchemy.orm import Session

from models import audit, indicator_facts, legal, pair_decisions
from models.changes import to_json
from models.clock import utcnow
from models.errors import NotFound, StoreLocked, ValidationFailed
from models.indicator_facts import age_band
from models.referrals import FINAL
from models.roles import SYSTEM, Actor
from models.schema import (
    AuditEvent,
    Consent,
    Consultation,
    HouseholdMember,
    IdentityDocument,
    Meta,
    Need,
    OutboxEntry,
    Person,
    Referral,
    ReferralEvent,
    Synced,
    Visit,
    Vulnerability,
)

if TYPE_CHECKING:
    from models.store import OpenStore

EXPORT_FORMAT = "arco-desk-person-export"
EXPORT_VERSION = 1
PURGE = "retention_purge"  # audit action of one retention run
CLOSED_REFERRAL_STATUSES = FINAL  # completed, declined, no-show, cancelled
_BATCH = 500
_NOT_EXPORTED = frozenset({"hlc", "deleted"})

# Column -> value it takes on erasure, per table linked to a person. Citizenships are
# special (the first one stays) and handled in code, as are ``erased_at``/``deleted``.
ERASED: dict[str, dict[str, Any]] = {
    "persons": {
        "given_name": "",
        "family_name": "",
        "given_name_latin": "",
        "family_name_latin": "",
        "birth_date": None,
        "birth_year": None,
        "birth_country": "",
        "languages": [],
        "preferred_language": "",
        "phone": "",
        "email": "",
        "address": "",
        "municipio": None,
        "arrival_date": None,
        "legal_status": "unknown",
        "permit_expiry": None,
        "notes": "",
    },
    "household_members": {
        "relationship_code": "",
        "given_name": "",
        "family_name": "",
        "birth_year": None,
        "lives_in": "",
        "country": "",
        "dependent": False,
        "linked_person_id": None,
    },
    "identity_documents": {
        "doc_type": "",
        "number": "",
        "issuer": "",
        "issue_date": None,
        "expiry_date": None,
    },
    "vulnerabilities": {"code": "", "reason": ""},
    "visits": {"language": "", "notes": ""},
    "needs": {"description": ""},
    "referrals": {
        "reason": "",
        "appointment_at": None,
        "appointment_place": "",
        "due_date": None,
        "outcome": "",
    },
    "referral_events": {"note": ""},
    "consultations": {"question": "", "advice": "", "outcome": "", "escalation_reason": ""},
    "consents": {"language": ""},
}

# Columns that survive erasure (besides the sync columns id/hlc/origin_desk/timestamps).
KEPT: dict[str, frozenset[str]] = {
    "persons": frozenset(
        {
            "sex",
            "stats_age_band",
            "citizenships",  # reduced to one (indicator_facts.kept_citizenship)
            "restricted",
            "merged_into",
            "erased_at",
            "deleted",
            "last_activity_at",
        }
    ),
    "household_members": frozenset({"person_id", "deleted"}),
    "identity_documents": frozenset({"person_id", "deleted"}),
    "vulnerabilities": frozenset({"person_id", "recorded_by", "deleted"}),
    "visits": frozenset(
        {
            "person_id",
            "desk_code",
            "at",
            "channel",
            "first_time",
            "mediator_called",
            "operator",
            "deleted",
        }
    ),
    "needs": frozenset({"person_id", "visit_id", "service_code", "urgency", "status", "deleted"}),
    "referrals": frozenset(
        {
            "number",
            "person_id",
            "need_id",
            "consultation_id",
            "from_desk",
            "target_service",
            "consent_id",
            "status",
            "created_by",
            "deleted",
        }
    ),
    "referral_events": frozenset(
        {"referral_id", "from_status", "to_status", "at", "by", "deleted"}
    ),
    "consultations": frozenset(
        {"person_id", "visit_id", "advisor", "at", "topic", "escalation_referral_id", "deleted"}
    ),
    "consents": frozenset(
        {
            "person_id",
            "purpose",
            "basis",
            "given",
            "given_at",
            "withdrawn_at",
            "notice_version",
            "recorded_by",
            "deleted",
        }
    ),
}

# Tables whose rows hang off a person through ``person_id``, in export order.
_CHILDREN: tuple[tuple[str, type[Any]], ...] = (
    ("household", HouseholdMember),
    ("documents", IdentityDocument),
    ("vulnerabilities", Vulnerability),
    ("visits", Visit),
    ("needs", Need),
    ("referrals", Referral),
    ("consents", Consent),
    ("consultations", Consultation),
)

T = TypeVar("T")


# ===================================================================== helpers
def _batches(items: Sequence[T], size: int = _BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _naive_utc(moment: datetime) -> datetime:
    """The store's form of a time: naive UTC."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _row(obj: Any, exclude: frozenset[str] = _NOT_EXPORTED) -> dict[str, Any]:
    """Every mapped column of ``obj`` as JSON-ready values (dates as ISO text)."""
    return {
        attr.key: to_json(getattr(obj, attr.key))
        for attr in inspect(obj).mapper.column_attrs
        if attr.key not in exclude
    }


def _children(
    session: Session, model: type[T], person_ids: Sequence[str], live_only: bool
) -> list[T]:
    found: list[T] = []
    column = model.person_id  # type: ignore[attr-defined]
    for chunk in _batches(person_ids):
        stmt = select(model).where(column.in_(chunk))
        if live_only:
            stmt = stmt.where(model.deleted.is_(False))  # type: ignore[attr-defined]
        found.extend(session.scalars(stmt))
    return found


def _events(session: Session, referral_ids: Sequence[str], live_only: bool) -> list[ReferralEvent]:
    found: list[ReferralEvent] = []
    for chunk in _batches(referral_ids):
        stmt = select(ReferralEvent).where(ReferralEvent.referral_id.in_(chunk))
        if live_only:
            stmt = stmt.where(ReferralEvent.deleted.is_(False))
        found.extend(session.scalars(stmt))
    return found


def _live_person(session: Session, person_id: str) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.erased_at is not None:
        raise NotFound("person", person_id)
    return person


# ===================================================================== export
def _opened(data: dict[str, Any], keys: list[bytes]) -> dict[str, Any]:
    """A consultation's exported row with its sealed content opened (``None`` for a field
    sealed under a legal key this computer does not hold)."""
    for name in legal.SEALED_FIELDS:
        data[name] = legal.read(keys, data["id"], name, data[name])
    return data


def export_person(session: Session, actor: Actor, person_id: str) -> dict[str, Any]:
    """Everything held about one person (GDPR art. 15 and 20), ready for ``json.dumps``.

    Sections: person, merged_records (duplicates of this person merged into it),
    household, documents, vulnerabilities, visits, needs, referrals (each with its status
    ``history``), consents, consultations and the audit events about these records (ids
    and actions only; no operator logins, which are staff data).
    Consultation content is included only for a legal advisor; anyone else gets
    ``{id, date, content_withheld}`` stubs. Tombstoned rows are left out. Audited as an
    export. Raises ``PermissionDenied`` for roles without ``gdpr.export`` and
    ``NotFound`` for an unknown or erased person.
    """
    actor.require("gdpr.export")
    person = _live_person(session, person_id)
    desk = session.get(Meta, "desk")
    with_content = actor.can("consultation.content")

    doc: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_VERSION,
        "exported_at": utcnow().replace(microsecond=0).isoformat() + "Z",
        "desk": desk.value if desk is not None else actor.desk,
        "person": _row(person),
    }
    merged = _merged_into(session, [person.id])
    merged.sort(key=lambda p: (p.created_at, p.id))
    doc["merged_records"] = [_row(p) for p in merged]
    person_ids = [person.id, *(p.id for p in merged)]
    record_ids = list(person_ids)
    for section, model in _CHILDREN:
        rows = _children(session, model, person_ids, live_only=True)
        rows.sort(key=_sort_key)
        record_ids.extend(row.id for row in rows)
        if model is Consultation and not with_content:
            doc[section] = [
                {"id": row.id, "date": row.at.date().isoformat(), "content_withheld": True}
                for row in rows
            ]
        elif model is Consultation:
            keys = legal.ring_of(session)
            doc[section] = [_opened(_row(row), keys) for row in rows]
        else:
            doc[section] = [_row(row) for row in rows]
    events = _events(session, [r["id"] for r in doc["referrals"]], live_only=True)
    events.sort(key=lambda e: (e.at, e.id))
    record_ids.extend(e.id for e in events)
    history: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        history.setdefault(event.referral_id, []).append(_row(event))
    for referral in doc["referrals"]:
        referral["history"] = history.get(referral["id"], [])
    doc["consultations_content_withheld"] = not with_content
    doc["audit"] = _audit_about(session, person_ids, record_ids)
    audit.record(
        session,
        actor.login,
        audit.EXPORT,
        "persons",
        person.id,
        "consultations=" + ("full" if with_content else "withheld"),
    )
    return doc


def _sort_key(row: Any) -> tuple[str, str]:
    for name in ("at", "given_at"):
        value = getattr(row, name, None)
        if isinstance(value, datetime):
            return value.isoformat(), row.id
    created: datetime | None = row.created_at
    return (created.isoformat() if created else ""), row.id


def _audit_about(
    session: Session, person_ids: list[str], live_ids: list[str]
) -> list[dict[str, Any]]:
    """Audit events about the person's records, including ones since tombstoned."""
    ids = set(live_ids)
    for _section, model in _CHILDREN:
        ids.update(session.scalars(select(model.id).where(model.person_id.in_(person_ids))))
    referral_ids = list(
        session.scalars(select(Referral.id).where(Referral.person_id.in_(person_ids)))
    )
    for chunk in _batches(referral_ids):
        ids.update(
            session.scalars(select(ReferralEvent.id).where(ReferralEvent.referral_id.in_(chunk)))
        )
    found: list[AuditEvent] = []
    for chunk in _batches(sorted(ids)):
        found.extend(session.scalars(select(AuditEvent).where(AuditEvent.record_id.in_(chunk))))
    found.sort(key=lambda e: e.seq)
    return [
        {
            "seq": e.seq,
            "at": e.at.isoformat(),
            "action": e.action,
            "entity": e.entity,
            "record_id": e.record_id,
        }
        for e in found
    ]


def export_json(session: Session, actor: Actor, person_id: str) -> bytes:
    """:func:`export_person` as UTF-8 JSON (indented, non-ASCII kept as written)."""
    doc = export_person(session, actor, person_id)
    return json.dumps(doc, indent=2, ensure_ascii=False).encode("utf-8")


# ===================================================================== erasure
def erase_person(session: Session, actor: Actor, person_id: str) -> None:
    """Erase one person (GDPR art. 17); see the module documentation for what stays.

    Blanks every personal field of the person, of the records merged into them and of every
    row linked to these, tombstones those rows and the person, sets ``erased_at``, rewrites
    pending outbox values, and records an audit ``erase`` event per person record.
    Raises ``PermissionDenied`` without ``gdpr.erase`` and ``NotFound`` for an unknown or
    already erased person. Run :func:`purge_free_pages` after the transaction commits.
    """
    actor.require("gdpr.erase")
    person = _live_person(session, person_id)
    _erase(session, actor.login, [person], reason="request")


def purge(session: Session, actor: Actor, now: datetime, retention_years: int = 5) -> int:
    """Erase everyone inactive for more than ``retention_years``; returns how many.

    A person is inactive when their ``last_activity_at`` (``created_at`` if never set) is
    before ``now`` minus the retention period and no visit of theirs is more recent. People
    with a referral still open (status other than completed, declined, cancelled) are kept.
    Each erasure is the same as :func:`erase_person` (records merged into an erased person
    go with them and are not counted apart); the run is audited once more with the count.
    """
    actor.require("retention.purge")
    if retention_years < 1:
        raise ValidationFailed("retention_years", "too_small")
    cutoff = _years_before(_naive_utc(now), retention_years)
    activity = func.coalesce(Person.last_activity_at, Person.created_at)
    open_referral = exists().where(
        Referral.person_id == Person.id,
        Referral.deleted.is_(False),
        Referral.status.not_in(sorted(CLOSED_REFERRAL_STATUSES)),
    )
    recent_visit = exists().where(
        Visit.person_id == Person.id, Visit.deleted.is_(False), Visit.at >= cutoff
    )
    stmt = (
        select(Person.id)
        .where(
            Person.erased_at.is_(None),
            Person.merged_into.is_(None),  # merged records go with the record they joined
            activity < cutoff,
            ~open_referral,
            ~recent_visit,
        )
        .order_by(Person.id)
    )
    ids = list(session.scalars(stmt))
    for chunk in _batches(ids, 200):
        people = list(session.scalars(select(Person).where(Person.id.in_(chunk))))
        _erase(session, actor.login, people, reason="retention")
    audit.record(session, actor.login, PURGE, "persons", "", f"count={len(ids)}")
    return len(ids)


def _years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def _blank(row: Any, values: dict[str, Any]) -> None:
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, list(value) if isinstance(value, list) else value)


def _merged_into(session: Session, person_ids: Sequence[str]) -> list[Person]:
    """Records merged into these people, directly or through other merged records."""
    found: dict[str, Person] = {}
    frontier = list(person_ids)
    while frontier:
        following: list[str] = []
        for chunk in _batches(frontier):
            stmt = select(Person).where(Person.merged_into.in_(chunk), Person.erased_at.is_(None))
            for person in session.scalars(stmt):
                if person.id not in found and person.id not in person_ids:
                    found[person.id] = person
                    following.append(person.id)
        frontier = following
    return list(found.values())


def _erase(session: Session, login: str, people: Sequence[Person], reason: str) -> None:
    """The one erasure path, for a batch of people already checked and loaded.

    Records merged into them are the same human being: they are erased with them.
    """
    merged = _merged_into(session, [p.id for p in people])
    indicator_facts.fold(session, [*people, *merged], live_only=True)
    with session.no_autoflush:
        touched = _blank_all(session, [*people, *merged])
    session.flush()  # change capture writes the outbox entries; the index drops the people
    _scrub_outbox(session, touched)
    for person in people:
        audit.record(session, login, audit.ERASE, "persons", person.id, reason)
    for person in merged:
        audit.record(session, login, audit.ERASE, "persons", person.id, f"{reason} merged")


def apply_remote_erasure(session: Session, person_ids: Sequence[str]) -> int:
    """People erased at another desk, as just received by a sync pull: blank and tombstone
    what this desk still holds about them that the server never had (rows written here
    offline), and drop their pending changes, which the server would refuse anyway.

    Runs inside the pull's transaction (``replicating``: nothing goes to the outbox).
    Returns how many rows were blanked.
    """
    people = [
        p
        for p in session.scalars(select(Person).where(Person.id.in_(sorted(person_ids))))
        if p.erased_at is not None
    ]
    if not people:
        return 0
    kept = {p.id: (p.erased_at, p.stats_age_band) for p in people}
    # What this desk counted of them (its rows arrived tombstoned or are tombstoned now).
    indicator_facts.fold(session, people, live_only=False)
    with session.no_autoflush:
        touched = _blank_all(session, people)
    for person in people:  # the erasing desk's facts stay as they came
        person.erased_at, person.stats_age_band = kept[person.id]
    session.flush()
    for chunk in _batches(sorted(touched)):
        session.execute(delete(OutboxEntry).where(OutboxEntry.row_id.in_(chunk)))
    for person in people:
        audit.record(session, SYSTEM.login, audit.ERASE, "persons", person.id, "remote")
    return len(touched)


def _blank_all(session: Session, people: Sequence[Person]) -> dict[str, Synced]:
    """Blank and tombstone the people and their rows; returns the rows touched, by id."""
    now = utcnow()
    ids = [p.id for p in people]
    touched: dict[str, Synced] = {}
    for person in people:
        if person.birth_date is not None or person.birth_year is not None:
            registered = (person.created_at or now).date()
            person.stats_age_band = age_band(person.birth_date, person.birth_year, registered)
        kept = indicator_facts.kept_citizenship(person.citizenships)
        if list(person.citizenships or []) != kept:
            person.citizenships = kept
        _blank(person, ERASED["persons"])
        person.erased_at = now
        person.deleted = True
        touched[person.id] = person
    referral_ids: list[str] = []
    for _section, model in _CHILDREN:
        for row in _children(session, model, ids, live_only=False):
            _blank(row, ERASED[model.__tablename__])
            row.deleted = True
            touched[row.id] = row
            if model is Referral:
                referral_ids.append(row.id)
    for event in _events(session, referral_ids, live_only=False):
        _blank(event, ERASED["referral_events"])
        event.deleted = True
        touched[event.id] = event
    # Other people's household lists may link to an erased person: drop only the link.
    for chunk in _batches(ids):
        stmt = select(HouseholdMember).where(HouseholdMember.linked_person_id.in_(chunk))
        for member in session.scalars(stmt):
            member.linked_person_id = None
    for person_id in ids:  # "different person" answers link the erased to others: dropped
        pair_decisions.forget_person(session, person_id)
    return touched


def _erased_keys(table: str) -> frozenset[str]:
    keys = set(ERASED[table])
    if table == "persons":
        keys.add("citizenships")
    return frozenset(keys)


def _scrub_outbox(session: Session, touched: dict[str, Synced]) -> None:
    """Replace erased values in pending outbox entries by the blanked ones (and drop the
    erased base values)."""
    for chunk in _batches(sorted(touched)):
        stmt = select(OutboxEntry).where(OutboxEntry.row_id.in_(chunk))
        for entry in session.scalars(stmt):
            row = touched[entry.row_id]
            table: str = type(row).__tablename__  # type: ignore[attr-defined]
            if entry.entity != table:
                continue
            keys = _erased_keys(table)
            fields = _scrubbed(entry.fields, keys, row)
            # Erased base values are dropped, not blanked: a blank base would tell the
            # server the desk started from "" and make a conflict of every blanked field.
            # Without one the server compares stamps, as for any field it has no base of.
            base = {k: v for k, v in entry.base_values.items() if k not in keys}
            if fields != entry.fields:
                entry.fields = fields
            if base != entry.base_values:
                entry.base_values = base


def _scrubbed(values: dict[str, Any], keys: Iterable[str], row: Any) -> dict[str, Any]:
    out = dict(values)
    for key in keys:
        if key in out:
            out[key] = to_json(getattr(row, key))
    return out


def purge_free_pages(store: OpenStore) -> bool:
    """Make erased values unrecoverable from the files; ``True`` if the WAL was emptied.

    Merges the search index (its segments keep deleted terms until merged), then runs a
    WAL checkpoint, ``VACUUM`` (rewrites the file without free pages) and a truncating
    checkpoint again. Call it after the erasing transaction has committed, when no other
    transaction is open on the store. It can take a few seconds on a large store.
    """
    engine = store.engine
    if engine is None:
        raise StoreLocked("store is locked")
    raw = engine.raw_connection()  # autocommit: VACUUM cannot run inside a transaction
    try:
        conn: Any = raw.driver_connection
        conn.execute("INSERT INTO person_search(person_search) VALUES ('optimize')")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        raw.close()
    return bool(busy == 0)
