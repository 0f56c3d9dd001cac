"""indicators that survive erasure: the erased people's contributions, folded anonymously

Four local tables (``models.indicator_facts``: no person id, days not times, no operator)
receive what an erased person contributed to the funders' indicators. People erased before
this revision are folded here from what their tombstones kept (``models.gdpr.KEPT``: sex,
the age band fixed at erasure, one citizenship, and every visit, need, referral with its
status events, and consultation, tombstoned), so the reports of past periods count them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 10:00:00.000000
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from models.indicator_facts import (
    CONSULTATION,
    NEED,
    REFERRAL,
    citizenship_class,
    close_days,
    local_day,
    sent_and_closed,
)

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    erased_people = op.create_table(
        "indicator_erased_people",
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("age_band", sa.String(length=8), nullable=False),
        sa.Column("citizenship_class", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_indicator_erased_people")),
        sqlite_with_rowid=False,
    )
    erased_accesses = op.create_table(
        "indicator_erased_accesses",
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("desk", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("token", "seq", name=op.f("pk_indicator_erased_accesses")),
        sqlite_with_rowid=False,
    )
    erased_records = op.create_table(
        "indicator_erased_records",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("desk", sa.String(length=32), nullable=False),
        sa.Column("citizenship_class", sa.String(length=8), nullable=False),
        sa.Column("code", sa.String(length=48), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("days_to_close", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_erased_records")),
        sqlite_with_rowid=False,
    )
    folded = op.create_table(
        "indicator_folded",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_indicator_folded")),
        sqlite_with_rowid=False,
    )
    _backfill(op.get_bind(), erased_people, erased_accesses, erased_records, folded)


def downgrade() -> None:
    op.drop_table("indicator_folded")
    op.drop_table("indicator_erased_records")
    op.drop_table("indicator_erased_accesses")
    op.drop_table("indicator_erased_people")


# ---------------------------------------------------------------- backfill (0004's columns)
_persons = sa.table(
    "persons",
    sa.column("id", sa.String),
    sa.column("sex", sa.String),
    sa.column("stats_age_band", sa.String),
    sa.column("citizenships", sa.JSON),
    sa.column("erased_at", sa.DateTime),
)
_visits = sa.table(
    "visits",
    sa.column("id", sa.String),
    sa.column("person_id", sa.String),
    sa.column("desk_code", sa.String),
    sa.column("at", sa.DateTime),
    sa.column("channel", sa.String),
)
_needs = sa.table(
    "needs",
    sa.column("person_id", sa.String),
    sa.column("origin_desk", sa.String),
    sa.column("service_code", sa.String),
    sa.column("created_at", sa.DateTime),
)
_referrals = sa.table(
    "referrals",
    sa.column("id", sa.String),
    sa.column("person_id", sa.String),
    sa.column("from_desk", sa.String),
    sa.column("target_service", sa.String),
    sa.column("status", sa.String),
)
_events = sa.table(
    "referral_events",
    sa.column("referral_id", sa.String),
    sa.column("to_status", sa.String),
    sa.column("at", sa.DateTime),
)
_consultations = sa.table(
    "consultations",
    sa.column("person_id", sa.String),
    sa.column("origin_desk", sa.String),
    sa.column("topic", sa.String),
    sa.column("at", sa.DateTime),
)


def _token() -> str:
    return uuid.uuid4().hex


def _grouped(conn: sa.Connection, stmt: Any, key: str) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = defaultdict(list)
    for row in conn.execute(stmt):
        found[getattr(row, key)].append(row)
    return found


def _backfill(
    conn: sa.Connection,
    erased_people: sa.Table,
    erased_accesses: sa.Table,
    erased_records: sa.Table,
    folded: sa.Table,
) -> None:
    """Fold every person erased before this revision (all their rows are tombstones)."""
    people = conn.execute(
        sa.select(_persons).where(_persons.c.erased_at.is_not(None)).order_by(_persons.c.id)
    ).all()
    if not people:
        return
    erased = sa.select(_persons.c.id).where(_persons.c.erased_at.is_not(None))
    visits = _grouped(conn, sa.select(_visits).where(_visits.c.person_id.in_(erased)), "person_id")
    needs = _grouped(conn, sa.select(_needs).where(_needs.c.person_id.in_(erased)), "person_id")
    referrals = _grouped(
        conn, sa.select(_referrals).where(_referrals.c.person_id.in_(erased)), "person_id"
    )
    referral_ids = sa.select(_referrals.c.id).where(_referrals.c.person_id.in_(erased))
    events = _grouped(
        conn, sa.select(_events).where(_events.c.referral_id.in_(referral_ids)), "referral_id"
    )
    consultations = _grouped(
        conn, sa.select(_consultations).where(_consultations.c.person_id.in_(erased)), "person_id"
    )
    people_rows: list[dict[str, Any]] = []
    access_rows: list[dict[str, Any]] = []
    record_rows: list[dict[str, Any]] = []

    def record(kind: str, day: date, desk: str, klass: str, code: str, **extra: Any) -> None:
        values = {"status": "", "days_to_close": None, **extra}
        record_rows.append(
            dict(id=_token(), kind=kind, day=day, desk=desk, citizenship_class=klass, code=code)
            | values
        )

    for person in people:
        klass = citizenship_class(person.citizenships or [])
        own = sorted(visits.get(person.id, []), key=lambda v: (v.at, v.id))
        if own:
            token = _token()
            people_rows.append(
                dict(
                    token=token,
                    sex=person.sex or "",
                    age_band=person.stats_age_band or "",
                    citizenship_class=klass,
                )
            )
            access_rows.extend(
                dict(
                    token=token,
                    seq=seq,
                    day=local_day(_naive(v.at)),
                    desk=v.desk_code,
                    channel=v.channel,
                )
                for seq, v in enumerate(own)
            )
        for need in needs.get(person.id, []):
            day = local_day(_naive(need.created_at))
            record(NEED, day, need.origin_desk, klass, need.service_code)
        for referral in referrals.get(person.id, []):
            sent_at, closed_at = sent_and_closed(events.get(referral.id, []))
            if sent_at is None:
                continue
            record(
                REFERRAL,
                local_day(sent_at),
                referral.from_desk,
                klass,
                referral.target_service,
                status=referral.status,
                days_to_close=close_days(referral.status, sent_at, closed_at),
            )
        for consultation in consultations.get(person.id, []):
            day = local_day(_naive(consultation.at))
            record(CONSULTATION, day, consultation.origin_desk, klass, consultation.topic)
    for table, rows in (
        (erased_people, people_rows),
        (erased_accesses, access_rows),
        (erased_records, record_rows),
        (folded, [{"person_id": person.id} for person in people]),
    ):
        if rows:
            conn.execute(table.insert(), rows)


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None)
