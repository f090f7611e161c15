"""File › Export…: the dialog's choices, real exports through it, replacing, cancel, errors."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from app.reports.disclosure.control import DisclosurePreset
from app.reports.export.exporters import (
    EXPORTERS,
    PUBLICATION_DEFAULT,
    ExportFormat,
    default_file_name,
)
from app.reports.model.catalogue import available_reports
from app.reports.workbook_export import PreparedExport
from app.settings import Settings, proposed_folder
from app.ui.export import export_controller
from app.ui.export.export_controller import ExportController
from app.ui.export.export_dialog import ExportDialog
from app.ui.export.format_choice import NEEDS_LIBREOFFICE
from app.ui.main_window import MainWindow
from tests.ui.test_accessibility import unnamed_focusable

TITLE = "Local plan"  # the `workbook_path` fixture's title
REPORT = "Workbook summary"


@pytest.fixture(autouse=True)
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Files the app asked the desktop to open; nothing is ever launched in the tests."""
    seen: list[Path] = []

    def fake_open(url) -> bool:
        seen.append(Path(url.toLocalFile()))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open))
    return seen


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture
def export_window(main_window, workbook_path: Path, out_dir: Path) -> Callable[..., MainWindow]:
    """Factory: a main window with `workbook_path` open and exports going to `out_dir`."""

    def make(*, export_format: str = "docx", folder: Path | None = out_dir) -> MainWindow:
        settings = Settings()
        settings.last_export_folder = str(folder) if folder is not None else ""
        settings.last_export_format = export_format
        return main_window(workbook_path, settings=settings)

    return make


def export_action(window: MainWindow) -> QAction:
    action = window.findChild(QAction, "export_action")
    assert action is not None
    return action


def open_dialog(window: MainWindow) -> tuple[ExportDialog, ExportController]:
    export_action(window).trigger()
    dialog = window.findChild(ExportDialog)
    controller = window.findChild(ExportController)
    assert dialog is not None and dialog.isVisible() and controller is not None
    return dialog, controller


def click(qtbot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def run_export(qtbot, dialog: ExportDialog, controller: ExportController, *,
               outcome: str = "finished", timeout: int = 60000) -> list:
    """Click Export and wait for the controller's `outcome` signal; returns its arguments."""
    with qtbot.waitSignal(getattr(controller, outcome), timeout=timeout) as signal:
        click(qtbot, dialog.export_button)
    return signal.args


def expected_name(fmt: ExportFormat) -> str:
    return default_file_name(TITLE, REPORT, date.today(), fmt)


# ---------------------------------------------------------------- the menu action


def test_export_action_needs_an_open_workbook(main_window, workbook_path) -> None:
    window = main_window()
    action = export_action(window)
    assert action.text() == "&Export…"
    assert action.shortcut().toString() == "Ctrl+E"
    assert not action.isEnabled()
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert texts.index("&Export…") == texts.index("Save a &Copy…") + 1
    window.open_path(workbook_path)
    assert action.isEnabled()
    window.close_workbook()
    assert not action.isEnabled()


def test_ctrl_e_opens_the_dialog(export_window, qtbot) -> None:
    window = export_window()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowModality() != Qt.WindowModality.NonModal
    offered = [dialog.report_combo.itemText(i) for i in range(dialog.report_combo.count())]
    assert offered[0] == REPORT and len(offered) == len(available_reports())
    dialog.reject()
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is None)


# ---------------------------------------------------------------- the form


def test_default_name_and_suffix_follow_the_format(export_window, qtbot, out_dir) -> None:
    dialog, _ = open_dialog(export_window())
    assert dialog.current_format() is ExportFormat.DOCX  # the remembered format
    assert Path(dialog.path_edit.text()) == out_dir / expected_name(ExportFormat.DOCX)
    for fmt in (ExportFormat.PDF, ExportFormat.XLSX, ExportFormat.ACCESSIBLE_PDF,
                ExportFormat.DOCX):
        dialog.format_buttons[fmt].click()
        assert Path(dialog.path_edit.text()) == out_dir / expected_name(fmt)
        assert dialog.request().options.out_path == out_dir / expected_name(fmt)

    dialog.path_edit.setText(str(out_dir / "Board pack.docx"))
    dialog.format_buttons[ExportFormat.XLSX].click()
    assert dialog.path_edit.text() == str(out_dir / "Board pack.xlsx")
    dialog.path_edit.setText("Board pack v1.2")  # no folder, no suffix
    assert dialog.request().options.out_path == out_dir / "Board pack v1.2.xlsx"


def test_without_a_remembered_folder_it_offers_documents(export_window) -> None:
    dialog, _ = open_dialog(export_window(folder=None))
    assert Path(dialog.path_edit.text()).parent == proposed_folder()
    assert Path(dialog.path_edit.text()).name == expected_name(ExportFormat.DOCX)


def test_remembered_format_is_selected(export_window, out_dir) -> None:
    dialog, _ = open_dialog(export_window(export_format="xlsx"))
    assert dialog.format_buttons[ExportFormat.XLSX].isChecked()
    assert dialog.path_edit.text().endswith(".xlsx")


def test_every_format_shows_its_description(export_window) -> None:
    dialog, _ = open_dialog(export_window())
    for fmt, exporter in EXPORTERS.items():
        assert dialog.format_notes[fmt].text() == exporter.description
        assert dialog.format_buttons[fmt].accessibleName() == exporter.label
        assert dialog.format_buttons[fmt].isEnabled()


def test_template_controls_only_for_word_and_accessible_pdf(export_window, tmp_path) -> None:
    dialog, _ = open_dialog(export_window())
    template = tmp_path / "house style.docx"
    for fmt, exporter in EXPORTERS.items():
        dialog.format_buttons[fmt].click()
        assert dialog.template_edit.isEnabled() is exporter.supports_template, fmt
        assert dialog.template_button.isEnabled() is exporter.supports_template, fmt
    assert {fmt for fmt, e in EXPORTERS.items() if e.supports_template} == {
        ExportFormat.DOCX, ExportFormat.ACCESSIBLE_PDF}

    dialog.format_buttons[ExportFormat.DOCX].click()
    assert not dialog.template_clear.isEnabled()  # nothing to clear yet
    dialog.template_edit.setText(str(template))
    assert dialog.template_clear.isEnabled()
    assert dialog.request().options.template == template
    dialog.format_buttons[ExportFormat.PDF].click()
    assert dialog.request().options.template is None  # not passed on to a format that ignores it
    dialog.format_buttons[ExportFormat.DOCX].click()
    dialog.template_clear.click()
    assert dialog.template_edit.text() == "" and dialog.request().options.template is None


def test_accessible_pdf_explains_when_libreoffice_is_missing(export_window, monkeypatch) -> None:
    import app.reports.render.accessible_pdf as accessible_pdf

    monkeypatch.setattr(accessible_pdf, "libreoffice_available", lambda: False)
    dialog, _ = open_dialog(export_window(export_format="accessible_pdf"))
    button = dialog.format_buttons[ExportFormat.ACCESSIBLE_PDF]
    assert not button.isEnabled()
    assert dialog.format_notes[ExportFormat.ACCESSIBLE_PDF].text() == NEEDS_LIBREOFFICE
    assert "LibreOffice" in button.accessibleDescription()
    assert dialog.current_format() is ExportFormat.DOCX  # the remembered one cannot be made


def test_publication_chooses_the_default_rule_until_the_user_picks(export_window, qtbot) -> None:
    dialog, _ = open_dialog(export_window())
    assert dialog.publication_check.isChecked()
    assert dialog.suppression() is PUBLICATION_DEFAULT
    assert dialog.rule_note.text() == PUBLICATION_DEFAULT.help_text
    options = dialog.request().options
    assert options.for_publication and options.effective_preset is PUBLICATION_DEFAULT

    dialog.publication_check.click()
    assert dialog.suppression() is DisclosurePreset.NONE
    assert dialog.rule_note.text() == DisclosurePreset.NONE.help_text
    assert not dialog.request().options.for_publication
    dialog.publication_check.click()
    assert dialog.suppression() is PUBLICATION_DEFAULT

    labels = [dialog.rule_combo.itemText(i) for i in range(dialog.rule_combo.count())]
    assert labels == [preset.label for preset in DisclosurePreset]
    tips = [dialog.rule_combo.itemData(i, Qt.ItemDataRole.ToolTipRole)
            for i in range(dialog.rule_combo.count())]
    assert tips == [preset.help_text for preset in DisclosurePreset]  # where each rule is from
    dialog.rule_combo.setFocus()
    qtbot.keyClick(dialog.rule_combo, Qt.Key.Key_Down)  # the user picks another rule
    picked = dialog.suppression()
    assert picked is not PUBLICATION_DEFAULT
    assert dialog.rule_note.text() == picked.help_text
    dialog.publication_check.click()
    assert dialog.suppression() is picked  # the user's choice stands
    assert dialog.request().options.effective_preset is picked


def test_publishing_without_protection_is_warned_about(export_window) -> None:
    dialog, _ = open_dialog(export_window())
    assert not dialog.rule_warning.isVisibleTo(dialog)
    dialog.rule_combo.setCurrentIndex(dialog.rule_combo.findData(DisclosurePreset.NONE.value))
    assert dialog.publication_check.isChecked()
    assert dialog.rule_warning.isVisibleTo(dialog)
    assert "identified" in dialog.rule_warning.text()


def test_a_missing_folder_is_explained_in_the_dialog(export_window, qtbot, messages,
                                                     tmp_path) -> None:
    dialog, _ = open_dialog(export_window())
    dialog.path_edit.setText(str(tmp_path / "no such folder" / "report.docx"))
    click(qtbot, dialog.export_button)
    assert dialog.isVisible() and dialog.error_label.isVisibleTo(dialog)
    assert "does not exist" in dialog.error_label.text()
    assert messages.shown == []
    assert not (tmp_path / "no such folder").exists()


def test_a_missing_template_is_explained_in_the_dialog(export_window, qtbot, tmp_path) -> None:
    dialog, _ = open_dialog(export_window())
    dialog.template_edit.setText(str(tmp_path / "gone.docx"))
    click(qtbot, dialog.export_button)
    assert "There is no template" in dialog.error_label.text()
    assert not Path(dialog.path_edit.text()).exists()


def test_choose_buttons_use_the_file_choosers(export_window, qtbot, monkeypatch,
                                              tmp_path) -> None:
    from app.ui.export import choosers

    chosen_file = tmp_path / "Chosen"
    chosen_template = tmp_path / "house.dotx"
    monkeypatch.setattr(choosers, "choose_export_file", lambda *_: chosen_file)
    monkeypatch.setattr(choosers, "choose_template", lambda *_: chosen_template)
    dialog, _ = open_dialog(export_window())
    click(qtbot, dialog.path_button)
    assert dialog.path_edit.text() == str(tmp_path / "Chosen.docx")
    click(qtbot, dialog.template_button)
    assert dialog.template_edit.text() == str(chosen_template)


# ---------------------------------------------------------------- real exports


def _check_docx(path: Path) -> None:
    import docx

    document = docx.Document(str(path))
    assert any(p.style.name.startswith("Heading") or p.style.name == "Title"
               for p in document.paragraphs)


def _check_pdf(path: Path) -> None:
    assert path.read_bytes().startswith(b"%PDF")


def _check_xlsx(path: Path) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames


@pytest.mark.parametrize(("fmt", "check"), [
    (ExportFormat.DOCX, _check_docx),
    (ExportFormat.PDF, _check_pdf),
    (ExportFormat.XLSX, _check_xlsx),
    (ExportFormat.ACCESSIBLE_PDF, _check_pdf),
])
def test_exporting_through_the_dialog_writes_a_real_file(export_window, qtbot, messages,
                                                         opened, out_dir, fmt, check) -> None:
    window = export_window()
    dialog, controller = open_dialog(window)
    dialog.format_buttons[fmt].click()
    (result,) = run_export(qtbot, dialog, controller)
    expected = out_dir / expected_name(fmt)
    assert result.path == expected and expected.is_file()
    check(expected)
    assert sorted(p.name for p in out_dir.iterdir()) == [expected.name]  # nothing left over
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert opened == [expected]
    assert expected.name in window.statusBar().currentMessage()
    assert messages.texts("warning") == []
    saved = Settings.load()  # remembered for next time
    assert saved.last_export_folder == str(out_dir)
    assert saved.last_export_format == fmt.value


def test_the_file_is_opened_only_when_asked(export_window, qtbot, opened, out_dir) -> None:
    dialog, controller = open_dialog(export_window(export_format="xlsx"))
    dialog.open_check.click()
    assert not dialog.open_check.isChecked()
    run_export(qtbot, dialog, controller)
    assert (out_dir / expected_name(ExportFormat.XLSX)).is_file()
    assert opened == []


def test_warnings_are_listed_after_the_export(export_window, qtbot, messages, out_dir) -> None:
    dialog, controller = open_dialog(export_window(export_format="pdf"))
    dialog.rule_combo.setCurrentIndex(dialog.rule_combo.findData(DisclosurePreset.NONE.value))
    (result,) = run_export(qtbot, dialog, controller)
    assert result.warnings
    (info,) = messages.texts("information")
    assert result.path.name in info
    assert all(f"• {warning}" in info for warning in result.warnings)
    assert "small counts are not hidden" in info


def test_export_of_the_sample_workbook_as_pdf(main_window, qtbot, out_dir) -> None:
    settings = Settings()
    settings.last_export_folder = str(out_dir)
    settings.last_export_format = "pdf"
    window = main_window(settings=settings)
    window.open_sample()
    dialog, controller = open_dialog(window)
    (result,) = run_export(qtbot, dialog, controller)
    data = result.path.read_bytes()
    assert data.startswith(b"%PDF") and b"/Outlines" in data
    assert "Workbook summary" in result.path.name


# ---------------------------------------------------------------- replacing


def test_an_existing_file_is_not_replaced_without_asking(export_window, qtbot, messages,
                                                         out_dir) -> None:
    dialog, controller = open_dialog(export_window(export_format="pdf"))
    target = out_dir / expected_name(ExportFormat.PDF)
    target.write_bytes(b"keep me")
    messages.answers = [False]
    click(qtbot, dialog.export_button)
    (question,) = messages.texts("question")
    assert target.name in question and "Replace it?" in question
    assert target.read_bytes() == b"keep me"
    assert dialog.isVisible() and not dialog.is_busy()
    assert controller.runner is None

    messages.answers = [True]
    run_export(qtbot, dialog, controller)
    assert len(messages.texts("question")) == 2
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out_dir.iterdir()) == [target.name]


# ---------------------------------------------------------------- cancelling


@pytest.fixture
def slow_export(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Real exports whose renderer, once under way, waits until the user cancels."""
    underway = threading.Event()
    real_run = PreparedExport.run

    def run(self, options, *, progress=None, is_cancelled=None, overwrite=False):
        def slow_progress(fraction: float) -> None:
            if progress is not None:
                progress(fraction)
            if 0 < fraction < 1 and is_cancelled is not None:
                underway.set()
                deadline = time.monotonic() + 20
                while not is_cancelled() and time.monotonic() < deadline:
                    time.sleep(0.01)

        return real_run(self, options, progress=slow_progress, is_cancelled=is_cancelled,
                        overwrite=overwrite)

    monkeypatch.setattr(PreparedExport, "run", run)
    yield underway
    underway.set()


@pytest.mark.parametrize("fmt", [ExportFormat.DOCX, ExportFormat.PDF, ExportFormat.XLSX])
def test_cancel_in_the_progress_dialog_leaves_no_file(export_window, qtbot, messages, out_dir,
                                                      slow_export, fmt) -> None:
    window = export_window(export_format=fmt.value)
    dialog, controller = open_dialog(window)
    click(qtbot, dialog.export_button)
    assert dialog.is_busy() and not dialog.export_button.isEnabled()
    assert slow_export.wait(10)
    progress = controller.runner.dialog
    qtbot.waitUntil(progress.isVisible, timeout=5000)
    (cancel,) = progress.findChildren(QPushButton)
    assert cancel.text() == "Cancel"
    with qtbot.waitSignal(controller.cancelled, timeout=10000):
        click(qtbot, cancel)
    assert list(out_dir.iterdir()) == []  # not even a temporary file
    assert dialog.isVisible() and not dialog.is_busy()
    assert "cancelled" in dialog.status_label.text()
    assert messages.shown == []


def test_the_dialog_cannot_be_closed_while_exporting(export_window, qtbot, slow_export) -> None:
    dialog, controller = open_dialog(export_window())
    click(qtbot, dialog.export_button)
    assert slow_export.wait(10)
    dialog.reject()
    assert dialog.isVisible()
    with qtbot.waitSignal(controller.cancelled, timeout=10000):
        controller.runner.cancel()


# ---------------------------------------------------------------- errors


def test_a_damaged_template_gives_a_sentence_and_no_file(export_window, qtbot, messages,
                                                         out_dir, tmp_path) -> None:
    template = tmp_path / "Damaged.docx"
    template.write_bytes(b"PK\x03\x04 this is not really a Word file")
    dialog, controller = open_dialog(export_window())
    dialog.template_edit.setText(str(template))
    (sentence,) = run_export(qtbot, dialog, controller, outcome="failed")
    assert "Damaged.docx" in sentence and "damaged" in sentence
    assert messages.texts("warning") == [sentence]
    assert "Error" not in sentence and "Traceback" not in sentence
    assert list(out_dir.iterdir()) == []
    assert dialog.isVisible() and not dialog.is_busy()  # choose another and try again


def test_an_unexpected_problem_is_logged_not_shown(export_window, qtbot, messages, monkeypatch,
                                                   out_dir) -> None:
    from app.logging_setup import configure_logging

    log_path = configure_logging()

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("boom in the renderer")

    monkeypatch.setattr(PreparedExport, "run", broken)
    dialog, controller = open_dialog(export_window())
    (sentence,) = run_export(qtbot, dialog, controller, outcome="failed")
    assert sentence == export_controller.UNEXPECTED_EXPORT
    assert "ZeroDivisionError" not in sentence and "log file" in sentence
    assert "ZeroDivisionError: boom in the renderer" in log_path.read_text(encoding="utf-8")
    assert list(out_dir.iterdir()) == []


def test_a_folder_that_cannot_be_written_gives_a_sentence(export_window, qtbot, messages,
                                                          monkeypatch) -> None:
    def refused(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", "/somewhere/report.docx")

    monkeypatch.setattr(PreparedExport, "run", refused)
    dialog, controller = open_dialog(export_window())
    (sentence,) = run_export(qtbot, dialog, controller, outcome="failed")
    assert sentence.startswith("The file could not be written in /somewhere")
    assert "Permission denied" in sentence


# ---------------------------------------------------------------- accessibility


def test_every_focusable_widget_has_a_name(export_window) -> None:
    dialog, _ = open_dialog(export_window())
    assert unnamed_focusable(dialog) == []


def test_labels_have_buddies_and_mnemonics_are_unique(export_window) -> None:
    dialog, _ = open_dialog(export_window())
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()}
    assert {dialog.report_combo, dialog.path_edit, dialog.template_edit,
            dialog.rule_combo} <= buddies
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.buddy()]
    texts += [button.text() for button in dialog.findChildren(QPushButton)]
    texts += [button.text() for button in dialog.format_buttons.values()]
    texts += [dialog.publication_check.text(), dialog.open_check.text()]
    letters = [text[text.index("&") + 1].lower() for text in texts if "&" in text]
    assert len(letters) == len(set(letters)), texts
    assert len(letters) == len(texts) - 1  # every one but Cancel (Esc) has a mnemonic


def test_mnemonics_reach_their_fields(export_window, qtbot) -> None:
    dialog, _ = open_dialog(export_window())
    qtbot.waitUntil(dialog.isActiveWindow)
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(dialog, Qt.Key.Key_A, alt)
    assert QApplication.focusWidget() is dialog.path_edit
    qtbot.keyClick(dialog, Qt.Key.Key_X, alt)
    qtbot.waitUntil(lambda: dialog.current_format() is ExportFormat.XLSX)  # an animated click
    qtbot.keyClick(dialog, Qt.Key.Key_N, alt)
    assert QApplication.focusWidget() is dialog.rule_combo


def test_tab_order_follows_the_form(export_window, qtbot) -> None:
    dialog, _ = open_dialog(export_window())
    dialog.format_buttons[ExportFormat.PDF].click()  # no template for a PDF: those are skipped
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.report_combo.setFocus()
    order = [dialog.report_combo]
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [dialog.report_combo, dialog.format_buttons[ExportFormat.PDF],
                     dialog.path_edit, dialog.path_button, dialog.publication_check,
                     dialog.rule_combo, dialog.open_check, dialog.export_button,
                     dialog.cancel_button]


def test_the_whole_export_by_keyboard(export_window, qtbot, out_dir) -> None:
    window = export_window()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ExportDialog)
    controller = window.findChild(ExportController)
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.current_format() is ExportFormat.PDF)
    with qtbot.waitSignal(controller.finished, timeout=60000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert (out_dir / expected_name(ExportFormat.PDF)).is_file()
