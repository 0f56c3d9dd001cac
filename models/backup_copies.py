"""Backup copies on disk: making one, where rolling copies live, which to keep.

A backup is a SQLCipher copy made with ``VACUUM INTO`` (same key, consistent even while
the desk is in use, never a copy of live ``-wal`` files) plus a copy of the key file beside
it, so it opens with the same operators' passwords. Rolling backups are thinned to recent,
daily, weekly and monthly copies, so a broken disk or a bad update costs hours, not months.
Below the store (which takes a rolling copy before a rekey); checking and restoring a
backup, which open stores, and the rolling copy at lock are ``models.backups``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from models.engine import make_engine
from models.errors import BackupError, StoreExists
from models.integrity import verify_engine
from models.keyfile import atomic_write

BACKUP_DIR = "backups"
PREFIX = "desk-"
STAMP = "%Y%m%dT%H%M%SZ"
MIN_INTERVAL = timedelta(hours=1)
KEEP_RECENT, KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 3, 7, 5, 12


def keys_path(db_path: Path) -> Path:
    """The key file that goes with a backup: ``x.db`` → ``x.keys.json``."""
    return db_path.with_name(db_path.stem + ".keys.json")


def copy_store(engine: Engine, dek: bytes, keyfile_path: Path, dest: Path) -> Path:
    """Write a verified encrypted copy of the database behind ``engine`` (and the key file
    at ``keyfile_path``) to ``dest``, a new file."""
    dest = Path(dest)
    if dest.exists() or keys_path(dest).exists():
        raise StoreExists("backup destination exists")
    dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".partial")
    tmp.unlink(missing_ok=True)
    try:
        raw = engine.raw_connection()  # autocommit: VACUUM cannot run in a transaction
        try:
            raw.driver_connection.execute("VACUUM INTO ?", (str(tmp),))  # type: ignore[union-attr]
        finally:
            raw.close()
        copy = make_engine(tmp, dek)
        try:
            report = verify_engine(copy)
        finally:
            copy.dispose()
        if not report.ok:
            raise BackupError("backup copy failed its integrity check")
        tmp.chmod(0o600)
        tmp.replace(dest)
        atomic_write(keys_path(dest), keyfile_path.read_bytes())
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


def take_rolling(
    data_dir: Path,
    engine: Engine,
    dek: bytes,
    keyfile_path: Path,
    force: bool = False,
    now: datetime | None = None,
) -> Path | None:
    """Take a rolling backup unless one is younger than an hour; then thin the set."""
    now = now or datetime.now(UTC)
    existing = list_rolling(data_dir)
    if existing and not force and now - existing[0][0] < MIN_INTERVAL:
        return None
    dest = data_dir / BACKUP_DIR / f"{PREFIX}{now.strftime(STAMP)}.db"
    if dest.exists():
        return None
    copy_store(engine, dek, keyfile_path, dest)
    thin(data_dir, now)
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
