"""Table model over the workbook's actions (plain rows read in one session), and the
proxy that sorts it by any column and filters it by lead partner, status and overdue."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from app.plans.actions import ActionRow
from app.plans.fields import PRIORITIES, STATUSES
from app.plans.plan import Plan
from app.ui.row_table_model import RowTableModel

NUMBER, ACTION, LEAD, START, DUE, STATUS, PRIORITY, DEPENDS = range(8)
HEADERS = ("No.", "Delivery action", "Lead partner", "Start", "Due", "Status", "Priority",
           "Depends on")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_LAST = date.max.toordinal()  # undated actions sort after dated ones


def shown_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


class ActionsTableModel(RowTableModel):
    headers = HEADERS
    right_aligned = frozenset({NUMBER})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan = Plan()
        self._numbers: dict[uuid.UUID, int] = {}

    def set_plan(self, plan: Plan) -> None:
        self.plan = plan
        self._numbers = {row.id: n for n, row in enumerate(plan.actions, 1)}
        self.set_rows(plan.actions)

    def display(self, row: ActionRow, column: int) -> str:
        if column == NUMBER:
            return str(self._numbers.get(row.id, ""))
        if column == ACTION:
            return " ".join(row.action.split())
        if column == LEAD:
            return row.lead_partner
        if column in (START, DUE):
            return shown_date(row.start if column == START else row.due)
        if column == STATUS:
            return row.status_label
        if column == PRIORITY:
            return PRIORITIES.get(row.priority, row.priority)
        numbers = ", ".join(str(n) for n in self.plan.depends_on(row.id))
        # A warning sign where the dates do not fit the order; the tooltip says why.
        return f"⚠ {numbers}" if self.plan.warnings_for(row.id) else numbers

    def other_data(self, row: ActionRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == DEPENDS and self.plan.warnings_for(row.id):
                return "\n".join(self.plan.warnings_for(row.id))
            return row.action  # the whole text, however long
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        return None

    def _sort_key(self, row: ActionRow, column: int) -> Any:
        if column == NUMBER:
            return self._numbers.get(row.id, 0)
        if column in (START, DUE):
            value = row.start if column == START else row.due
            return value.toordinal() if value else _LAST
        if column == STATUS:
            return list(STATUSES).index(row.status) if row.status in STATUSES else 99
        if column == PRIORITY:
            return list(PRIORITIES).index(row.priority) if row.priority in PRIORITIES else 99
        return self.display(row, column).casefold()

    def row_of(self, action_id: object) -> int:
        for number, row in enumerate(self.rows()):
            if row.id == action_id:
                return number
        return -1


class ActionsFilter(QSortFilterProxyModel):
    """Which actions the table shows, and in what order (the plan's own order at first)."""

    def __init__(self, source: ActionsTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.lead: str | None = None
        self.status: str | None = None
        self.overdue_only = False
        self.today = date.today()

    def set_filter(self, *, lead: str | None, status: str | None, overdue_only: bool) -> None:
        self.beginFilterChange()
        self.lead, self.status, self.overdue_only = lead, status, overdue_only
        self.today = date.today()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        source = self.sourceModel()
        assert isinstance(source, ActionsTableModel)
        row: ActionRow = source.row_at(source_row)
        return ((self.lead is None or row.lead_partner == self.lead)
                and (self.status is None or row.status == self.status)
                and (not self.overdue_only or row.overdue(self.today)))
