"""List model for the navigator: one row per registered section, with its count."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from app.ui.screens import Section

Index = QModelIndex | QPersistentModelIndex

SECTION_ID_ROLE = Qt.ItemDataRole.UserRole
COUNT_ROLE = Qt.ItemDataRole.UserRole + 1


class NavigatorModel(QAbstractListModel):
    def __init__(self, sections: Sequence[Section], parent: Any = None) -> None:
        super().__init__(parent)
        self._sections = list(sections)
        self._counts: dict[str, int] = {}

    def section(self, row: int) -> Section:
        return self._sections[row]

    def row_of(self, section_id: str) -> int:
        for row, section in enumerate(self._sections):
            if section.id == section_id:
                return row
        return -1

    def set_count(self, section_id: str, count: int) -> None:
        if self._counts.get(section_id) == count:
            return
        self._counts[section_id] = count
        row = self.row_of(section_id)
        if row >= 0:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._sections)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._sections):
            return None
        section = self._sections[index.row()]
        count = self._counts.get(section.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return section.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return section.title if count is None else f"{section.title}, {count}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return section.description
        if role == SECTION_ID_ROLE:
            return section.id
        if role == COUNT_ROLE:
            return count
        return None
