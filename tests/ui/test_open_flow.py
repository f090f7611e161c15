"""Opening workbooks: in use elsewhere, bad files, upgrades, risky folders, stale locks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from app.workbook import Workbook
from app.workbook.lock import lock_path_for
from tests.ui.conftest import read_detail

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_a_workbook_open_elsewhere_can_be_opened_read_only(main_window, workbook_path,
                                                           messages) -> None:
    holder = Workbook.open(workbook_path)
    try:
        window = main_window()
        messages.answers.append(True)  # "Open Read-Only"
        assert window.open_path(workbook_path)
        question = messages.texts("question")[-1]
        assert "is already open by" in question and "read-only" in question

        document = window.document
        assert document.read_only
        assert window.saved_label.text() == "Read-only"
        assert window.windowTitle() == "Local plan – Local plan.rrwb (read-only)"
        screen = window.workbook_screen
        details = screen.editor("details")
        assert all(edit.isReadOnly() for edit in details.fields.values())
        screen.show_section("evidence")
        evidence = screen.editor("evidence")
        assert not evidence.add_button.isEnabled()
        assert not evidence.remove_button.isEnabled()
        assert not window.window_actions.undo.isEnabled()
        assert window.window_actions.save_copy.isEnabled()  # copies are still allowed

        # Typing into a read-only field does nothing and nothing is pushed.
        details.fields["title"].setFocus()
        from PySide6.QtTest import QTest
        QTest.keyClicks(details.fields["title"], "X")
        QTest.keyClick(details.fields["title"], Qt.Key.Key_Return)
        assert document.undo_stack.count() == 0
    finally:
        holder.close()
    assert read_detail(workbook_path, "title") == "Local plan"


def test_declining_read_only_opens_nothing(main_window, workbook_path, messages) -> None:
    with Workbook.open(workbook_path):
        window = main_window()
        assert not window.open_path(workbook_path)
        assert window.document is None
        assert window.pages.currentWidget() is window.welcome


def test_a_file_that_is_not_a_workbook_gets_a_sentence(main_window, tmp_path, messages) -> None:
    path = tmp_path / "notes.rrwb"
    path.write_text("just some notes", encoding="utf-8")
    window = main_window()
    assert not window.open_path(path)
    (text,) = messages.texts("warning")
    assert text.startswith("“notes.rrwb” is not a Rights & Responsibilities workbook")
    assert "Traceback" not in text
    assert window.document is None


def test_a_missing_file_gets_a_sentence(main_window, tmp_path, messages) -> None:
    window = main_window()
    assert not window.open_path(tmp_path / "nowhere.rrwb")
    assert messages.texts("warning") == [
        f"There is no file at {tmp_path / 'nowhere.rrwb'}. Check the name and folder and try "
        "again."
    ]


def test_a_failed_open_keeps_the_current_workbook(main_window, workbook_path, tmp_path) -> None:
    window = main_window(workbook_path)
    assert not window.open_path(tmp_path / "nowhere.rrwb")
    assert window.document is not None and window.document.path == workbook_path


def test_an_older_workbook_is_upgraded_and_the_backup_named(main_window, tmp_path,
                                                            messages) -> None:
    path = tmp_path / "Old.rrwb"
    shutil.copyfile(FIXTURES / "workbook_v1.rrwb", path)
    window = main_window(path)
    (text,) = messages.texts("information")
    backup = window.document.workbook.backup_path
    assert backup is not None and backup.exists()
    assert f"“{backup.name}”" in text
    assert "upgraded" in text


def test_a_risky_folder_is_warned_about_once(main_window, workbook_path, messages,
                                             monkeypatch) -> None:
    import app.workbook.store as store

    monkeypatch.setattr(store, "storage_warning", lambda path: "This workbook is in a "
                        "OneDrive folder. Keep the workbook in a local folder.")
    window = main_window(workbook_path)
    assert messages.texts("warning") == [
        "This workbook is in a OneDrive folder. Keep the workbook in a local folder."]
    window.close_workbook()
    window.open_path(workbook_path)
    assert len(messages.texts("warning")) == 1


def test_a_stale_lock_is_cleared_with_a_note(main_window, workbook_path) -> None:
    lock_path_for(workbook_path).write_text(json.dumps(
        {"user": "someone", "host": "old-laptop", "pid": 1, "since": "2026-01-01T00:00:00"}),
        encoding="utf-8")
    window = main_window(workbook_path)
    assert not window.document.read_only
    assert "was not closed properly" in window.statusBar().currentMessage()


def test_opening_the_open_workbook_again_just_shows_it(main_window, workbook_path) -> None:
    window = main_window(workbook_path)
    document = window.document
    assert window.open_path(workbook_path)
    assert window.document is document
