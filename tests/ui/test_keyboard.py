"""The workbook screen by keyboard alone: navigator, F6, Ctrl+1/Ctrl+2, mnemonics."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.ui.screens import sections


def test_navigator_switches_editor_by_keyboard(main_window, qtbot, workbook_path) -> None:
    window = main_window(workbook_path)
    screen = window.workbook_screen
    assert QApplication.focusWidget() is screen.navigator  # focus starts in the navigator
    assert screen.current_section_id() == "details"
    # Down walks the sections in the modules' order, each bringing up its editor.
    for section in sections()[1:]:
        qtbot.keyClick(screen.navigator, Qt.Key.Key_Down)
        assert screen.current_section_id() == section.id
        assert screen.current_editor() is screen.editor(section.id)
    assert screen.current_section_id() == "change_log"  # always last


def test_f6_and_ctrl_numbers_move_focus(main_window, qtbot, workbook_path) -> None:
    window = main_window(workbook_path)
    screen = window.workbook_screen
    title = screen.editor("details").fields["title"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert QApplication.focusWidget() is title
    qtbot.keyClick(title, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is screen.navigator
    qtbot.keyClick(screen.navigator, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is title
    qtbot.keyClick(title, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is screen.navigator


def test_tab_order_runs_through_the_details_form(main_window, qtbot, workbook_path) -> None:
    window = main_window(workbook_path)
    fields = window.workbook_screen.editor("details").fields
    fields["title"].setFocus()
    order = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [fields["organisation"], fields["area"], fields["owner"]]


def test_menu_shortcuts(main_window) -> None:
    actions = main_window().window_actions

    def keys(action):
        return [s.toString() for s in action.shortcuts()]

    assert keys(actions.new) == ["Ctrl+N"]
    assert keys(actions.open) == ["Ctrl+O"]
    assert keys(actions.save_copy) == ["Ctrl+Shift+S"]
    assert keys(actions.close) == ["Ctrl+W"]
    assert keys(actions.quit) == ["Ctrl+Q"]
    assert "Ctrl+Z" in keys(actions.undo)
    assert keys(actions.redo) == ["Ctrl+Shift+Z", "Ctrl+Y"]
    assert keys(actions.user_guide) == ["F1"]
    menus = [a.text() for a in main_window().menuBar().actions()]
    assert menus == ["&File", "&Edit", "&Help"]
