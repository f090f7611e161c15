"""Every screen by keyboard alone: Tab, Shift+Tab and F6 reach every control, in reading
order, and focus is never lost.

Walks the welcome screen and the workbook screen with each section (empty and filled,
editable and read-only), so a new module's section is checked as soon as it exists.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from app.ui.main_window import MainWindow
from app.ui.screens import sections
from app.workbook import Workbook


def _focusable(window: QWidget) -> list[QWidget]:
    """Controls a keyboard user should be able to reach in `window` as it is now."""
    found = []
    for widget in window.findChildren(QWidget):
        if (widget.window() is window and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.focusProxy() is None):
            found.append(widget)
    return found


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "focus was lost"
    return widget


def _press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> QWidget:
    qtbot.keyClick(_focus(), key, modifier)
    return _focus()


def _cycle(qtbot, window: QWidget, key: Qt.Key) -> list[QWidget]:
    """The widgets Tab (or Shift+Tab) visits from the current one until it comes back."""
    start = _focus()
    visited = [start]
    for _ in range(len(_focusable(window)) + 2):
        widget = _press(qtbot, key)
        assert window.isAncestorOf(widget), f"focus left the window for {widget!r}"
        if widget is start:
            return visited
        assert widget not in visited, f"Tab went round without returning to {start!r}"
        visited.append(widget)
    raise AssertionError("Tab never came back to where it started")


def _reading_order(widgets: list[QWidget]) -> list[QWidget]:
    """Top to bottom, then left to right (controls on one line share a row)."""
    def key(widget: QWidget) -> tuple[int, int]:
        top_left = widget.mapToGlobal(widget.rect().topLeft())
        centre = widget.mapToGlobal(widget.rect().center())
        return (centre.y() // 24, top_left.x())
    return sorted(widgets, key=key)


def _check_tab_walk(qtbot, window: QWidget, first: QWidget) -> list[QWidget]:
    first.setFocus(Qt.FocusReason.OtherFocusReason)
    assert _focus() is first
    forwards = _cycle(qtbot, window, Qt.Key.Key_Tab)
    names = [w.accessibleName() or w.objectName() or type(w).__name__ for w in forwards]
    assert set(forwards) == set(_focusable(window)), names
    backwards = _cycle(qtbot, window, Qt.Key.Key_Backtab)
    assert backwards == [forwards[0], *reversed(forwards[1:])], names
    return forwards


def _filled(path: Path) -> Path:
    from app.basics.operations import UpdateDetail
    from app.evidence.operations import AttachEvidence
    from app.workbook.operations import run_operation

    with Workbook.open(path) as workbook:
        run_operation(workbook, AttachEvidence("minutes.txt", b"Minutes of the meeting"))
        run_operation(workbook, AttachEvidence("survey.csv", b"a,b\n1,2\n"))
        run_operation(workbook, UpdateDetail("area", "Testshire and beyond"))
    return path


def test_welcome_screen_is_reached_by_tab(main_window, qtbot, workbook_path) -> None:
    window: MainWindow = main_window()
    assert _focus() is window.welcome.new_button  # focus shows at start-up
    walk = _check_tab_walk(qtbot, window, window.welcome.new_button)
    assert walk == _reading_order(walk)
    window.open_path(workbook_path)
    window.close_workbook()
    assert _focus() is window.welcome.new_button  # and again after closing a workbook
    walk = _check_tab_walk(qtbot, window, window.welcome.new_button)
    assert window.welcome.recent_list in walk and walk == _reading_order(walk)


@pytest.mark.parametrize("filled", [False, True], ids=["empty", "filled"])
@pytest.mark.parametrize("read_only", [False, True], ids=["editable", "read-only"])
@pytest.mark.parametrize("section", [s.id for s in sections()])
def test_every_section_is_reached_by_tab_and_f6(
    main_window, qtbot, workbook_path, section: str, filled: bool, read_only: bool
) -> None:
    window: MainWindow = main_window(_filled(workbook_path) if filled else workbook_path,
                                     read_only=read_only)
    screen = window.workbook_screen
    assert screen is not None
    screen.show_section(section)
    if filled:  # a row chosen in each list, so what appears for a chosen row is walked too
        for view in screen.editors.currentWidget().findChildren(QAbstractItemView):
            if view.isVisible() and view.model() is not None and view.model().rowCount():
                view.setCurrentIndex(view.model().index(0, 0))
    navigator = screen.navigator
    assert _focus() is navigator
    walk = _check_tab_walk(qtbot, window, navigator)
    # The navigator, then the section's controls in reading order.
    assert walk[0] is navigator
    page = screen.editors.currentWidget()
    assert all(page.isAncestorOf(w) for w in walk[1:])
    assert walk[1:] == _reading_order(walk[1:])

    in_editor = walk[1:]
    navigator.setFocus()
    # F6 goes to the editor (if it has anything to focus) and back; Ctrl+2 and Ctrl+1 too.
    after_f6 = _press(qtbot, Qt.Key.Key_F6)
    assert after_f6 in in_editor if in_editor else after_f6 is navigator
    assert _press(qtbot, Qt.Key.Key_F6) is navigator
    after_ctrl2 = _press(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert after_ctrl2 in in_editor if in_editor else after_ctrl2 is navigator
    assert _press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier) is navigator


def test_shortcuts_work_after_escape_from_a_menu(main_window, qtbot, workbook_path) -> None:
    window: MainWindow = main_window(workbook_path)
    screen = window.workbook_screen
    menu = window.menuBar().actions()[0].menu()
    window.menuBar().setActiveAction(window.menuBar().actions()[0])
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.isVisible())
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert screen.editors.currentWidget().isAncestorOf(_focus())
    assert _press(qtbot, Qt.Key.Key_F6) is screen.navigator
