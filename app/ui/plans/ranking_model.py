"""The options × participants ranking matrix, with the live aggregate beside it.

Rows are options; a column per participant holds that participant's rank of each option
(1 first, equal numbers tie, blank unranked) and is edited in place; the last two
columns are the Borda count and the mean rank, recomputed on every change.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer

from app.plans.appraisal.aggregate import Aggregate, number
from app.plans.appraisal.store import AppraisalData

Index = QModelIndex | QPersistentModelIndex
# Called with (participant, option, rank or None): performs the edit.
Commit = Callable[[uuid.UUID, uuid.UUID, int | None], bool]
_AGGREGATE = ("Borda count", "Mean rank")


class RankingModel(QAbstractTableModel):
    def __init__(self, commit: Commit, parent: Any = None) -> None:
        super().__init__(parent)
        self._commit = commit
        self.data_: AppraisalData | None = None
        self.result: Aggregate | None = None
        self._ranks: dict[tuple[uuid.UUID, uuid.UUID], int] = {}
        self.read_only = False

    def set_appraisal(self, data: AppraisalData | None) -> None:
        self.beginResetModel()
        self.data_ = data
        self.result = data.aggregate() if data else None
        self._ranks = {(p, o): r for p, o, r in data.ranks} if data else {}
        self.endResetModel()

    @property
    def participants(self) -> int:
        return len(self.data_.participants) if self.data_ else 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.data_ is None else len(self.data_.options)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.data_ is None else self.participants + 2

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.data_ is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return f"{section + 1}. {self.data_.options[section].title}"
        if section < self.participants:
            return self.data_.participants[section].name
        return _AGGREGATE[section - self.participants]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() < self.participants and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.data_ is None or not index.isValid():
            return None
        option = self.data_.options[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                        Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column < self.participants:
            person = self.data_.participants[column]
            rank = self._ranks.get((person.id, option.id))
            if role == Qt.ItemDataRole.ToolTipRole:
                placed = f"ranked {rank}" if rank else "not ranked"
                return f"{person.name}: “{option.title}” {placed}"
            if role == Qt.ItemDataRole.AccessibleTextRole and rank is None:
                return "not ranked"
            return "" if rank is None else str(rank)
        assert self.result is not None
        score = self.result.score_of(option.id)
        if column == self.participants:
            return number(score.borda)
        return "" if score.mean_rank is None else number(score.mean_rank)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self.data_ is None or role != Qt.ItemDataRole.EditRole \
                or index.column() >= self.participants:
            return False
        text = str(value).strip()
        rank = int(text) if text.isdigit() else None if not text else -1  # -1: refused below
        person = self.data_.participants[index.column()]
        option = self.data_.options[index.row()]
        if self._ranks.get((person.id, option.id)) == rank:
            return False
        # After the cell's editor has closed: the edit redraws (resets) this model.
        QTimer.singleShot(0, lambda: self._commit(person.id, option.id, rank))
        return True
