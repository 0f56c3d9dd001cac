"""Command-line tests run ``arco-deskctl`` in a real subprocess, which loads the compiled
translations from ``translations/``: build them when they are missing or stale (what
``make pytest`` does before running the suite)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TRANSLATIONS = REPO / "translations"


def _lrelease() -> str:
    found = Path(sys.executable).with_name("pyside6-lrelease")
    return str(found) if found.exists() else (shutil.which("pyside6-lrelease") or "")


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    for ts in sorted(TRANSLATIONS.glob("arco_*.ts")):
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        tool = _lrelease()
        if not tool:
            pytest.fail("pyside6-lrelease not found: run `make translations`")
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
