"""The action plan screen: add an action and fill it in by keyboard, each field saved and
undoable; the list and the count follow."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.plans.actions import list_actions
from app.ui.navigator_model import COUNT_ROLE
from app.workbook import Workbook
from tests.ui.test_accessibility import unnamed_focusable


def _stored(path):
    with Workbook.open(path, read_only=True) as book, book.session() as session:
        return list_actions(session)


def test_add_and_fill_in_an_action_by_keyboard_then_undo(main_window, qtbot,
                                                         workbook_path) -> None:
    window = main_window(workbook_path)
    screen = window.workbook_screen
    screen.show_section("actions")
    editor = screen.editor("actions")
    assert editor.empty_state.isVisible()
    assert unnamed_focusable(window) == []

    editor.add_button.setFocus()
    qtbot.keyClick(editor.add_button, Qt.Key.Key_Space)
    area = editor.text_areas["action"]
    assert area.hasFocus()  # ready to type what will be done
    qtbot.keyClicks(area, "Ask member groups what would help")
    qtbot.keyClick(area, Qt.Key.Key_Tab)  # leaving the field saves it
    editor.lead_edit.setFocus()
    qtbot.keyClicks(editor.lead_edit, "Anytown CVS")
    qtbot.keyClick(editor.lead_edit, Qt.Key.Key_Return)
    editor.due_edit.setFocus()
    qtbot.keyClicks(editor.due_edit, "31/03/2027")
    qtbot.keyClick(editor.due_edit, Qt.Key.Key_Return)

    [row] = _stored(workbook_path)
    assert (row.action, row.lead_partner, row.due.isoformat()) == (
        "Ask member groups what would help", "Anytown CVS", "2027-03-31")
    navigator = screen.navigator_model
    assert navigator.index(navigator.row_of("actions"), 0).data(COUNT_ROLE) == 1
    assert editor.model.rowCount() == 1

    window.window_actions.undo.trigger()  # the due date
    assert _stored(workbook_path)[0].due is None
    assert editor.due_edit.text() == ""
    for _ in range(3):  # lead partner, the text, then the action itself
        window.window_actions.undo.trigger()
    assert _stored(workbook_path) == []
    assert editor.empty_state.isVisible()


def test_a_bad_date_is_refused_with_a_sentence(main_window, qtbot, workbook_path,
                                               messages) -> None:
    window = main_window(workbook_path)
    window.workbook_screen.show_section("actions")
    editor = window.workbook_screen.editor("actions")
    editor.add_action()
    editor.due_edit.setFocus()
    qtbot.keyClicks(editor.due_edit, "soon")
    qtbot.keyClick(editor.due_edit, Qt.Key.Key_Return)
    assert any("is not a date" in text for text in messages.texts())
    assert _stored(workbook_path)[0].due is None
    assert editor.due_edit.text() == ""  # back to what the file holds
