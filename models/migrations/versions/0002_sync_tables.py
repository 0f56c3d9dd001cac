"""sync tables: conflicts and duplicate flags (synced), run history and rejected changes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 00:14:46.990112
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "duplicate_flags",
        sa.Column("person_a", sa.String(length=36), nullable=False),
        sa.Column("person_b", sa.String(length=36), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("label_a", sa.String(length=300), nullable=False),
        sa.Column("label_b", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("survivor", sa.String(length=36), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("origin_desk", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_flags")),
    )
    with op.batch_alter_table("duplicate_flags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_duplicate_flags_person_a"), ["person_a"], unique=False)
        batch_op.create_index(batch_op.f("ix_duplicate_flags_person_b"), ["person_b"], unique=False)

    op.create_table(
        "sync_conflicts",
        sa.Column("entity", sa.String(length=48), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=True),
        sa.Column("kept_value", sa.JSON(), nullable=True),
        sa.Column("other_value", sa.JSON(), nullable=True),
        sa.Column("kept_desk", sa.String(length=32), nullable=False),
        sa.Column("other_desk", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("resolution", sa.String(length=12), nullable=False),
        sa.Column("resolved_by", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("origin_desk", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sync_conflicts_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_sync_conflicts_row_id"), ["row_id"], unique=False)

    op.create_table(
        "sync_rejected",
        sa.Column("mutation_id", sa.String(length=36), nullable=False),
        sa.Column("op_seq", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=48), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=48), nullable=False),
        sa.Column("rejected_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("mutation_id", name=op.f("pk_sync_rejected")),
    )
    op.create_table(
        "sync_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=False),
        sa.Column("pushed", sa.Integer(), nullable=False),
        sa.Column("pulled", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("error", sa.String(length=48), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_runs")),
    )


def downgrade() -> None:
    op.drop_table("sync_runs")
    op.drop_table("sync_rejected")
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflicts_row_id"))
        batch_op.drop_index(batch_op.f("ix_sync_conflicts_person_id"))

    op.drop_table("sync_conflicts")
    with op.batch_alter_table("duplicate_flags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_duplicate_flags_person_b"))
        batch_op.drop_index(batch_op.f("ix_duplicate_flags_person_a"))

    op.drop_table("duplicate_flags")
