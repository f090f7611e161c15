"""Edits commit at once, show in the file, and undo/redo through the Edit menu."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.ui.navigator_model import COUNT_ROLE
from app.workbook import Workbook
from tests.ui.conftest import evidence_names, read_detail


def _details(window):
    window.workbook_screen.show_section("details")
    return window.workbook_screen.editor("details")


def _type_into(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def test_edit_the_title_by_keyboard_then_undo_and_redo(main_window, qtbot, workbook_path) -> None:
    window = main_window(workbook_path)
    title = _details(window).fields["title"]
    _type_into(qtbot, title, "Local plan 2027")
    assert read_detail(workbook_path, "title") == "Local plan"  # not until the edit is done
    qtbot.keyClick(title, Qt.Key.Key_Return)

    assert read_detail(workbook_path, "title") == "Local plan 2027"
    assert window.windowTitle() == "Local plan 2027 – Local plan.rrwb"
    assert window.saved_label.text().startswith("All changes saved · ")
    undo = window.window_actions.undo
    assert undo.isEnabled() and undo.text().replace("&", "") == "Undo Change title"

    # Ctrl+Z on the window, with focus still in the (unmodified) title field.
    assert title.hasFocus() or window.focusWidget() is title
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert read_detail(workbook_path, "title") == "Local plan"
    assert title.text() == "Local plan"
    assert window.windowTitle() == "Local plan – Local plan.rrwb"

    redo = window.window_actions.redo
    assert redo.text().replace("&", "") == "Redo Change title"
    redo.trigger()
    assert read_detail(workbook_path, "title") == "Local plan 2027"
    assert title.text() == "Local plan 2027"

    window.window_actions.undo.trigger()
    assert read_detail(workbook_path, "title") == "Local plan"


def test_ctrl_z_first_undoes_typing_in_a_field(main_window, qtbot, workbook_path) -> None:
    window = main_window(workbook_path)
    area = _details(window).fields["area"]
    _type_into(qtbot, area, "Newtown")
    qtbot.keyClick(area, Qt.Key.Key_Tab)  # leaving the field saves it
    assert read_detail(workbook_path, "area") == "Newtown"

    area.setFocus()
    qtbot.keyClicks(area, "shire")
    QTest.keyClick(area, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert area.text() == "Newtown"  # the field's own typing went first
    assert read_detail(workbook_path, "area") == "Newtown"
    QTest.keyClick(area, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert read_detail(workbook_path, "area") == "Testshire"  # then the saved change


def test_an_empty_title_is_refused_with_a_sentence(main_window, qtbot, workbook_path,
                                                   monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _p, _t, text, *a, **k: shown.append(text)))
    window = main_window(workbook_path)
    title = _details(window).fields["title"]
    _type_into(qtbot, title, "   ")
    qtbot.keyClick(title, Qt.Key.Key_Return)

    assert shown == ["A workbook needs a title. Type a short name for this piece of work."]
    assert title.text() == "Local plan"
    assert read_detail(workbook_path, "title") == "Local plan"
    assert window.document.undo_stack.count() == 0
    assert not window.window_actions.undo.isEnabled()


def test_spaces_alone_do_not_make_an_edit(main_window, qtbot, workbook_path) -> None:
    window = main_window(workbook_path)
    owner = _details(window).fields["owner"]
    owner.setFocus()
    owner.end(False)
    qtbot.keyClicks(owner, "  ")
    qtbot.keyClick(owner, Qt.Key.Key_Return)
    assert window.document.undo_stack.count() == 0
    assert owner.text() == "Sam"


def test_a_failing_command_is_not_kept(main_window, workbook_path, messages, monkeypatch) -> None:
    from app.basics import operations
    from app.basics.operations import UpdateDetail
    from app.workbook.errors import InvalidValue

    def refuse(*_args):
        raise InvalidValue("Organisation cannot be changed just now.")

    window = main_window(workbook_path)
    monkeypatch.setattr(operations, "update_field", refuse)
    document = window.document
    assert not document.perform(UpdateDetail("organisation", "X"))
    assert document.undo_stack.count() == 0
    assert messages.texts("warning") == ["Organisation cannot be changed just now."]


def _evidence(window):
    window.workbook_screen.show_section("evidence")
    return window.workbook_screen.editor("evidence")


def _a_file(tmp_path: Path, name: str = "Minutes.txt", text: str = "Board minutes") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_attach_evidence_then_undo_and_redo(main_window, qtbot, workbook_path, tmp_path,
                                            monkeypatch) -> None:
    minutes = _a_file(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(minutes)], "All files (*)"))
    window = main_window(workbook_path)
    editor = _evidence(window)
    assert editor.empty_label.isVisible()
    assert "No evidence files yet" in editor.empty_label.text()

    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert evidence_names(workbook_path) == ["Minutes.txt"]
    assert editor.table.isVisible() and editor.model.rowCount() == 1
    navigator = window.workbook_screen.navigator_model
    assert navigator.index(navigator.row_of("evidence"), 0).data(
        Qt.ItemDataRole.AccessibleTextRole) == "Evidence files, 1"
    assert window.window_actions.undo.text().replace("&", "") == "Undo Add evidence “Minutes.txt”"
    first_id = editor.model.row_at(0).id

    window.window_actions.undo.trigger()
    assert evidence_names(workbook_path) == []
    assert editor.empty_label.isVisible()
    window.window_actions.redo.trigger()
    assert evidence_names(workbook_path) == ["Minutes.txt"]
    assert editor.model.row_at(0).id == first_id  # the same record came back


def test_the_overview_is_kept_until_a_change(main_window, workbook_path, tmp_path) -> None:
    window = main_window(workbook_path)
    document = window.document
    navigator = window.workbook_screen.navigator_model
    row = navigator.row_of("evidence")
    first = document.overview()
    assert document.overview() is first  # read once, not on every redraw
    assert first.counts["evidence"] == 0 and navigator.index(row, 0).data(COUNT_ROLE) == 0

    assert _evidence(window).attach_paths([_a_file(tmp_path)])
    attached = document.overview()
    assert attached is not first
    assert attached.counts == {
        **first.counts, "evidence": 1, "changes": first.counts["changes"] + 1}
    assert navigator.index(row, 0).data(COUNT_ROLE) == 1

    window.window_actions.undo.trigger()
    assert document.overview().counts["evidence"] == 0
    assert navigator.index(row, 0).data(COUNT_ROLE) == 0


def test_attach_several_files_is_one_undo_step(main_window, workbook_path, tmp_path) -> None:
    window = main_window(workbook_path)
    editor = _evidence(window)
    files = [_a_file(tmp_path, f"Report {n}.txt", f"report {n}") for n in range(3)]
    assert editor.attach_paths(files)
    assert len(evidence_names(workbook_path)) == 3
    assert window.window_actions.undo.text().replace("&", "") == "Undo Add 3 evidence files"
    window.window_actions.undo.trigger()
    assert evidence_names(workbook_path) == []


def test_attaching_the_same_content_twice_says_so(main_window, workbook_path, tmp_path,
                                                  messages) -> None:
    window = main_window(workbook_path)
    editor = _evidence(window)
    assert editor.attach_paths([_a_file(tmp_path, "A.txt", "same")])
    assert not editor.attach_paths([_a_file(tmp_path, "B.txt", "same")])
    assert "already in the workbook as “A.txt”" in messages.texts("warning")[-1]
    assert window.document.undo_stack.count() == 1


def test_a_missing_file_is_reported_and_nothing_attached(main_window, workbook_path, tmp_path,
                                                         messages) -> None:
    window = main_window(workbook_path)
    assert not _evidence(window).attach_paths([tmp_path / "nope.pdf"])
    assert messages.texts("warning") == [f"There is no file at {tmp_path / 'nope.pdf'}."]
    assert window.document.undo_stack.count() == 0


def test_remove_evidence_with_delete_then_undo(main_window, qtbot, workbook_path,
                                               tmp_path) -> None:
    window = main_window(workbook_path)
    editor = _evidence(window)
    editor.attach_paths([_a_file(tmp_path, "Keep.txt", "k"), _a_file(tmp_path, "Go.txt", "g")])
    editor.table.setFocus()
    editor.table.selectRow(0)  # sorted by name: Go.txt first
    assert editor.remove_button.isEnabled()
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert evidence_names(workbook_path) == ["Keep.txt"]
    assert window.window_actions.undo.text().replace("&", "") == "Undo Remove evidence “Go.txt”"
    window.window_actions.undo.trigger()
    assert evidence_names(workbook_path) == ["Go.txt", "Keep.txt"]


def test_save_a_copy_of_an_evidence_file(main_window, workbook_path, tmp_path,
                                         monkeypatch) -> None:
    window = main_window(workbook_path)
    editor = _evidence(window)
    editor.attach_paths([_a_file(tmp_path, "Survey.txt", "212 replies")])
    editor.table.selectRow(0)
    target = tmp_path / "out" / "Survey copy.txt"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    editor.save_copy_button.click()
    assert target.read_text(encoding="utf-8") == "212 replies"


def test_save_a_copy_of_the_workbook(main_window, workbook_path, tmp_path, monkeypatch) -> None:
    window = main_window(workbook_path)
    target = tmp_path / "Shared copy"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.window_actions.save_copy.trigger()
    copy = tmp_path / "Shared copy.rrwb"
    assert read_detail(copy, "title") == "Local plan"
    assert "Saved a copy" in window.statusBar().currentMessage()


def test_closing_the_workbook_releases_it(main_window, workbook_path) -> None:
    window = main_window(workbook_path)
    window.window_actions.close.trigger()
    assert window.document is None
    assert window.pages.currentWidget() is window.welcome
    assert not window.window_actions.undo.isEnabled()
    Workbook.open(workbook_path).close()


def test_typing_not_yet_committed_is_saved_on_close(main_window, qtbot, workbook_path) -> None:
    window = main_window(workbook_path)
    organisation = _details(window).fields["organisation"]
    _type_into(qtbot, organisation, "Testshire Voluntary Action")
    window.window_actions.close.trigger()  # Ctrl+W with the field still being edited
    assert read_detail(workbook_path, "organisation") == "Testshire Voluntary Action"


def test_typing_in_one_field_survives_an_undo_of_another(main_window, qtbot,
                                                         workbook_path) -> None:
    window = main_window(workbook_path)
    details = _details(window)
    _type_into(qtbot, details.fields["area"], "Newtown")
    qtbot.keyClick(details.fields["area"], Qt.Key.Key_Return)
    _type_into(qtbot, details.fields["owner"], "Ali")
    window.document.undo_stack.undo()  # e.g. from the Edit menu
    assert details.fields["area"].text() == "Testshire"
    assert details.fields["owner"].text() == "Ali"


def test_dropping_files_on_the_evidence_list_attaches_them(main_window, workbook_path,
                                                           tmp_path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    window = main_window(workbook_path)
    editor = _evidence(window)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(_a_file(tmp_path, "Dropped.txt", "d")))])
    enter = QDragEnterEvent(editor.rect().center(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    editor.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(editor.rect().center()), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    editor.dropEvent(drop)
    assert evidence_names(workbook_path) == ["Dropped.txt"]


def test_an_undo_that_fails_is_reported_and_dropped(main_window, qtbot, workbook_path, tmp_path,
                                                    messages) -> None:
    from app.workbook.evidence import remove_evidence

    window = main_window(workbook_path)
    editor = _evidence(window)
    editor.attach_paths([_a_file(tmp_path)])
    document = window.document
    with document.session() as session:  # changed behind the undo stack's back
        remove_evidence(session, editor.model.row_at(0).id)
    window.window_actions.undo.trigger()
    qtbot.waitUntil(lambda: bool(messages.texts("warning")))
    assert messages.texts("warning") == ["That evidence file is no longer in the workbook."]
    assert document.undo_stack.count() == 0  # no step left that cannot be done
