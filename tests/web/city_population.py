"""Generated desk populations for the city-wide indicator tests: people, visits, needs,
referrals and consultations written at a desk as its operators would (every row goes
through change capture into the outbox, so it syncs), with visits and consultations on
days spread over the twelve months before ``today``; and the outcomes MWC gives some of
the referrals on the server (as staff would, then moved a few days after sending so
that the median days to close means something).

``tests/web/test_indicators.py`` spells out what one desk's report says of it, then
checks the city-wide figures against the desks' reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from models.consent import ConsentForm, give_consent
from models.indicator_facts import MILAN
from models.people import PersonForm, create_person
from models.referrals import SENT, change_status, create_referral
from models.schema import Consultation, Need, Visit
from sync.protocol import StatusUpdate
from sync.server import referrals as server_referrals
from sync.server.schema import Record, StaffUser
from sync.server.writes import Writer, save
from tests.sync.fixtures import Central, Desk

SERVICE = "mwc_family_reunification"
CITIZENSHIPS = [
    ["EG"], ["PE"], ["BD"], ["UA"], ["FR"], ["IT"], [], ["EG", "FR"], ["CH"], ["MA", "IT"],
    ["NG"], ["CN"],
]  # fmt: skip
AGES = [16, 22, 30, 40, 50, 70, None]
SEXES = ["F", "M", "X", "F", "M", ""]
CHANNELS = ["walk_in", "appointment", "phone", "walk_in", "email"]
PEOPLE = 24
# What MWC does with the referrals a desk sends, in order: (status, days after sending).
OUTCOMES = [("completed", 3), ("declined", 1), ("sent", None), ("no_show", 9), ("completed", 5), ("accepted", None)]  # fmt: skip  # noqa: E501


def month_day(today: date, months_back: int, day: int = 10) -> date:
    index = today.year * 12 + today.month - 1 - months_back
    return date(index // 12, index % 12 + 1, day)


def local(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """The stored (naive UTC) instant of ``hour:minute`` on ``day`` in Milan."""
    return (
        datetime.combine(day, time(hour, minute), tzinfo=MILAN).astimezone(UTC).replace(tzinfo=None)
    )


@dataclass(frozen=True)
class Spec:
    key: str
    citizenships: list[str]
    sex: str
    age: int | None
    visits: list[tuple[datetime, str]]
    services: list[str]
    referral: bool
    consultation: datetime | None


def specs(code: str, today: date, people: int = PEOPLE) -> Iterator[Spec]:
    for i in range(people):
        first = month_day(today, 1 + i % 11, 3 + i % 25)
        visits = [(local(first, 10, i % 60), CHANNELS[i % len(CHANNELS)])]
        if i % 2 == 0:  # back the next month
            visits.append((local(first + timedelta(days=30), 15), "appointment"))
        if i % 5 == 0:  # came once before the 12 months
            visits.append((local(month_day(today, 13, 12), 11), "walk_in"))
        services = ["italian_language"] + ([SERVICE] if i % 3 == 0 else [])
        yield Spec(
            key=f"{code}-{i}",
            citizenships=CITIZENSHIPS[i % len(CITIZENSHIPS)],
            sex=SEXES[i % len(SEXES)],
            age=AGES[i % len(AGES)],
            visits=visits,
            services=services,
            referral=i % 4 == 0,
            consultation=local(first, 11) if i % 5 == 1 else None,
        )


def write(
    desk: Desk, code: str, today: date, given: str = "Test", people: int = PEOPLE
) -> dict[str, str]:
    """The population of ``code`` written at ``desk``; returns person ids by spec key."""
    ids: dict[str, str] = {}
    actor = desk.admin
    for spec in specs(code, today, people):
        with desk.session() as s:
            birth = None if spec.age is None else date(today.year - spec.age, 1, 2)
            person = create_person(
                s,
                actor,
                PersonForm(
                    given_name=given,
                    family_name=f"Person {spec.key}",
                    sex=spec.sex,
                    birth_date=birth,
                    citizenships=spec.citizenships,
                ),
            )
            ids[spec.key] = pid = person.id
            for at, channel in spec.visits:
                s.add(Visit(person_id=pid, desk_code=code, at=at, channel=channel, operator="anna"))
            for service in spec.services:
                s.add(Need(person_id=pid, service_code=service))
            if spec.consultation is not None:
                s.add(
                    Consultation(
                        person_id=pid, advisor="anna", at=spec.consultation, topic="permit_of_stay"
                    )
                )
        if spec.referral:
            with desk.session() as s:
                give_consent(s, actor, pid, ConsentForm("sharing"))
            with desk.session() as s:
                referral = create_referral(s, actor, pid, SERVICE, "Ricongiungimento familiare")
                change_status(s, actor, referral.id, SENT)
    return ids


def outcomes(central: Central, coordinator: str) -> None:
    """MWC's answers to the referrals waiting on the server (in the order of their numbers:
    :data:`OUTCOMES`), each closed some days after it was sent."""

    def work(session: Any) -> None:
        user = session.get(StaffUser, coordinator)
        numbers = sorted(
            r.data["number"]
            for r in session.scalars(select(Record).where(Record.entity == "referrals"))
            if r.data.get("status") == SENT
        )
        for n, number in enumerate(numbers):
            status, days = OUTCOMES[n % len(OUTCOMES)]
            steps = {
                "completed": ["accepted", "appointment_set", "completed"],
                "declined": ["declined"],
                "no_show": ["accepted", "appointment_set", "no_show"],
                "accepted": ["accepted"],
                "sent": [],
            }[status]
            for step in steps:
                update = StatusUpdate(
                    status=step,  # type: ignore[arg-type]
                    note="Motivo" if step == "declined" else "",
                    appointment_at=datetime(2030, 1, 1, 10) if step == "appointment_set" else None,
                    appointment_place="Via Sammartini 75" if step == "appointment_set" else "",
                )
                server_referrals.change_status(session, user, number, update)
            if days is None:
                continue
            session.flush()
            referral = next(
                r
                for r in session.scalars(select(Record).where(Record.entity == "referrals"))
                if r.data["number"] == number
            )
            events = [
                e
                for e in session.scalars(select(Record).where(Record.entity == "referral_events"))
                if e.data.get("referral_id") == referral.id
            ]
            sent = next(e for e in events if e.data["to_status"] == SENT)
            closed = next(e for e in events if e.data["to_status"] == status)
            at = datetime.fromisoformat(sent.data["at"]) + timedelta(days=days)
            save(Writer(session), closed, {**closed.data, "at": at.isoformat()})

    central.run(work)
