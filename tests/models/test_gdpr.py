"""GDPR operations on the real encrypted store: export, erasure, retention, free pages."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text, func, inspect, select
from sqlalchemy.orm import Session

from models import audit, gdpr
from models.clock import utcnow
from models.engine import make_engine
from models.errors import NotFound, PermissionDenied, StoreLocked, ValidationFailed
from models.hlc import HybridClock
from models.keyfile import KeyFile
from models.roles import Actor
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
from models.search import find_people
from models.store import DeskStore, OpenStore, migrate

CANARY = "Qzxcanary"  # in every personal text field of the test person
CANARY_AR = "قزكناري"  # an Arabic-script name is indexed as written, not as a skeleton
SYNC_COLUMNS = frozenset({"id", "hlc", "origin_desk", "created_at", "updated_at"})

# What the tests accept as surviving erasure: kept independent of models.gdpr on purpose.
KEPT = {
    "persons": {
        "sex",
        "stats_age_band",
        "citizenships",
        "restricted",
        "merged_into",
        "erased_at",
        "deleted",
        "last_activity_at",
    },
    "household_members": {"person_id", "deleted"},
    "identity_documents": {"person_id", "deleted"},
    "vulnerabilities": {"person_id", "recorded_by", "deleted"},
    "visits": {
        "person_id",
        "desk_code",
        "at",
        "channel",
        "first_time",
        "mediator_called",
        "operator",
        "deleted",
    },
    "needs": {"person_id", "visit_id", "service_code", "urgency", "status", "deleted"},
    "referrals": {
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
    },
    "referral_events": {"referral_id", "from_status", "to_status", "at", "by", "deleted"},
    "consultations": {
        "person_id",
        "visit_id",
        "advisor",
        "at",
        "topic",
        "escalation_referral_id",
        "deleted",
    },
    "consents": {
        "person_id",
        "purpose",
        "basis",
        "given",
        "given_at",
        "withdrawn_at",
        "notice_version",
        "recorded_by",
        "deleted",
    },
}
LINKED = (
    Person,
    HouseholdMember,
    IdentityDocument,
    Vulnerability,
    Visit,
    Need,
    Referral,
    ReferralEvent,
    Consultation,
    Consent,
)


@dataclass
class Made:
    person_id: str
    rows: dict[str, list[str]] = field(default_factory=dict)  # table -> live row ids
    tombstoned: dict[str, list[str]] = field(default_factory=dict)

    def all_ids(self) -> set[str]:
        ids = {self.person_id}
        for group in (self.rows, self.tombstoned):
            for values in group.values():
                ids.update(values)
        return ids


def make_person(
    store: OpenStore,
    actor: Actor,
    tag: str = CANARY,
    number: str = "ACLI-2026-0001",
) -> Made:
    """A person with every personal field set (containing ``tag``) and every kind of row."""
    now = utcnow()
    with store.session(actor) as s:
        p = Person(
            given_name=f"{tag} {CANARY_AR}" if tag == CANARY else tag,
            family_name=f"{tag}son",
            given_name_latin=f"{tag}",
            family_name_latin=f"{tag}son",
            sex="M",
            birth_date=date(now.year - 35, 1, 1),
            birth_year=now.year - 35,
            birth_country="EG",
            citizenships=["EG", "IT"],
            languages=["ar", "it"],
            preferred_language="ar",
            phone=f"+39 333 {tag}",
            email=f"{tag.lower()}@example.org",
            address=f"Via {tag} 1",
            municipio=2,
            arrival_date=date(2019, 3, 4),
            legal_status="asylum_applicant",
            permit_expiry=date(2027, 1, 1),
            notes=f"notes {tag}",
            last_activity_at=now,
        )
        s.add(p)
        s.flush()
        member = HouseholdMember(
            person_id=p.id,
            relationship_code="spouse",
            given_name=f"{tag}a",
            family_name=f"{tag}son",
            birth_year=1992,
            lives_in="abroad",
            country="EG",
            dependent=True,
        )
        document = IdentityDocument(
            person_id=p.id,
            doc_type="passport",
            number=f"P{tag}",
            issuer=f"Cairo {tag}",
            issue_date=date(2018, 1, 1),
            expiry_date=date(2028, 1, 1),
        )
        vulnerability = Vulnerability(
            person_id=p.id, code="serious_illness", reason=f"reason {tag}", recorded_by="omar"
        )
        visit = Visit(
            person_id=p.id,
            desk_code="acli",
            at=now,
            channel="walk_in",
            first_time=True,
            language="ar",
            mediator_called=True,
            operator="omar",
            notes=f"visit {tag}",
        )
        old_visit = Visit(
            person_id=p.id,
            desk_code="acli",
            at=now - timedelta(days=30),
            channel="phone",
            operator="omar",
            notes=f"old visit {tag}",
        )
        s.add_all([member, document, vulnerability, visit, old_visit])
        s.flush()
        need = Need(
            person_id=p.id,
            visit_id=visit.id,
            service_code="family_reunification",
            description=f"need {tag}",
            urgency="high",
        )
        consent = Consent(
            person_id=p.id,
            purpose="sharing",
            basis="consent",
            given_at=now,
            notice_version="2026-1",
            language="ar",
            recorded_by="omar",
        )
        consultation = Consultation(
            person_id=p.id,
            visit_id=visit.id,
            advisor="lucia",
            at=now,
            topic="family_reunification",
            question=f"question {tag}",
            advice=f"advice {tag}",
            outcome=f"outcome {tag}",
            escalation_reason=f"escalation {tag}",
        )
        s.add_all([need, consent, consultation])
        s.flush()
        referral = Referral(
            number=number,
            person_id=p.id,
            need_id=need.id,
            from_desk="acli",
            target_service="mwc_family_reunification",
            reason=f"reason {tag}",
            consent_id=consent.id,
            status="sent",
            appointment_at=now + timedelta(days=7),
            appointment_place=f"Via {tag} 75",
            due_date=(now + timedelta(days=30)).date(),
            outcome=f"outcome {tag}",
            created_by="omar",
        )
        s.add(referral)
        s.flush()
        event = ReferralEvent(
            referral_id=referral.id,
            from_status="draft",
            to_status="sent",
            at=now,
            by="omar",
            note=f"event {tag}",
        )
        s.add(event)
    with store.session(actor) as s:  # a row tombstoned before any erasure
        s.get(Visit, old_visit.id).deleted = True  # type: ignore[union-attr]
    return Made(
        person_id=p.id,
        rows={
            "household_members": [member.id],
            "identity_documents": [document.id],
            "vulnerabilities": [vulnerability.id],
            "visits": [visit.id],
            "needs": [need.id],
            "referrals": [referral.id],
            "referral_events": [event.id],
            "consultations": [consultation.id],
            "consents": [consent.id],
        },
        tombstoned={"visits": [old_visit.id]},
    )


def linked_rows(s: Session, person_id: str) -> list[Any]:
    rows: list[Any] = [s.get(Person, person_id)]
    for model in LINKED[1:]:
        if model is ReferralEvent:
            refs = select(Referral.id).where(Referral.person_id == person_id)
            rows.extend(s.scalars(select(ReferralEvent).where(ReferralEvent.referral_id.in_(refs))))
        else:
            rows.extend(s.scalars(select(model).where(model.person_id == person_id)))
    return rows


def values_of(obj: Any) -> dict[str, Any]:
    return {c.key: getattr(obj, c.key) for c in inspect(obj).mapper.column_attrs}


def all_plain_values(s: Session) -> list[tuple[str, Any]]:
    """Every value of every table, decrypted, as (table, value)."""
    conn = s.connection()
    names = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).scalars()
    found = []
    for name in list(names):
        for row in conn.exec_driver_sql(f'SELECT * FROM "{name}"'):
            found.extend((name, value) for value in row)
    return found


def tables_holding(s: Session, needles: tuple[str, ...]) -> set[str]:
    hits = set()
    for table, value in all_plain_values(s):
        if isinstance(value, bytes):
            blob = value
        elif isinstance(value, str):
            blob = value.casefold().encode("utf-8")
        else:
            continue
        if any(n.casefold().encode("utf-8") in blob or n.encode("utf-8") in blob for n in needles):
            hits.add(table)
    return hits


# ===================================================================== classification
def test_every_column_of_linked_tables_is_either_erased_or_kept() -> None:
    for model in LINKED:
        table = model.__tablename__
        columns = {c.key for c in inspect(model).column_attrs} - SYNC_COLUMNS
        erased = set(gdpr.ERASED[table]) | ({"citizenships"} if model is Person else set())
        kept = set(gdpr.KEPT[table])
        assert erased | kept == columns, table
        assert not (set(gdpr.ERASED[table]) & kept), table
        assert kept == KEPT[table], table


@pytest.mark.parametrize(
    ("birth_date", "birth_year", "band"),
    [
        (date(2010, 6, 1), None, "0-17"),
        (date(2008, 6, 2), None, "0-17"),  # turns 18 the day after
        (date(2008, 6, 1), None, "18-24"),
        (None, 1990, "25-44"),
        (None, 1970, "45-64"),
        (None, 1950, "65+"),
        (None, None, ""),
        (None, 2030, ""),
    ],
)
def test_age_band(birth_date: date | None, birth_year: int | None, band: str) -> None:
    assert gdpr.age_band(birth_date, birth_year, date(2026, 6, 1)) == band


# ===================================================================== export
def test_export_by_legal_advisor_has_every_section_and_legal_content(
    store: OpenStore, operator: Actor, advisor: Actor
) -> None:
    made = make_person(store, operator)
    with store.session(advisor) as s:
        doc = gdpr.export_person(s, advisor, made.person_id)
    assert doc["format"] == gdpr.EXPORT_FORMAT
    assert doc["format_version"] == 1
    assert doc["desk"] == "acli"
    assert datetime.fromisoformat(doc["exported_at"].removesuffix("Z"))
    for section in (
        "person",
        "household",
        "documents",
        "vulnerabilities",
        "visits",
        "needs",
        "referrals",
        "consents",
        "consultations",
        "audit",
    ):
        assert doc[section], section
    person = doc["person"]
    assert person["id"] == made.person_id
    assert person["given_name"] == f"{CANARY} {CANARY_AR}"
    assert person["birth_date"] == date(utcnow().year - 35, 1, 1).isoformat()
    assert person["citizenships"] == ["EG", "IT"]
    assert [d["number"] for d in doc["documents"]] == [f"P{CANARY}"]
    assert [v["reason"] for v in doc["vulnerabilities"]] == [f"reason {CANARY}"]
    # Tombstoned rows are left out.
    assert [v["id"] for v in doc["visits"]] == made.rows["visits"]
    [referral] = doc["referrals"]
    assert [e["to_status"] for e in referral["history"]] == ["sent"]
    assert referral["history"][0]["note"] == f"event {CANARY}"
    [consultation] = doc["consultations"]
    assert consultation["question"] == f"question {CANARY}"
    assert consultation["advice"] == f"advice {CANARY}"
    assert doc["consultations_content_withheld"] is False
    # Audit: ids and actions only, covering the tombstoned row's history too.
    audited = {e["record_id"] for e in doc["audit"]}
    assert made.all_ids() <= audited
    assert all(set(e) == {"seq", "at", "action", "entity", "record_id"} for e in doc["audit"])
    json.dumps(doc)  # serialisable as it is
    with store.session(advisor) as s:
        [event] = s.scalars(
            select(AuditEvent).where(
                AuditEvent.action == audit.EXPORT, AuditEvent.record_id == made.person_id
            )
        )
    assert event.operator == advisor.login
    assert event.detail == "consultations=full"


def test_export_by_coordinator_withholds_legal_content(
    store: OpenStore, operator: Actor, coordinator: Actor
) -> None:
    made = make_person(store, operator)
    with store.session(coordinator) as s:
        raw = gdpr.export_json(s, coordinator, made.person_id)
    doc = json.loads(raw.decode("utf-8"))
    [stub] = doc["consultations"]
    assert stub == {
        "id": made.rows["consultations"][0],
        "date": utcnow().date().isoformat(),
        "content_withheld": True,
    }
    assert doc["consultations_content_withheld"] is True
    text = raw.decode("utf-8")
    assert f"question {CANARY}" not in text and f"advice {CANARY}" not in text
    # UTF-8, non-ASCII kept as written, indented.
    assert CANARY_AR.encode("utf-8") in raw
    assert b"\\u" not in raw
    assert raw.startswith(b'{\n  "format"')


def test_export_refused_for_desk_operator_and_audits_nothing(
    store: OpenStore, operator: Actor
) -> None:
    made = make_person(store, operator)
    with pytest.raises(PermissionDenied), store.session(operator) as s:
        gdpr.export_person(s, operator, made.person_id)
    with store.session(operator) as s:
        assert not s.scalars(select(AuditEvent).where(AuditEvent.action == audit.EXPORT)).all()


def test_export_of_unknown_or_erased_person_is_not_found(
    store: OpenStore, operator: Actor, coordinator: Actor
) -> None:
    made = make_person(store, operator)
    with pytest.raises(NotFound), store.session(coordinator) as s:
        gdpr.export_person(s, coordinator, "no-such-id")
    with store.session(coordinator) as s:
        gdpr.erase_person(s, coordinator, made.person_id)
    with pytest.raises(NotFound) as caught, store.session(coordinator) as s:
        gdpr.export_json(s, coordinator, made.person_id)
    assert CANARY not in str(caught.value)


# ===================================================================== erasure
def assert_erased(row: Any) -> None:
    """Every column of ``row`` outside the kept list and sync columns is blank."""
    table = row.__tablename__
    for column in inspect(type(row)).columns:
        key = column.key
        value = getattr(row, key)
        if key in SYNC_COLUMNS or key in KEPT[table]:
            continue
        where = f"{table}.{key}"
        if isinstance(column.type, String | Text):
            expected = "unknown" if where == "persons.legal_status" else ""
            assert value == expected or (column.nullable and value is None), where
        elif isinstance(column.type, Boolean):
            assert value is False, where
        elif isinstance(column.type, Date | DateTime | Integer):
            assert value is None, where
        else:  # JSON lists
            assert not value, where


def test_erase_blanks_everything_and_keeps_statistics(
    store: OpenStore, operator: Actor, coordinator: Actor
) -> None:
    made = make_person(store, operator)
    other = make_person(store, operator, tag="Keepme", number="ACLI-2026-0002")
    with store.session(operator) as s:
        assert [m.person_id for m in find_people(s, CANARY)] == [made.person_id]
        counts_before = {
            m.__tablename__: s.scalar(
                select(func.count()).select_from(m).where(m.person_id == made.person_id)
            )
            for m in (Visit, Need, Referral, Consultation)
        }
        outbox_before = s.scalar(select(func.max(OutboxEntry.op_seq)))

    with store.session(coordinator) as s:
        gdpr.erase_person(s, coordinator, made.person_id)

    with store.session(coordinator) as s:
        rows = linked_rows(s, made.person_id)
        assert {r.id for r in rows} == made.all_ids()
        for row in rows:
            assert row.deleted is True, row.__tablename__
            assert_erased(row)
            for key, value in values_of(row).items():
                assert CANARY.lower() not in str(value).lower(), (row.__tablename__, key)
                assert CANARY_AR not in str(value), (row.__tablename__, key)
        person = s.get(Person, made.person_id)
        assert person is not None and person.erased_at is not None
        # What the funders' indicators need, and nothing that identifies.
        # One citizenship: the Italian one of this Egyptian-Italian, who is no third-country
        # national (models.indicator_facts.kept_citizenship).
        assert (person.sex, person.stats_age_band, person.citizenships) == ("M", "25-44", ["IT"])
        counts_after = {
            m.__tablename__: s.scalar(
                select(func.count()).select_from(m).where(m.person_id == made.person_id)
            )
            for m in (Visit, Need, Referral, Consultation)
        }
        assert counts_after == counts_before
        visit = s.get(Visit, made.rows["visits"][0])
        assert visit is not None
        assert (visit.desk_code, visit.channel, visit.first_time) == ("acli", "walk_in", True)
        need = s.get(Need, made.rows["needs"][0])
        assert need is not None and need.service_code == "family_reunification"
        referral = s.get(Referral, made.rows["referrals"][0])
        assert referral is not None and referral.status == "sent"

        # Search no longer finds the person; the other person is untouched.
        assert find_people(s, CANARY) == []
        assert find_people(s, CANARY_AR) == []
        assert [m.person_id for m in find_people(s, "Keepme")] == [other.person_id]
        kept = s.get(Person, other.person_id)
        assert kept is not None and kept.given_name.startswith("Keepme")
        assert kept.erased_at is None and kept.deleted is False

        # One outbox entry per blanked row, in one transaction, with no old value left.
        entries = list(s.scalars(select(OutboxEntry).where(OutboxEntry.op_seq > outbox_before)))
        [tx] = {e.tx_id for e in entries}
        by_row = {e.row_id: e for e in entries}
        assert set(by_row) == made.all_ids()
        person_entry = by_row[made.person_id]
        assert person_entry.op == "delete"
        assert person_entry.fields["given_name"] == ""
        assert person_entry.fields["erased_at"]
        assert "given_name" not in person_entry.base_values  # the erased base is dropped
        for row_id in made.all_ids() - set(made.tombstoned["visits"]):
            assert by_row[row_id].op == "delete"
        assert by_row[made.tombstoned["visits"][0]].op == "update"
        for entry in s.scalars(select(OutboxEntry)):  # creation entries included
            if entry.row_id in made.all_ids():
                blob = json.dumps([entry.fields, entry.base_values], ensure_ascii=False)
                assert CANARY.lower() not in blob.lower() and CANARY_AR not in blob
        assert tx

        # Audited without personal values.
        [erase] = s.scalars(select(AuditEvent).where(AuditEvent.action == audit.ERASE))
        assert (erase.operator, erase.record_id, erase.detail) == (
            coordinator.login,
            made.person_id,
            "request",
        )
        assert audit.verify_chain(s) > 0


def test_erase_keeps_other_households_but_drops_links_to_the_erased(
    store: OpenStore, operator: Actor, coordinator: Actor
) -> None:
    made = make_person(store, operator)
    other = make_person(store, operator, tag="Keepme", number="ACLI-2026-0002")
    with store.session(operator) as s:
        member = HouseholdMember(
            person_id=other.person_id,
            relationship_code="sibling",
            given_name="Keepme",
            linked_person_id=made.person_id,
        )
        s.add(member)
    with store.session(coordinator) as s:
        gdpr.erase_person(s, coordinator, made.person_id)
    with store.session(coordinator) as s:
        row = s.get(HouseholdMember, member.id)
        assert row is not None
        assert (row.linked_person_id, row.given_name, row.deleted) == (None, "Keepme", False)


def test_erase_refused_for_desk_operator_and_legal_advisor(
    store: OpenStore, operator: Actor, advisor: Actor, coordinator: Actor
) -> None:
    made = make_person(store, operator)
    for actor in (operator, advisor):
        with pytest.raises(PermissionDenied), store.session(actor) as s:
            gdpr.erase_person(s, actor, made.person_id)
    with store.session(coordinator) as s:
        person = s.get(Person, made.person_id)
        assert person is not None and person.erased_at is None
        assert person.given_name.startswith(CANARY)
        with pytest.raises(NotFound):
            gdpr.erase_person(s, coordinator, "no-such-id")


def test_erase_twice_is_not_found(store: OpenStore, operator: Actor, coordinator: Actor) -> None:
    made = make_person(store, operator)
    with store.session(coordinator) as s:
        gdpr.erase_person(s, coordinator, made.person_id)
    with pytest.raises(NotFound), store.session(coordinator) as s:
        gdpr.erase_person(s, coordinator, made.person_id)


def test_erase_then_purge_free_pages_leaves_no_trace_in_files(
    store: OpenStore, operator: Actor, coordinator: Actor
) -> None:
    made = make_person(store, operator)
    needles = (CANARY, CANARY_AR)
    with store.session(coordinator) as s:
        assert "persons" in tables_holding(s, needles)  # the scanner does see it
        gdpr.erase_person(s, coordinator, made.person_id)
    assert gdpr.purge_free_pages(store) is True

    db = store.files.db_path
    wal = Path(f"{db}-wal")
    for path in (db, wal):
        if path.exists():
            data = path.read_bytes()
            for needle in needles:
                assert needle.encode("utf-8") not in data, path.name
                assert needle.encode("utf-16-le") not in data, path.name
    assert not wal.exists() or wal.stat().st_size == 0
    with store.session(coordinator) as s:  # decrypted: every value of every table
        assert tables_holding(s, needles) == set()
        assert s.scalar(select(func.count()).select_from(Person)) == 1
    store.lock()
    with pytest.raises(StoreLocked):
        gdpr.purge_free_pages(store)


def test_purge_free_pages_on_plain_sqlite_removes_what_the_files_held(tmp_path: Path) -> None:
    """The same steps on an unencrypted file, where reading raw bytes proves something."""
    files = DeskStore(tmp_path)
    files.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(files.db_path, None)
    migrate(engine)
    actor = Actor(login="carla", role="coordinator", desk="acli")
    plain = OpenStore(
        files=files,
        engine=engine,
        keyfile=KeyFile(store_id="test", desk="acli", created_at="2026-01-01T00:00:00Z"),
        dek=bytearray(32),
        actor=actor,
        clock=HybridClock(),
    )
    try:
        with plain.session(actor) as s:
            s.add(Meta(key="desk", value="acli"))
        made = make_person(plain, actor)
        with plain.session(actor) as s:
            gdpr.erase_person(s, actor, made.person_id)
        wal = Path(f"{files.db_path}-wal")
        raw = files.db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
        assert CANARY.encode() in raw  # old values linger in WAL frames and free pages

        assert gdpr.purge_free_pages(plain) is True
        raw = files.db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
        for needle in (CANARY, CANARY.lower(), CANARY_AR):
            assert needle.encode("utf-8") not in raw
    finally:
        plain.lock()


# ===================================================================== retention
def test_purge_erases_only_old_inactive_people_without_open_referrals(
    store: OpenStore, operator: Actor, coordinator: Actor
) -> None:
    now = utcnow()
    later = now + timedelta(days=6 * 365)  # the purge runs six years from now
    recent = later - timedelta(days=365)

    def person(name: str, last_activity: datetime | None) -> str:
        with store.session(operator) as s:
            p = Person(given_name=name, family_name="Test", last_activity_at=last_activity)
            s.add(p)
        return p.id

    def referral(person_id: str, number: str, status: str, deleted: bool = False) -> None:
        with store.session(operator) as s:
            s.add(
                Referral(
                    number=number,
                    person_id=person_id,
                    from_desk="acli",
                    target_service="celav",
                    status=status,
                    created_by="omar",
                    deleted=deleted,
                )
            )

    never_active = person("Never", None)  # created now: six years before the purge
    old = person("Old", now)
    active = person("Active", recent)
    with_open = person("Waiting", now)
    referral(with_open, "ACLI-1", "sent")
    with_draft = person("Drafted", now)
    referral(with_draft, "ACLI-2", "draft")
    with_closed = person("Closed", now)
    referral(with_closed, "ACLI-3", "completed")
    referral(with_closed, "ACLI-4", "declined")
    with_dead_open = person("Tombstoned", now)
    referral(with_dead_open, "ACLI-5", "sent", deleted=True)
    stale_stamp = person("Visited", now)  # last_activity_at not bumped, but a recent visit
    with store.session(operator) as s:
        s.add(
            Visit(
                person_id=stale_stamp, desk_code="acli", at=recent, channel="walk_in", operator="o"
            )
        )
    erased_before = person("Gone", now)
    with store.session(coordinator) as s:
        gdpr.erase_person(s, coordinator, erased_before)

    with pytest.raises(PermissionDenied), store.session(operator) as s:
        gdpr.purge(s, operator, later)
    with pytest.raises(ValidationFailed), store.session(coordinator) as s:
        gdpr.purge(s, coordinator, later, retention_years=0)

    with store.session(coordinator) as s:
        assert gdpr.purge(s, coordinator, later) == 4

    expected = {never_active, old, with_closed, with_dead_open}
    with store.session(coordinator) as s:
        for pid in (never_active, old, active, with_open, with_draft, with_closed):
            p = s.get(Person, pid)
            assert p is not None
            assert (p.erased_at is not None) == (pid in expected), p.id
        for pid in (with_dead_open, stale_stamp):
            p = s.get(Person, pid)
            assert p is not None
            assert (p.erased_at is not None) == (pid in expected)
        for pid in expected:
            p = s.get(Person, pid)
            assert p is not None and p.given_name == "" and p.deleted is True
        erases = s.scalars(
            select(AuditEvent).where(
                AuditEvent.action == audit.ERASE, AuditEvent.detail == "retention"
            )
        ).all()
        assert {e.record_id for e in erases} == expected
        [run] = s.scalars(select(AuditEvent).where(AuditEvent.action == gdpr.PURGE))
        assert (run.operator, run.detail) == (coordinator.login, "count=4")
        # Closed referrals are kept (tombstoned, blank) for the statistics.
        assert (
            s.scalar(
                select(func.count()).select_from(Referral).where(Referral.person_id == with_closed)
            )
            == 2
        )

    with store.session(coordinator) as s:  # nothing left to do: idempotent
        assert gdpr.purge(s, coordinator, later) == 0
    with store.session(coordinator) as s:  # a shorter horizon from today erases nobody new
        assert gdpr.purge(s, coordinator, now) == 0


def test_purge_accepts_an_aware_time(store: OpenStore, operator: Actor, coordinator: Actor) -> None:
    make_person(store, operator)
    with store.session(coordinator) as s:
        far = (utcnow() + timedelta(days=7 * 365)).astimezone()
        # The test person has an open referral: kept.
        assert gdpr.purge(s, coordinator, far) == 0


def test_synced_columns_are_not_touched_by_the_classification() -> None:
    assert SYNC_COLUMNS == Synced.SYSTEM_FIELDS


# ===================================================================== merged records
def test_records_merged_into_a_person_are_exported_and_erased_with_them(
    store: OpenStore, operator: Actor, coordinator: Actor
) -> None:
    made = make_person(store, operator)
    now = utcnow()
    with store.session(operator) as s:
        dup = Person(given_name=f"{CANARY}x", family_name="Dup", merged_into=made.person_id)
        s.add(dup)
        s.flush()
        dup_visit = Visit(
            person_id=dup.id,
            desk_code="acli",
            at=now,
            channel="walk_in",
            operator="omar",
            notes=f"dup visit {CANARY}",
        )
        older = Person(given_name=f"{CANARY}y", merged_into=dup.id)  # merged in a chain
        s.add_all([dup_visit, older])
    with store.session(coordinator) as s:
        doc = gdpr.export_person(s, coordinator, made.person_id)
    assert {r["id"] for r in doc["merged_records"]} == {dup.id, older.id}
    assert dup_visit.id in {v["id"] for v in doc["visits"]}

    with store.session(coordinator) as s:
        gdpr.erase_person(s, coordinator, made.person_id)
    with store.session(coordinator) as s:
        for pid in (dup.id, older.id):
            p = s.get(Person, pid)
            assert p is not None and p.erased_at is not None and p.given_name == ""
        visit = s.get(Visit, dup_visit.id)
        assert visit is not None and visit.notes == "" and visit.deleted is True
        details = {
            e.record_id: e.detail
            for e in s.scalars(select(AuditEvent).where(AuditEvent.action == audit.ERASE))
        }
        assert details == {
            made.person_id: "request",
            dup.id: "request merged",
            older.id: "request merged",
        }
        assert tables_holding(s, (CANARY,)) <= {"person_search_data"}


def test_purge_leaves_merged_records_to_the_record_they_joined(
    store: OpenStore, operator: Actor, coordinator: Actor
) -> None:
    now = utcnow()
    with store.session(operator) as s:
        survivor = Person(given_name="Survivor", last_activity_at=now + timedelta(days=6 * 365))
        s.add(survivor)
        s.flush()
        shell = Person(given_name="Shell", merged_into=survivor.id, last_activity_at=now)
        s.add(shell)
    later = now + timedelta(days=6 * 365)
    with store.session(coordinator) as s:
        assert gdpr.purge(s, coordinator, later) == 0
    with store.session(coordinator) as s:
        p = s.get(Person, shell.id)
        assert p is not None and p.erased_at is None
    with store.session(coordinator) as s:
        assert gdpr.purge(s, coordinator, later + timedelta(days=6 * 365)) == 1
    with store.session(coordinator) as s:
        p = s.get(Person, shell.id)
        assert p is not None and p.erased_at is not None
