"""Accessibility helpers: every focusable widget gets an explicit accessible name."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QAbstractButton, QWidget

W = TypeVar("W", bound=QWidget)


def plain(text: str) -> str:
    """A label's text as a screen reader should say it: no mnemonic '&', no trailing '…'."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.removesuffix("…").strip()


def named(widget: W, name: str, description: str = "") -> W:
    """Set the accessible name (and optional description); returns the widget."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def name_buttons(root: QWidget) -> None:
    """Give unnamed buttons under `root` (e.g. a QDialogButtonBox's) their text as a name."""
    for button in root.findChildren(QAbstractButton):
        if not button.accessibleName() and button.text():
            button.setAccessibleName(plain(button.text()))
