"""One program at a time per data folder: a ``QLockFile`` beside the store.

The lock holds the process id and host name; Qt treats it as stale only when that process
is gone (the age-based staleness is switched off, because a desk stays open all day).
``arco-deskctl`` commands that change files can take the same lock.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLockFile

LOCK_NAME = "arco-desk.lock"


def acquire(data_dir: Path) -> QLockFile | None:
    """Lock ``data_dir`` for this process (creating the folder, mode 0700); ``None`` if taken.

    Keep the returned object alive for as long as the lock should be held.
    """
    data_dir = Path(data_dir)
    if not data_dir.exists():
        data_dir.mkdir(parents=True)
        os.chmod(data_dir, 0o700)
    lock = QLockFile(str(data_dir / LOCK_NAME))
    lock.setStaleLockTime(0)
    return lock if lock.tryLock(0) else None
