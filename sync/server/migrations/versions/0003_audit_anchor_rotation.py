"""audit anchors of desk devices, device credential rotation

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 19:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_anchors",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("desk", sa.String(length=32), nullable=False),
        sa.Column("length", sa.BigInteger(), nullable=False),
        sa.Column("head", sa.String(length=64), nullable=False),
        sa.Column("restore_seq", sa.BigInteger(), nullable=False),
        sa.Column("restore_hash", sa.String(length=64), nullable=False),
        sa.Column("flag", sa.String(length=16), nullable=False),
        sa.Column("flagged_at", sa.DateTime(), nullable=True),
        sa.Column("flags", sa.Integer(), nullable=False),
        sa.Column("anchored_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_audit_anchors")),
    )
    op.create_index(op.f("ix_audit_anchors_desk"), "audit_anchors", ["desk"], unique=False)
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("next_secret_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("rotated_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("rotated_at")
        batch.drop_column("next_secret_hash")
    op.drop_index(op.f("ix_audit_anchors_desk"), table_name="audit_anchors")
    op.drop_table("audit_anchors")
