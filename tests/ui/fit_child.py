"""Run in a child process with QT_SCALE_FACTOR set on a 1024×600 offscreen screen: opens
every dialog and the main window's screens and prints, as JSON, what does not fit.

Used by tests/ui/test_scaling.py; run it by hand to see the report:
    QT_QPA_PLATFORM=offscreen:configfile=... QT_SCALE_FACTOR=1.5 python -m tests.ui.fit_child
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QScrollArea,
    QWidget,
)


def _in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def problems(top: QWidget, name: str) -> list[str]:
    """What a user could not see or reach in `top` as it is now."""
    app = QApplication.instance()
    for _ in range(5):
        app.processEvents()
    found: list[str] = []
    available = top.screen().availableGeometry()
    frame = top.frameGeometry()
    if frame.width() > available.width() or frame.height() > available.height():
        found.append(f"{name}: {frame.width()}×{frame.height()} is larger than the screen's "
                     f"{available.width()}×{available.height()}")
    elif not available.contains(frame):
        found.append(f"{name}: placed partly off the screen at {frame}")
    inside = QRect(0, 0, top.width(), top.height())
    for button in top.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not top or _in_scroll_area(button, top):
            continue
        rect = QRect(button.mapTo(top, button.rect().topLeft()), button.size())
        if not inside.contains(rect):
            found.append(f"{name}: button “{button.text()}” is cut off or outside the window")
    for label in top.findChildren(QLabel):
        if not label.isVisible() or not label.text() or label.window() is not top:
            continue
        if _in_scroll_area(label, top):
            continue
        needed = (label.heightForWidth(label.width()) if label.wordWrap()
                  else label.sizeHint().height())
        if label.height() + 1 < needed:
            found.append(f"{name}: “{label.text()[:30]}” is {label.height()} high, needs {needed}")
        if not label.wordWrap() and label.width() + 1 < label.minimumSizeHint().width():
            found.append(f"{name}: “{label.text()[:30]}” is cut off at the side")
    return found


def main() -> int:
    from app.ui.app import make_application

    make_application()
    from app.evidence.operations import AttachEvidence
    from app.ui.actions import MenuContext
    from app.ui.dialogs.about_dialog import AboutDialog
    from app.ui.export.menu import open_export_dialog
    from app.ui.main_window import MainWindow
    from app.ui.worker import TaskRunner
    from app.workbook import Workbook
    from app.workbook.operations import run_operation

    folder = Path(tempfile.mkdtemp())
    path = folder / "Local plan.rrwb"
    Workbook.create(path, title="Local plan", organisation="Testshire CVS",
                    area="Testshire", owner="Sam").close()
    with Workbook.open(path) as workbook:
        run_operation(workbook, AttachEvidence("minutes.txt", b"Minutes"))

    found: list[str] = []
    window = MainWindow()
    window.show()
    found += problems(window, "Main window (welcome)")
    window.open_path(path)
    screen = window.workbook_screen
    assert screen is not None
    from app.ui.screens import sections

    for section in sections():
        screen.show_section(section.id)
        found += problems(window, f"Main window ({section.title})")
    screen.show_section("evidence")
    screen.editor("evidence").table.selectRow(0)  # with a file's description showing
    found += problems(window, "Main window (Evidence files, one chosen)")

    dialog = window.new_workbook()
    found += problems(dialog, "New workbook")
    dialog.reject()
    controller = open_export_dialog(MenuContext(window, window.settings, lambda: window.document))
    assert controller is not None and controller.dialog is not None
    found += problems(controller.dialog, "Export")
    controller.dialog.reject()
    from app.ui.assessments.rollup_menu import open_rollup_dialog

    rollup = open_rollup_dialog(MenuContext(window, window.settings, lambda: window.document))
    found += problems(rollup, "Roll up self-assessments")
    rollup.reject()
    window.show_about()
    about = window.findChild(AboutDialog)
    found += problems(about, "About")
    about.reject()
    from app.ui.dialogs.preferences_dialog import PreferencesDialog

    window.show_preferences()
    preferences = window.findChild(PreferencesDialog)
    found += problems(preferences, "Preferences")
    preferences.reject()
    window.show_user_guide()
    found += problems(window._guide, "User guide")
    window._guide.close()

    runner = TaskRunner(lambda progress, is_cancelled: None, parent=window, title="Exporting",
                        label="Writing “Local plan – Workbook summary – 30 November 2026"
                        ".docx”…", delay_ms=0)
    if runner.dialog is not None:
        runner.dialog.show()
        found += problems(runner.dialog, "Progress")
        runner.dialog.hide()
    window.close()
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
