"""The one way a workbook screen shows a list of rows: a read-only table view.

Every list (evidence files, changes, actions, and the modules' lists to come) selects
whole rows, is edited elsewhere (never in the cell), lets Tab leave the table rather than
walk its cells, stripes its rows, and gives one column the spare width.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QStackedWidget,
    QTableView,
    QWidget,
)

from app.ui.a11y import named
from app.ui.editors.empty_state import EmptyState


def row_table(
    parent: QWidget,
    model: QAbstractItemModel,
    *,
    name: str,
    object_name: str,
    stretch_column: int,
    multiple: bool = False,
) -> QTableView:
    """A table over `model`: `name` is its accessible name; `stretch_column` takes the spare
    width and the other columns fit their contents."""
    table = named(QTableView(parent), name)
    table.setObjectName(object_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multiple
                           else QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column in range(model.columnCount()):
        header.setSectionResizeMode(
            column, QHeaderView.ResizeMode.Stretch if column == stretch_column
            else QHeaderView.ResizeMode.ResizeToContents)
    return table


class TableOrEmpty(QStackedWidget):
    """A list's table, or — while it has no rows — the empty state that says what the list
    is for and how to add the first item (the same frame, so the screen does not jump)."""

    def __init__(self, table: QTableView, empty_text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.table = table
        self.empty_state = EmptyState(empty_text, self)
        self.addWidget(self.empty_state)
        self.addWidget(table)

    def follow_rows(self) -> None:
        """Show the table when its model has rows, the empty state otherwise."""
        has_rows = self.table.model().rowCount() > 0
        self.setCurrentWidget(self.table if has_rows else self.empty_state)


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """A screen's action buttons, left-aligned in a row."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row
