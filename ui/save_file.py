"""Saving a document the operator asked for: where they choose, and nowhere else.

Documents hold personal data, so they go straight to the file the operator picks in the
save dialog: no temporary file next to it or elsewhere, no copy in a cache, nothing in the
log (not even the path, which may hold a person's name).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from models.private_files import write_private


def default_path(name: str) -> str:
    """``name`` in the user's Documents folder (or the home folder when there is none)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return str(Path(folder or Path.home()) / name)


def ask_save_path(
    parent: QWidget, caption: str, suggested_name: str, file_filter: str, suffix: str
) -> str | None:
    """The file the operator chose (with ``suffix`` added if they left it out), or None."""
    path, _selected = QFileDialog.getSaveFileName(
        parent, caption, default_path(suggested_name), file_filter
    )
    if not path:
        return None
    if not path.lower().endswith(suffix):
        path += suffix
    return path


def write_file(path: str, data: bytes) -> str:
    """The op (``kind="io"``): write ``data`` to ``path``, owner-only and on the disk (the
    save dialog asked before replacing a file)."""
    write_private(Path(path), data, replace=True)
    return path
