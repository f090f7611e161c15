"""Table model over the workbook's actions (plain rows read in one session)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.plans.actions import ActionRow
from app.plans.fields import PRIORITIES
from app.ui.row_table_model import RowTableModel

NUMBER, ACTION, LEAD, DUE, STATUS, PRIORITY = range(6)
HEADERS = ("No.", "Delivery action", "Lead partner", "Due", "Status", "Priority")


class ActionsTableModel(RowTableModel):
    headers = HEADERS
    right_aligned = frozenset({NUMBER})

    def display(self, row: ActionRow, column: int) -> str:
        if column == NUMBER:
            return str(self.rows().index(row) + 1)
        if column == ACTION:
            return " ".join(row.action.split())
        if column == LEAD:
            return row.lead_partner
        if column == DUE:
            return row.due.strftime("%d/%m/%Y") if row.due else ""
        if column == STATUS:
            return row.status_label
        return PRIORITIES.get(row.priority, row.priority)

    def other_data(self, row: ActionRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.action  # the whole text, however long
        return None

    def row_of(self, action_id: object) -> int:
        for number, row in enumerate(self.rows()):
            if row.id == action_id:
                return number
        return -1
