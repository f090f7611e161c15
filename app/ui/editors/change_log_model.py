"""Table model over the workbook's change log, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from sqlalchemy.orm import Session

from app.ui.formatting import format_date_time
from app.workbook.changelog import recent_changes

Index = QModelIndex | QPersistentModelIndex

CHANGE_LIMIT = 500
WHEN, WHO, WHAT = range(3)
HEADERS = ("When", "Who", "What changed")


@dataclass(frozen=True)
class ChangeRow:
    at: datetime
    actor: str
    summary: str


def load_change_rows(session: Session, limit: int = CHANGE_LIMIT) -> list[ChangeRow]:
    return [ChangeRow(c.at, c.actor, c.summary) for c in recent_changes(session, limit)]


class ChangeLogModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ChangeRow] = []

    def set_rows(self, rows: list[ChangeRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (format_date_time(row.at), row.actor, row.summary)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == WHAT:
            return row.summary
        return None
