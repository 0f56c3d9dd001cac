"""The FAMI indicators on a real encrypted store, against a population with known counts,
and the same report after people are erased (here, at another desk, or before 0004)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text

from models import gdpr, indicators, settings
from models.errors import PermissionDenied, ValidationFailed
from models.indicator_facts import (
    ERASED_TABLES,
    EU_MEMBER_STATES,
    ErasedAccess,
    ErasedPerson,
    ErasedRecord,
    FoldedPerson,
    age_band,
    citizenship_class,
    kept_citizenship,
    local_day,
)
from models.indicators import Period, Target, compute, preset
from models.roles import Actor
from models.schema import (
    Consultation,
    Need,
    Person,
    Referral,
    ReferralEvent,
    Visit,
)
from models.store import OpenStore, alembic_config
from tests.models import indicator_population as population
from tests.models.service_helpers import add_person

YEAR_2025 = Period(date(2025, 1, 1), date(2025, 12, 31))
MARCH_2025 = Period(date(2025, 3, 1), date(2025, 3, 31))
EVERYTHING = Period(date(2024, 1, 1), date(2026, 12, 31))
TODAY = date(2026, 6, 15)
PERIODS = [
    (YEAR_2025, None),
    (MARCH_2025, None),
    (EVERYTHING, None),
    (YEAR_2025, "san-martino"),
    (Period(date(2025, 3, 31), date(2025, 4, 1)), "acli"),
]


@pytest.fixture
def people(store: OpenStore) -> dict[str, str]:
    return population.write(store)


def report(store: OpenStore, period: Period, desk: str | None = None) -> indicators.Report:
    with store.session() as session:
        return compute(session, store.actor, period, desk, today=TODAY)


def comparable(result: indicators.Report) -> dict[str, Any]:
    """What a report says (its making time aside)."""
    figures = asdict(result.figures)
    figures["days_to_close"] = sorted(figures["days_to_close"])
    return {
        "figures": figures,
        "months": result.months,
        "progress": result.progress,
        "summary": result.summary(),
        "median": result.median_days_to_close,
    }


# ===================================================================== definitions
@pytest.mark.parametrize(
    ("citizenships", "klass"),
    [
        (["EG"], "tcn"),
        (["eg"], "tcn"),
        (["EG", "US"], "tcn"),
        (["CH"], "tcn"),  # Swiss: not a Union citizen
        (["NO"], "tcn"),
        (["GB"], "tcn"),
        (["FR"], "eu"),
        (["EG", "FR"], "eu"),  # any EU citizenship: not a third-country national
        (["GR"], "eu"),
        (["IT"], "it"),
        (["MA", "IT"], "it"),
        (["FR", "IT"], "it"),
        ([], "unknown"),
        (None, "unknown"),
        ([""], "unknown"),
    ],
)
def test_citizenship_class(citizenships: list[str] | None, klass: str) -> None:
    assert citizenship_class(citizenships) == klass
    kept = kept_citizenship(citizenships)
    assert len(kept) <= 1
    assert citizenship_class(kept) == klass  # erasure keeps one citizenship of the class


def test_the_member_states_are_the_27() -> None:
    assert len(EU_MEMBER_STATES) == 27
    assert {"IT", "FR", "DE", "HR", "GR", "CY", "MT"} <= EU_MEMBER_STATES
    assert not {"GB", "CH", "NO", "IS", "LI", "EL", "TR", "UA"} & EU_MEMBER_STATES


def test_the_sql_definitions_match_the_python_ones(store: OpenStore) -> None:
    cases = [
        (date(2000, 3, 14), None, ["EG"]),
        (date(2008, 12, 31), None, ["FR", "EG"]),
        (date(2007, 1, 1), None, ["IT"]),
        (None, 1990, ["BD", "IT"]),
        (None, None, []),
        (None, 1950, ["CH"]),
        (date(1960, 2, 29), None, ["PL"]),
        (None, 1905, ["PE"]),  # older than 120: not stated
    ]
    ids = {
        add_person(store, store.actor, birth_date=b, birth_year=y, citizenships=c): (b, y, c)
        for b, y, c in cases
    }
    with store.session() as session:
        people = indicators.live_sources().people
        rows = {r.who: r for r in session.execute(select(people))}
        for pid, (birth_date, birth_year, citizenships) in ids.items():
            person = session.get(Person, pid)
            assert person is not None
            on = person.created_at.date()
            expected_year = birth_year if birth_date is None else None
            band = age_band(birth_date, expected_year, on)
            assert (rows[pid].band, rows[pid].klass) == (band, citizenship_class(citizenships))


def test_local_days_are_days_in_milan() -> None:
    assert local_day(datetime(2025, 3, 31, 22, 30)) == date(2025, 4, 1)  # summer time
    assert local_day(datetime(2025, 1, 31, 23, 30)) == date(2025, 2, 1)
    assert local_day(datetime(2025, 1, 31, 22, 30)) == date(2025, 1, 31)


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [
        ("this_month", date(2026, 3, 1), date(2026, 3, 31)),
        ("last_month", date(2026, 2, 1), date(2026, 2, 28)),
        ("this_year", date(2026, 1, 1), date(2026, 12, 31)),
        ("last_12_months", date(2025, 4, 1), date(2026, 3, 31)),
    ],
)
def test_preset_periods(name: str, start: date, end: date) -> None:
    assert preset(name, date(2026, 3, 17)) == Period(start, end)


def test_january_presets_reach_into_last_year() -> None:
    assert preset("last_month", date(2026, 1, 9)) == Period(date(2025, 12, 1), date(2025, 12, 31))


def test_a_period_must_run_forwards() -> None:
    with pytest.raises(ValidationFailed):
        Period(date(2025, 2, 1), date(2025, 1, 31))
    with pytest.raises(ValidationFailed):
        preset("fortnight", date(2026, 1, 1))
    assert [m.month for m in YEAR_2025.months()] == list(range(1, 13))


# ===================================================================== the report
def test_the_report_counts_the_population(store: OpenStore, people: dict[str, str]) -> None:
    result = report(store, YEAR_2025)
    # Spelled out: 37 third-country nationals came in 2025, 30 for the first time.
    assert result.figures.reached_by_class == Counter(tcn=37, eu=5, it=3, unknown=2)
    assert result.summary() == {
        "reached": 37,
        "new": 30,
        "returning": 7,
        "accesses": 53,
        "needs": 49,
        "referrals": 10,
        "closed": 7,
        "consultations": 16,
    }
    assert result.figures.accesses_by_channel == Counter(
        walk_in=30, appointment=15, phone=7, email=1
    )
    assert result.figures.referral_outcomes == Counter(
        completed=3, declined=2, no_show=2, sent=2, cancelled=1
    )
    assert result.median_days_to_close == 5.0
    assert result.by_sex() == {"M": 23, "F": 13, "": 1}
    assert result.by_band()["25-44"] == 10
    assert [m.month for m in result.months] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert result.months[2].accesses == 9  # March: the 7 returning people and two more
    assert result.name("service", "italian_language", "en").startswith("Italian")
    assert result.name("channel", "walk_in", "it") != "walk_in"


@pytest.mark.parametrize(("period", "desk"), PERIODS, ids=lambda v: str(v))
def test_every_indicator_matches_the_population(
    store: OpenStore, people: dict[str, str], period: Period, desk: str | None
) -> None:
    result = report(store, period, desk)
    wanted = population.expected(period.start, period.end, desk)
    for name, value in wanted.items():
        if name == "median_days_to_close":
            assert result.median_days_to_close == value
        elif name == "days_to_close":
            assert sorted(result.figures.days_to_close) == sorted(value)
        else:
            assert getattr(result.figures, name) == value, name
    months = {m.month: m for m in result.months}
    for key, count in wanted["accesses_by_month"].items():
        assert months[key].accesses == count


def test_the_midnight_visit_counts_in_april(store: OpenStore, people: dict[str, str]) -> None:
    march = report(store, MARCH_2025, "acli")
    april = report(store, Period(date(2025, 4, 1), date(2025, 4, 30)), "acli")
    assert march.figures.accesses_by_channel["email"] == 0
    assert april.figures.accesses_by_channel["email"] == 1


def test_progress_against_the_target(
    store: OpenStore, people: dict[str, str], coordinator: Actor
) -> None:
    with store.session() as session:
        target = indicators.read_target(session)
    assert (target.people, target.start, target.months) == (1200, date(2026, 3, 1), 36)
    assert target.end == date(2029, 2, 28)
    assert report(store, YEAR_2025).progress.reached == 0  # nobody came since March 2026

    with store.session() as session:
        indicators.write_target(session, store.actor, Target(600, date(2025, 1, 1), 24))
    with store.session() as session:
        result = compute(session, store.actor, MARCH_2025, today=date(2025, 12, 31))
    assert result.progress.reached == 37  # since January 2025, whatever the period shown
    assert result.progress.due == 300  # 12 of 24 months
    assert result.progress.share == pytest.approx(37 / 600)

    with store.session(coordinator) as session, pytest.raises(PermissionDenied):
        indicators.write_target(session, coordinator, Target(10, date(2025, 1, 1), 12))
    with store.session() as session, pytest.raises(ValidationFailed) as refused:
        settings.write(session, store.actor, settings.PROJECT_START, 202513)
    assert refused.value.field == "project_start"


def test_only_coordinators_and_admins_read_the_indicators(
    store: OpenStore, coordinator: Actor, operator: Actor, advisor: Actor
) -> None:
    with store.session(coordinator) as session:
        assert compute(session, coordinator, MARCH_2025).reached == 0
    for actor in (operator, advisor):
        with store.session(actor) as session, pytest.raises(PermissionDenied):
            compute(session, actor, MARCH_2025)


# ===================================================================== erasure
ERASED = ["tcn0", "tcn1", "tcn4", "tcn8", "tcn12", "tcn20", "tcn35", "eu3", "it1", "unknown0"]


def _reports(store: OpenStore) -> list[dict[str, Any]]:
    return [comparable(report(store, period, desk)) for period, desk in PERIODS]


def test_erasing_people_does_not_change_past_reports(
    store: OpenStore, people: dict[str, str], coordinator: Actor
) -> None:
    before = _reports(store)
    for key in ERASED:
        with store.session(coordinator) as session:
            gdpr.erase_person(session, coordinator, people[key])
    assert _reports(store) == before

    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(FoldedPerson)) == len(ERASED)
        assert session.scalar(select(func.count()).select_from(ErasedPerson)) == len(ERASED)
        # Nothing in the erased tables is or holds a person id.
        ids = set(people.values())
        for model in (ErasedPerson, ErasedAccess, ErasedRecord):
            for row in session.scalars(select(model)):
                values = {str(getattr(row, c.key)) for c in model.__table__.columns}
                assert not values & ids
        # The erased Egyptian-French person keeps the French citizenship: not counted as a
        # third-country national by anything that reads the tombstone either.
        person = session.get(Person, people["eu3"])
        assert person is not None and person.citizenships == ["FR"]
        # Stored in key order, not in the order of erasure.
        with pytest.raises(Exception, match="rowid"):
            session.execute(text("SELECT rowid FROM indicator_erased_people")).all()


def test_purge_folds_every_person_it_erases(
    store: OpenStore, people: dict[str, str], coordinator: Actor
) -> None:
    before = _reports(store)
    with store.session(coordinator) as session:
        erased = gdpr.purge(session, coordinator, datetime(2032, 1, 1))
    assert erased > 0
    assert _reports(store) == before


def _erased_elsewhere(store: OpenStore, person_id: str) -> None:
    """What a pull brings for a person erased at another desk: the blanked, tombstoned
    rows (gdpr.KEPT) written as replicated data, then apply_remote_erasure, in one
    transaction."""
    with store.session() as session:
        session.info["replicating"] = True
        person = session.get(Person, person_id)
        assert person is not None
        person.stats_age_band = population._band(
            next(s.age for s in population.SPEC if f"Test {s.key}" == person.given_name)
        )
        person.citizenships = kept_citizenship(person.citizenships)
        person.given_name = person.family_name = ""
        person.birth_date, person.birth_year = None, None
        person.erased_at, person.deleted = datetime(2026, 6, 1), True
        for model in (Visit, Need, Referral, Consultation):
            for row in session.scalars(select(model).where(model.person_id == person_id)):
                row.deleted = True
                if model is Referral:
                    stmt = select(ReferralEvent).where(ReferralEvent.referral_id == row.id)
                    for event in session.scalars(stmt):
                        event.deleted = True
        session.flush()
        gdpr.apply_remote_erasure(session, [person_id])


def test_people_erased_at_another_desk_are_folded_once(
    store: OpenStore, people: dict[str, str], coordinator: Actor
) -> None:
    before = _reports(store)
    for key in ("tcn4", "tcn16", "it1"):
        _erased_elsewhere(store, people[key])
    assert _reports(store) == before
    # The same erasure pulled again (a resync from zero, or this desk's own erasure coming
    # back) is not counted twice.
    with store.session() as session:
        session.info["replicating"] = True
        gdpr.apply_remote_erasure(session, [people["tcn4"], people["tcn16"]])
    with store.session(coordinator) as session:
        gdpr.erase_person(session, coordinator, people["tcn0"])
    with store.session() as session:
        session.info["replicating"] = True
        gdpr.apply_remote_erasure(session, [people["tcn0"]])
    assert _reports(store) == before


def test_the_migration_folds_people_erased_before_it(
    store: OpenStore, people: dict[str, str], coordinator: Actor
) -> None:
    before = _reports(store)
    for key in ERASED:
        with store.session(coordinator) as session:
            gdpr.erase_person(session, coordinator, people[key])
    engine = store.engine
    assert engine is not None
    # Back to the revision before the indicator tables, as a store erased people then;
    # upgrading folds them from their tombstones.
    before_facts = ScriptDirectory.from_config(alembic_config(None)).get_revision("0004")
    assert before_facts is not None
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), str(before_facts.down_revision))
        names = {n for (n,) in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert not {m.__tablename__ for m in ERASED_TABLES} & names
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    assert _reports(store) == before
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(FoldedPerson)) == len(ERASED)
