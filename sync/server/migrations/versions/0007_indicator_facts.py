"""what the server keeps of erased people for the city-wide indicators

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-12 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# sync.server.indicator_facts.BACKFILLED: people erased before this revision are folded
# once, when this version first opens the database
BACKFILLED = "indicators.backfilled"


def upgrade() -> None:
    op.create_table(
        "indicator_erased_people",
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("age_band", sa.String(length=8), nullable=False),
        sa.Column("citizenship_class", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_indicator_erased_people")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "indicator_erased_accesses",
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("desk", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("token", "seq", name=op.f("pk_indicator_erased_accesses")),
        sqlite_with_rowid=False,
    )
    op.create_table(
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
    op.create_table(
        "indicator_folded",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_indicator_folded")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("indicator_folded")
    op.drop_table("indicator_erased_records")
    op.drop_table("indicator_erased_accesses")
    op.drop_table("indicator_erased_people")
    op.execute(sa.text("DELETE FROM server_meta WHERE key = :key").bindparams(key=BACKFILLED))
