"""indexes that cover what the indicators read of visits and people

The Reports view counts a year of visits at 100,000 people; with these two indexes each
visit of the period and its person are read from an index alone (no table row), which
made a year's report about twice as fast (``tests/benchmarks/bench_indicators.py``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 12:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index(
            "ix_visits_indicators",
            ["at", "deleted", "person_id", "desk_code", "channel"],
            unique=False,
        )
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.create_index(
            "ix_persons_indicators",
            ["id", "erased_at", "citizenships", "sex", "birth_date", "birth_year", "created_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_index("ix_persons_indicators")
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index("ix_visits_indicators")
