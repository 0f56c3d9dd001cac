"""Files of personal data written where an operator asked (an export, a printed document):
readable by their owner only, on the disk before the caller says "saved".

One writer for the command line and the application alike, so that neither leaves a copy
of a person's data readable by the other accounts of the computer.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

_FLAGS = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)


def write_private(path: Path, data: bytes, replace: bool = False) -> Path:
    """Write ``data`` to ``path`` with owner-only permissions (0600) and fsync it.

    ``replace=False`` refuses an existing file (``FileExistsError``) and removes a file it
    created when writing fails. ``replace=True`` (the operator confirmed it) truncates an
    existing file and makes it owner-only before a byte is written. A symbolic link at
    ``path`` is never followed (``OSError``).
    """
    path = Path(path)
    fd = os.open(path, _FLAGS | (os.O_TRUNC if replace else os.O_EXCL), 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # an existing file, or a umask that let more through
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        if not replace:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    os.close(fd)
    return path
