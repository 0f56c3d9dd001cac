"""The PyInstaller bundle starts and passes its self-test (issue 3, "Packaging").

Builds ``dist/arco-desk`` with ``make dist`` (which installs the pinned PyInstaller into the
venv), unless ``ARCO_DIST_DIR`` names an already built bundle folder. The test fails, it
does not skip, when the bundle cannot be built (for example PyInstaller cannot be installed
without a network): CI must build the bundle.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from models.exit_codes import EXIT_FAILED

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT = 240  # seconds; a build takes about 30 s on 2 cores
RUN_TIMEOUT = 60

pytestmark = pytest.mark.slow


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.splitlines()[-lines:])


@pytest.fixture(scope="module")
def bundle() -> Path:
    given = os.environ.get("ARCO_DIST_DIR")
    if given:
        folder = Path(given).resolve()
    else:
        make = shutil.which("make")
        if make is None:
            pytest.fail("`make` is needed to build the bundle (or set ARCO_DIST_DIR)")
        if sys.platform.startswith("linux") and shutil.which("objdump") is None:
            pytest.fail("PyInstaller needs objdump and objcopy: apt-get install binutils")
        venv_bin = Path(sys.executable).parent
        env = {**os.environ, "PATH": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '')}"}
        try:
            done = subprocess.run(
                [make, "-C", str(ROOT), "dist"],
                capture_output=True,
                text=True,
                timeout=BUILD_TIMEOUT,
                env=env,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"`make dist` took longer than {BUILD_TIMEOUT} s")
        if done.returncode != 0:
            pytest.fail(
                "`make dist` failed (is PyInstaller installable? it needs the package "
                f"index):\n{_tail(done.stdout)}\n{_tail(done.stderr)}"
            )
        folder = ROOT / "dist" / "arco-desk"
    program = folder / ("arco-desk.exe" if sys.platform == "win32" else "arco-desk")
    assert program.is_file(), f"no built program at {program}"
    return program


def _self_test(program: Path, data_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # The bundle must work on its own: no venv, no source tree on the path.
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}
    }
    return subprocess.run(
        [str(program), "--data-dir", str(data_dir), "--self-test", *extra],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        cwd=data_dir.parent,
        env=env,
    )


def test_bundle_self_test_creates_a_store(bundle: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "desk"
    data_dir.mkdir()
    done = _self_test(bundle, data_dir)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    # Italian by default: the compiled translations travel in the bundle.
    assert "Autotest riuscito" in done.stdout, done.stdout
    assert (data_dir / "desk.db").is_file()
    assert (data_dir / "desk.keys.json").is_file()


def test_bundle_self_test_in_english(bundle: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "desk"
    data_dir.mkdir()
    done = _self_test(bundle, data_dir, "--lang", "en")
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    assert "Self-test passed" in done.stdout, done.stdout


def test_bundle_refuses_a_folder_that_is_not_empty(bundle: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "desk"
    data_dir.mkdir()
    (data_dir / "something.txt").write_text("not a store", encoding="utf-8")
    done = _self_test(bundle, data_dir)
    assert done.returncode == EXIT_FAILED, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"


def test_bundle_ships_the_qt_platforms_and_translations(bundle: Path) -> None:
    internal = bundle.parent / "_internal"
    if not internal.is_dir():  # PyInstaller < 6 put everything beside the program
        internal = bundle.parent
    platforms = internal / "PySide6" / "Qt" / "plugins" / "platforms"
    names = {path.name for path in platforms.iterdir()} if platforms.is_dir() else set()
    if sys.platform.startswith("linux"):
        assert {"libqxcb.so", "libqoffscreen.so"} <= names, names
    for language in ("it", "en"):
        assert (internal / "translations" / f"arco_{language}.qm").is_file()
    assert (internal / "models" / "migrations" / "env.py").is_file()
    assert (internal / "resources" / "reference" / "desks.json").is_file()
