"""Alembic environment of the central server: runs on the connection it is handed."""

from __future__ import annotations

from alembic import context

import sync.server.indicator_facts  # noqa: F401  (its tables are in Base.metadata)
from sync.server.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through sync.server.database.migrate")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
