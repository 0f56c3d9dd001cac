"""The per-user data folder, computed without Qt (``desktop.paths``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.paths import default_data_dir

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
