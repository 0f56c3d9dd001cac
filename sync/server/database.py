"""Connecting to the central database and bringing its schema up to date.

SQLite (the embedded default, one file in the data folder) runs in WAL mode; a writing
transaction takes its write lock at BEGIN (IMMEDIATE), so writers queue instead of failing
half-way, while a reading one (:func:`reader_factory`: pulls, snapshots, a look at the
duplicate queue) begins DEFERRED and never waits for a writer nor holds one up (WAL
readers read the last commit). PostgreSQL runs at READ COMMITTED; writers take the counter
row only at their end (``sync.server.writes``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
DB_NAME = "central.db"
READ_ONLY = "arco_read_only"  # execution option of the engine a reader's sessions use


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / DB_NAME}"


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the settings the sync rules rely on."""
    if url.startswith("sqlite"):
        engine = create_engine(url, hide_parameters=True, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            reading = conn.get_execution_options().get(READ_ONLY, False)
            conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

        return engine
    return create_engine(
        url, hide_parameters=True, pool_pre_ping=True, isolation_level="READ COMMITTED"
    )


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def reader_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that only read: no write lock on SQLite (see the module documentation)."""
    return sessionmaker(bind=engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)


def migrate(engine: Engine) -> str:
    """Apply the server's Alembic migrations; returns the revision now in place."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext

    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        return MigrationContext.configure(conn).get_current_revision() or ""
