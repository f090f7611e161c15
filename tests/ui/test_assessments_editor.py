"""The self-assessments screen: start one by keyboard, delete it, undo brings it back; the
navigator's count follows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.assessments.records import list_assessments
from app.ui.navigator_model import COUNT_ROLE
from app.workbook import Workbook
from tests.ui.test_accessibility import unnamed_focusable


def _stored(path):
    with Workbook.open(path, read_only=True) as book, book.session() as session:
        return list_assessments(session)


def _count(screen) -> int:
    navigator = screen.navigator_model
    return navigator.index(navigator.row_of("assessments"), 0).data(COUNT_ROLE)


def _start_by_keyboard(qtbot, editor, name: str = "Our first look") -> None:
    editor.new_button.setFocus()
    qtbot.keyClick(editor.new_button, Qt.Key.Key_Space)
    dialog = editor.dialog
    assert dialog is not None and dialog.isVisible()
    assert unnamed_focusable(dialog) == []
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name_edit)
    qtbot.keyClicks(dialog.name_edit, name)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.round_edit, "2027")
    qtbot.keyClick(dialog.round_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.date_edit, "31/03/2027")
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)  # the default button: Start
    assert editor.dialog is None


def test_start_delete_and_undo_by_keyboard(main_window, qtbot, workbook_path) -> None:
    window = main_window(workbook_path)
    screen = window.workbook_screen
    screen.show_section("assessments")
    editor = screen.editor("assessments")
    assert editor.empty_state.isVisible()
    assert "start one from a framework" in editor.empty_state.label.text()
    assert unnamed_focusable(window) == []

    _start_by_keyboard(qtbot, editor)
    [row] = _stored(workbook_path)
    assert (row.name, row.round_label, row.assessed_on.isoformat()) == (
        "Our first look", "2027", "2027-03-31")
    assert editor.model.rowCount() == 1 and _count(screen) == 1
    assert "answered" in editor.model.index(0, 4).data()
    window.activateWindow()  # the offscreen platform hands activation back to no one
    qtbot.waitUntil(editor.table.hasFocus)

    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert _stored(workbook_path) == [] and _count(screen) == 0
    assert editor.empty_state.isVisible()

    window.window_actions.undo.trigger()
    assert [r.name for r in _stored(workbook_path)] == ["Our first look"]
    assert editor.model.rowCount() == 1 and _count(screen) == 1
