"""Encrypted backups: on demand, rolling at lock and close, and restore.

A backup is a SQLCipher copy made with ``VACUUM INTO`` (same key, consistent even while
the desk is in use, never a copy of live ``-wal`` files) plus a copy of the key file beside
it, so it opens with the same operators' passwords. Rolling backups are thinned to recent,
daily, weekly and monthly copies, so a broken disk or a bad update costs hours, not months.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from models import audit, journal
from models.engine import make_engine
from models.errors import (
    BackupError,
    CorruptStore,
    PermissionDenied,
    StoreExists,
    StoreLocked,
    Throttled,
    UnknownOperator,
    WrongPassword,
)
from models.integrity import Report, verify_engine
from models.keyfile import KeyFile, atomic_write
from models.roles import PERMISSIONS
from models.schema import Operator

if TYPE_CHECKING:
    from models.store import DeskStore, OpenStore

BACKUP_DIR = "backups"
PREFIX = "desk-"
STAMP = "%Y%m%dT%H%M%SZ"
MIN_INTERVAL = timedelta(hours=1)
KEEP_RECENT, KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 3, 7, 5, 12


def keys_path(db_path: Path) -> Path:
    """The key file that goes with a backup: ``x.db`` → ``x.keys.json``."""
    return db_path.with_name(db_path.stem + ".keys.json")


def backup_to(store: OpenStore, dest: Path) -> Path:
    """Write a verified encrypted copy of the store (and its key file) to ``dest``."""
    dest = Path(dest)
    if dest.exists() or keys_path(dest).exists():
        raise StoreExists("backup destination exists")
    dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if store.engine is None:
        raise StoreLocked("store is locked")
    tmp = dest.with_name(dest.name + ".partial")
    tmp.unlink(missing_ok=True)
    try:
        raw = store.engine.raw_connection()  # autocommit: VACUUM cannot run in a transaction
        try:
            raw.driver_connection.execute("VACUUM INTO ?", (str(tmp),))  # type: ignore[union-attr]
        finally:
            raw.close()
        engine = make_engine(tmp, store.dek)
        try:
            report = verify_engine(engine)
        finally:
            engine.dispose()
        if not report.ok:
            raise BackupError("backup copy failed its integrity check")
        tmp.chmod(0o600)
        tmp.replace(dest)
        atomic_write(keys_path(dest), store.files.keyfile_path.read_bytes())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest


def list_rolling(data_dir: Path) -> list[tuple[datetime, Path]]:
    """Rolling backups in ``data_dir``, newest first."""
    found = []
    for path in (data_dir / BACKUP_DIR).glob(f"{PREFIX}*.db"):
        try:
            at = datetime.strptime(path.stem[len(PREFIX) :], STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append((at, path))
    return sorted(found, reverse=True)


def rolling(store: OpenStore, force: bool = False, now: datetime | None = None) -> Path | None:
    """Take a rolling backup unless one is younger than an hour; then thin the set."""
    now = now or datetime.now(UTC)
    existing = list_rolling(store.files.data_dir)
    if existing and not force and now - existing[0][0] < MIN_INTERVAL:
        return None
    dest = store.files.data_dir / BACKUP_DIR / f"{PREFIX}{now.strftime(STAMP)}.db"
    if dest.exists():
        return None
    backup_to(store, dest)
    thin(store.files.data_dir, now)
    return dest


def keep_set(stamps: list[datetime], now: datetime) -> set[datetime]:
    """Which rolling backups to keep: newest few, then one a day, a week, a month."""
    keep = set(sorted(stamps, reverse=True)[:KEEP_RECENT])
    buckets: dict[tuple[str, object], datetime] = {}
    for at in sorted(stamps):  # oldest first: each bucket keeps its oldest copy
        age = now - at
        if age <= timedelta(days=KEEP_DAYS):
            key: tuple[str, object] = ("day", at.date())
        elif age <= timedelta(weeks=KEEP_WEEKS):
            key = ("week", tuple(at.isocalendar())[:2])
        elif age <= timedelta(days=31 * KEEP_MONTHS):
            key = ("month", (at.year, at.month))
        else:
            continue
        buckets.setdefault(key, at)
    return keep | set(buckets.values())


def thin(data_dir: Path, now: datetime) -> list[Path]:
    """Delete rolling backups outside the keep set; returns what was removed."""
    existing = list_rolling(data_dir)
    keep = keep_set([at for at, _ in existing], now)
    removed = []
    for at, path in existing:
        if at not in keep:
            path.unlink(missing_ok=True)
            keys_path(path).unlink(missing_ok=True)
            removed.append(path)
    return removed


def inspect_backup(backup: Path, login: str, password: str, require: str | None = None) -> Report:
    """Open a backup with an operator's password and check it fully (nothing written).

    With ``require``, the operator must also hold that permission *in the backup*.
    """
    keyfile = KeyFile.load(keys_path(backup))
    dek = keyfile.open_operator_slot(login, password)
    return _check_backup(backup, dek, login, require)


def _check_backup(backup: Path, dek: bytes, login: str, require: str | None) -> Report:
    engine = make_engine(backup, dek)
    try:
        report = verify_engine(engine)
        if require is not None and report.ok:
            with Session(engine) as session:
                operator = session.get(Operator, login)
            if operator is None or not operator.active:
                raise UnknownOperator("operator not in the backup")
            if operator.role not in PERMISSIONS[require]:
                raise PermissionDenied(require, operator.role)
        return report
    except (UnknownOperator, PermissionDenied):
        raise
    except Exception:
        raise CorruptStore("backup does not open") from None
    finally:
        engine.dispose()


def restore(files: DeskStore, backup: Path, login: str, password: str) -> Path:
    """Replace the store with ``backup``; the replaced files are kept aside, not deleted.

    The backup must open with ``login``'s password and pass the full check first. Returns
    the folder where the replaced files were moved.
    """
    backup = Path(backup)
    if not backup.exists() or not keys_path(backup).exists():
        raise BackupError("backup or its key file is missing")
    wait = files.attempts.retry_after(login)
    if wait > 0:
        raise Throttled(wait)
    keyfile = KeyFile.load(keys_path(backup))
    try:
        dek = keyfile.open_operator_slot(login, password)
    except WrongPassword:
        files.attempts.failed(login)
        raise
    report = _check_backup(backup, dek, login, require="store.restore")
    if not report.ok:
        raise CorruptStore("backup failed its integrity check")
    stamp = datetime.now(UTC).strftime(STAMP)
    aside = files.data_dir / f"replaced-{stamp}"
    aside.mkdir(mode=0o700)
    for path in (
        files.db_path,
        Path(f"{files.db_path}-wal"),
        Path(f"{files.db_path}-shm"),
        journal.seal_path(files.db_path),
        files.keyfile_path,
    ):
        if path.exists():
            path.replace(aside / path.name)
    tmp = files.data_dir / f".{files.db_path.name}.restoring"
    shutil.copyfile(backup, tmp)
    tmp.chmod(0o600)
    tmp.replace(files.db_path)
    atomic_write(files.keyfile_path, keys_path(backup).read_bytes())
    journal.reseal(files.db_path, dek, keyfile.store_id)
    # The restore is an event of the restored chain: the server, seeing the chain go back
    # below its last anchor, can tell it from a quiet rewrite.
    restored = files.open_with_key(keyfile, dek)
    try:
        with restored.session() as session:
            audit.record_restore(session, login, detail=backup.name)
    finally:
        restored.lock(backup=False)
    return aside
