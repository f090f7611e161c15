"""The workbook's change log: who changed what, and when (read-only)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.editors.change_log_model import (
    CHANGE_LIMIT,
    WHAT,
    ChangeLogModel,
    load_change_rows,
)
from app.ui.editors.empty_state import EmptyState
from app.ui.formatting import format_date_time
from app.ui.list_table import row_table
from app.ui.screens import ScreenContext
from app.workbook.operations import CHANGE_LOG

EMPTY_TEXT = (
    "No changes recorded yet — every change you make to this workbook is listed here, "
    "with who made it and when."
)


class ChangeLogView(QWidget):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.model = ChangeLogModel(self)
        self.table = row_table(self, self.model, name="Change log",
                               object_name="change_log_table", stretch_column=WHAT)

        self.empty_state = EmptyState(EMPTY_TEXT, self)
        self.empty_label = self.empty_state.label
        self.limit_label = QLabel(f"Showing the latest {CHANGE_LIMIT} changes.", self)
        # A long change is cut with "…" in its row: the chosen one is shown whole here.
        self.details = QLabel(self)
        self.details.setObjectName("change_details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        self.details.setMargin(6)
        self.details.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Maximum)
        named(self.details, "Chosen change")
        self._pages = QStackedWidget(self)
        self._pages.addWidget(self.empty_state)
        self._pages.addWidget(self.table)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._pages, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.limit_label)
        self.setFocusProxy(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        document.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self._document.read(load_change_rows))
        rows = self.model.rowCount()
        self._pages.setCurrentWidget(self.table if rows else self.empty_state)
        self.limit_label.setVisible(rows >= CHANGE_LIMIT)
        if rows and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, WHAT))
        self._show_details()

    def _show_details(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.details.hide()
            return
        row = self.model.row_at(index.row())
        self.details.setText(f"{format_date_time(row.at)} · {row.actor}\n{row.summary}")
        self.details.show()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if CHANGE_LOG in topics:
            self.refresh()


def create_editor(context: ScreenContext) -> ChangeLogView:
    return ChangeLogView(context.document, context.parent)
