"""Moving a self-assessment to a newer framework version from the editor: the button is
offered only when a newer version exists, the dialog shows what changes before anything
does, and the move is one undo step."""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.assessments.frameworks import framework_from_dict, framework_to_yaml
from app.assessments.frameworks.catalogue import user_folder
from app.assessments.operations import CreateAssessment, RateCriterion, SetResponseField
from app.assessments.records import list_assessments
from app.workbook import Workbook
from app.workbook.operations import run_operation
from tests.assessments.conftest import SMALL, newer_small
from tests.ui.test_accessibility import unnamed_focusable


def _framework(data):
    return framework_from_dict(json.loads(json.dumps(data)))


def _assessed(path: Path) -> None:
    with Workbook.open(path) as book:
        create = CreateAssessment.of(_framework(SMALL), name="Spring review")
        run_operation(book, create)
        aid = create.assessment_id
        for operation in (RateCriterion(aid, "1.1", "developing"),
                          RateCriterion(aid, "1.2", "established"),
                          RateCriterion(aid, "2.1", "n/a"),
                          SetResponseField(aid, "2.1", "notes", "Not our service")):
            run_operation(book, operation)


def _offer_newer() -> None:
    folder = user_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "small-1.1.yaml").write_text(framework_to_yaml(_framework(newer_small())),
                                           encoding="utf-8")


def _version(path: Path) -> str:
    with Workbook.open(path, read_only=True) as book, book.session() as session:
        return list_assessments(session)[0].framework_version


def _editor(main_window, path):
    window = main_window(path)
    window.workbook_screen.show_section("assessments")
    return window, window.workbook_screen.editor("assessments")


def test_the_move_is_shown_first_then_done_as_one_undo_step(
        main_window, qtbot, workbook_path) -> None:
    _assessed(workbook_path)
    _offer_newer()
    window, editor = _editor(main_window, workbook_path)
    button = editor.move_version.button
    qtbot.waitUntil(button.isEnabled)

    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    dialog = editor.move_version.dialog
    assert dialog is not None and dialog.isVisible()
    assert unnamed_focusable(dialog) == []
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.version_combo)
    text = dialog.changes_view.toPlainText()
    assert "1 response carries over; 1 rating is cleared; 1 response is dropped." in text
    assert "1.2 Two: was “Established”" in text
    assert "2.1 Three: rated “Not applicable”; evidence notes “Not our service”" in text
    assert "1.3 Four (First)" in text and "Renamed from “One”." in text
    assert dialog.move_button.text() == "&Move to version 1.1"
    shots = os.environ.get("RRT_SCREENSHOTS")
    if shots:
        dialog.grab().save(str(Path(shots) / "move_version_dialog.png"))
        window.grab().save(str(Path(shots) / "move_version_editor.png"))
    assert _version(workbook_path) == "1.0"  # nothing happens before the user confirms

    qtbot.keyClick(dialog.version_combo, Qt.Key.Key_Return)  # the default button: Move
    assert editor.move_version.dialog is None
    assert _version(workbook_path) == "1.1"
    assert not button.isEnabled()  # nothing newer now
    assert editor.data is not None and editor.data.framework.version == "1.1"

    window.window_actions.undo.trigger()
    assert _version(workbook_path) == "1.0"
    assert button.isEnabled()
    assert "2.1" in editor.data.responses


def test_no_newer_version_means_no_move(main_window, qtbot, workbook_path) -> None:
    _assessed(workbook_path)
    _window, editor = _editor(main_window, workbook_path)
    qtbot.wait(10)  # the frameworks are read once the screen has painted
    editor.move_version.update()
    assert not editor.move_version.button.isEnabled()
    editor.move_version.open_dialog()  # even if asked, nothing opens
    assert editor.move_version.dialog is None
