"""Printed documents from the views: preview, another language, Save as PDF, Print, JSON.

Real widgets on a real store, the real document engine and real PDF rendering; only the
system dialogs are replaced (the file chooser returns a path under ``tmp_path``, the print
dialog "prints to file" as an operator could choose). People whose documents are written
to files carry ordinary names, never the canary of ``tests/conftest.py``.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWizard
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from models.errors import PermissionDenied
from models.referrals import create_referral
from models.store import OpenStore
from tests.conftest import ADMIN_PASSWORD, add_operator
from tests.models.service_helpers import add_person, share
from tests.ui.conftest import WAIT_MS, lock_and_wait
from tests.ui.test_italian_windows import italian  # noqa: F401  (the fixture)
from tests.ui.test_setup_wizard import fill_admin, make_wizard
from ui.document_preview import DocumentPreview
from ui.documents import DataExportPreview, open_data_export
from ui.errors import message_for
from ui.intake_view import IntakeView
from ui.main_window import REFERRALS, MainWindow
from ui.ops import Ops
from ui.pdf_pages import page_count, render_pages
from ui.person_view import PersonView
from ui.referrals_view import ReferralsView
from ui.setup_wizard import RECOVERY_PAGE

# ----------------------------------------------------------------- helpers


def person_with_referral(store: OpenStore, language: str = "fr") -> tuple[str, str]:
    pid = add_person(
        store, store.actor, given_name="Fatima", family_name="Rahman", preferred_language=language
    )
    share(store, store.actor, pid)
    with store.session() as session:
        referral = create_referral(
            session, store.actor, pid, "mwc_family_reunification", "Wife and two children"
        )
        return pid, referral.id


def shown(qtbot: QtBot, preview: DocumentPreview | None, language: str | None = None) -> None:
    """Wait until the preview shows a document (in ``language``), every page as a picture."""
    assert preview is not None

    def ready() -> bool:
        document = preview.document
        if document is None or (language is not None and document.language != language):
            return False
        return preview.page_count() == document.pages

    try:
        qtbot.waitUntil(ready, timeout=WAIT_MS)
    except TimeoutError:
        pytest.fail(f"no document shown; the preview says: {preview.status.text()!r}")
    assert preview.isVisible()
    for label in preview.page_labels:
        pixmap = label.pixmap()
        assert not pixmap.isNull() and pixmap.width() > 300


def ink(pdf: bytes) -> float:
    """The share of dark bytes in the first page rendered small: 0.0 for a blank page."""
    page = render_pages(pdf, 36)[0]
    return sum(1 for byte in page.pixels if byte < 128) / len(page.pixels)


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """The file chooser answers ``path``; the returned list collects the suggested names."""
    asked: list[str] = []

    def choose(_parent, _caption, proposed, _filter, *_rest, **_kw):
        asked.append(Path(proposed).name)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    return asked


def print_to_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[QPrintDialog]:
    """The print dialog is accepted with "print to file" (PDF) at ``path``."""
    dialogs: list[QPrintDialog] = []

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        printer.setResolution(150)  # keep the test quick; the dpi is capped anyway
        dialogs.append(dialog)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    return dialogs


def choose_language(preview: DocumentPreview, code: str) -> None:
    index = preview.language.findData(code)
    assert index >= 0, code
    preview.language.setCurrentIndex(index)


@pytest.fixture
def board(qtbot: QtBot, store: OpenStore, ops: Ops) -> Iterator[ReferralsView]:
    view = ReferralsView(store, ops)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.board_loaded, timeout=WAIT_MS):
        view.show()
    yield view
    view.clear()


def open_file(qtbot: QtBot, store: OpenStore, ops: Ops, pid: str) -> PersonView:
    view = PersonView(store, ops, pid)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        view.show()
    return view


# ----------------------------------------------------------------- referral slip


def test_slip_from_the_board_in_another_language_saved_and_printed(
    qtbot: QtBot,
    store: OpenStore,
    ops: Ops,
    board: ReferralsView,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    _pid, rid = person_with_referral(store, language="fr")
    with qtbot.waitSignal(board.board_loaded, timeout=WAIT_MS):
        board.reload()
    assert not board.print_button.isEnabled()  # nothing selected
    board.select(rid)
    assert board.print_button.isEnabled()
    qtbot.mouseClick(board.print_button, Qt.MouseButton.LeftButton)
    preview = board.preview

    # First in the person's preferred language, the combo saying so.
    shown(qtbot, preview, "fr")
    assert preview is not None
    french = preview.document
    assert french is not None and french.kind == "referral_slip"
    assert preview.language.currentData() == "fr"
    assert preview.language.count() == 8
    assert ink(french.pdf) > 0

    # Arabic: made again (off the GUI thread) and shown.
    choose_language(preview, "ar")
    assert preview.document is None  # the French pages may not be printed meanwhile
    assert not preview.print_button.isEnabled()
    shown(qtbot, preview, "ar")
    arabic = preview.document
    assert arabic is not None and arabic.kind == "referral_slip"
    assert arabic.pdf != french.pdf
    assert preview.print_button.isEnabled() and preview.save_button.isEnabled()

    # Save as PDF (Ctrl+S): the engine's bytes, where the operator chose.
    target = tmp_path / "slip.pdf"
    asked = save_to(monkeypatch, target)
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow, timeout=WAIT_MS)
    with qtbot.waitSignal(preview.saved, timeout=WAIT_MS) as saved:
        qtbot.keyClick(preview, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.args == [str(target)]
    assert asked == [arabic.suggested_name]
    assert "Fatima" not in arabic.suggested_name and "Rahman" not in arabic.suggested_name
    assert target.read_bytes() == arabic.pdf
    assert target.read_bytes().startswith(b"%PDF") and page_count(target.read_bytes()) >= 1
    assert "slip.pdf" in preview.status.text()

    # Print (Ctrl+P): every page rendered for the printer and painted on it.
    printed_to = tmp_path / "printed.pdf"
    dialogs = print_to_file(monkeypatch, printed_to)
    with qtbot.waitSignal(preview.printed, timeout=WAIT_MS) as printed:
        qtbot.keyClick(preview, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(dialogs) == 1
    assert printed.args == [arabic.pages]
    output = printed_to.read_bytes()
    assert output.startswith(b"%PDF") and page_count(output) == arabic.pages
    assert ink(output) > 0  # not blank pages
    assert preview.print_button.isEnabled()

    # Esc closes; the document is forgotten with the dialog.
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(preview) or not preview.isVisible())


def test_print_dialog_cancelled_prints_nothing(
    qtbot: QtBot, store: OpenStore, board: ReferralsView, monkeypatch: pytest.MonkeyPatch
):
    _pid, rid = person_with_referral(store)
    with qtbot.waitSignal(board.board_loaded, timeout=WAIT_MS):
        board.reload()
    board.select(rid)
    board.print_slip()
    preview = board.preview
    shown(qtbot, preview)
    assert preview is not None
    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: QDialog.DialogCode.Rejected.value)
    with qtbot.assertNotEmitted(preview.printed, wait=200):
        preview.print_document()
    assert not preview.busy and preview.print_button.isEnabled()


def test_lock_closes_an_open_slip_preview(qtbot: QtBot, store: OpenStore, main_window: MainWindow):
    _pid, rid = person_with_referral(store)
    view = main_window.referrals_view
    with qtbot.waitSignal(view.board_loaded, timeout=WAIT_MS):
        main_window.show_section(REFERRALS)
    view.select(rid)
    view.print_slip()
    preview = view.preview
    shown(qtbot, preview)
    lock_and_wait(qtbot, main_window)
    qtbot.waitUntil(lambda: not shiboken6.isValid(preview), timeout=WAIT_MS)


# ----------------------------------------------------------------- person file


def test_slip_and_privacy_notice_from_the_person_file(qtbot: QtBot, store: OpenStore, ops: Ops):
    pid, rid = person_with_referral(store, language="bn")
    view = open_file(qtbot, store, ops, pid)
    assert view.notice_button.isEnabled()
    assert not view.slip_button.isEnabled()  # no timeline row selected yet
    view.print_slip()
    assert view.status.text() == "Select a referral in the timeline first."

    view.select_referral(rid)
    assert view.selected_referral() == rid and view.slip_button.isEnabled()
    qtbot.mouseClick(view.slip_button, Qt.MouseButton.LeftButton)
    shown(qtbot, view.preview, "bn")
    assert view.preview is not None and view.preview.document is not None
    assert view.preview.document.kind == "referral_slip"

    qtbot.mouseClick(view.notice_button, Qt.MouseButton.LeftButton)
    notice = view.preview
    shown(qtbot, notice, "bn")  # the person's preferred language
    assert notice is not None and notice.document is not None
    assert notice.document.kind == "consent_notice"
    choose_language(notice, "zh")
    shown(qtbot, notice, "zh")

    view.dispose()
    qtbot.waitUntil(lambda: not shiboken6.isValid(notice) or not notice.isVisible())


def test_data_export_from_the_person_file_as_pdf_and_json(
    qtbot: QtBot, store: OpenStore, ops: Ops, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    pid = add_person(
        store, store.actor, given_name="Amina", family_name="Diallo", preferred_language="en"
    )
    view = open_file(qtbot, store, ops, pid)
    assert view.export_button is not None and view.export_button.isEnabled()
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    preview = view.preview
    assert isinstance(preview, DataExportPreview)
    shown(qtbot, preview, "en")
    document = preview.document
    assert document is not None and document.kind == "data_export"
    assert preview.json_button is not None and preview.json_button.isEnabled()

    pdf_path = tmp_path / "amina-export.pdf"
    pdf_path.write_bytes(b"an older file the operator chose to replace")
    pdf_path.chmod(0o644)
    save_to(monkeypatch, pdf_path)
    with qtbot.waitSignal(preview.saved, timeout=WAIT_MS):
        qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert pdf_path.read_bytes() == document.pdf
    assert stat.S_IMODE(pdf_path.stat().st_mode) == 0o600  # the person's data: owner only

    json_path = tmp_path / "amina-export"  # no suffix typed: ".json" is added
    asked = save_to(monkeypatch, json_path)
    with qtbot.waitSignal(preview.json_saved, timeout=WAIT_MS) as saved:
        qtbot.mouseClick(preview.json_button, Qt.MouseButton.LeftButton)
    assert saved.args == [str(json_path) + ".json"]
    assert asked and asked[0].endswith(".json")
    data = json.loads(Path(saved.args[0]).read_text(encoding="utf-8"))
    assert "Amina" in json.dumps(data, ensure_ascii=False)
    assert stat.S_IMODE(Path(saved.args[0]).stat().st_mode) == 0o600
    view.dispose()


def test_desk_operator_gets_no_export_and_the_service_refusal_is_plain_words(
    qtbot: QtBot, store: OpenStore, ops: Ops
):
    pid = add_person(store, store.actor, given_name="Amina", family_name="Diallo")
    add_operator(store, "omar", "desk_operator")
    store.lock()
    own = store.files.unlock("omar", ADMIN_PASSWORD)
    try:
        view = open_file(qtbot, own, ops, pid)
        assert view.export_button is None  # the action is not offered to this role
        assert view.notice_button.isEnabled()  # the notice is for everyone

        # Reached anyway (the service checks the role itself): the message, no document.
        preview = open_data_export(view, own, ops, pid)
        with qtbot.waitSignal(preview.message_shown, timeout=WAIT_MS) as refused:
            pass
        expected = message_for(PermissionDenied("gdpr.export", "desk_operator"))
        assert refused.args == [expected]
        assert preview.status.text() == expected
        assert "export" in expected.lower() and "PermissionDenied" not in expected
        assert preview.document is None and preview.page_count() == 0
        assert not preview.print_button.isEnabled() and not preview.save_button.isEnabled()
        assert preview.json_button is not None and not preview.json_button.isEnabled()
        preview.reject()
        view.dispose()
    finally:
        own.lock()


# ----------------------------------------------------------------- intake


def test_blank_privacy_notice_at_the_intake_consent_step(qtbot: QtBot, store: OpenStore, ops: Ops):
    view = IntakeView(store, ops)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.reference_loaded, timeout=WAIT_MS):
        view.show()
    qtbot.keyClicks(view.language, "ur")  # the language of the conversation
    qtbot.mouseClick(view.notice_button, Qt.MouseButton.LeftButton)
    preview = view.preview
    shown(qtbot, preview, "ur")
    assert preview is not None and preview.document is not None
    assert preview.document.kind == "consent_notice"
    assert preview.language.currentData() == "ur"

    view.clear()  # the lock, or Discard: the preview goes with the draft
    qtbot.waitUntil(lambda: not shiboken6.isValid(preview) or not preview.isVisible())


# ----------------------------------------------------------------- set-up wizard


def test_recovery_key_sheet_is_previewed_and_printed_never_saved(
    qtbot: QtBot, data_dir: Path, ops: Ops, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    wizard = make_wizard(qtbot, data_dir, ops)
    wizard.desk_page.select("san-martino")
    wizard.next()
    fill_admin(qtbot, wizard, "correct horse battery", "correct horse battery")
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RECOVERY_PAGE, timeout=WAIT_MS)
    page = wizard.recovery_page

    qtbot.mouseClick(page.panel.print_button, Qt.MouseButton.LeftButton)
    preview = page.panel.preview
    shown(qtbot, preview)
    assert preview is not None and preview.document is not None
    assert preview.document.kind == "recovery_sheet"
    assert not preview.save_button.isVisibleTo(preview)  # the key must not go to a file
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: pytest.fail("asked"))
    preview.save_pdf()

    printed_to = tmp_path / "recovery-printed.pdf"
    print_to_file(monkeypatch, printed_to)
    with qtbot.waitSignal(preview.printed, timeout=WAIT_MS):
        preview.print_button.click()
    assert page_count(printed_to.read_bytes()) == preview.document.pages
    assert ink(printed_to.read_bytes()) > 0

    qtbot.keyClick(page.written_down, Qt.Key.Key_Space)
    with qtbot.waitSignal(wizard.desk_created, timeout=WAIT_MS) as created:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not shiboken6.isValid(preview) or not preview.isVisible()
    created.args[0].lock()


def test_preview_is_keyboard_friendly(qtbot: QtBot, qapp: QApplication, store: OpenStore, ops):
    pid = add_person(store, store.actor, given_name="Amina", family_name="Diallo")
    view = open_file(qtbot, store, ops, pid)
    view.export_data()
    preview = view.preview
    shown(qtbot, preview)
    assert preview is not None and preview.document is not None
    assert qapp.focusWidget() is preview.page_area  # arrows and page keys scroll the pages
    if preview.page_count() > 1:
        preview.show_page(1)
        assert preview.current_page() == 1
        assert preview.page_label.text() == f"Page 2 of {preview.page_count()}"
    view.dispose()


@pytest.mark.usefixtures("italian")
def test_preview_speaks_italian(qtbot: QtBot, store: OpenStore, ops: Ops):
    pid = add_person(store, store.actor, given_name="Amina", family_name="Diallo")
    view = open_file(qtbot, store, ops, pid)
    assert view.export_button is not None and view.export_button.text() == "Esporta &dati…"
    view.export_data()
    preview = view.preview
    assert isinstance(preview, DataExportPreview)
    # Strings of the base class still translated in the subclass (PySide's tr context).
    assert preview.windowTitle() == "Esportazione dei dati"
    assert preview.print_button.text() == "&Stampa… (Ctrl+P)"
    assert preview.save_button.text() == "Salva come P&DF… (Ctrl+S)"
    assert preview.json_button is not None and preview.json_button.text() == "Salva &JSON…"
    assert preview.language.itemText(preview.language.findData("ar")) == "Arabo — العربية"
    assert preview.language.itemText(preview.language.findData("it")) == "Italiano"
    shown(qtbot, preview)
    view.dispose()
