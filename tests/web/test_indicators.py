"""The city-wide indicators (issue 12, item 4): two desks with generated populations sync
with the real central server (SQLite and PostgreSQL); the server's figures are the sum of
the desks' own reports, the page shows them with small counts hidden, erasing people at a
desk changes nothing, MWC staff cannot open the page, no personal data is on it."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, fields
from datetime import date
from html import unescape
from typing import Any

import pytest
from sqlalchemy import delete, func, select

from models import gdpr
from models.indicators import LAST_12_MONTHS, Figures, Period, Report, compute, preset
from models.indicators import today_in_milan as milan_today
from models.schema import Visit
from sync.server import indicator_facts
from sync.server import indicators as citywide
from sync.server.indicator_facts import ERASED_TABLES
from sync.server.schema import AuditEvent, ServerMeta
from sync.server.web import figures
from tests.sync.fixtures import Central, Desk
from tests.web import city_population as population
from tests.web.conftest import Client

CANARY = "Qorvath Citycanary"
DESKS = ("acli", "quarenghi")


def desk_report(desk: Desk, code: str, period: Period, today: date) -> Report:
    with desk.session() as s:
        return compute(s, desk.admin, period, code, today=today)


def city_report(central: Central, period: Period, desk: str | None, today: date) -> Report:
    return central.run(lambda s: citywide.compute(s, period, desk, today))  # type: ignore[no-any-return]


def comparable(figures_: Figures) -> dict[str, Any]:
    """Every count of ``figures_``, zeros left out, durations in order."""
    found: dict[str, Any] = {}
    for field in fields(figures_):
        value = getattr(figures_, field.name)
        found[field.name] = dict(+value) if isinstance(value, Counter) else sorted(value)
    return found


def summed(reports: list[Report]) -> Figures:
    total = Figures()
    for report in reports:
        total = total + report.figures
    return total


def assert_sum(central: Central, desks: dict[str, Desk], period: Period, today: date) -> Report:
    """The city-wide figures are the desks' own, summed; one desk's are that desk's."""
    own = [desk_report(desk, code, period, today) for code, desk in desks.items()]
    city = city_report(central, period, None, today)
    assert comparable(city.figures) == comparable(summed(own))
    assert [asdict(m) for m in city.months] == [
        {**asdict(m), "accesses": sum(r.months[i].accesses for r in own)}
        | {"people": sum(r.months[i].people for r in own), "new": sum(r.months[i].new for r in own)}
        for i, m in enumerate(own[0].months)
    ]
    assert city.progress.reached == sum(r.progress.reached for r in own)
    for code, report in zip(desks, own, strict=True):
        alone = city_report(central, period, code, today)
        assert comparable(alone.figures) == comparable(report.figures), code
    return city


def cells(html: str) -> dict[str, str]:
    """The figures of the page by cell key (``data-cell``)."""
    found = re.findall(r'data-cell="([^"]+)">([^<]*)</td>', html)
    return {key: unescape(text) for key, text in found}


def number(text: str) -> float:
    return float(text.replace(".", "").replace(",", ".").replace(" %", ""))


def check_page(shown: dict[str, str], report: Report) -> tuple[int, int, int]:
    """Every count on the page is the report's, or hidden as the rules say; returns how
    many counts were shown, hidden as small, hidden as secondary."""
    values = figures.counts(report)
    hidden = figures.suppress(values, figures.groups(report))
    tally = Counter[str]()
    for key, text in shown.items():
        if key not in values:
            continue  # not a count (median, target, dates)
        value = values[key]
        if text == figures.SMALL_TEXT:
            assert 0 < value < figures.SMALL, key
            tally["small"] += 1
        elif text == figures.SECONDARY_TEXT:
            assert key in hidden, key
            tally["secondary"] += 1
        else:
            assert number(text) == value, (key, text, value)
            assert not 0 < value < figures.SMALL, key
            tally["shown"] += 1
    return tally["shown"], tally["small"], tally["secondary"]


@pytest.fixture
def city(
    central: Central, make_desk: Callable[..., Desk]
) -> tuple[Central, dict[str, Desk], dict[str, str], date]:
    """Two desks with their populations (and a person with the canary name) synced, the
    referrals answered by MWC on the server, the answers pulled back."""
    today = milan_today()
    desks = {code: make_desk(central, code) for code in DESKS}
    ids: dict[str, str] = {}
    for code, desk in desks.items():
        ids |= population.write(desk, code, today)
    canary = desks["acli"]
    with canary.session() as s:
        from models.people import PersonForm, create_person

        given, family = CANARY.split()
        person = create_person(
            s, canary.admin, PersonForm(given_name=given, family_name=family, citizenships=["SN"])
        )
        s.add(
            Visit(
                person_id=person.id,
                desk_code="acli",
                at=population.local(population.month_day(today, 2)),
                channel="walk_in",
                operator="anna",
            )
        )
        ids["canary"] = person.id
    for desk in desks.values():
        desk.sync()
    central.add_staff("carla", [], role="coordinator")
    population.outcomes(central, "carla")
    for desk in desks.values():
        desk.sync()
    return central, desks, ids, today


def test_city_wide_figures_are_the_desks_figures_summed(city: Any) -> None:
    central, desks, ids, today = city
    year = preset(LAST_12_MONTHS, today)
    own = desk_report(desks["acli"], "acli", year, today)
    # the generated population, as the desk counts it
    # The generated population of one desk, as that desk counts it (tests/web/
    # city_population.py): 24 people, 14 third-country nationals (indices 0-3, 8, 10-15,
    # 20, 22, 23), all seen in the last 12 months, 4 of them before too (i % 5 == 0); the
    # even ones came twice; needs: Italian for all, family reunification for 0, 3, 12, 15;
    # referrals from 0, 8, 12, 20: completed in 3 days, waiting, no-show after 9 days,
    # accepted; consultations: 1 and 11. And the canary, Senegalese, seen once.
    assert own.summary() | {"median": own.median_days_to_close} == {
        "reached": 15,
        "new": 11,
        "returning": 4,
        "accesses": 23,
        "needs": 18,
        "referrals": 4,
        "closed": 2,
        "consultations": 2,
        "median": 6.0,
    }
    city_year = assert_sum(central, desks, year, today)
    assert city_year.reached == 29 and city_year.figures.reached_by_class["eu"] == 8
    assert assert_sum(central, desks, Period(year.start, year.start), today).reached == 0
    spring = Period(population.month_day(today, 6, 1), population.month_day(today, 4, 1))
    assert_sum(central, desks, spring, today)

    # The page: the same figures, small counts hidden; no personal data; the spreadsheet.
    coordinator = Client(central, "carla")
    page = coordinator.get(f"/mwc/indicators?period=custom&start={year.start}&end={year.end}&desk=")
    assert page.status_code == 200
    shown = cells(page.text)
    counted, small, _secondary = check_page(shown, city_year)
    assert counted > 40 and small > 3  # both paths taken
    assert shown["reached"] == "29" and shown["accesses"] == "45"
    assert CANARY.split()[1] not in page.text and "Test" not in page.text
    assert not any(pid in page.text for pid in ids.values())
    one_desk = coordinator.get(
        f"/mwc/indicators?period=custom&start={year.start}&end={year.end}&desk=acli"
    )
    check_page(cells(one_desk.text), city_report(central, year, "acli", today))
    sheet = coordinator.get(f"/mwc/indicators.xlsx?period=custom&start={year.start}&end={year.end}")
    assert sheet.status_code == 200
    assert sheet.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in sheet.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(sheet.content)) as book:
        text = " ".join(book.read(name).decode("utf-8") for name in book.namelist())
    assert "Citycanary" not in text and "Qorvath" not in text
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(sheet.content))
    first = workbook.worksheets[0]
    values = {row[0]: row[1] for row in first.iter_rows(values_only=True) if row and row[0]}
    assert values["Cittadini di Paesi terzi raggiunti"] == 29

    def actions(session: Any) -> list[str]:
        return [e.action for e in session.scalars(select(AuditEvent))]

    assert {"indicators_viewed", "indicators_exported"} <= set(central.run(actions))


def test_erasing_people_changes_no_city_wide_figure(city: Any) -> None:
    """People erased at a desk after syncing: the city-wide report is the same. Someone
    registered, seen twice and erased at the other desk while offline, one visit deleted
    before the erasure: counted as that desk counts them (one visit). Folded again from
    tombstones (people erased before this version): every row the server holds counts."""
    central, desks, ids, today = city
    year = preset(LAST_12_MONTHS, today)
    before = city_report(central, year, None, today)
    acli = desks["acli"]
    with acli.session() as s:
        gdpr.erase_person(s, acli.admin, ids["acli-0"])  # visits, needs, a completed referral
        gdpr.erase_person(s, acli.admin, ids["acli-7"])  # Egyptian and French: EU
    acli.sync()
    assert comparable(assert_sum(central, desks, year, today).figures) == comparable(before.figures)
    offline = desks["quarenghi"]
    with offline.session() as s:
        from models.people import PersonForm, create_person

        late = create_person(
            s,
            offline.admin,
            PersonForm(given_name="Late", family_name="Comer", citizenships=["PK"]),
        ).id
        for n in range(2):
            s.add(
                Visit(
                    person_id=late,
                    desk_code="quarenghi",
                    at=population.local(population.month_day(today, 3, 4 + n)),
                    channel="phone",
                    operator="anna",
                )
            )
    with offline.session() as s:
        first = s.scalars(select(Visit).where(Visit.person_id == late).order_by(Visit.at)).first()
        assert first is not None
        first.deleted = True
    with offline.session() as s:
        gdpr.erase_person(s, offline.admin, late)
    offline.sync()
    after = assert_sum(central, desks, year, today)
    assert (after.reached, after.new, after.accesses) == (
        before.reached + 1,
        before.new + 1,
        before.accesses + 1,
    )

    def stored(session: Any) -> dict[str, int]:
        return {
            t.__tablename__: session.scalar(select(func.count()).select_from(t))
            for t in ERASED_TABLES
        }

    assert central.run(stored) == {
        "indicator_folded": 3,
        "indicator_erased_people": 3,
        "indicator_erased_accesses": 3 + 1 + 1,  # acli-0 came three times, acli-7 once
        "indicator_erased_records": 2 + 1 + 1 + 0,  # acli-0: two needs, a referral; acli-7
    }

    # As if the server had erased them before it kept these tables: folded from their
    # tombstones, once, when the database is next opened; every row the server holds counts
    # (the visit deleted before the erasure too).
    def forget(session: Any) -> None:
        for table in ERASED_TABLES:
            session.execute(delete(table))
        session.execute(delete(ServerMeta).where(ServerMeta.key == indicator_facts.BACKFILLED))

    central.run(forget)
    assert central.run(indicator_facts.backfill) == 3
    assert central.run(indicator_facts.backfill) == 0
    refolded = city_report(central, year, None, today)
    assert refolded.summary() == after.summary() | {
        "accesses": after.accesses + 1,
        "returning": after.returning,
    }
    assert refolded.figures.reached_by_class == after.figures.reached_by_class


def test_mwc_staff_cannot_open_the_indicators(central: Central) -> None:
    central.add_staff("giulia", [population.SERVICE])
    staff = Client(central, "giulia")
    assert staff.get("/mwc/indicators").status_code == 403
    assert staff.get("/mwc/indicators.xlsx").status_code == 403
    assert "/mwc/indicators" not in staff.get("/mwc/inbox").text


def test_small_counts_and_the_totals_that_would_give_them_back() -> None:
    values = {"a": 3, "b": 40, "c": 7, "t": 50, "x": 0, "y": 9, "u": 9}
    lines = [(["a", "b", "c"], "t"), (["x", "y"], "u")]
    assert figures.suppress(values, lines) == {"a", "c"}  # c: the smallest other count
    assert figures.suppress({"a": 3, "b": 0, "t": 3}, [(["a", "b"], "t")]) == {"a", "t"}
    assert figures.suppress({"a": 5, "b": 6, "t": 11}, [(["a", "b"], "t")]) == set()
    # hidden as a total elsewhere: one of its cells goes too
    # a total hidden in one line is unknown in the other lines it closes
    values = {"a": 2, "b": 30, "t": 32, "c": 12, "d": 20}
    lines = [(["a", "t"], "s"), (["c", "d"], "t")]
    assert figures.suppress({**values, "s": 34}, lines) == {"a", "t", "c"}
