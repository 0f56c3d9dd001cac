"""Where ARCO Desk keeps its data: the per-user data folder (``models.user_folders``).

``ARCO_DATA_DIR``, when set, overrides it (for scripts and tests).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from models.user_folders import DATA, user_folder


def default_data_dir(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    home: Path | None = None,
) -> Path:
    """The folder that holds ``desk.db``, its key file and the rolling backups."""
    return user_folder(DATA, environ, platform, home)
