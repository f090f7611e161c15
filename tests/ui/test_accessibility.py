"""Every focusable widget on every screen and dialog has an accessible name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.ui.dialogs.about_dialog import AboutDialog
from app.ui.dialogs.new_workbook_dialog import NewWorkbookDialog
from app.ui.dialogs.user_guide import UserGuideDialog
from app.ui.screens import sections
from app.ui.worker import TaskRunner


def unnamed_focusable(root: QWidget) -> list[str]:
    """Focusable widgets (visible or not) under `root` without an accessible name."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not widget.accessibleName():
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} "
                            f"text={getattr(widget, 'text', lambda: '')()!r}")
    return problems


def test_welcome_screen(main_window, workbook_path) -> None:
    window = main_window()
    assert unnamed_focusable(window) == []
    window.open_path(workbook_path)
    window.close_workbook()  # with a recent file listed
    assert unnamed_focusable(window.welcome) == []


def test_workbook_screen_with_every_section(main_window, qtbot) -> None:
    window = main_window()
    window.open_sample()
    screen = window.workbook_screen
    for section in sections():
        screen.show_section(section.id)
        assert screen.current_section_id() == section.id
        assert unnamed_focusable(window) == [], section.id


def test_read_only_workbook_screen(main_window, workbook_path) -> None:
    window = main_window(workbook_path, read_only=True)
    for section in sections():
        window.workbook_screen.show_section(section.id)
    assert unnamed_focusable(window) == []


def test_dialogs(qtbot) -> None:
    for dialog in (NewWorkbookDialog(), AboutDialog(), UserGuideDialog()):
        qtbot.addWidget(dialog)
        assert unnamed_focusable(dialog) == [], type(dialog).__name__


def test_progress_dialog(qtbot) -> None:
    runner = TaskRunner(lambda progress, cancelled: None, title="Exporting")
    assert runner.dialog is not None
    qtbot.addWidget(runner.dialog)
    assert unnamed_focusable(runner.dialog) == []


def test_labels_for_fields_have_buddies(qtbot, main_window, workbook_path) -> None:
    from PySide6.QtWidgets import QLabel

    window = main_window(workbook_path)
    details = window.workbook_screen.editor("details")
    buddies = {label.buddy() for label in details.findChildren(QLabel) if label.buddy()}
    assert set(details.fields.values()) <= buddies
    dialog = NewWorkbookDialog()
    qtbot.addWidget(dialog)
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()}
    assert {dialog.title_edit, dialog.organisation_edit, dialog.area_edit, dialog.owner_edit,
            dialog.folder_edit} <= buddies


def test_the_check_itself_finds_an_unnamed_widget(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    QVBoxLayout(root).addWidget(QLineEdit(root))
    assert len(unnamed_focusable(root)) == 1
