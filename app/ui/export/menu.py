"""The File › Export… action (Ctrl+E), enabled only while a workbook is open."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from app.ui.actions import MenuContext, register_menu_extension

if TYPE_CHECKING:
    from app.ui.export.export_controller import ExportController

ACTION_NAME = "export_action"
STATUS_TIMEOUT_MS = 15000


def add_export_action(menu: QMenu, context: MenuContext) -> None:
    action = menu.addAction("&Export…")
    action.setObjectName(ACTION_NAME)
    action.setShortcut(QKeySequence("Ctrl+E"))
    action.setStatusTip("Export a report from this workbook as a Word document, PDF or "
                        "Excel workbook")
    context.parent.addAction(action)  # the shortcut works even with the menu bar hidden
    context.needs_workbook(action)
    action.triggered.connect(lambda: open_export_dialog(context))


def open_export_dialog(context: MenuContext) -> ExportController | None:
    """Show the export dialog for the open workbook; None when no workbook is open."""
    from app.ui.export.export_controller import ExportController

    document = context.document()
    if document is None:
        return None
    controller = ExportController(document, context.settings, context.parent,
                                  notify=_status_bar_note(context.parent))
    controller.open_dialog()
    return controller


def _status_bar_note(parent: QWidget) -> Callable[[str], None] | None:
    if isinstance(parent, QMainWindow):
        return lambda text: parent.statusBar().showMessage(text, STATUS_TIMEOUT_MS)
    return None


def install() -> None:
    """Add File › Export… to every main window built from now on (idempotent)."""
    register_menu_extension("file.export", add_export_action)
