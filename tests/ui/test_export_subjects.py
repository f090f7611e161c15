"""File › Export… for a report about one self-assessment: the dialog offers the
assessments (the most recent first and chosen), the file name says which, and the export
is of the one chosen; other reports hide the choice."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from app.reports.export.exporters import ExportFormat
from app.settings import Settings
from tests.support.sample import sample_copy
from tests.ui.test_accessibility import unnamed_focusable
from tests.ui.test_export_dialog import open_dialog, opened, out_dir, run_export  # noqa: F401


def _window(main_window, tmp_path: Path, folder: Path):
    path = sample_copy(tmp_path)
    settings = Settings()
    settings.last_export_folder = str(folder)
    settings.last_export_format = "xlsx"
    return main_window(path, settings=settings)


def _subtitle(xlsx: Path) -> str:
    sheet = load_workbook(xlsx, read_only=True)["Summary"]
    return next(str(row[0]) for row in sheet.iter_rows(values_only=True)
                if row[0] and str(row[0]).startswith("Self-assessment: "))


def test_the_dialog_offers_the_assessments_and_exports_the_one_chosen(
        main_window, qtbot, tmp_path, out_dir) -> None:  # noqa: F811
    dialog, controller = open_dialog(_window(main_window, tmp_path, out_dir))
    assert not dialog.subject_combo.isVisible()  # the workbook summary covers everything
    assert dialog.request().subject is None

    dialog.report_combo.setCurrentIndex(dialog.report_combo.findData("assessment"))
    assert dialog.subject_combo.isVisible() and dialog.subject_combo.isEnabled()
    combo = dialog.subject_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "ISO self-assessment 2026 (2026, 27/03/2026, ISO performance and BME impact 1.0)",
        "ISO self-assessment 2025 (2025, 28/03/2025, ISO performance and BME impact 1.0)"]
    assert dialog.subject_label.text() == "Sel&f-assessment:"
    assert Path(dialog.path_edit.text()).name.startswith(
        "Anytown CVS self-assessment 2026 – ISO self-assessment 2026 – ")
    assert unnamed_focusable(dialog) == []
    shots = os.environ.get("RRT_SCREENSHOTS")
    if shots:
        qtbot.wait(50)  # the dialog grows to fit once the row is shown
        dialog.grab().save(str(Path(shots) / "export_dialog_subject.png"))

    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is combo
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentIndex() == 1
    assert "– ISO self-assessment 2025 – " in Path(dialog.path_edit.text()).name
    assert dialog.current_format() is ExportFormat.XLSX

    (result,) = run_export(qtbot, dialog, controller)
    assert _subtitle(result.path) == "Self-assessment: ISO self-assessment 2025"


def test_mnemonics_stay_unique_with_the_subject_row(main_window, qtbot, tmp_path,
                                                    out_dir) -> None:  # noqa: F811
    dialog, _controller = open_dialog(_window(main_window, tmp_path, out_dir))
    dialog.report_combo.setCurrentIndex(dialog.report_combo.findData("assessment"))
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.buddy()]
    texts += [button.text() for button in dialog.findChildren(QPushButton)]
    texts += [button.text() for button in dialog.format_buttons.values()]
    texts += [dialog.publication_check.text(), dialog.open_check.text()]
    letters = [text[text.index("&") + 1].lower() for text in texts if "&" in text]
    assert len(letters) == len(set(letters)), texts
