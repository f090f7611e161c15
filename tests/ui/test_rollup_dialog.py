"""The roll-up dialog, driven by keyboard: add workbooks (one damaged, one noise), choose
the framework and the area level, roll up, read the result, export it; the workbooks are
left exactly as they were."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.ui.assessments.rollup_dialog import RollupDialog
from app.ui.assessments.rollup_menu import ACTION_NAME
from tests.assessments.rollup_books import make_books
from tests.ui.test_accessibility import unnamed_focusable


@pytest.fixture
def books(tmp_path: Path) -> list[Path]:
    return make_books(tmp_path / "books")


def _state(paths: list[Path]) -> dict[str, tuple[str, int]]:
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(paths[0].parent.iterdir())}


def _dialog(qtbot, books: list[Path]) -> RollupDialog:
    dialog = RollupDialog(None, progress_delay_ms=0)
    qtbot.addWidget(dialog)
    dialog.choose_workbooks = lambda _parent, _folder: list(books)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # for the shortcuts
    return dialog


def _idle(qtbot, dialog: RollupDialog, started) -> None:
    """Wait for the work to start (a mnemonic's click is animated) and finish, and for the
    dialog to be the active window again (the progress window had it meanwhile)."""
    qtbot.waitUntil(started)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20000)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def test_roll_up_by_keyboard_shows_areas_problems_and_unaligned_answers(
        qtbot, books: list[Path], tmp_path: Path, messages) -> None:
    before = _state(books)
    dialog = _dialog(qtbot, books)
    assert unnamed_focusable(dialog) == []
    assert not dialog.run_button.isEnabled()  # nothing to roll up yet

    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # &Add Workbooks…
    _idle(qtbot, dialog, lambda: dialog.workbook_list.count() == 6)
    assert dialog.framework_combo.count() == 1
    texts = [dialog.workbook_list.item(row).text() for row in range(6)]
    assert texts[0] == "north.rrwb: 1 assessment"
    assert texts[4].startswith("noise.rrwb: cannot be read.")
    assert "is damaged" in texts[5]
    assert dialog.framework_combo.currentText() == "Small framework (4 workbooks)"

    dialog.level_combo.setFocus()
    qtbot.keyClick(dialog.level_combo, Qt.Key.Key_Down)  # Sub-regional area
    qtbot.keyClick(dialog.level_combo, Qt.Key.Key_Down)  # Region
    assert dialog.level_combo.currentData() == "regional"
    qtbot.keyClick(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # Roll &Up
    _idle(qtbot, dialog, lambda: dialog.rollup is not None)

    assert "4 assessments from 4 of 6 workbooks, by region (2 areas)" in dialog.summary.text()
    model = dialog.area_model
    assert [model.row_at(r) for r in range(model.rowCount())] == [
        ("West Midlands", "3", "3"), ("Area not given", "1", "1")]
    assert [dialog.problem_model.row_at(r)[0] for r in range(2)] == ["noise.rrwb",
                                                                      "truncated.rrwb"]
    assert dialog.unaligned_model.row_at(0)[:2] == ("2.1", "north.rrwb")
    assert dialog.tabs.tabText(3) == "Not read (2)"
    sections = dialog.section_model
    assert sections.headers == ("Section", "West Midlands", "Area not given")
    assert sections.row_at(0)[1].startswith("1 (0–2, 3 assessments)")
    dialog.area_combo.setCurrentIndex(0)
    ratings = dialog.rating_model
    assert ratings.headers[2:] == ("Not in place", "Developing", "Established",
                                   "Not applicable", "Not answered")
    assert ratings.row_at(0) == ("1.1", "One", "1", "1", "1", "0", "0")

    # Export (Alt+E) to Excel through the save dialog.
    out = tmp_path / "rollup.xlsx"
    dialog.choose_report_file = lambda _parent, _start: out
    qtbot.keyClick(dialog, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: out.exists() and not dialog.is_busy(), timeout=20000)
    assert any("exported" in text for text in messages.texts())
    from openpyxl import load_workbook

    assert "Section scores" in load_workbook(out).sheetnames
    assert _state(books) == before  # only read


def test_removing_a_workbook_and_dropping_one_back(qtbot, books: list[Path]) -> None:
    dialog = _dialog(qtbot, books[:2])
    dialog.add_from_chooser()
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.framework_combo.count() == 1)
    dialog.workbook_list.setFocus()
    dialog.workbook_list.setCurrentRow(1)
    qtbot.keyClick(dialog.workbook_list, Qt.Key.Key_Delete)
    assert dialog.paths() == [books[0]]
    assert dialog.framework_combo.currentText() == "Small framework (1 workbook)"

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(books[1])), QUrl.fromLocalFile("/tmp/notes.txt")])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    dialog.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    dialog.dropEvent(drop)  # what Qt calls when the files are let go over the dialog
    qtbot.waitUntil(lambda: not dialog.is_busy() and len(dialog.paths()) == 2)
    assert dialog.framework_combo.currentText() == "Small framework (2 workbooks)"


def test_the_file_menu_opens_the_dialog_without_a_workbook(main_window) -> None:
    window = main_window()
    action = next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
                  if a.objectName() == ACTION_NAME)
    assert action.isEnabled()
    action.trigger()
    dialog = window.findChild(RollupDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_cancel_stops_a_roll_up_and_the_dialog_carries_on(qtbot, books: list[Path],
                                                          monkeypatch, messages) -> None:
    import time

    import app.ui.assessments.rollup_dialog as module

    real = module.roll_up

    def slow(paths, framework_id, level, *, progress, is_cancelled):
        # Reads the first file, then waits to be cancelled (as a long roll-up would).
        progress(0.1)
        for _ in range(1000):  # on the worker thread: no Qt here
            if is_cancelled():
                break
            time.sleep(0.01)
        return real(paths, framework_id, level, progress=progress, is_cancelled=is_cancelled)

    dialog = _dialog(qtbot, books[:2])
    dialog.add_from_chooser()
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.framework_combo.count() == 1)
    monkeypatch.setattr(module, "roll_up", slow)
    dialog.run_button.click()
    runner = dialog.runner
    assert runner is not None
    qtbot.waitUntil(lambda: runner.dialog is not None and runner.dialog.isVisible())
    assert not dialog.run_button.isEnabled() and not dialog.add_button.isEnabled()
    from PySide6.QtWidgets import QPushButton

    cancel = next(b for b in runner.dialog.findChildren(QPushButton) if b.text() == "Cancel")
    cancel.click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10000)
    assert dialog.rollup is None
    assert "did not finish" in dialog.summary.text()
    assert messages.texts() == []  # cancelled, not failed
    assert dialog.run_button.isEnabled()
