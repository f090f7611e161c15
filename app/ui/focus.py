"""Keyboard focus helpers shared by the screens: what can take focus, and where it goes.

A screen moves focus with these rather than with `setFocus()` on a fixed widget, because
the widget it had in mind may be hidden (an empty list shows its empty state instead) or
disabled (a read-only workbook), and focus set on such a widget goes nowhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def takes_tab_focus(widget: QWidget) -> bool:
    """True when Tab could land on `widget` as it is now."""
    return (widget.isVisible() and widget.isEnabled()
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            and widget.focusProxy() is None)


def focus_chain(root: QWidget) -> list[QWidget]:
    """The controls inside `root` that Tab can reach, in its focus-chain order."""
    chain: list[QWidget] = []
    widget = root.nextInFocusChain()
    seen = {root}
    while widget is not None and widget not in seen:
        seen.add(widget)
        if root.isAncestorOf(widget) and takes_tab_focus(widget):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def focus_target(root: QWidget) -> QWidget | None:
    """Where focus should go when `root` is asked for it: its focus proxy (followed to the
    end) when that can take focus, else the first control in its chain."""
    proxy = root
    while proxy.focusProxy() is not None:
        proxy = proxy.focusProxy()
    if proxy is not root and takes_tab_focus(proxy):
        return proxy
    if takes_tab_focus(root):
        return root
    chain = focus_chain(root)
    return chain[0] if chain else None


def give_focus(root: QWidget, reason: Qt.FocusReason = Qt.FocusReason.OtherFocusReason
               ) -> bool:
    """Focus the control `root` stands for; False (focus unchanged) when it has none."""
    target = focus_target(root)
    if target is None:
        return False
    target.setFocus(reason)
    return True
