"""Encrypted backups: the rolling copy at lock, checking one, restoring the store from it.

Making copies, and where the rolling ones live, is ``models.backup_copies`` (the store
takes them itself: ``OpenStore.backup_to`` and ``OpenStore.rolling_backup``).
"""

from __future__ import annotations

import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from models import audit, journal
from models.backup_copies import STAMP, keys_path
from models.engine import make_engine
from models.errors import (
    BackupError,
    CorruptStore,
    PermissionDenied,
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

log = logging.getLogger(__name__)


def backup_then_lock(store: OpenStore) -> None:
    """Take a rolling backup (unless one is younger than an hour), then lock ``store``.

    How the application and ``arco-deskctl`` end a session that may have changed data. A
    failed backup must never keep the store unlocked: it is logged and the store locks.
    """
    if store.is_locked:
        return
    try:
        store.rolling_backup()
    except Exception:
        log.exception("rolling backup failed")
    finally:
        store.lock()


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
        restored.lock()
    return aside
