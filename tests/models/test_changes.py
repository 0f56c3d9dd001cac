"""Change capture: the outbox describes exactly what changed, in the same transaction."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import delete, func, inspect, select, update

from models import audit
from models.changes import to_json
from models.consent import ConsentForm, withdraw_consent
from models.errors import BypassedOutbox, DomainError
from models.gdpr import erase_person
from models.intake import IntakeForm, NeedForm, register
from models.people import PersonForm, update_person
from models.referrals import TRANSITIONS, change_status, create_referral
from models.schema import SYNCED_TABLES, Need, OutboxEntry, Person, Synced
from models.store import DeskStore, OpenStore
from tests.conftest import ADMIN_PASSWORD, FAST_KDF


def replay(entries: list[OutboxEntry]) -> dict[tuple[str, str], dict[str, Any]]:
    """Rebuild every captured row from the outbox alone, checking each base value."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    last_hlc = 0
    for entry in entries:
        assert entry.hlc > last_hlc, "stamps must increase in outbox order"
        last_hlc = entry.hlc
        key = (entry.entity, entry.row_id)
        if entry.op == "insert":
            assert key not in rows
            rows[key] = dict(entry.fields)
        else:
            current = rows[key]
            for field, old in entry.base_values.items():
                assert current[field] == old, f"base of {field} does not match history"
            current.update(entry.fields)
    return rows


def snapshot(store: OpenStore) -> dict[tuple[str, str], dict[str, Any]]:
    """The user-visible content of every locally written synced row."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    with store.session() as session:
        for table in SYNCED_TABLES:
            for obj in session.scalars(select(table).where(table.origin_desk != "central")):
                keys = [a.key for a in inspect(obj).mapper.column_attrs]
                rows[(table.__tablename__, obj.id)] = {  # type: ignore[attr-defined]
                    k: to_json(getattr(obj, k)) for k in keys if k not in Synced.SYSTEM_FIELDS
                }
    return rows


def outbox(store: OpenStore) -> list[OutboxEntry]:
    with store.session() as session:
        return list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.op_seq)))


names = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
SERVICES = ["mwc_family_reunification", "italian_language", "job_training_celav"]


class OutboxMachine(RuleBasedStateMachine):
    """Random sequences of writes; after each, replaying the outbox gives the database."""

    def __init__(self) -> None:
        super().__init__()
        import tempfile
        from pathlib import Path

        self.tmp = tempfile.TemporaryDirectory()
        created = DeskStore(Path(self.tmp.name) / "d", kdf=FAST_KDF).create(
            "san-martino", "anna", ADMIN_PASSWORD
        )
        self.store = created.store
        self.people: list[str] = []
        self.needs: list[str] = []
        self.referrals: list[str] = []

    def teardown(self) -> None:
        self.store.lock()
        self.tmp.cleanup()

    @rule(given=names, family=names, year=st.none() | st.integers(1930, 2025))
    def create_person(self, given: str, family: str, year: int | None) -> None:
        with self.store.session() as session:
            person = Person(given_name=given, family_name=family, birth_year=year)
            session.add(person)
        self.people.append(person.id)

    @precondition(lambda self: self.people)
    @rule(
        data=st.data(),
        field=st.sampled_from(["given_name", "phone", "notes", "birth_year", "citizenships"]),
    )
    def edit_person(self, data: st.DataObject, field: str) -> None:
        pid = data.draw(st.sampled_from(self.people))
        value: Any
        if field == "birth_year":
            value = data.draw(st.none() | st.integers(1930, 2025))
        elif field == "citizenships":
            value = data.draw(st.lists(st.sampled_from(["EG", "PE", "BD", "CN"]), max_size=2))
        else:
            value = data.draw(names)
        with self.store.session() as session:
            setattr(session.get(Person, pid), field, value)

    @precondition(lambda self: self.people)
    @rule(data=st.data(), service=st.sampled_from(SERVICES), text=names)
    def add_need_and_edit_person_together(
        self, data: st.DataObject, service: str, text: str
    ) -> None:
        pid = data.draw(st.sampled_from(self.people))
        with self.store.session() as session:
            need = Need(person_id=pid, service_code=service, description=text)
            session.add(need)
            session.get(Person, pid).notes = text  # type: ignore[union-attr]
        self.needs.append(need.id)

    @precondition(lambda self: self.needs)
    @rule(data=st.data(), status=st.sampled_from(["open", "referred", "closed"]))
    def change_need(self, data: st.DataObject, status: str) -> None:
        nid = data.draw(st.sampled_from(self.needs))
        with self.store.session() as session:
            session.get(Need, nid).status = status  # type: ignore[union-attr]

    @precondition(lambda self: self.people)
    @rule(data=st.data())
    def tombstone_person(self, data: st.DataObject) -> None:
        pid = data.draw(st.sampled_from(self.people))
        with self.store.session() as session:
            session.get(Person, pid).deleted = True  # type: ignore[union-attr]

    @precondition(lambda self: self.people)
    @rule(data=st.data(), text=names)
    def abandoned_edit(self, data: st.DataObject, text: str) -> None:
        """A unit of work that fails midway leaves neither the change nor an outbox entry."""
        pid = data.draw(st.sampled_from(self.people))
        with pytest.raises(RuntimeError), self.store.session() as session:
            session.get(Person, pid).email = text  # type: ignore[union-attr]
            session.flush()
            raise RuntimeError("abandoned")

    # ---------------------------------------------------------------- service calls
    def attempt(self, call: Any) -> None:
        """Run a service call in its own unit of work; a refusal must leave no trace."""
        before = len(outbox(self.store))
        try:
            with self.store.session() as session:
                call(session)
            event("service call applied")
        except DomainError as refusal:
            event(f"service call refused: {refusal.code}")
            assert len(outbox(self.store)) == before

    @rule(
        given=names,
        family=names,
        services=st.lists(st.sampled_from(SERVICES), max_size=2),
        share=st.booleans(),
    )
    def intake_of_a_new_person(
        self, given: str, family: str, services: list[str], share: bool
    ) -> None:
        consents = [ConsentForm("processing")] + ([ConsentForm("sharing")] if share else [])
        form = IntakeForm(
            person=PersonForm(given_name=given, family_name=family),
            needs=[NeedForm(code) for code in services],
            consents=consents,
        )

        def call(session: Any) -> None:
            result = register(session, self.store.actor, form)
            self.people.append(result.person_id)
            self.needs.extend(result.need_ids)

        self.attempt(call)

    @precondition(lambda self: self.people)
    @rule(data=st.data())
    def returning_visit(self, data: st.DataObject) -> None:
        pid = data.draw(st.sampled_from(self.people))
        form = IntakeForm(person_id=pid, needs=[NeedForm("italian_language")])
        self.attempt(lambda s: self.needs.extend(register(s, self.store.actor, form).need_ids))

    @precondition(lambda self: self.needs)
    @rule(data=st.data())
    def refer_a_need(self, data: st.DataObject) -> None:
        nid = data.draw(st.sampled_from(self.needs))

        def call(session: Any) -> None:
            need = session.get(Need, nid)
            referral = create_referral(
                session, self.store.actor, need.person_id, need.service_code, "why", need_id=nid
            )
            self.referrals.append(referral.id)

        self.attempt(call)

    @precondition(lambda self: self.referrals)
    @rule(data=st.data(), status=st.sampled_from(sorted(TRANSITIONS)))
    def move_a_referral(self, data: st.DataObject, status: str) -> None:
        rid = data.draw(st.sampled_from(self.referrals))
        # the receiving service's statuses are refused here (they come by sync pull)
        self.attempt(lambda s: change_status(s, self.store.actor, rid, status))

    @precondition(lambda self: self.people)
    @rule(data=st.data())
    def withdraw_sharing(self, data: st.DataObject) -> None:
        pid = data.draw(st.sampled_from(self.people))
        self.attempt(lambda s: withdraw_consent(s, self.store.actor, pid, "sharing"))

    @precondition(lambda self: self.people)
    @rule(data=st.data(), phone=st.from_regex(r"\+39 3[0-9]{8}", fullmatch=True))
    def update_through_the_service(self, data: st.DataObject, phone: str) -> None:
        pid = data.draw(st.sampled_from(self.people))

        def call(session: Any) -> None:
            form = PersonForm.from_person(session.get(Person, pid))
            form.phone = phone
            update_person(session, self.store.actor, pid, form)

        self.attempt(call)

    @precondition(lambda self: self.people)
    @rule(data=st.data())
    def erase(self, data: st.DataObject) -> None:
        pid = data.draw(st.sampled_from(self.people))
        self.attempt(lambda s: erase_person(s, self.store.actor, pid))

    @invariant()
    def outbox_describes_exactly_the_database(self) -> None:
        assert replay(outbox(self.store)) == snapshot(self.store)

    @invariant()
    def every_change_is_in_an_unbroken_audit_chain(self) -> None:
        with self.store.session() as session:
            events = audit.verify_chain(session)
            changed = session.scalar(select(func.count()).select_from(OutboxEntry))
        assert events >= changed  # one per captured row, plus unlocks


TestOutbox = OutboxMachine.TestCase
TestOutbox.settings = settings(
    max_examples=40,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_one_unit_of_work_is_one_transaction_id(store: OpenStore) -> None:
    with store.session() as session:
        person = Person(given_name="Awa", family_name="Sow")
        session.add(person)
        session.flush()
        session.add(Need(person_id=person.id, service_code="italian_language"))
    with store.session() as session:
        session.get(Person, person.id).phone = "+39 02 0202"  # type: ignore[union-attr]
    entries = outbox(store)
    assert [e.op for e in entries] == ["insert", "insert", "update"]
    assert entries[0].tx_id == entries[1].tx_id != entries[2].tx_id
    assert entries[2].fields == {"phone": "+39 02 0202"} and entries[2].base_values == {"phone": ""}
    assert all(e.operator == "anna" for e in entries)


def test_saving_an_unchanged_row_writes_nothing(store: OpenStore) -> None:
    with store.session() as session:
        person = Person(given_name="Awa", family_name="Sow")
        session.add(person)
    with store.session() as session:
        session.get(Person, person.id).given_name = "Awa"  # type: ignore[union-attr]
    assert len(outbox(store)) == 1


@pytest.mark.parametrize(
    "statement",
    [
        update(Person).values(phone="000"),
        delete(Need),
    ],
)
def test_bulk_writes_that_would_bypass_the_outbox_are_refused(
    store: OpenStore, statement: Any
) -> None:
    with pytest.raises(BypassedOutbox), store.session() as session:
        session.execute(statement)


def test_hard_deletes_of_synced_rows_are_refused(store: OpenStore) -> None:
    with store.session() as session:
        person = Person(given_name="Awa", family_name="Sow")
        session.add(person)
    with pytest.raises(BypassedOutbox), store.session() as session:
        session.delete(session.get(Person, person.id))
    with store.session() as session:
        assert session.get(Person, person.id) is not None


def test_a_rolled_back_savepoint_leaves_outbox_and_audit_chain_consistent(
    store: OpenStore,
) -> None:
    with store.session() as session:
        kept = Person(given_name="Kept", family_name="Before")
        session.add(kept)
        session.flush()
        with pytest.raises(RuntimeError), session.begin_nested():
            session.add(Person(given_name="Dropped", family_name="Inside"))
            session.flush()
            raise RuntimeError("validation failed half way")
        session.add(Person(given_name="Kept", family_name="After"))
    with store.session() as session:
        assert audit.verify_chain(session) > 0
    assert replay(outbox(store)) == snapshot(store)
    assert {row["family_name"] for row in snapshot(store).values()} == {"Before", "After"}
