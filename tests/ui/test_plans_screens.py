"""The action plan's filters, sorting, partners, dependencies and notes, a template in one
step, and the options appraisal matrix with its live result: real widgets, every edit
undoable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.plans.appraisal.store import list_appraisals, read_appraisal
from app.plans.operations import AddAction, AddDependency
from app.plans.plan import read_plan
from app.plans.templates import find_template
from app.workbook import Workbook
from app.workbook.operations import run_operation
from tests.ui.test_accessibility import unnamed_focusable


def _plan(path: Path):
    with Workbook.open(path, read_only=True) as book, book.session() as session:
        return read_plan(session)


def _seed(path: Path) -> list[AddAction]:
    adds = [
        AddAction.of(action="Agree a vision", lead_partner="Council", due="31/01/2020",
                     status="in_progress"),
        AddAction.of(action="Set targets", lead_partner="CVS", start="01/01/2020",
                     due="31/12/2099"),
        AddAction.of(action="Publish results", lead_partner="Council", status="done",
                     due="01/01/2020"),
    ]
    with Workbook.open(path) as book:
        for add in adds:
            run_operation(book, add)
        run_operation(book, AddDependency(adds[1].action_id, adds[0].action_id))
    return adds


def _shown(editor) -> list[str]:
    proxy = editor.proxy
    return [proxy.index(row, 1).data() for row in range(proxy.rowCount())]


def test_filters_and_sorting(main_window, workbook_path) -> None:
    _seed(workbook_path)
    window = main_window(workbook_path)
    window.workbook_screen.show_section("actions")
    editor = window.workbook_screen.editor("actions")
    assert unnamed_focusable(window) == []
    editor.lead_filter.setCurrentIndex(editor.lead_filter.findData("Council"))
    assert _shown(editor) == ["Agree a vision", "Publish results"]
    editor.overdue_filter.setChecked(True)  # the done one is never overdue
    assert _shown(editor) == ["Agree a vision"]
    assert editor.shown_label.text() == "Showing 1 of 3"
    editor.overdue_filter.setChecked(False)
    editor.lead_filter.setCurrentIndex(0)
    editor.status_filter.setCurrentIndex(editor.status_filter.findData("done"))
    assert _shown(editor) == ["Publish results"]
    editor.status_filter.setCurrentIndex(0)
    editor.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # due date
    assert _shown(editor) == ["Publish results", "Agree a vision", "Set targets"]
    editor.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert _shown(editor)[0] == "Set targets"
    editor.sort_choice.setFocus()  # the same by keyboard: Sort by › Status
    editor.sort_choice.setCurrentIndex(editor.sort_choice.findText("Status"))
    editor.sort_choice.activated.emit(editor.sort_choice.currentIndex())
    assert _shown(editor) == ["Set targets", "Agree a vision", "Publish results"]
    # The warning shows in the list and on the selected action's dependencies tab.
    editor.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert editor.proxy.index(1, 7).data() == "⚠ 1"
    editor.select(editor.plan.actions[1].id)
    assert "is due to start on 01/01/2020" in editor.dependencies.warnings.text()


def test_partners_dependencies_and_notes_by_keyboard_with_undo(
        main_window, qtbot, workbook_path, messages) -> None:
    adds = _seed(workbook_path)
    window = main_window(workbook_path)
    window.workbook_screen.show_section("actions")
    editor = window.workbook_screen.editor("actions")
    editor.select(adds[0].action_id)
    editor.tabs.setCurrentWidget(editor.partners)
    panel = editor.partners
    panel.name_edit.setFocus()
    qtbot.keyClicks(panel.name_edit, "City library")
    panel.role_combo.setCurrentIndex(panel.role_combo.findData("delivers"))
    qtbot.keyClick(panel.name_edit, Qt.Key.Key_Return)
    assert _plan(workbook_path).partners_text(adds[0].action_id) == "City library (delivers)"
    assert panel.model.rowCount() == 1

    # Action 1 depending on action 2 would close a circle (2 already depends on 1).
    editor.tabs.setCurrentWidget(editor.dependencies)
    deps = editor.dependencies
    deps.other_combo.setCurrentIndex(deps.other_combo.findData(str(adds[1].action_id)))
    deps.add_button.click()
    assert any("would make a circle" in text for text in messages.texts())
    assert len(_plan(workbook_path).edges) == 1

    editor.tabs.setCurrentWidget(editor.notes)
    notes = editor.notes
    notes.date_edit.setText("02/02/2020")
    notes.text_edit.setFocus()
    qtbot.keyClicks(notes.text_edit, "Draft vision circulated")
    qtbot.keyClick(notes.text_edit, Qt.Key.Key_Return)
    plan = _plan(workbook_path)
    assert [n.text for n in plan.notes[adds[0].action_id]] == ["Draft vision circulated"]
    assert notes.model.rowCount() == 1

    window.window_actions.undo.trigger()  # the note
    window.window_actions.undo.trigger()  # the partner
    plan = _plan(workbook_path)
    assert plan.notes == {} and plan.partners == {}
    assert notes.model.rowCount() == 0 and panel.model.rowCount() == 0


def test_a_template_is_one_undo_step(main_window, workbook_path) -> None:
    window = main_window(workbook_path)
    window.workbook_screen.show_section("actions")
    editor = window.workbook_screen.editor("actions")
    assert editor.template_button.menu().actions()  # the shipped templates are offered
    editor.start_from(find_template("transitional-strategy"))
    assert editor.model.rowCount() == 4
    assert len(_plan(workbook_path).edges) == 3
    window.window_actions.undo.trigger()
    assert editor.model.rowCount() == 0 and editor.empty_state.isVisible()


def test_the_appraisal_matrix_and_its_live_result(main_window, qtbot, workbook_path,
                                                  messages) -> None:
    window = main_window(workbook_path)
    screen = window.workbook_screen
    screen.show_section("appraisals")
    editor = screen.editor("appraisals")
    assert editor.empty_state.isVisible()
    qtbot.keyClick(editor.new_button, Qt.Key.Key_Space)
    assert editor.question.hasFocus()
    qtbot.keyClicks(editor.question, "Who should run the advice service?")
    qtbot.keyClick(editor.question, Qt.Key.Key_Tab)
    for title in ("Council", "Network"):
        editor.add_option()
        title_edit = editor.options.edits["title"]
        assert title_edit.hasFocus()
        qtbot.keyClicks(title_edit, title)  # replaces the selected placeholder
        qtbot.keyClick(title_edit, Qt.Key.Key_Return)
    for name in ("Table 1", "Table 2"):
        editor.add_participant()
        qtbot.keyClicks(editor.participants.edits["name"], name)
        qtbot.keyClick(editor.participants.edits["name"], Qt.Key.Key_Return)
    assert unnamed_focusable(window) == []

    editor.tabs.setCurrentIndex(0)
    model = editor.matrix_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Table 1", "Table 2", "Borda count", "Mean rank"]
    # Typing into the matrix: Table 1 puts Network first; Table 2 ties both.
    editor.matrix.setFocus()
    for row, column, rank in ((1, 0, "1"), (0, 0, "2"), (0, 1, "1"), (1, 1, "1")):
        editor.matrix.setCurrentIndex(model.index(row, column))
        qtbot.keyClicks(editor.matrix, rank)
        qtbot.keyClick(editor.matrix.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda r=row, c=column, k=rank: model.index(r, c).data() == k)
    # Borda with 2 options: Table 1 gives Network 1, Council 0; Table 2's tie gives 0.5 each.
    assert [model.index(r, 2).data() for r in range(2)] == ["0.5", "1.5"]
    assert "“Network” has the highest Borda count" in editor.result.text()
    with Workbook.open(workbook_path, read_only=True) as book, book.session() as session:
        data = read_appraisal(session, list_appraisals(session)[0].id)
    assert data.appraisal.question == "Who should run the advice service?"
    assert [o.title for o in data.options] == ["Council", "Network"]
    assert len(data.ranks) == 4

    model.setData(model.index(0, 0), "9")  # more than the number of options
    qtbot.waitUntil(lambda: any("A rank is a whole number from 1 (first) to 2" in t
                                for t in messages.texts()))
    assert model.index(0, 0).data() == "2"
    window.window_actions.undo.trigger()  # Table 2's rank of Network
    assert model.index(1, 1).data() == "" and "“Network”" in editor.result.text()
