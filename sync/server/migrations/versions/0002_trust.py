"""server audit, merge approvals, sign-in throttling

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 12:50:00
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
        "server_audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_kind", sa.String(length=12), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("desk", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=48), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_server_audit")),
    )
    op.create_index(op.f("ix_server_audit_at"), "server_audit", ["at"], unique=False)
    op.create_table(
        "merge_approvals",
        sa.Column("flag_id", sa.String(length=36), nullable=False),
        sa.Column("party", sa.String(length=32), nullable=False),
        sa.Column("survivor", sa.String(length=36), nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("flag_id", "party", name=op.f("pk_merge_approvals")),
    )
    op.create_table(
        "auth_throttle",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("blocked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_auth_throttle")),
    )

    _blank_flag_labels()


def _blank_flag_labels() -> None:
    """Flags made before this revision held a label (name, birth year, desk) of each
    person: blank them, with a new sequence number each so every desk pulls the change."""
    conn = op.get_bind()
    records = sa.table(
        "records", sa.column("id"), sa.column("entity"), sa.column("data", sa.JSON),
        sa.column("seq", sa.BigInteger),
    )  # fmt: skip
    counters = sa.table("counters", sa.column("name"), sa.column("value", sa.BigInteger))
    rows = conn.execute(
        sa.select(records.c.id, records.c.data).where(records.c.entity == "duplicate_flags")
    ).all()
    seq = conn.execute(sa.select(counters.c.value).where(counters.c.name == "seq")).scalar()
    for row_id, data in rows:
        if not (data.get("label_a") or data.get("label_b")):
            continue
        seq = (seq or 0) + 1
        conn.execute(
            records.update()
            .where(records.c.id == row_id)
            .values(data={**data, "label_a": "", "label_b": ""}, seq=seq)
        )
    if seq is not None:
        conn.execute(counters.update().where(counters.c.name == "seq").values(value=seq))


def downgrade() -> None:
    op.drop_table("auth_throttle")
    op.drop_table("merge_approvals")
    op.drop_index(op.f("ix_server_audit_at"), table_name="server_audit")
    op.drop_table("server_audit")
