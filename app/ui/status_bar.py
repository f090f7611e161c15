"""The window's status bar: passing notes on the left, the saved state on the right, each
in its own space so a long note never runs into "All changes saved"."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QWidget

from app.ui.a11y import named


class NoteLabel(QLabel):
    """A one-line note, shortened with "…" to the room it has; the whole of it in a tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def set_note(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text or "No messages")
        self._elide()

    def note(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle,
                                                   max(0, self.width() - 4)))


class StatusBar(QStatusBar):
    """`showMessage` writes to a note beside, never over, the permanent widgets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note_label = NoteLabel(self)
        self.note_label.setObjectName("status_note")
        named(self.note_label, "No messages")
        self.addWidget(self.note_label, 1)
        self._clear = QTimer(self)
        self._clear.setSingleShot(True)
        self._clear.timeout.connect(lambda: self.note_label.set_note(""))

    def showMessage(self, text: str, timeout: int = 0) -> None:
        self.note_label.set_note(text)
        self._clear.stop()
        if timeout > 0:
            self._clear.start(timeout)

    def currentMessage(self) -> str:
        return self.note_label.note()

    def clearMessage(self) -> None:
        self.note_label.set_note("")
