"""Table model over the workbook's evidence files (plain rows, read in one session)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy.orm import Session

from app.ui.formatting import file_kind, format_date, format_date_time, format_size
from app.ui.row_table_model import RowTableModel
from app.workbook.evidence import list_evidence

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


class EvidenceTableModel(RowTableModel):
    headers = HEADERS
    right_aligned = frozenset({SIZE})

    def other_data(self, row: EvidenceRow, column: int, role: int) -> Any:
        if role == SORT_ROLE:
            return (row.name.casefold(), file_kind(row.name, row.media_type), row.size,
                    row.added_at.timestamp())[column]
        if role == ID_ROLE:
            return str(row.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == ADDED:
                return f"Added {format_date_time(row.added_at)}"
            return f"{row.name}\n{row.note}" if row.note else row.name
        return None

    def display(self, row: EvidenceRow, column: int) -> str:
        if column == NAME:
            return row.name
        if column == KIND:
            return file_kind(row.name, row.media_type)
        if column == SIZE:
            return format_size(row.size)
        return format_date(row.added_at)
