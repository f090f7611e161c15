"""The start screen: new, open, sample and recent workbooks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from app import APP_NAME
from app.settings import Settings
from app.ui.dialogs.new_workbook_dialog import NewWorkbookDialog, file_name_for
from tests.ui.conftest import read_detail


def test_the_welcome_screen_shows_first(main_window) -> None:
    window = main_window()
    assert window.pages.currentWidget() is window.welcome
    assert window.windowTitle() == APP_NAME
    for button in (window.welcome.new_button, window.welcome.open_button,
                   window.welcome.sample_button):
        assert button.isVisible() and button.isEnabled()
    assert window.welcome.no_recent_label.isVisible()  # the empty state teaches
    assert not window.window_actions.close.isEnabled()
    assert not window.window_actions.undo.isEnabled()


def test_new_workbook_through_the_dialog(main_window, qtbot, tmp_path: Path, monkeypatch) -> None:
    window = main_window()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    qtbot.mouseClick(window.welcome.new_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(NewWorkbookDialog)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.create_button.isEnabled()  # no title yet

    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.folder_edit.text() == str(tmp_path)
    qtbot.keyClicks(dialog.title_edit, "Board review: 2026")
    qtbot.keyClicks(dialog.organisation_edit, "Testshire CVS")
    qtbot.keyClicks(dialog.owner_edit, "Priya")
    assert "Board review- 2026.rrwb" in dialog.preview.text()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    path = tmp_path / "Board review- 2026.rrwb"
    qtbot.waitUntil(lambda: window.document is not None)
    assert window.document.path == path
    assert window.windowTitle() == "Board review: 2026 – Board review- 2026.rrwb"
    assert window.pages.currentWidget() is window.workbook_screen
    window.close_workbook()
    assert read_detail(path, "organisation") == "Testshire CVS"
    assert read_detail(path, "owner") == "Priya"


def test_new_workbook_dialog_refuses_an_existing_file(main_window, qtbot, workbook_path) -> None:
    window = main_window()
    dialog = window.new_workbook()
    dialog.folder_edit.setText(str(workbook_path.parent))
    qtbot.keyClicks(dialog.title_edit, "Local plan")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert "already in that folder" in dialog.error_label.text()
    assert window.document is None
    dialog.reject()


def test_file_names_made_from_titles_are_safe() -> None:
    assert file_name_for("A/B: c?") == "A-B- c-.rrwb"
    assert file_name_for("   ") == "Workbook.rrwb"
    assert file_name_for("Plan.") == "Plan.rrwb"


def test_open_button_opens_the_chosen_workbook(main_window, qtbot, workbook_path, monkeypatch
                                               ) -> None:
    window = main_window()
    seen = {}

    def fake_open(_parent, _caption, folder, _filter):
        seen["folder"] = folder
        return str(workbook_path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_open)
    qtbot.mouseClick(window.welcome.open_button, Qt.MouseButton.LeftButton)
    assert window.document is not None and window.document.path == workbook_path
    assert window.windowTitle() == "Local plan – Local plan.rrwb"
    assert window.saved_label.text() == "All changes saved"
    assert Settings.load().last_open_folder == str(workbook_path.parent)


def test_cancelling_the_open_dialog_changes_nothing(main_window, monkeypatch) -> None:
    window = main_window()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    window.window_actions.open.trigger()
    assert window.document is None
    assert window.pages.currentWidget() is window.welcome


def test_open_the_sample_workbook(main_window, qtbot, isolated_settings) -> None:
    window = main_window()
    qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    assert window.document is not None
    assert window.document.path.is_relative_to(isolated_settings)  # a private copy
    assert window.windowTitle().startswith("Anytown CVS self-assessment 2026 – ")
    screen = window.workbook_screen
    screen.show_section("evidence")
    assert screen.editor("evidence").model.rowCount() == 2
    navigator = screen.navigator_model
    assert navigator.index(navigator.row_of("evidence"), 0).data(
        Qt.ItemDataRole.AccessibleTextRole) == "Evidence files, 2"


def test_recent_files_update_and_persist(main_window, qtbot, tmp_path: Path, workbook_path
                                         ) -> None:
    from app.workbook import Workbook

    other = tmp_path / "Other.rrwb"
    Workbook.create(other, title="Other").close()
    window = main_window(workbook_path)
    window.open_path(other)  # the first is closed, the second opened
    assert Settings.load().recent_files == [str(other), str(workbook_path)]

    window.close_workbook()
    welcome = window.welcome
    assert welcome.recent_list.isVisible()
    model = welcome.recent_model
    assert [model.path(r) for r in range(model.rowCount())] == [other, workbook_path]

    # Keyboard: down to the second entry, Enter opens it.
    welcome.recent_list.setFocus()
    qtbot.keyClick(welcome.recent_list, Qt.Key.Key_Down)
    qtbot.keyClick(welcome.recent_list, Qt.Key.Key_Return)
    assert window.document is not None and window.document.path == workbook_path
    assert Settings.load().recent_files[0] == str(workbook_path)

    # A fresh window (a new session of the app) lists them too.
    window.close()
    again = main_window()
    assert again.welcome.recent_model.rowCount() == 2
    again.window_actions.recent_menu.aboutToShow.emit()
    texts = [a.text() for a in again.window_actions.recent_menu.actions()]
    assert texts[:2] == ["&1 Local plan.rrwb", "&2 Other.rrwb"]


def test_missing_recent_files_show_as_unavailable_and_can_be_removed(
    main_window, qtbot, tmp_path: Path, workbook_path, messages
) -> None:
    gone = tmp_path / "Gone.rrwb"
    settings = Settings.load()
    settings.add_recent(gone)
    settings.add_recent(workbook_path)
    settings.save()
    window = main_window()
    welcome = window.welcome
    model = welcome.recent_model
    assert not model.is_available(1)
    assert "(unavailable)" in model.index(1, 0).data()

    # Opening it offers to forget it (the default answer keeps it).
    welcome.recent_list.setCurrentIndex(model.index(1, 0))
    qtbot.keyClick(welcome.recent_list, Qt.Key.Key_Return)
    assert "no longer at" in messages.texts("question")[-1]
    assert window.document is None and model.rowCount() == 2

    # Delete removes it from the list (and the settings file), not from the disk.
    welcome.recent_list.setFocus()
    welcome.recent_list.setCurrentIndex(model.index(1, 0))
    qtbot.keyClick(welcome.recent_list, Qt.Key.Key_Delete)
    assert Settings.load().recent_files == [str(workbook_path)]
    assert model.rowCount() == 1


def test_forgetting_a_missing_file_from_the_question(main_window, tmp_path, messages) -> None:
    gone = tmp_path / "Gone.rrwb"
    settings = Settings.load()
    settings.add_recent(gone)
    settings.save()
    window = main_window()
    messages.answers.append(True)
    window.open_recent(gone)
    assert Settings.load().recent_files == []
    assert window.welcome.no_recent_label.isVisible()


@pytest.mark.parametrize("button", ["new_button", "open_button", "sample_button"])
def test_welcome_buttons_have_keyboard_mnemonics(main_window, button) -> None:
    text = getattr(main_window().welcome, button).text()
    assert "&" in text


def test_quit_closes_the_window_and_the_workbook(main_window, workbook_path) -> None:
    from app.workbook import Workbook

    window = main_window(workbook_path)
    window.window_actions.quit.trigger()
    assert not window.isVisible()
    Workbook.open(workbook_path).close()  # the lock was released
    assert QApplication.instance() is not None
