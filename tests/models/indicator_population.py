"""A generated population with known indicator counts, for the indicator tests.

``SPEC`` describes every person (citizenships, sex, birth, registration) and what happened
to them (visits, needs, referrals with their outcome, consultations) at fixed times in
2024-2026; ``write`` puts it in a store as a sync pull would (explicit times, nothing in
the outbox); ``expected`` counts the indicators from ``SPEC`` with plain Python loops, the
oracle the SQL is checked against. Headline numbers are also spelled out in the tests.

The population: 37 third-country nationals (among them a Swiss, a Norwegian and an
Egyptian-American), 5 EU citizens (one also Egyptian), 3 Italians (one also Moroccan) and
2 people with no citizenship recorded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from statistics import median
from typing import Any

from models.hlc import HybridClock
from models.ids import uuid7
from models.indicator_facts import MILAN, citizenship_class
from models.schema import Consultation, Need, Person, Referral, ReferralEvent, Visit
from models.store import OpenStore

TCN_COUNTRIES = ["EG", "PE", "BD", "CN", "NG", "PK", "MA", "UA", "SN"]
AGES = [16, 20, 30, 40, 50, 70, None]  # one per band, and one not stated
OUTCOMES = [
    ("completed", 3),
    ("declined", 5),
    ("no_show", 12),
    ("sent", None),
    ("cancelled", None),
    ("completed", 8),
]


def local(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """The stored (naive UTC) instant of ``hour:minute`` on ``day`` in Milan."""
    at = datetime.combine(day, time(hour, minute), tzinfo=MILAN)
    return at.astimezone(UTC).replace(tzinfo=None)


@dataclass
class VisitSpec:
    at: datetime
    channel: str
    desk: str = "acli"


@dataclass
class ReferralSpec:
    service: str
    sent: datetime
    status: str  # the status it has now
    closed_after_days: int | None = None  # completed/declined/no_show: days after sending


@dataclass
class PersonSpec:
    key: str
    citizenships: list[str]
    sex: str
    age: int | None  # at registration
    registered: datetime
    visits: list[VisitSpec] = field(default_factory=list)
    needs: list[tuple[datetime, str]] = field(default_factory=list)
    referrals: list[ReferralSpec] = field(default_factory=list)
    consultations: list[tuple[datetime, str]] = field(default_factory=list)

    @property
    def klass(self) -> str:
        return citizenship_class(self.citizenships)


def _person(i: int, key: str, citizenships: list[str]) -> PersonSpec:
    """The i-th person: registration, visits, needs, referrals and consultations by rule."""
    sex = "" if i == 35 else ("F" if i % 3 == 0 else "M")
    returning = i < 7  # first came in November 2024
    registered_on = date(2024, 11, 10) if returning else date(2025, 1 + i % 12, 5)
    registered = local(registered_on, 9, 30)
    desk = "san-martino" if i % 4 == 3 else "acli"
    spec = PersonSpec(key, citizenships, sex, AGES[i % len(AGES)], registered)
    spec.visits.append(VisitSpec(local(registered_on, 10, i % 50), "walk_in", desk))
    if returning:
        spec.visits.append(VisitSpec(local(date(2025, 3, 10), 11), "phone", desk))
    elif i % 2 == 0:  # back a month later (for December registrations: January 2026)
        again = registered_on.replace(day=20) + timedelta(days=25)
        spec.visits.append(VisitSpec(local(again, 15), "appointment", desk))
    if i == 8:  # half past midnight on 1 April in Milan is 31 March in UTC
        spec.visits.append(VisitSpec(local(date(2025, 4, 1), 0, 30), "email", desk))
    first = spec.visits[0].at if not returning else spec.visits[1].at
    spec.needs.append((first, "italian_language"))
    if i % 3 == 1:
        spec.needs.append((first, "mwc_family_reunification"))
    if i % 4 == 0:
        status, days = OUTCOMES[(i // 4) % len(OUTCOMES)]
        spec.referrals.append(
            ReferralSpec("mwc_family_reunification", first + timedelta(days=1), status, days)
        )
    if i % 5 == 0:
        spec.consultations.append((first, "permit_of_stay"))
    elif i % 5 == 1:
        spec.consultations.append((first, "family_reunification"))
    return spec


def build() -> list[PersonSpec]:
    people: list[PersonSpec] = []
    for i in range(37):
        citizenships = [TCN_COUNTRIES[i % len(TCN_COUNTRIES)]]
        if i == 9:
            citizenships = ["CH"]  # Swiss: a third-country national for FAMI
        elif i == 10:
            citizenships = ["NO"]
        elif i == 11:
            citizenships = ["EG", "US"]
        people.append(_person(i, f"tcn{i}", citizenships))
    for j, citizenships in enumerate([["FR"], ["RO"], ["DE"], ["EG", "FR"], ["PL"]]):
        people.append(_person(40 + j, f"eu{j}", citizenships))
    for j, citizenships in enumerate([["IT"], ["MA", "IT"], ["IT", "FR"]]):
        people.append(_person(50 + j, f"it{j}", citizenships))
    for j in range(2):
        people.append(_person(60 + j, f"unknown{j}", []))
    return people


SPEC = build()


def write(store: OpenStore) -> dict[str, str]:
    """Write ``SPEC`` into ``store`` as replicated rows; returns person id by spec key."""
    clock = HybridClock()
    ids: dict[str, str] = {}
    number = 0
    with store.session() as session:
        session.info["replicating"] = True

        def stamp(at: datetime, desk: str = "acli") -> dict[str, Any]:
            return {"hlc": clock.now(), "origin_desk": desk, "created_at": at, "updated_at": at}

        for spec in SPEC:
            registered = spec.registered
            # Registrations fall on the 5th or 10th of a month: 2 January makes the age exact.
            birth_date = None if spec.age is None else date(registered.year - spec.age, 1, 2)
            person = Person(
                id=uuid7(),
                given_name=f"Test {spec.key}",
                family_name="Population",
                sex=spec.sex,
                birth_date=birth_date,
                citizenships=list(spec.citizenships),
                last_activity_at=spec.visits[-1].at,
                **stamp(registered, spec.visits[0].desk),
            )
            session.add(person)
            session.flush()
            ids[spec.key] = person.id
            for visit in spec.visits:
                session.add(
                    Visit(
                        id=uuid7(),
                        person_id=person.id,
                        desk_code=visit.desk,
                        at=visit.at,
                        channel=visit.channel,
                        operator="omar",
                        **stamp(visit.at, visit.desk),
                    )
                )
            desk = spec.visits[0].desk
            for at, service in spec.needs:
                session.add(
                    Need(id=uuid7(), person_id=person.id, service_code=service, **stamp(at, desk))
                )
            for consultation_at, topic in spec.consultations:
                session.add(
                    Consultation(
                        id=uuid7(),
                        person_id=person.id,
                        advisor="lucia",
                        at=consultation_at,
                        topic=topic,
                        question="",
                        **stamp(consultation_at, desk),
                    )
                )
            session.flush()
            for ref in spec.referrals:
                number += 1
                referral = Referral(
                    id=uuid7(),
                    number=f"ACLI-2025-{number:05d}",
                    person_id=person.id,
                    from_desk=desk,
                    target_service=ref.service,
                    status=ref.status,
                    created_by="omar",
                    **stamp(ref.sent - timedelta(hours=1), desk),
                )
                session.add(referral)
                session.flush()
                moves = [("draft", "sent", ref.sent)]
                if ref.status in ("completed", "no_show"):
                    assert ref.closed_after_days is not None
                    done = ref.sent + timedelta(days=ref.closed_after_days)
                    moves += [("sent", "accepted", ref.sent + timedelta(hours=2))]
                    moves += [("accepted", "appointment_set", ref.sent + timedelta(hours=3))]
                    moves += [("appointment_set", ref.status, done)]
                elif ref.status == "declined":
                    assert ref.closed_after_days is not None
                    done = ref.sent + timedelta(days=ref.closed_after_days)
                    moves += [("sent", "declined", done)]
                elif ref.status == "cancelled":
                    moves += [("sent", "cancelled", ref.sent + timedelta(days=2))]
                for before, after, at in moves:
                    session.add(
                        ReferralEvent(
                            id=uuid7(),
                            referral_id=referral.id,
                            from_status=before,
                            to_status=after,
                            at=at,
                            by="omar",
                            **stamp(at, desk),
                        )
                    )
            session.flush()
    return ids


# ===================================================================== the oracle
def _day(at: datetime) -> date:
    return at.replace(tzinfo=UTC).astimezone(MILAN).date()


def _month(at: datetime) -> str:
    day = _day(at)
    return f"{day.year:04d}-{day.month:02d}"


def _band(age: int | None) -> str:
    if age is None:
        return ""
    for high, label in ((17, "0-17"), (24, "18-24"), (44, "25-44"), (64, "45-64")):
        if age <= high:
            return label
    return "65+"


def expected(start: date, end: date, desk: str | None = None) -> dict[str, Any]:
    """The indicators of ``SPEC`` for the days ``start``..``end`` (Milan), by plain loops."""

    def inside(at: datetime) -> bool:
        return start <= _day(at) <= end

    def here(where: str) -> bool:
        return desk is None or where == desk

    out: dict[str, Any] = {
        "reached_by_class": Counter(),
        "by_sex_band": Counter(),
        "new_by_month": Counter(),
        "accesses_by_month": Counter(),
        "people_by_month": Counter(),
        "accesses_by_channel": Counter(),
        "needs_by_service": Counter(),
        "referrals_by_service": Counter(),
        "referral_outcomes": Counter(),
        "days_to_close": [],
        "consultations_by_topic": Counter(),
    }
    for spec in SPEC:
        visits = [v for v in spec.visits if here(v.desk)]
        in_period = [v for v in visits if inside(v.at)]
        if in_period:
            out["reached_by_class"][spec.klass] += 1
        if spec.klass != "tcn":
            continue
        if in_period:
            out["by_sex_band"][(spec.sex, _band(spec.age))] += 1
        if visits:
            first = min(v.at for v in visits)
            if inside(first):
                out["new_by_month"][_month(first)] += 1
        months: set[str] = set()
        for visit in in_period:
            out["accesses_by_month"][_month(visit.at)] += 1
            out["accesses_by_channel"][visit.channel] += 1
            months.add(_month(visit.at))
        for month in months:
            out["people_by_month"][month] += 1
        own_desk = spec.visits[0].desk
        if not here(own_desk):
            continue
        for at, service in spec.needs:
            if inside(at):
                out["needs_by_service"][service] += 1
        for ref in spec.referrals:
            if inside(ref.sent):
                out["referrals_by_service"][ref.service] += 1
                out["referral_outcomes"][ref.status] += 1
                if ref.status in ("completed", "declined", "no_show"):
                    assert ref.closed_after_days is not None
                    done = ref.sent + timedelta(days=ref.closed_after_days)
                    out["days_to_close"].append((_day(done) - _day(ref.sent)).days)
        for at, topic in spec.consultations:
            if inside(at):
                out["consultations_by_topic"][topic] += 1
    out["median_days_to_close"] = (
        float(median(out["days_to_close"])) if out["days_to_close"] else None
    )
    return out
