"""How the desk store's database is opened: the key holder and the connection recipe.

The raw key is the first statement on every connection; ``configure_read_only`` changes
nothing (the journal check runs on it before anything may write, ``models.journal``);
``configure_connection`` adds the durable settings of a working connection.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError as SADatabaseError

from models.errors import StoreLocked

CACHE_KIB = 65_536


def _key_pragma(dek: bytes) -> str:
    return f"PRAGMA key = \"x'{dek.hex()}'\""


def configure_read_only(dbapi_conn: Any, dek: bytes) -> None:
    """Key first, then fail fast on a wrong key or corrupt header; changes nothing."""
    cur = dbapi_conn.cursor()
    try:
        cur.execute(_key_pragma(dek))
        cur.execute("PRAGMA cipher_log_level = NONE")  # we report problems ourselves
        cur.execute("PRAGMA temp_store = MEMORY")  # no plaintext temp files
        cur.execute("SELECT count(*) FROM sqlite_master")
    finally:
        cur.close()


def configure_connection(dbapi_conn: Any, dek: bytes) -> None:
    """``configure_read_only``, then the durable settings."""
    configure_read_only(dbapi_conn, dek)
    cur = dbapi_conn.cursor()
    try:
        # Memory security (wipe and mlock every SQLite allocation) stays OFF: measured here
        # it made an intake 2.3x slower than plain SQLite (1.0x without) and a LIKE scan
        # 100x slower. Key material is wiped on close either way, and lock() closes every
        # connection; decrypted rows also live in Python objects it could not protect.
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")  # an acknowledged intake survives power loss
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA secure_delete = ON")
        cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        cur.execute("PRAGMA busy_timeout = 10000")
    finally:
        cur.close()


class DatabaseKey:
    """The database key of an unlocked store, shared by the store and its engine.

    Every new connection reads it (``make_engine``), so once ``wipe()`` has run (at lock)
    no connection opens any more, whoever still holds the engine, a session factory or a
    session: each attempt raises ``StoreLocked`` before the file is even opened. A
    connection in use when the store locks (a worker mid-query) finishes its work and is
    closed as soon as it is handed back.
    """

    def __init__(self, key: bytes) -> None:
        self._key = bytearray(key)
        self._wiped = False

    @property
    def wiped(self) -> bool:
        return self._wiped

    def value(self) -> bytes:
        if self._wiped:
            raise StoreLocked("store is locked")
        return bytes(self._key)

    def replace(self, key: bytes) -> None:
        """A new key after ``rekey`` (same buffer, so every engine sees it)."""
        self.value()
        self._key[:] = key

    def wipe(self) -> None:
        for i in range(len(self._key)):
            self._key[i] = 0
        self._wiped = True


def make_engine(path: Path, dek: bytes | DatabaseKey | None) -> Engine:
    """An engine on ``path``; ``dek=None`` gives plain SQLite (benchmarks compare the two).

    With a ``DatabaseKey``, the engine opens connections only while the key is not wiped.
    Sessions bound to ``engine.execution_options(immediate=True)`` begin with
    ``BEGIN IMMEDIATE`` so that two writers queue instead of failing mid-transaction.
    """
    key = DatabaseKey(dek) if isinstance(dek, bytes | bytearray) else dek
    # hide_parameters: SQLAlchemy's error messages would otherwise quote the values of
    # the failing statement (names, phone numbers) into tracebacks and logs.
    if key is None:
        engine = create_engine(f"sqlite+pysqlite:///{path}", hide_parameters=True)
    else:
        engine = create_engine(f"sqlite+pysqlite:///{path}", module=sqlcipher, hide_parameters=True)

        @event.listens_for(engine, "do_connect")
        def _refuse_when_locked(*_args: Any) -> None:
            key.value()  # StoreLocked before the database file is opened

        @event.listens_for(engine, "checkin")
        def _close_when_locked(dbapi_conn: Any, record: Any) -> None:
            if key.wiped and dbapi_conn is not None:
                record.invalidate()  # a connection in use at lock: closed when handed back

    @event.listens_for(engine, "connect", insert=True)
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        if key is not None:
            try:
                secret = key.value()
            except StoreLocked:  # locked between opening the file and keying it
                dbapi_conn.close()
                raise
            configure_connection(dbapi_conn, secret)
        else:
            for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
                dbapi_conn.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def is_notadb(exc: BaseException) -> bool:
    """NOTADB or CORRUPT: the driver's plain DatabaseError. Its subclasses (busy, locked,
    I/O, constraint errors) say nothing about the file's contents."""
    if isinstance(exc, SADatabaseError):
        exc = exc.orig if exc.orig is not None else exc
    return type(exc) is sqlcipher.DatabaseError
