"""Text that is too long is said to be, never cut: a sentence under the field instead of
a silent `maxLength` that drops the end of a pasted title mid-word."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from app.ui.style import error_label


class LengthNote(QObject):
    """Watches `edit`; `label` shows a sentence while its text is longer than `limit`."""

    changed = Signal(bool)  # too long now?

    def __init__(self, edit: QLineEdit, name: str, limit: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.edit = edit
        self._name = name
        self._limit = limit
        self._description = edit.accessibleDescription()
        self.label: QLabel = error_label(parent)
        self.label.setObjectName(f"{edit.objectName() or name.lower()}_length_note")
        edit.textChanged.connect(self._update)
        self._update()

    def too_long(self) -> bool:
        return len(self.edit.text().strip()) > self._limit

    def sentence(self) -> str:
        length = len(self.edit.text().strip())
        return (f"{self._name} is {length:,} characters long. Shorten it to {self._limit:,} "
                "or fewer.")

    def _update(self) -> None:
        too_long = self.too_long()
        self.label.setText(self.sentence() if too_long else "")
        self.label.setVisible(too_long)
        # A screen reader hears the problem with the field, not only under it.
        self.edit.setAccessibleDescription(self.sentence() if too_long else self._description)
        self.changed.emit(too_long)
