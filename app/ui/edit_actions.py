"""Edit › Cut, Copy, Paste and Select All, acting on whichever field has focus.

The actions follow the focused widget: Cut needs selected text in an editable field, Copy
selected text anywhere, Paste an editable field and something on the clipboard, Select All
any text or a list that can select several rows. (A field handles its own shortcut keys
first, so the keys and the menu always agree.)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMetaObject, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

TextWidget = QLineEdit | QPlainTextEdit | QTextEdit


def _has_selection(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit):
        return widget.hasSelectedText()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.textCursor().hasSelection()
    return False


def _editable(widget: QWidget) -> bool:
    return isinstance(widget, TextWidget) and not widget.isReadOnly() and widget.isEnabled()


def _multi_select(widget: QWidget) -> bool:
    return isinstance(widget, QAbstractItemView) and widget.selectionMode() in (
        QAbstractItemView.SelectionMode.ExtendedSelection,
        QAbstractItemView.SelectionMode.MultiSelection)


class ClipboardActions(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._target: QWidget | None = None
        self._connections: list[QMetaObject.Connection] = []
        key = QKeySequence.StandardKey
        self.cut = self._make("Cu&t", key.Cut, "cut")
        self.copy = self._make("&Copy", key.Copy, "copy")
        self.paste = self._make("&Paste", key.Paste, "paste")
        self.select_all = self._make("Select &All", key.SelectAll, "selectAll")
        application = QApplication.instance()
        if isinstance(application, QApplication):
            application.focusChanged.connect(self._focus_changed)
            application.clipboard().dataChanged.connect(self.update)
        self.update()

    def actions(self) -> list[QAction]:
        return [self.cut, self.copy, self.paste, self.select_all]

    def _make(self, text: str, key: QKeySequence.StandardKey, method: str) -> QAction:
        action = QAction(text, self._window)
        action.setShortcuts(QKeySequence.keyBindings(key))
        action.triggered.connect(self._call(method))
        return action

    def _call(self, method: str) -> Callable[[], None]:
        def run() -> None:
            target = self._target
            if target is not None and hasattr(target, method):
                getattr(target, method)()
                self.update()
        return run

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # Focus moving to the menu bar or a menu keeps the field the menu acts on.
        if new is None or new.window() is not self._window:
            return
        for connection in self._connections:
            QObject.disconnect(connection)
        self._connections = []
        self._target = new
        if isinstance(new, TextWidget):
            self._connections += [new.selectionChanged.connect(self.update),
                                  new.textChanged.connect(self.update)]
        self.update()

    def update(self) -> None:
        target = self._target
        if target is not None:
            try:
                target.objectName()
            except RuntimeError:  # deleted since it last had focus
                target = self._target = None
        selected = target is not None and _has_selection(target)
        editable = target is not None and _editable(target)
        clipboard = QApplication.clipboard()
        self.cut.setEnabled(selected and editable)
        self.copy.setEnabled(selected)
        self.paste.setEnabled(editable and bool(clipboard.text()))
        self.select_all.setEnabled(target is not None and (
            isinstance(target, TextWidget) or _multi_select(target)))
