"""Countries by name in the citizenship and relative's country fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from ui.country_completer import CountryCompleter


def field(qtbot: QtBot, several: bool) -> tuple[QLineEdit, CountryCompleter]:
    line = QLineEdit()
    qtbot.addWidget(line)
    completer = CountryCompleter(line, several=several)
    line.show()
    qtbot.waitExposed(line)
    line.activateWindow()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    return line, completer


def offered(completer: CountryCompleter) -> list[str]:
    model = completer.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def pick_first(qtbot: QtBot, completer: CountryCompleter) -> None:
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def test_a_name_typed_gives_its_code(qtbot: QtBot):
    line, completer = field(qtbot, several=False)
    qtbot.keyClicks(line, "egy")
    assert offered(completer)[0] == "Egypt (EG)"
    pick_first(qtbot, completer)
    assert line.text() == "EG"


def test_several_countries_complete_the_last_one(qtbot: QtBot):
    line, completer = field(qtbot, several=True)
    qtbot.keyClicks(line, "MA, cote")
    assert offered(completer) == ["Côte d'Ivoire (CI)"]
    pick_first(qtbot, completer)
    assert line.text() == "MA, CI"


def test_a_code_typed_whole_is_left_as_it_is(qtbot: QtBot):
    line, completer = field(qtbot, several=True)
    qtbot.keyClicks(line, "pe")
    assert not completer.popup().isVisible()
    assert line.text() == "pe"


def test_no_list_for_text_typed_while_the_focus_is_elsewhere(qtbot: QtBot):
    line, completer = field(qtbot, several=False)
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    qtbot.keyClicks(line, "egy")
    assert not completer.popup().isVisible() and other.hasFocus()


def test_nothing_offered_for_what_no_country_is_called(qtbot: QtBot):
    line, completer = field(qtbot, several=False)
    qtbot.keyClicks(line, "atlantis")
    assert offered(completer) == []
    assert not completer.popup().isVisible()
