"""Alembic environment: migrations run on the connection the store hands over.

The store is encrypted, so Alembic never opens the database by URL: ``models.store``
passes an already keyed connection in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

# Tables declared beside their services rather than in models.schema register on its Base
# when their module is imported.
from models import indicator_facts  # noqa: F401  (its tables)
from models.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrations run only through models.store (the database is encrypted)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: Alembic copies tables instead
)
with context.begin_transaction():
    context.run_migrations()
