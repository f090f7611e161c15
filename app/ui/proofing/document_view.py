"""The draft's text with each finding highlighted; the finding in hand is marked more
strongly and scrolled into view. Clicking in the text picks the finding under the cursor,
so the list and the text follow each other. The coverage tab uses the same view with
paragraphs marked instead of findings."""

from __future__ import annotations

import bisect
import uuid
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from app.proofing.records import FindingRow
from app.ui.a11y import named

# Light backgrounds that keep black text readable; the current finding is underlined too.
COLOURS = {"error": "#f8c9c4", "warning": "#fde7a6", "info": "#d4e6f8"}
CURRENT = "#f0a94a"
PARAGRAPH = "#d8ecd0"  # a paragraph that addresses the commitment in hand
Spans = tuple[tuple[int, int], ...]  # each paragraph's (start, end) in the text


def utf16_offsets(text: str) -> list[int] | None:
    """Qt counts UTF-16 units: where the text has characters beyond them, the unit offset
    of each character (None when every character is one unit, the usual case)."""
    if all(ord(ch) <= 0xFFFF for ch in text):
        return None
    offsets, position = [], 0
    for ch in text:
        offsets.append(position)
        position += 2 if ord(ch) > 0xFFFF else 1
    offsets.append(position)
    return offsets


class DocumentView(QPlainTextEdit):
    finding_clicked = Signal(object)  # the finding id under the cursor
    position_chosen = Signal(int)  # the character the user moved the cursor to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "Draft text", "The draft with each finding highlighted")
        self.setObjectName("draft_text")
        self.setReadOnly(True)
        self.setTabChangesFocus(True)
        self._findings: list[FindingRow] = []
        self._offsets: list[int] | None = None
        self._current: uuid.UUID | None = None
        self._spans: list[tuple[int, int]] = []  # marked paragraphs, in characters
        self._current_span = -1
        self._moving = False
        self.cursorPositionChanged.connect(self._on_cursor)

    def show_text(self, text: str, findings: Sequence[FindingRow]) -> None:
        self._offsets = utf16_offsets(text)
        self._spans, self._current_span = [], -1
        if self.toPlainText() != text:
            self._moving = True
            self.setPlainText(text)
            self._moving = False
        self._findings = list(findings)
        self._paint()

    def _unit(self, offset: int) -> int:
        return self._offsets[offset] if self._offsets else offset

    def _character(self, unit: int) -> int:
        if not self._offsets:
            return unit
        return max(bisect.bisect_right(self._offsets, unit) - 1, 0)

    def mark_spans(self, spans: Sequence[tuple[int, int]], current: int = -1) -> None:
        """Mark `spans` (paragraphs); select spans[current] and scroll to it."""
        self._spans = list(spans)
        self._current_span = current if 0 <= current < len(self._spans) else -1
        self._paint()
        if self._current_span < 0:
            return
        start, end = self._spans[self._current_span]
        cursor = self.textCursor()
        self._moving = True
        cursor.setPosition(self._unit(end))
        self.setTextCursor(cursor)
        self.centerCursor()  # centre on the paragraph's start, then select back to it
        cursor.setPosition(self._unit(start), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._moving = False

    def _paint(self) -> None:
        selections = []
        for number, (start, end) in enumerate(self._spans):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._unit(start))
            cursor.setPosition(self._unit(end), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(CURRENT if number == self._current_span else PARAGRAPH))
            fmt.setForeground(QColor("#000000"))
            selection.format = fmt  # type: ignore[attr-defined]
            selection.cursor = cursor  # type: ignore[attr-defined]
            selections.append(selection)
        for finding in self._findings:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._unit(finding.start))
            cursor.setPosition(self._unit(finding.end), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            current = finding.id == self._current
            fmt.setBackground(QColor(CURRENT if current else COLOURS.get(finding.severity,
                                                                         "#eeeeee")))
            fmt.setForeground(QColor("#000000"))
            if current:
                fmt.setFontUnderline(True)
            selection.format = fmt  # type: ignore[attr-defined]
            selection.cursor = cursor  # type: ignore[attr-defined]
            selections.append(selection)
        self.setExtraSelections(selections)

    def show_finding(self, finding: FindingRow | None) -> None:
        """Mark `finding` as the one in hand and scroll to it."""
        self._current = finding.id if finding else None
        self._paint()
        if finding is None:
            return
        cursor = self.textCursor()
        self._moving = True
        cursor.setPosition(self._unit(finding.start))
        self.setTextCursor(cursor)
        self.centerCursor()
        self._moving = False

    def _on_cursor(self) -> None:
        if self._moving:
            return
        position = self.textCursor().position()
        self.position_chosen.emit(self._character(position))
        for finding in self._findings:
            if self._unit(finding.start) <= position <= self._unit(finding.end):
                self.finding_clicked.emit(finding.id)
                return
