"""Safe defaults: folders proposed for the user's work are real and theirs, too-long text
is said to be too long rather than cut, and replacing a file is never the default."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

from app.settings import data_dir, proposed_folder
from app.ui import messages as ui_messages
from app.ui.dialogs.new_workbook_dialog import NewWorkbookDialog
from app.workbook.details import MAX_LENGTH

LONG = ("An equality impact assessment of the commissioning of community transport "
        "services across the three northern districts, with particular attention to "
        "disabled older residents, carers and people whose first language is not "
        "English, prepared for the joint board meeting next spring 2027")


@pytest.fixture
def no_documents(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An account without a Documents folder; returns its home folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr("platformdirs.user_documents_dir", lambda: str(home / "Documents"))
    return home


def test_a_long_title_is_longer_than_the_limit() -> None:
    assert len(LONG) > MAX_LENGTH and len(LONG) == 283


def test_no_documents_folder_means_home(no_documents: Path) -> None:
    assert proposed_folder() == no_documents
    assert proposed_folder("/no/such/folder") == no_documents


def test_app_data_is_never_proposed(no_documents: Path, tmp_path: Path) -> None:
    (data_dir() / "sub").mkdir(parents=True)
    assert proposed_folder(data_dir(), data_dir() / "sub") == no_documents
    assert proposed_folder(tmp_path) == tmp_path  # a real folder of the user's is kept


def test_new_workbook_after_the_sample_proposes_the_users_folder(main_window,
                                                                 no_documents: Path) -> None:
    window = main_window()
    window.open_sample()
    assert window.document is not None
    dialog = window.new_workbook()
    assert Path(dialog.folder_edit.text()) == no_documents
    dialog.reject()


def test_save_a_copy_of_the_sample_proposes_the_users_folder(
        main_window, no_documents: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    starts: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda _p, _t, start, *_a, **_k: starts.append(start)
                                     or ("", "")))
    window = main_window()
    window.open_sample()
    window.save_copy()
    assert Path(starts[0]).parent == no_documents


def test_export_and_evidence_propose_home_without_documents(
        main_window, workbook_path: Path, no_documents: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.actions import MenuContext
    from app.ui.export.menu import open_export_dialog

    window = main_window(workbook_path)
    controller = open_export_dialog(MenuContext(window, window.settings, lambda: window.document))
    assert controller is not None and controller.dialog is not None
    assert Path(controller.dialog.path_edit.text()).parent == no_documents
    controller.dialog.reject()

    starts: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda _p, _t, start, *_a, **_k: starts.append(start)
                                     or ([], "")))
    window.workbook_screen.editor("evidence").choose_files()
    assert Path(starts[0]) == no_documents


def _too_long_everywhere(edits: list[QLineEdit]) -> None:
    for edit in edits:
        edit.setText(LONG)
        assert edit.text() == LONG, f"{edit.accessibleName()} cut the text"
        assert "characters long" in edit.accessibleDescription()


def test_new_workbook_says_a_title_is_too_long(qtbot, tmp_path: Path) -> None:
    dialog = NewWorkbookDialog(str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    for note in dialog.length_notes:
        note.edit.setText(LONG)
        assert note.edit.text() == LONG  # kept whole, not cut at the limit
        assert note.label.isVisible() and "283 characters long" in note.label.text()
        assert "200" in note.label.text()
        assert not dialog.create_button.isEnabled()
        note.edit.setText("Short")
        assert not note.label.isVisible()
    assert dialog.create_button.isEnabled()
    _too_long_everywhere([note.edit for note in dialog.length_notes])


def test_details_say_a_field_is_too_long_and_keep_it(main_window, workbook_path: Path) -> None:
    from tests.ui.conftest import read_detail

    window = main_window(workbook_path)
    editor = window.workbook_screen.editor("details")
    for field, edit in editor.fields.items():
        edit.setText(LONG)
        edit.editingFinished.emit()
        assert edit.text() == LONG
        assert editor.length_notes[field].label.isVisibleTo(editor)
        assert read_detail(workbook_path, field) != LONG  # nothing cut was saved either


def test_no_line_edit_cuts_text_silently(main_window, workbook_path: Path) -> None:
    """Any maxLength would cut pasted text without a word: none is set below Qt's default."""
    window = main_window(workbook_path)
    dialog = window.new_workbook()
    for edit in [*window.findChildren(QLineEdit), *dialog.findChildren(QLineEdit)]:
        assert edit.maxLength() == QLineEdit().maxLength(), edit.accessibleName()
    dialog.reject()


def test_replacing_a_file_is_not_the_default(qtbot) -> None:
    box = ui_messages.question_box(None, "Replace it?", accept="&Replace", destructive=True)
    qtbot.addWidget(box)
    assert box.buttonRole(box.defaultButton()) == QMessageBox.ButtonRole.RejectRole
    plain = ui_messages.question_box(None, "Remove it?", accept="&Remove")
    qtbot.addWidget(plain)
    assert plain.buttonRole(plain.defaultButton()) == QMessageBox.ButtonRole.AcceptRole


def test_the_export_replace_prompt_is_destructive(main_window, workbook_path: Path, messages,
                                                  tmp_path: Path) -> None:
    from app.ui.actions import MenuContext
    from app.ui.export.menu import open_export_dialog

    window = main_window(workbook_path)
    controller = open_export_dialog(MenuContext(window, window.settings, lambda: window.document))
    dialog = controller.dialog
    target = tmp_path / "report.docx"
    target.write_bytes(b"keep")
    dialog.path_edit.setText(str(target))
    dialog.export_button.click()
    assert messages.options and messages.options[-1].get("destructive") is True
    assert target.read_bytes() == b"keep"
    dialog.reject()
