"""Table model over the workbook's change log, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy.orm import Session

from app.ui.formatting import format_date_time
from app.ui.row_table_model import RowTableModel
from app.workbook.changelog import recent_changes

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


class ChangeLogModel(RowTableModel):
    headers = HEADERS

    def display(self, row: ChangeRow, column: int) -> str:
        return (format_date_time(row.at), row.actor, row.summary)[column]

    def other_data(self, row: ChangeRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole of a cell cut with "…"
            return self.display(row, column)
        return None
