"""central schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 00:21:14.841870
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "applied_batches",
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("batch_id", name=op.f("pk_applied_batches")),
    )
    op.create_table(
        "applied_mutations",
        sa.Column("mutation_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=48), nullable=False),
        sa.PrimaryKeyConstraint("mutation_id", name=op.f("pk_applied_mutations")),
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counters")),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("desk", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("wipe", sa.Boolean(), nullable=False),
        sa.Column("clock_offset_ms", sa.BigInteger(), nullable=False),
        sa.Column("last_cursor", sa.BigInteger(), nullable=False),
        sa.Column("outbox_depth", sa.Integer(), nullable=False),
        sa.Column("protocol_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_devices")),
    )
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_devices_desk"), ["desk"], unique=False)

    op.create_table(
        "enrolment_codes",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("desk", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_enrolment_codes")),
    )
    op.create_table(
        "person_access",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("desk", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("person_id", "desk", name=op.f("pk_person_access")),
    )
    with op.batch_alter_table("person_access", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_access_desk"), ["desk"], unique=False)

    op.create_table(
        "person_keys",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("key", "person_id", name=op.f("pk_person_keys")),
    )
    with op.batch_alter_table("person_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_keys_person_id"), ["person_id"], unique=False)

    op.create_table(
        "records",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=48), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("origin_desk", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("field_hlc", sa.JSON(), nullable=False),
        sa.Column("scope", sa.String(length=12), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=True),
        sa.Column("person_id2", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records")),
    )
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.create_index("ix_records_entity_seq", ["entity", "seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_records_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_records_person_id2"), ["person_id2"], unique=False)
        batch_op.create_index(batch_op.f("ix_records_seq"), ["seq"], unique=False)

    op.create_table(
        "server_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_server_meta")),
    )
    op.create_table(
        "staff_users",
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("services", sa.JSON(), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("login", name=op.f("pk_staff_users")),
    )


def downgrade() -> None:
    op.drop_table("staff_users")
    op.drop_table("server_meta")
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_records_seq"))
        batch_op.drop_index(batch_op.f("ix_records_person_id2"))
        batch_op.drop_index(batch_op.f("ix_records_person_id"))
        batch_op.drop_index("ix_records_entity_seq")

    op.drop_table("records")
    with op.batch_alter_table("person_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_keys_person_id"))

    op.drop_table("person_keys")
    with op.batch_alter_table("person_access", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_access_desk"))

    op.drop_table("person_access")
    op.drop_table("enrolment_codes")
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_devices_desk"))

    op.drop_table("devices")
    op.drop_table("counters")
    op.drop_table("applied_mutations")
    op.drop_table("applied_batches")
