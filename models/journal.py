"""The journal seal: committed changes held in the write-ahead log never vanish unseen.

SQLite keeps recent commits in ``desk.db-wal`` until a checkpoint copies them into
``desk.db``. It stops reading the log at the first frame whose checksum fails, and it
ignores a log whose header does not match, without an error: flipped bytes, a truncated,
deleted or older log silently roll the store back, and a log from another store applied
at the next checkpoint destroys it. SQLCipher authenticates each page, not the log as a
whole, so none of this is seen by the key or by ``cipher_integrity_check``.

So every write transaction made through ``OpenStore.session`` increments a counter in the
database (``meta``: ``journal.commits``), and after the commit the same number is written
to the *seal* beside the database (``desk.journal.json``), with an HMAC keyed from the
database key and bound to the store id. Before the store is opened for writing, the
database is read through a read-only connection (which never checkpoints, so a refused
log is never applied) and:

- the log does not open with this store's key (another store's, or damaged headers):
  ``JournalDamaged("unreadable")``;
- the counter read is lower than the seal's: committed changes are missing (a damaged,
  truncated, deleted or older log, or an older ``desk.db``): ``JournalDamaged("behind")``;
- the seal is missing while the database has a counter, or its MAC or store id does not
  match: ``JournalDamaged("seal_missing" / "seal_invalid")``.

A counter *ahead* of the seal is normal: the process died between a commit and the seal
(``kill -9``) or the seal's rename was not yet on disk at a power cut. The seal is
replaced atomically after each commit without an fsync (a crash of the process loses
nothing; only a power cut can leave the seal a few commits behind, which weakens the
check for those commits, never refuses a good store) and with an fsync at lock.

What it cannot see: someone who puts back an *older* database, log and seal together
(all three authentic) rolls the store back to that moment; the audit head anchored at the
server at each sync is what notices that.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from models.crypto import KEY_BYTES, constant_time_equal, mac
from models.engine import configure_read_only
from models.errors import CorruptStore, JournalDamaged

SEAL_NAME = "desk.journal.json"
COUNTER_KEY = "journal.commits"
FORMAT = "arco-desk-journal"
VERSION = 1


def seal_key(dek: bytes, store_id: str) -> bytes:
    """The seal's HMAC key: derived from the database key, bound to the store."""
    return HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=None,
        info=b"arco-journal-seal|" + store_id.encode("utf-8"),
    ).derive(dek)


def _tag(key: bytes, store_id: str, commits: int) -> bytes:
    return mac(key, f"{FORMAT}|{VERSION}|{store_id}|{commits}".encode())


def wal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + "-wal")


def seal_path(db_path: Path) -> Path:
    return db_path.with_name(SEAL_NAME)


def read_seal(path: Path, dek: bytes, store_id: str) -> int | None:
    """The number of commits the seal vouches for; ``None`` when there is no seal."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError):
        raise JournalDamaged("seal_invalid") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise JournalDamaged("seal_invalid")
    commits, tag = data.get("commits"), data.get("mac")
    if (
        data.get("version") != VERSION
        or data.get("store_id") != store_id
        or not isinstance(commits, int)
        or isinstance(commits, bool)
        or commits < 0
        or not isinstance(tag, str)
    ):
        raise JournalDamaged("seal_invalid")
    try:
        stored = base64.b64decode(tag, validate=True)
    except ValueError:
        raise JournalDamaged("seal_invalid") from None
    if not constant_time_equal(stored, _tag(seal_key(dek, store_id), store_id, commits)):
        raise JournalDamaged("seal_invalid")
    return commits


def write_seal(path: Path, key: bytes, store_id: str, commits: int, durable: bool) -> None:
    """Replace the seal atomically; ``durable`` also fsyncs it and its folder."""
    data = {
        "format": FORMAT,
        "version": VERSION,
        "store_id": store_id,
        "commits": commits,
        "mac": base64.b64encode(_tag(key, store_id, commits)).decode("ascii"),
    }
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, (json.dumps(data) + "\n").encode("ascii"))
        if durable:
            os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    if durable:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def read_counter(conn: Any) -> int | None:
    """The commit counter stored in the database (``None``: written before seals)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (COUNTER_KEY,)).fetchone()
    return None if row is None else int(row[0])


def check_before_open(
    db_path: Path, dek: bytes, store_id: str, then: Callable[[Any], None] | None = None
) -> int | None:
    """Refuse a store whose log lost, hides or mixes in commits; nothing is written.

    ``then`` runs on the same read-only connection once the journal is found whole (the
    store's other checks before anything may write). Returns the counter read from the
    database (``None`` for a store from before seals).
    """
    wal = wal_path(db_path)
    has_log = wal.exists() and wal.stat().st_size > 0
    conn = sqlcipher.connect(f"file:{db_path}?mode=ro", uri=True, isolation_level=None)
    try:
        try:
            configure_read_only(conn, dek)
            commits = read_counter(conn)
        except sqlcipher.DatabaseError as exc:
            if type(exc) is sqlcipher.DatabaseError:  # NOTADB: a page failed its HMAC
                if has_log:
                    raise JournalDamaged("unreadable") from None
                raise CorruptStore("database did not open with a valid key") from None
            if "no such table" in str(exc):
                raise CorruptStore("database holds no desk store schema") from None
            raise
        sealed = read_seal(seal_path(db_path), dek, store_id)
        if sealed is None and commits is not None:
            raise JournalDamaged("seal_missing")
        if sealed is not None and (commits or 0) < sealed:
            raise JournalDamaged("behind")
        if then is not None:
            then(conn)
    finally:
        conn.close()
    return commits


def problems(db_path: Path, dek: bytes, store_id: str, commits: int | None) -> list[str]:
    """``verify``'s view of the seal against the live counter ``commits``."""
    try:
        sealed = read_seal(seal_path(db_path), dek, store_id)
    except JournalDamaged as exc:
        return [exc.reason]
    if sealed is None:
        return ["seal_missing"] if commits is not None else []
    if (commits or 0) < sealed:
        return ["behind"]
    return []


class Journal:
    """The commit counter and seal of one open store (shared by its threads)."""

    def __init__(self, db_path: Path, dek: bytes, store_id: str, commits: int | None) -> None:
        self.path = seal_path(db_path)
        self.store_id = store_id
        self._key = bytearray(seal_key(dek, store_id))
        self._sealed = commits or 0
        self._lock = threading.Lock()

    def bump(self, connection: Any) -> int:
        """Count one more commit inside the transaction on ``connection``."""
        row = connection.exec_driver_sql(
            "INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE "
            "SET value = CAST(value AS INTEGER) + 1 RETURNING value",
            (COUNTER_KEY,),
        ).one()
        return int(row[0])

    def sealed(self, commits: int, durable: bool = False) -> None:
        """Write the seal for ``commits`` once it is committed (never moves it back)."""
        with self._lock:
            if commits < self._sealed or (commits == self._sealed and not durable):
                return
            write_seal(self.path, bytes(self._key), self.store_id, commits, durable)
            self._sealed = commits

    def close(self) -> None:
        """The durable seal at lock; then the key is wiped."""
        with self._lock:
            if any(self._key):
                write_seal(self.path, bytes(self._key), self.store_id, self._sealed, True)
            for i in range(len(self._key)):
                self._key[i] = 0

    def rekeyed(self, dek: bytes) -> None:
        """After a rekey: the seal is rewritten under the new key."""
        with self._lock:
            self._key[:] = seal_key(dek, self.store_id)
            write_seal(self.path, bytes(self._key), self.store_id, self._sealed, True)


def reseal(db_path: Path, dek: bytes, store_id: str) -> None:
    """A seal for the database now in place (after a restore from a checked backup)."""
    conn = sqlcipher.connect(f"file:{db_path}?mode=ro", uri=True, isolation_level=None)
    try:
        configure_read_only(conn, dek)
        commits = read_counter(conn) or 0
    finally:
        conn.close()
    write_seal(seal_path(db_path), seal_key(dek, store_id), store_id, commits, True)


def carry_seal(db_path: Path, store_id: str, old_dek: bytes, new_dek: bytes) -> None:
    """A rekey died after re-encrypting: the seal written under the old key moves over."""
    try:
        commits = read_seal(seal_path(db_path), old_dek, store_id)
    except JournalDamaged:
        return  # already under the new key, or damaged: the check says which
    if commits is not None:
        write_seal(seal_path(db_path), seal_key(new_dek, store_id), store_id, commits, True)
