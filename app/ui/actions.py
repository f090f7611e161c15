"""The window's menus and actions, and the place where modules add more.

The shell connects the actions' `triggered` signals. Modules add entries through their
manifests (`MenuActionSpec(point, "app.ui.x:build")`); the shell's own features (the
export dialog) register a menu extension. Either is called when the menus are built:

    def add_export(menu: QMenu, context: MenuContext) -> None:
        action = menu.addAction("&Export…")
        context.needs_workbook(action)
        action.triggered.connect(lambda: ExportDialog(context.document(), ...).open())

    register_menu_extension("file.export", add_export)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from app.modules import load_target, modules
from app.ui.edit_actions import ClipboardActions

if TYPE_CHECKING:
    from app.settings import Settings
    from app.ui.document import OpenWorkbook

# Where extensions can add actions: "file.export" sits after Save a Copy… in File;
# "help" at the end of Help.
EXTENSION_POINTS = ("file.export", "help")


@dataclass
class MenuContext:
    """What a menu extension is given (never the main window itself)."""

    parent: QWidget
    settings: Settings
    document: Callable[[], OpenWorkbook | None]
    workbook_actions: list[QAction] = field(default_factory=list)

    def needs_workbook(self, action: QAction) -> QAction:
        """Enable `action` only while a workbook is open."""
        self.workbook_actions.append(action)
        action.setEnabled(self.document() is not None)
        return action


MenuExtension = Callable[[QMenu, MenuContext], None]
_extensions: dict[str, list[MenuExtension]] = {point: [] for point in EXTENSION_POINTS}


def register_menu_extension(point: str, build: MenuExtension) -> None:
    if point not in _extensions:
        raise ValueError(f"unknown menu extension point {point!r}")
    if build not in _extensions[point]:
        _extensions[point].append(build)


def _action(parent: QWidget, text: str, *shortcuts: QKeySequence | str | QKeySequence.StandardKey,
            tip: str = "") -> QAction:
    action = QAction(text, parent)
    keys = [key for s in shortcuts for key in (QKeySequence.keyBindings(s)
            if isinstance(s, QKeySequence.StandardKey) else [QKeySequence(s)])]
    if keys:
        action.setShortcuts(keys)
    if tip:
        action.setStatusTip(tip)
    return action


class Actions:
    """Every action of the main window, built once; menus are built from them."""

    def __init__(self, window: QMainWindow, undo_group: QUndoGroup) -> None:
        key = QKeySequence.StandardKey
        self.new = _action(window, "&New Workbook…", "Ctrl+N", tip="Start a new workbook file")
        self.open = _action(window, "&Open…", "Ctrl+O", tip="Open a workbook file")
        self.save_copy = _action(window, "Save a &Copy…", "Ctrl+Shift+S",
                                 tip="Write a complete copy of this workbook to share or keep")
        self.close = _action(window, "&Close Workbook", "Ctrl+W", tip="Close this workbook")
        self.quit = _action(window, "&Quit", "Ctrl+Q")
        self.undo = undo_group.createUndoAction(window, "&Undo")
        self.undo.setShortcuts(QKeySequence.keyBindings(key.Undo))
        self.redo = undo_group.createRedoAction(window, "&Redo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.preferences = _action(window, "&Preferences…", key.Preferences,
                                   tip="Choose how you are named in the change log")
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.clipboard = ClipboardActions(window)
        self.user_guide = _action(window, "User &Guide", "F1")
        self.about = _action(window, "&About")
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.setObjectName("recent_menu")
        # Enabled only while a workbook is open (extensions add theirs here too).
        self.workbook_actions: list[QAction] = [self.save_copy, self.close]
        # Shortcuts work even when the menu bar is hidden (e.g. in a full-screen mode).
        window.addActions([self.new, self.open, self.save_copy, self.close, self.quit,
                           self.undo, self.redo, *self.clipboard.actions(), self.user_guide])

    def build_menus(self, window: QMainWindow, context: MenuContext) -> None:
        context.workbook_actions = self.workbook_actions
        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new, self.open])
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.save_copy)
        self._extend("file.export", file_menu, context)
        file_menu.addSeparator()
        file_menu.addAction(self.close)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo, self.redo])
        edit_menu.addSeparator()
        edit_menu.addActions(self.clipboard.actions())
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.user_guide)
        help_menu.addSeparator()
        help_menu.addAction(self.about)
        self._extend("help", help_menu, context)

    @staticmethod
    def _extend(point: str, menu: QMenu, context: MenuContext) -> None:
        for build in _extensions[point]:
            build(menu, context)
        for module in modules():
            for spec in module.menu_actions:
                if spec.point == point:
                    load_target(spec.build)(menu, context)

    def set_workbook_open(self, is_open: bool) -> None:
        for action in self.workbook_actions:
            action.setEnabled(is_open)
