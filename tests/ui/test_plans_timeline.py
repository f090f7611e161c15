"""The action plan screen's Timeline tab: dated actions as bars in date order, dependency
arrows, warnings marked, undated actions listed apart; arrow keys choose an action (the
list and the form follow) and Enter opens it in the form."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from app.plans.operations import AddAction, AddDependency
from app.workbook import Workbook
from app.workbook.operations import run_operation
from tests.ui.test_accessibility import unnamed_focusable

SHOTS = os.environ.get("RRT_SCREENSHOTS")  # a folder: save the screens to look at them


def _seed(path: Path) -> list[AddAction]:
    adds = [
        AddAction.of(action="Agree a vision with every partner", start="01/02/2027",
                     due="31/03/2027", status="done"),
        AddAction.of(action="Set targets for each service", start="01/03/2027",
                     due="30/06/2027"),  # starts before the vision is agreed: a warning
        AddAction.of(action="Write to community groups"),  # no dates
        AddAction.of(action="Publish the results", due="30/09/2027"),
    ]
    with Workbook.open(path) as book:
        for add in adds:
            run_operation(book, add)
        run_operation(book, AddDependency(adds[1].action_id, adds[0].action_id))
        run_operation(book, AddDependency(adds[3].action_id, adds[1].action_id))
    return adds


def test_the_timeline_shows_bars_arrows_warnings_and_is_keyboard_driven(
        main_window, qtbot, workbook_path) -> None:
    adds = _seed(workbook_path)
    window = main_window(workbook_path)
    window.workbook_screen.show_section("actions")
    editor = window.workbook_screen.editor("actions")
    editor.views.setCurrentWidget(editor.timeline)
    chart = editor.timeline.chart
    timeline = chart.timeline
    assert [bar.number for bar in timeline.bars] == [1, 2, 4]  # by start date
    assert timeline.arrows == ((0, 1), (1, 2))
    assert [bool(bar.warnings) for bar in timeline.bars] == [False, True, False]
    assert [label for _id, label in timeline.undated] == ["3. Write to community groups"]
    assert "3. Write to community groups" in editor.timeline.undated.text()
    assert chart.accessibleName() == "Timeline of the actions"
    assert chart.accessibleDescription().startswith(
        "3 dated actions from 01/02/2027 to 30/09/2027; 1 with a date warning; 1 without "
        "dates.")
    assert unnamed_focusable(window) == []

    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Home)
    assert editor.selected_id() == adds[0].action_id
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert editor.selected_id() == adds[1].action_id  # the list follows
    assert "Warning: Action 2" in chart.accessibleDescription()
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    qtbot.keyClick(chart, Qt.Key.Key_Down)  # stays on the last
    assert editor.selected_id() == adds[3].action_id
    editor.table.setFocus()
    editor.select(adds[0].action_id)
    assert chart.selected == 0  # and the timeline follows the list
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_End)
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert editor.tabs.currentWidget() is editor.form
    assert editor.text_areas["weakness"].hasFocus() or any(
        area.hasFocus() for area in editor.text_areas.values())
    assert editor.selected_id() == adds[3].action_id
    if SHOTS:
        chart.setFocus()
        window.resize(1280, 800)
        qtbot.wait(50)
        window.grab().save(str(Path(SHOTS) / "timeline.png"))
        window.resize(1024, 600)
        qtbot.wait(50)
        window.grab().save(str(Path(SHOTS) / "timeline_1024x600.png"))


def test_a_plan_without_dates_says_so(main_window, workbook_path) -> None:
    with Workbook.open(workbook_path) as book:
        run_operation(book, AddAction.of(action="Undated"))
    window = main_window(workbook_path)
    window.workbook_screen.show_section("actions")
    editor = window.workbook_screen.editor("actions")
    assert editor.timeline.chart.timeline.bars == ()
    assert editor.timeline.chart.accessibleDescription() == (
        "No action has a start or due date yet.")
