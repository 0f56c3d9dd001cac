"""legal key recipients and grants, MWC legal staff key pairs

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 00:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "legal_recipients",
        sa.Column("id", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("desk", sa.String(length=32), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("public", sa.String(length=44), nullable=False),
        sa.Column("store_id", sa.String(length=36), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_recipients")),
    )
    op.create_index(op.f("ix_legal_recipients_desk"), "legal_recipients", ["desk"])
    op.create_index(op.f("ix_legal_recipients_device_id"), "legal_recipients", ["device_id"])
    op.create_table(
        "legal_grants",
        sa.Column("recipient_id", sa.String(length=120), nullable=False),
        sa.Column("giver_key_id", sa.String(length=16), nullable=False),
        sa.Column("desk", sa.String(length=32), nullable=False),
        sa.Column("key_ids", sa.JSON(), nullable=False),
        sa.Column("sealed", sa.String(length=1024), nullable=False),
        sa.Column("giver_device", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("recipient_id", "giver_key_id", name=op.f("pk_legal_grants")),
    )
    op.create_index(op.f("ix_legal_grants_desk"), "legal_grants", ["desk"])
    op.create_table(
        "staff_legal_keys",
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("public", sa.String(length=44), nullable=False),
        sa.Column("salt", sa.String(length=32), nullable=False),
        sa.Column("nonce", sa.String(length=24), nullable=False),
        sa.Column("wrapped", sa.String(length=96), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("login", name=op.f("pk_staff_legal_keys")),
    )


def downgrade() -> None:
    op.drop_table("staff_legal_keys")
    op.drop_index(op.f("ix_legal_grants_desk"), table_name="legal_grants")
    op.drop_table("legal_grants")
    op.drop_index(op.f("ix_legal_recipients_device_id"), table_name="legal_recipients")
    op.drop_index(op.f("ix_legal_recipients_desk"), table_name="legal_recipients")
    op.drop_table("legal_recipients")
