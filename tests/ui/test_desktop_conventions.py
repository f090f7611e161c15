"""What a desktop user expects: an Edit menu that acts on the field they are in, evidence
that opens in its usual program, a description per evidence file, and words that promise
only what the app does today."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from app.evidence.operations import AttachEvidence
from app.settings import data_dir
from app.ui.main_window import MainWindow
from app.workbook import Workbook
from app.workbook.operations import run_operation


@pytest.fixture
def with_evidence(workbook_path: Path) -> Path:
    with Workbook.open(workbook_path) as workbook:
        run_operation(workbook, AttachEvidence("minutes.txt", b"Minutes of the meeting"))
    return workbook_path


def test_the_edit_menu_acts_on_the_focused_field(main_window, qtbot, workbook_path) -> None:
    window: MainWindow = main_window(workbook_path)
    clip = window.window_actions.clipboard
    key = QKeySequence.StandardKey
    for action, standard in ((clip.cut, key.Cut), (clip.copy, key.Copy),
                             (clip.paste, key.Paste), (clip.select_all, key.SelectAll)):
        assert action.shortcuts() == QKeySequence.keyBindings(standard)
    edit_menu = window.menuBar().actions()[1].menu()
    assert {clip.cut, clip.copy, clip.paste, clip.select_all} <= set(edit_menu.actions())

    title = window.workbook_screen.editor("details").fields["title"]
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    title.deselect()
    assert not clip.copy.isEnabled() and not clip.cut.isEnabled()
    clip.select_all.trigger()
    assert title.selectedText() == "Local plan"
    assert clip.copy.isEnabled() and clip.cut.isEnabled()
    clip.copy.trigger()
    assert QApplication.clipboard().text() == "Local plan"
    assert clip.paste.isEnabled()

    window.workbook_screen.focus_navigator()  # a list of sections: nothing to copy or paste
    assert not clip.copy.isEnabled() and not clip.paste.isEnabled()


def test_read_only_fields_copy_but_do_not_cut_or_paste(main_window, qtbot,
                                                       workbook_path) -> None:
    window: MainWindow = main_window(workbook_path, read_only=True)
    clip = window.window_actions.clipboard
    title = window.workbook_screen.editor("details").fields["title"]
    QApplication.clipboard().setText("something")
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    title.selectAll()
    assert clip.copy.isEnabled()
    assert not clip.cut.isEnabled() and not clip.paste.isEnabled()


def test_evidence_opens_as_a_private_copy(main_window, qtbot, with_evidence, monkeypatch,
                                          messages) -> None:
    from app.ui.editors import evidence_editor

    opened: list[Path] = []
    monkeypatch.setattr(evidence_editor, "open_in_default_program",
                        lambda path: opened.append(path) or True)
    window: MainWindow = main_window(with_evidence)
    screen = window.workbook_screen
    screen.show_section("evidence")
    editor = screen.editor("evidence")
    assert not editor.open_button.isEnabled()
    editor.table.selectRow(0)
    assert editor.open_button.isEnabled()
    qtbot.keyClick(editor.table, Qt.Key.Key_Return)  # Enter opens it too
    (path,) = opened
    assert path.name == "minutes.txt" and path.read_bytes() == b"Minutes of the meeting"
    assert with_evidence.parent not in path.parents and data_dir() not in path.parents
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700  # private to this user
    assert not os.access(path, os.W_OK) or os.geteuid() == 0  # read-only copy
    assert stat.S_IMODE(os.stat(path).st_mode) & 0o222 == 0
    assert messages.shown == []


def test_each_evidence_file_has_an_undoable_description(main_window, qtbot,
                                                        with_evidence) -> None:
    from app.workbook.evidence import list_evidence

    window: MainWindow = main_window(with_evidence)
    screen = window.workbook_screen
    screen.show_section("evidence")
    editor = screen.editor("evidence")
    assert not editor.description_edit.isVisible()  # nothing chosen yet
    editor.table.selectRow(0)
    assert editor.description_edit.isVisible()
    editor.description_edit.setFocus()
    qtbot.waitUntil(editor.description_edit.hasFocus)
    editor.description_edit.setPlainText("Board minutes\nMarch 2026")
    qtbot.keyClick(editor.description_edit, Qt.Key.Key_Tab)  # moves on, and so saves
    assert not editor.description_edit.hasFocus()

    def stored() -> str:
        return window.document.read(lambda s: list_evidence(s)[0].note)

    assert stored() == "Board minutes\nMarch 2026"
    screen.show_section("details")
    window.window_actions.undo.trigger()
    assert stored() == ""
    assert screen.current_section_id() == "evidence"  # undo shows what it changed
    assert editor.description_edit.toPlainText() == ""


WORDS_FOR_MODULES = {
    "assessments": ("self-assessment", "representation audit", "assess how"),
    "proofing": ("proofing", "proof their"),
    "plans": ("action plan",),
}


def test_words_promise_only_modules_that_exist(main_window) -> None:
    from app.modules import modules
    from app.ui.dialogs.about_dialog import AboutDialog
    from app.ui.dialogs.user_guide import guide_markdown
    from app.ui.welcome_screen import TAGLINE

    window: MainWindow = main_window()
    window.show_about()
    about = window.findChild(AboutDialog)
    from PySide6.QtWidgets import QLabel, QLineEdit

    about_text = " ".join(label.text() for label in about.findChildren(QLabel))
    dialog = window.new_workbook()
    hints = " ".join(edit.placeholderText() for edit in dialog.findChildren(QLineEdit))
    texts = {"welcome": TAGLINE, "about": about_text, "guide": guide_markdown(),
             "new workbook": hints}
    present = {module.name for module in modules()}
    for module, words in WORDS_FOR_MODULES.items():
        if module in present:
            continue
        for where, text in texts.items():
            for word in words:
                assert word not in text.lower(), f"the {where} text promises “{word}”"
    dialog.reject()
    about.reject()
