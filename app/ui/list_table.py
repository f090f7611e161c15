"""The one way a workbook screen shows a list of rows: a read-only table view.

Every list (evidence files, changes, actions, and the modules' lists to come) selects
whole rows, is edited elsewhere (never in the cell), lets Tab leave the table rather than
walk its cells, stripes its rows, and gives one column the spare width.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.ui.a11y import named


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
