"""Every code the desk's side of sync reports has its own sentence."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from sync.errors import SyncErrorCode
from ui.sync_messages import error_text


def test_every_desk_side_sync_error_has_its_sentence(qapp: QApplication) -> None:
    unknown = error_text("no_such_code")
    for code in SyncErrorCode:
        said = error_text(code.value)
        assert said and said != unknown.replace("no_such_code", code.value), code
        assert error_text(code) == said  # the member reads as its string
