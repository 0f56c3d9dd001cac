"""The per-user data and configuration folders, computed without Qt (``models.user_folders``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.paths import default_data_dir
from sync.credential import config_dir

HOME = Path("/home/anna")


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("linux", {}, HOME / ".local/share/ARCO/ARCO Desk"),
        ("linux", {"XDG_DATA_HOME": "/data/xdg"}, Path("/data/xdg/ARCO/ARCO Desk")),
        ("linux", {"XDG_DATA_HOME": "relative/ignored"}, HOME / ".local/share/ARCO/ARCO Desk"),
        ("darwin", {}, HOME / "Library/Application Support/ARCO/ARCO Desk"),
        ("win32", {"LOCALAPPDATA": "C:/Users/anna/AppData/Local"},
         Path("C:/Users/anna/AppData/Local/ARCO/ARCO Desk")),
        ("win32", {}, HOME / "AppData/Local/ARCO/ARCO Desk"),
        ("linux", {"ARCO_DATA_DIR": "/srv/desk"}, Path("/srv/desk")),
        ("win32", {"ARCO_DATA_DIR": "/srv/desk"}, Path("/srv/desk")),
    ],
)  # fmt: skip
def test_default_data_dir(platform: str, environ: dict[str, str], expected: Path) -> None:
    assert default_data_dir(environ=environ, platform=platform, home=HOME) == expected


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("linux", {}, HOME / ".config/ARCO/ARCO Desk"),
        ("linux", {"XDG_CONFIG_HOME": "/etc/xdg-anna"}, Path("/etc/xdg-anna/ARCO/ARCO Desk")),
        ("linux", {"XDG_DATA_HOME": "/data/xdg"}, HOME / ".config/ARCO/ARCO Desk"),
        ("darwin", {}, HOME / "Library/Preferences/ARCO/ARCO Desk"),
        ("win32", {"APPDATA": "C:/Users/anna/AppData/Roaming"},
         Path("C:/Users/anna/AppData/Roaming/ARCO/ARCO Desk")),
        ("win32", {"LOCALAPPDATA": "C:/Users/anna/AppData/Local"},
         HOME / "AppData/Roaming/ARCO/ARCO Desk"),
        ("linux", {"ARCO_CONFIG_DIR": "/srv/conf", "ARCO_DATA_DIR": "/srv/desk"},
         Path("/srv/conf")),
    ],
)  # fmt: skip
def test_config_dir_is_never_the_data_folder(
    platform: str, environ: dict[str, str], expected: Path
) -> None:
    """The device secret's folder (sync.credential): outside the data folder and its backups."""
    assert config_dir(environ=environ, platform=platform, home=HOME) == expected
    assert expected != default_data_dir(environ=environ, platform=platform, home=HOME)
