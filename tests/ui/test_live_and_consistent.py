"""Windows stay current and say what happened: others' saved changes appear in a read-only
window, an undo shows the section it changed, status notes have their own space, the log
file can always be found, people are named as they choose, and long changes can be read."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from app.basics.operations import UpdateDetail
from app.settings import Settings
from app.ui.main_window import MainWindow


def test_a_read_only_window_shows_changes_saved_elsewhere(main_window, qtbot,
                                                          workbook_path: Path) -> None:
    editing: MainWindow = main_window(workbook_path)
    watching: MainWindow = main_window(workbook_path, read_only=True)
    title = watching.workbook_screen.editor("details").fields["title"]
    assert editing.document.perform(UpdateDetail("title", "Plan B"))
    assert watching.document.check_for_outside_changes()
    assert title.text() == "Plan B"
    assert "Plan B" in watching.windowTitle()
    assert "changes saved to the file elsewhere" in watching.statusBar().currentMessage()
    assert not watching.document.check_for_outside_changes()  # nothing new since
    # And without being asked: the window looks by itself now and then.
    assert editing.document.perform(UpdateDetail("title", "Plan C"))
    qtbot.waitUntil(lambda: title.text() == "Plan C", timeout=10_000)


def test_undo_brings_up_the_section_it_changed(main_window, workbook_path: Path) -> None:
    window: MainWindow = main_window(workbook_path)
    screen = window.workbook_screen
    assert window.document.perform(UpdateDetail("area", "Leeds"))
    screen.show_section("evidence")
    window.window_actions.undo.trigger()
    assert screen.current_section_id() == "details"
    assert window.statusBar().currentMessage().startswith("Undone: ")
    screen.show_section("evidence")
    window.window_actions.redo.trigger()
    assert screen.current_section_id() == "details"
    assert window.statusBar().currentMessage().startswith("Redone: ")


def test_every_section_that_shows_topics_says_which(main_window, workbook_path) -> None:
    from app.modules import modules
    from app.ui.screens import sections

    shown = {topic for section in sections() for topic in section.topics}
    for module in modules():
        assert module.topics <= shown, f"no section shows {module.topics - shown}"


def test_a_status_note_never_runs_into_the_saved_state(main_window, workbook_path) -> None:
    window: MainWindow = main_window(workbook_path)
    window.resize(700, 500)
    long_note = "Exported “" + "Local plan – Workbook summary " * 6 + ".docx” to /home/sam."
    window.statusBar().showMessage(long_note, 15000)
    QApplication.processEvents()
    note = window.statusBar().note_label
    saved = window.saved_label
    assert saved.isVisible() and saved.text().startswith("All changes saved")
    assert note.geometry().right() < saved.geometry().left()
    assert note.text() != long_note and "…" in note.text()  # shortened to its space
    assert note.toolTip() == long_note and window.statusBar().currentMessage() == long_note


def test_the_log_file_can_be_found_when_it_cannot_be_opened(
        main_window, messages, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.dialogs.about_dialog import AboutDialog

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda _url: False))
    window = main_window()
    window.show_about()
    about = window.findChild(AboutDialog)
    about.log_path.parent.mkdir(parents=True, exist_ok=True)
    about.log_path.write_text("log")
    messages.answers = [True]
    about.show_log_button.click()
    (question,) = messages.texts("question")
    assert str(about.log_path) in question and "could not" not in question
    assert QApplication.clipboard().text() == str(about.log_path)
    about.reject()


def test_people_are_named_as_they_choose(main_window, qtbot, workbook_path: Path) -> None:
    from app.ui.dialogs.preferences_dialog import PreferencesDialog
    from app.workbook import Workbook
    from app.workbook.changelog import recent_changes

    window: MainWindow = main_window(workbook_path)
    window.window_actions.preferences.trigger()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.name_edit.setText("  Priya   Shah ")
    dialog.accept()
    assert Settings.load().display_name == "Priya Shah"
    assert window.document.perform(UpdateDetail("area", "Leeds"))
    window.close_workbook()
    with Workbook.open(workbook_path, read_only=True) as workbook, workbook.session() as s:
        assert recent_changes(s)[0].actor == "Priya Shah"


def test_a_long_change_can_be_read_in_full(main_window, workbook_path: Path) -> None:
    from app.ui.editors.change_log_model import WHAT

    window: MainWindow = main_window(workbook_path)
    long_area = "A very long area name, " * 8
    assert window.document.perform(UpdateDetail("area", long_area.strip()))
    screen = window.workbook_screen
    screen.show_section("change_log")
    view = screen.editor("change_log")
    view.table.setCurrentIndex(view.model.index(0, WHAT))
    summary = view.model.row_at(0).summary
    assert long_area.strip()[:60] in summary
    assert summary in view.details.text() and view.details.isVisible()
    for column in range(view.model.columnCount()):
        index = view.model.index(0, column)
        assert index.data(3) == index.data(0)  # ToolTipRole: the whole cell
