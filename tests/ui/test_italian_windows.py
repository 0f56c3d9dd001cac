"""The windows speak Italian with the committed translations; dates are dd/MM/yyyy."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models.store import OpenStore
from tests.models.service_helpers import add_person
from tests.ui.conftest import WAIT_MS, lock_and_wait, open_main_window
from tests.ui.test_intake_view import mnemonics
from tests.ui.test_person_edit import open_editor, open_file
from ui.formats import format_date, format_datetime
from ui.i18n import install_translator, uninstall_translators
from ui.ops import Ops
from ui.unlock import UnlockWindow

TS = Path(__file__).resolve().parents[2] / "translations" / "arco_it.ts"


@pytest.fixture
def italian(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """Compile arco_it.ts into a temporary folder and install it for one test."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run(
        [str(lrelease), "-silent", str(TS), "-qm", str(tmp_path / "arco_it.qm")], check=True
    )
    install_translator(qapp, "it", directory=tmp_path)
    yield
    uninstall_translators(qapp)


def test_unlock_and_main_window_in_italian(
    qtbot: QtBot, qapp: QApplication, italian: None, store: OpenStore, ops: Ops
):
    window = open_main_window(qtbot, qapp, store, ops)
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles == [
        "Oggi",
        "Accoglienza",
        "Persone",
        "Invii",
        "Sincronizzazione",
        "Rapporti",
        "Amministrazione",
    ]
    assert window.sync_label.text() == "Sincronizzazione: non configurata"
    header = window.people_view.model.headerData
    assert header(1, Qt.Orientation.Horizontal) == "Anno di nascita"
    lock_and_wait(qtbot, window)

    unlock = UnlockWindow(store.files, ops)
    qtbot.addWidget(unlock)
    assert unlock.windowTitle() == "ARCO Desk — Sblocco"
    assert unlock.unlock_button.text() == "&Sblocca"
    qtbot.waitUntil(lambda: not ops.busy, timeout=WAIT_MS)


def test_dates_are_in_the_italian_format():
    assert format_date(date(2026, 3, 7)) == "07/03/2026"
    assert format_date(datetime(2026, 11, 22, 9, 5)) == "22/11/2026"
    assert format_datetime(datetime(2026, 11, 22, 9, 5)) == "22/11/2026 09:05"
    assert format_date(None) == ""


def test_reference_labels_follow_the_language(qapp: QApplication, italian: None):
    from ui.i18n import current_language
    from ui.reference_data import Choice

    assert current_language() == "it"
    assert Choice("phone", "Telefono", "Phone").label == "Telefono"


@pytest.mark.parametrize("language", ["it", "en"])
def test_no_alt_key_leads_to_two_places_in_either_language(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, store: OpenStore, ops: Ops, language: str
):
    """Each section of the window, and the person editor, in Italian and in English."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    ts = TS.with_name(f"arco_{language}.ts")
    qm = tmp_path / f"arco_{language}.qm"
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    install_translator(qapp, language, directory=tmp_path)
    try:
        window = open_main_window(qtbot, qapp, store, ops)
        clashes = {
            section.title: [key for key, n in mnemonics(section.widget).items() if n > 1]
            for section in window.sections
        }
        view = open_file(qtbot, window, add_person(store, store.actor))
        dialog = open_editor(qtbot, view)
        clashes["edit"] = [key for key, n in mnemonics(dialog).items() if n > 1]
        dialog.reject()
        assert {title: keys for title, keys in clashes.items() if keys} == {}
        lock_and_wait(qtbot, window)
    finally:
        uninstall_translators(qapp)
