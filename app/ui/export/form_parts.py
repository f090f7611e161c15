"""Building blocks the export dialog's rows share: a wrapped note, a field with its notes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLayout, QVBoxLayout, QWidget


def note_label(parent: QWidget) -> QLabel:
    """A word-wrapped line of plain text under or beside a field."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def field_column(*items: QWidget | QLayout) -> QVBoxLayout:
    """A field with its notes underneath, held close together."""
    column = QVBoxLayout()
    column.setSpacing(4)
    for item in items:
        if isinstance(item, QLayout):
            column.addLayout(item)
        else:
            column.addWidget(item)
    return column
