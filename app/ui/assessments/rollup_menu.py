"""File › Roll Up Self-Assessments…: open whether or not a workbook is open, since a
coordinator rolls up workbooks sent in by others."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from app.ui.actions import MenuContext

ACTION_NAME = "rollup_action"


def add_rollup_action(menu: QMenu, context: MenuContext) -> None:
    action = menu.addAction("Roll &Up Self-Assessments…")
    action.setObjectName(ACTION_NAME)
    action.setStatusTip("Collate the self-assessments in many workbooks by area, and export "
                        "the result")
    action.triggered.connect(lambda: open_rollup_dialog(context))


def open_rollup_dialog(context: MenuContext) -> object:
    from PySide6.QtCore import Qt

    from app.ui.assessments.rollup_dialog import RollupDialog

    dialog = RollupDialog(context.settings, context.parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
