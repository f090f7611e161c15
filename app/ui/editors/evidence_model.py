"""Table model over the workbook's evidence files (plain rows, read in one session)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from sqlalchemy.orm import Session

from app.ui.formatting import file_kind, format_date, format_date_time, format_size
from app.workbook.evidence import list_evidence

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME, KIND, SIZE, ADDED = range(4)
HEADERS = ("Name", "Type", "Size", "Added")


@dataclass(frozen=True)
class EvidenceRow:
    id: uuid.UUID
    name: str
    media_type: str
    size: int
    added_at: datetime
    note: str
    sha256: str


def load_evidence_rows(session: Session) -> list[EvidenceRow]:
    return [
        EvidenceRow(e.id, e.name, e.media_type, e.size, e.added_at, e.note, e.sha256)
        for e in list_evidence(session)
    ]


class EvidenceTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[EvidenceRow] = []

    def set_rows(self, rows: list[EvidenceRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> EvidenceRow:
        return self._rows[row]

    def rows(self) -> list[EvidenceRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section == SIZE:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == SORT_ROLE:
            return (row.name.casefold(), file_kind(row.name, row.media_type), row.size,
                    row.added_at.timestamp())[column]
        if role == ID_ROLE:
            return str(row.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == ADDED:
                return f"Added {format_date_time(row.added_at)}"
            return f"{row.name}\n{row.note}" if row.note else row.name
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(row: EvidenceRow, column: int) -> str:
        if column == NAME:
            return row.name
        if column == KIND:
            return file_kind(row.name, row.media_type)
        if column == SIZE:
            return format_size(row.size)
        return format_date(row.added_at)
