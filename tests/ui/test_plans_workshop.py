"""The action plan screen's Workshop menu: export the tracker or the pack, and import a
filled-in tracker through a preview (Apply adds one undo step; Cancel and a refused file
change nothing)."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog

from app.plans.operations import AddAction
from app.plans.plan import read_plan
from app.plans.tracker.export import take_tracker_snapshot, write_tracker
from app.plans.workshop.pack import PACK_FILES
from app.ui.plans import workshop as workshop_ui
from app.workbook import Workbook
from app.workbook.operations import run_operation
from tests.ui.test_accessibility import unnamed_focusable

SHOTS = os.environ.get("RRT_SCREENSHOTS")  # a folder: save the screens to look at them


def _seed(path: Path) -> Path:
    """Two actions, and a tracker of them with the first one's status changed."""
    with Workbook.open(path) as book:
        for values in ({"action": "Agree a vision", "lead_partner": "Council"},
                       {"action": "Set targets", "due": "31/12/2027"}):
            run_operation(book, AddAction.of(**values))
        with book.session() as session:
            snapshot = take_tracker_snapshot(session)
    tracker = path.parent / "tracker.xlsx"
    write_tracker(snapshot, tracker)
    sheet_book = load_workbook(tracker)
    sheet_book["Actions"]["H2"] = "Done"  # column H: status
    sheet_book["Actions"]["C4"] = "Tell members what changed"  # a new action
    sheet_book.save(tracker)
    return tracker


def _statuses(path: Path) -> list[tuple[str, str]]:
    with Workbook.open(path, read_only=True) as book, book.session() as session:
        return [(a.action, a.status) for a in read_plan(session).actions]


def _editor(main_window, workbook_path):  # type: ignore[no-untyped-def]
    window = main_window(workbook_path)
    window.workbook_screen.show_section("actions")
    return window, window.workbook_screen.editor("actions")


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_import_previews_then_applies_as_one_undo_step(main_window, qtbot, workbook_path,
                                                       monkeypatch) -> None:
    tracker = _seed(workbook_path)
    window, editor = _editor(main_window, workbook_path)
    assert unnamed_focusable(window) == []
    monkeypatch.setattr(workshop_ui, "choose_tracker", lambda *_args: tracker)
    assert [a.text() for a in editor.workshop.menu.actions()] == [
        "&Export tracker…", "&Import tracker…", "Export workshop &pack…"]
    editor.workshop.import_action.trigger()
    qtbot.waitUntil(lambda: editor.workshop.dialog is not None, timeout=10_000)
    dialog = editor.workshop.dialog
    _shot(window, "actions_screen")
    _shot(dialog, "tracker_preview")
    assert dialog.heading.text() == ("“tracker.xlsx” would make 1 change to 1 action and 1 "
                                     "new action.")
    assert dialog.details.toPlainText().splitlines() == [
        "Action 1 “Agree a vision”:", "  Status: Not started → Done",
        "New action from row 4 “Tell members what changed”"]
    assert unnamed_focusable(dialog) == []
    assert _statuses(workbook_path) == [("Agree a vision", "not_started"),
                                        ("Set targets", "not_started")]  # not yet
    dialog.apply_button.click()
    assert _statuses(workbook_path) == [("Agree a vision", "done"),
                                        ("Set targets", "not_started"),
                                        ("Tell members what changed", "not_started")]
    assert editor.model.rowCount() == 3
    window.window_actions.undo.trigger()  # the whole import is one step
    assert _statuses(workbook_path) == [("Agree a vision", "not_started"),
                                        ("Set targets", "not_started")]


def test_cancel_changes_nothing_and_a_refused_tracker_lists_its_problems(
        main_window, qtbot, workbook_path) -> None:
    tracker = _seed(workbook_path)
    window, editor = _editor(main_window, workbook_path)
    editor.workshop.import_tracker(tracker)
    qtbot.waitUntil(lambda: editor.workshop.dialog is not None, timeout=10_000)
    editor.workshop.dialog.reject()
    assert _statuses(workbook_path)[0] == ("Agree a vision", "not_started")
    assert not window.window_actions.undo.isEnabled()

    sheet_book = load_workbook(tracker)
    sheet_book["Actions"]["H3"] = "Finished"
    sheet_book["Actions"]["G3"] = "31/02/2027"
    sheet_book.save(tracker)
    editor.workshop.dialog = None
    editor.workshop.import_tracker(tracker)
    qtbot.waitUntil(lambda: editor.workshop.dialog is not None, timeout=10_000)
    dialog = editor.workshop.dialog
    _shot(dialog, "tracker_problems")
    assert dialog.apply_button is None
    assert "Correct these 2 problems" in dialog.heading.text()
    assert dialog.details.toPlainText().splitlines() == [
        "Row 3, Due date: “31/02/2027” is not a date. Type it as 31/03/2027 (day/month/year).",
        "Row 3, Status: Status must be one of: Not started, In progress, Done, Blocked, "
        "Dropped."]
    dialog.done(QDialog.DialogCode.Rejected)
    assert _statuses(workbook_path)[0] == ("Agree a vision", "not_started")


def test_export_writes_the_pack_and_asks_before_replacing(main_window, qtbot, workbook_path,
                                                          messages, tmp_path) -> None:
    _seed(workbook_path)
    _window, editor = _editor(main_window, workbook_path)
    folder = tmp_path / "pack"
    folder.mkdir()
    assert editor.workshop.export_pack(folder)
    qtbot.waitUntil(lambda: bool(messages.texts("information")), timeout=60_000)
    assert sorted(p.name for p in folder.iterdir()) == sorted(PACK_FILES)
    assert messages.texts("information")[-1].startswith(f"The workshop pack is in {folder}")
    # A second export asks first; the cautious answer keeps the files as they are.
    assert not editor.workshop.export_pack(folder)
    assert "Replace them?" in messages.texts("question")[-1]


def test_a_read_only_workbook_cannot_import(main_window, workbook_path) -> None:
    _window, editor = _editor(main_window, workbook_path)
    assert editor.workshop.import_action.isEnabled()
    _window.close()
    _window, editor = main_window(workbook_path, read_only=True), None
    _window.workbook_screen.show_section("actions")
    editor = _window.workbook_screen.editor("actions")
    assert not editor.workshop.import_action.isEnabled()
    assert editor.workshop.export_tracker_action.isEnabled()
    assert editor.workshop.export_pack_action.isEnabled()


def test_export_tracker_writes_the_file_off_the_ui_thread(main_window, qtbot, workbook_path,
                                                         messages, tmp_path,
                                                         monkeypatch) -> None:
    _seed(workbook_path)
    _window, editor = _editor(main_window, workbook_path)
    out = tmp_path / "out" / "mine"  # the extension is added
    out.parent.mkdir()
    monkeypatch.setattr(workshop_ui, "choose_tracker_file", lambda *_args: out)
    editor.workshop.export_tracker_action.trigger()
    qtbot.waitUntil(lambda: bool(messages.texts("information")), timeout=30_000)
    assert "“mine.xlsx”" in messages.texts("information")[-1]
    sheet = load_workbook(out.with_suffix(".xlsx"))["Actions"]
    assert [sheet.cell(row=r, column=3).value for r in (2, 3)] == ["Agree a vision",
                                                                   "Set targets"]
