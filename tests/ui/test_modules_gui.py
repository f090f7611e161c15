"""The desktop app builds itself from the modules' manifests: a module's section, editor,
count, menu action, report and undoable edit appear with no change to the shell."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.modules import add_module, all_reports, remove_module
from app.ui.navigator_model import COUNT_ROLE
from app.workbook import Workbook
from tests.example_module.module import MODULE
from tests.ui.test_accessibility import unnamed_focusable


@pytest.fixture
def example_workbook(tmp_path: Path) -> Iterator[Path]:
    add_module(MODULE)
    path = tmp_path / "Notes.rrwb"
    Workbook.create(path, title="Notes").close()
    yield path
    remove_module(MODULE.name)


def _change_log(path: Path) -> list[str]:
    from app.workbook.changelog import recent_changes

    with Workbook.open(path, read_only=True) as workbook, workbook.session() as session:
        return [entry.summary for entry in recent_changes(session)]


def test_a_module_s_section_edits_and_undoes_by_keyboard(main_window, qtbot,
                                                         example_workbook: Path) -> None:
    window = main_window(example_workbook)
    screen = window.workbook_screen
    navigator = screen.navigator_model
    row = navigator.row_of("example_notes")
    # Its order (500) puts it after the representation sections (400), before proofing
    # (650) and the Action plan (700).
    assert navigator.row_of("representation_questionnaire") + 1 == row \
        == navigator.row_of("proofing") - 1
    screen.show_section("example_notes")
    editor = screen.editor("example_notes")
    assert unnamed_focusable(window) == []

    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "Meet the forum")
    qtbot.keyClick(editor.text, Qt.Key.Key_Return)
    assert [editor.notes.item(i).text() for i in range(editor.notes.count())] == [
        "Meet the forum"]
    assert navigator.index(row, 0).data(COUNT_ROLE) == 1
    assert window.window_actions.undo.text().replace("&", "") == "Undo Add note"

    window.window_actions.undo.trigger()
    assert editor.notes.count() == 0 and navigator.index(row, 0).data(COUNT_ROLE) == 0
    window.window_actions.redo.trigger()
    assert editor.notes.count() == 1
    assert _change_log(example_workbook)[:3] == [
        "Redid: add note", "Undid: add note", "Added note “Meet the forum”"]

    help_action = window.findChild(type(window.window_actions.about), "example_notes_help")
    assert help_action is not None and help_action.isEnabled()


def test_the_export_dialog_offers_the_module_s_report(main_window, example_workbook) -> None:
    from PySide6.QtGui import QAction

    from app.ui.export.export_dialog import ExportDialog

    window = main_window(example_workbook)
    window.findChild(QAction, "export_action").trigger()
    dialog = window.findChild(ExportDialog)
    assert dialog is not None
    combo = dialog.report_combo
    offered = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert offered == {spec.name: spec.title for spec in all_reports()}
    assert offered["example-notes"] == "Example notes"
    dialog.reject()


def test_detail_edits_log_one_line_each_way(main_window, qtbot, workbook_path) -> None:
    window = main_window(workbook_path)
    window.workbook_screen.show_section("details")
    title = window.workbook_screen.editor("details").fields["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Plan B")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    window.window_actions.undo.trigger()
    window.window_actions.redo.trigger()
    assert _change_log(workbook_path)[:4] == [
        "Redid: change title", "Undid: change title",
        "Title changed from “Local plan” to “Plan B”", "Workbook “Local plan” created"]


def test_undo_keeps_one_copy_of_a_removed_file(main_window, workbook_path, tmp_path) -> None:
    from app.evidence.operations import RemoveEvidence, RestoreEvidence

    data = b"x" * 100_000
    (tmp_path / "big.bin").write_bytes(data)
    window = main_window(workbook_path)
    window.workbook_screen.show_section("evidence")
    editor = window.workbook_screen.editor("evidence")
    assert editor.attach_paths([tmp_path / "big.bin"])
    stack = window.document.undo_stack
    attach = stack.command(0)
    # After attaching, the command keeps only how to remove the file: no bytes.
    assert [type(step) for step in attach.held_steps()] == [RemoveEvidence]

    window.window_actions.undo.trigger()
    held = attach.held_steps()
    assert [type(step) for step in held] == [RestoreEvidence]  # one copy, to put it back
    assert held[0].removed.data == data
    window.window_actions.redo.trigger()
    assert [type(step) for step in attach.held_steps()] == [RemoveEvidence]


def test_the_undo_stack_is_bounded(main_window, workbook_path) -> None:
    from app.ui.document import UNDO_LIMIT

    window = main_window(workbook_path)
    assert window.document.undo_stack.undoLimit() == UNDO_LIMIT > 0
