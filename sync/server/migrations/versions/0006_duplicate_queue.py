"""the duplicate-check queue: the check runs after the push's transaction

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-11 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "duplicate_queue",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("desk", sa.String(length=32), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_duplicate_queue")),
    )
    op.create_index(op.f("ix_duplicate_queue_desk"), "duplicate_queue", ["desk"])


def downgrade() -> None:
    op.drop_index(op.f("ix_duplicate_queue_desk"), table_name="duplicate_queue")
    op.drop_table("duplicate_queue")
