"""For tab pages that build their widgets the first time they are shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def show_built(page: QWidget) -> None:
    """Show the widgets just made in `page`: a child added to a widget already on screen
    stays hidden until shown (a layout would show it only on a later turn of the loop)."""
    for child in page.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if not child.isWindow():
            child.show()
