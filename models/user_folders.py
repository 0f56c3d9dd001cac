"""The per-user folders of ARCO Desk, computed without Qt so programs and tests agree.

Both follow each system's convention, as Qt's ``QStandardPaths`` does for organisation
``ARCO`` and application ``ARCO Desk``; an environment variable overrides each (scripts and
tests):

=========  ==============================  ===================================  =================
folder     Linux and other Unix            macOS                                Windows
=========  ==============================  ===================================  =================
data       ``$XDG_DATA_HOME`` (``~/.local  ``~/Library/Application Support``    ``%LOCALAPPDATA%``
           /share``)                                                            (not roaming: the
                                                                                store stays here)
config     ``$XDG_CONFIG_HOME``            ``~/Library/Preferences``            ``%APPDATA%``
           (``~/.config``)
=========  ==============================  ===================================  =================

each followed by ``ARCO/ARCO Desk``; overrides: ``ARCO_DATA_DIR``, ``ARCO_CONFIG_DIR``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ORGANIZATION = "ARCO"
APPLICATION = "ARCO Desk"


@dataclass(frozen=True)
class Folder:
    """Where one kind of folder lives on each system."""

    override: str  # environment variable that names the folder itself
    windows: tuple[str, str]  # environment variable, default under the home folder
    macos: str  # under ~/Library
    xdg: tuple[str, str]  # XDG variable, default under the home folder


DATA = Folder("ARCO_DATA_DIR", ("LOCALAPPDATA", "AppData/Local"), "Application Support",
              ("XDG_DATA_HOME", ".local/share"))  # fmt: skip
CONFIG = Folder("ARCO_CONFIG_DIR", ("APPDATA", "AppData/Roaming"), "Preferences",
                ("XDG_CONFIG_HOME", ".config"))  # fmt: skip


def user_folder(
    folder: Folder,
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    home: Path | None = None,
) -> Path:
    """The folder of this kind for the current user (``environ``, ``platform``, ``home``
    default to this process's)."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    home = Path.home() if home is None else home
    override = env.get(folder.override, "").strip()
    if override:
        return Path(override).expanduser()
    if platform.startswith("win"):
        variable, default = folder.windows
        base = Path(env.get(variable) or home / default)
    elif platform == "darwin":
        base = home / "Library" / folder.macos
    else:
        variable, default = folder.xdg
        xdg = env.get(variable, "").strip()
        # The XDG spec says a relative value is invalid and must be ignored.
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / default
    return base / ORGANIZATION / APPLICATION
