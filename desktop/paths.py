"""Where ARCO Desk keeps its files, computed without Qt so command lines and tests agree.

The per-user data folder matches what Qt's ``QStandardPaths.AppLocalDataLocation`` gives
for organisation ``ARCO`` and application ``ARCO Desk``:

* Linux and other Unix: ``$XDG_DATA_HOME/ARCO/ARCO Desk`` (``~/.local/share/...``)
* macOS: ``~/Library/Application Support/ARCO/ARCO Desk``
* Windows: ``%LOCALAPPDATA%\\ARCO\\ARCO Desk`` (local, not roaming: the encrypted store
  stays on this machine)

``ARCO_DATA_DIR``, when set, overrides all of these (for scripts and tests).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

ORGANIZATION = "ARCO"
APPLICATION = "ARCO Desk"
DATA_DIR_ENV = "ARCO_DATA_DIR"


def default_data_dir(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    home: Path | None = None,
) -> Path:
    """The folder that holds ``desk.db``, its key file and the rolling backups."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    home = Path.home() if home is None else home
    override = env.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    if platform.startswith("win"):
        base = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        xdg = env.get("XDG_DATA_HOME", "").strip()
        # The XDG spec says a relative value is invalid and must be ignored.
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / ORGANIZATION / APPLICATION
