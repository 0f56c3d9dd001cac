"""Personal-data files written where the operator asked: owner-only, never a link followed,
never an existing file replaced unless asked."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from models.private_files import write_private


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_is_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        path = write_private(tmp_path / "export.json", b"{}")
    finally:
        os.umask(old)
    assert path.read_bytes() == b"{}" and mode(path) == 0o600


def test_an_existing_file_is_kept_unless_replacing_was_confirmed(tmp_path: Path) -> None:
    path = tmp_path / "export.pdf"
    path.write_bytes(b"older")
    path.chmod(0o644)
    with pytest.raises(FileExistsError):
        write_private(path, b"newer")
    assert path.read_bytes() == b"older"
    write_private(path, b"newer", replace=True)
    assert path.read_bytes() == b"newer" and mode(path) == 0o600


def test_a_link_is_never_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_bytes(b"untouched")
    link = tmp_path / "export.json"
    link.symlink_to(target)
    for replace in (False, True):
        with pytest.raises(OSError):
            write_private(link, b"{}", replace=replace)
    assert target.read_bytes() == b"untouched"
