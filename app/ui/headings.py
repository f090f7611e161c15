"""Large bold labels used as screen and dialog headings."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget


def heading_label(text: str, parent: QWidget, scale: float = 1.4) -> QLabel:
    """A bold label `scale` times the normal text size (so it follows the user's font)."""
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label
