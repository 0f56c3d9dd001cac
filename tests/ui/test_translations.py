"""The Qt Linguist sources are complete, current and keep their placeholders.

``translations/arco_it.ts`` must hold a finished Italian translation for every string of
``ui/`` and ``desktop/``; ``arco_en.ts`` holds the English plural forms (the only English
strings that differ from the source). Both must be up to date with the code: the test
re-extracts the strings with ``pyside6-lupdate`` into a temporary copy and fails on anything
new or gone, with the fix in the message (``make translations``, then translate).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TRANSLATIONS = REPO / "translations"
PLACEHOLDER = re.compile(r"%(?:[1-9]|n)")
FIX = "run `make translations`, then translate the new strings in Qt Linguist"


def tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    path = str(found) if found.exists() else shutil.which(name)
    if not path:
        pytest.fail(f"{name} not found")
    return path


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    kind: str  # "" when finished, else unfinished / vanished / obsolete
    forms: tuple[str, ...]

    @property
    def where(self) -> str:
        return f"[{self.context}] {self.source!r}"


def read_ts(path: Path) -> tuple[str, list[Message]]:
    root = ET.parse(path).getroot()
    messages = []
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for msg in context.iter("message"):
            tr = msg.find("translation")
            assert tr is not None
            numerus = msg.get("numerus") == "yes"
            if numerus:
                forms = tuple(f.text or "" for f in tr.iter("numerusform"))
            else:
                forms = (tr.text or "",)
            messages.append(
                Message(name, msg.findtext("source", ""), numerus, tr.get("type", ""), forms)
            )
    return root.get("language", ""), messages


def refreshed(ts: Path, tmp_path: Path, *extra: str) -> list[Message]:
    """``ts`` after re-extracting the current strings (obsolete ones kept, and marked)."""
    copy = tmp_path / ts.name
    shutil.copyfile(ts, copy)
    subprocess.run(
        [tool("pyside6-lupdate"), "-silent", "-extensions", "py", "-locations", "none",
         *extra, str(REPO / "ui"), str(REPO / "desktop"), "-ts", str(copy)],
        check=True, capture_output=True,
    )  # fmt: skip
    return read_ts(copy)[1]


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


# ----------------------------------------------------------------- Italian
def test_italian_file_is_for_italian_from_english() -> None:
    root = ET.parse(TRANSLATIONS / "arco_it.ts").getroot()
    assert root.get("language") == "it"
    assert root.get("sourcelanguage") == "en"


def test_every_italian_string_is_translated() -> None:
    _, messages = read_ts(TRANSLATIONS / "arco_it.ts")
    assert messages
    missing = [m.where for m in messages if m.kind or not all(f.strip() for f in m.forms)]
    assert not missing, (
        f"{len(missing)} strings without a finished Italian translation ({FIX}):\n"
        + ("\n".join(missing))
    )


def test_italian_plurals_have_both_forms() -> None:
    _, messages = read_ts(TRANSLATIONS / "arco_it.ts")
    wrong = [m.where for m in messages if m.numerus and len(m.forms) != 2]
    assert not wrong, "Italian needs a singular and a plural form:\n" + "\n".join(wrong)


@pytest.mark.parametrize("name", ["arco_it.ts", "arco_en.ts"])
def test_placeholders_are_kept(name: str) -> None:
    _, messages = read_ts(TRANSLATIONS / name)
    wrong = []
    for m in messages:
        expected = placeholders(m.source)
        for form in m.forms:
            if placeholders(form) != expected:
                wrong.append(f"{m.where} -> {form!r}")
    assert not wrong, "translations must keep every %1…%9 and %n of the source:\n" + (
        "\n".join(wrong)
    )


def test_italian_file_matches_the_code(tmp_path: Path) -> None:
    messages = refreshed(TRANSLATIONS / "arco_it.ts", tmp_path)
    new = [m.where for m in messages if m.kind == "unfinished"]
    gone = [m.where for m in messages if m.kind in ("vanished", "obsolete")]
    assert not new, f"strings in the code missing from arco_it.ts ({FIX}):\n" + "\n".join(new)
    assert not gone, f"strings in arco_it.ts no longer in the code ({FIX}):\n" + "\n".join(gone)


# ----------------------------------------------------------------- English
def test_english_file_holds_finished_plural_forms(tmp_path: Path) -> None:
    language, messages = read_ts(TRANSLATIONS / "arco_en.ts")
    assert language == "en"
    assert all(m.numerus for m in messages), "arco_en.ts keeps only plural forms (-pluralonly)"
    unfinished = [m.where for m in messages if m.kind or len(m.forms) != 2 or not all(m.forms)]
    assert not unfinished, "English plural forms missing:\n" + "\n".join(unfinished)
    current = refreshed(TRANSLATIONS / "arco_en.ts", tmp_path, "-pluralonly")
    stale = [m.where for m in current if m.kind]
    assert not stale, f"arco_en.ts is not up to date ({FIX}):\n" + "\n".join(stale)


def test_translations_compile(tmp_path: Path) -> None:
    for ts in ("arco_it.ts", "arco_en.ts"):
        qm = tmp_path / ts.replace(".ts", ".qm")
        result = subprocess.run(
            [tool("pyside6-lrelease"), str(TRANSLATIONS / ts), "-qm", str(qm)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert qm.stat().st_size > 0, result.stdout
