"""An editable table of counts by category, for an audit or a typed-in baseline.

One row per census category (grouped), each expanded local category under its parent,
and the "prefer not to say" / "not known" rows last, always shown so a count is never
silently dropped. Typing a number starts editing the count; Tab, Enter and the arrow keys
move from count to count, and Tab past the last row leaves the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.representation.classifications import Classification
from app.representation.statistics import Metrics
from app.representation.store import ExpandedCategory
from app.ui.a11y import named
from app.ui.representation.figures import interval, pct, ratio

Index = QModelIndex | QPersistentModelIndex
GROUP, CATEGORY, COUNT, SHARE, AREA, RATIO, INTERVAL, VERDICT = range(8)
HEADERS = ("Group", "Category", "Count", "Share", "Area share", "Ratio", "95% interval",
           "Verdict")
NOT_STATED = "Not stated"


@dataclass(frozen=True)
class CountLine:
    key: str
    group: str
    label: str


def count_lines(classification: Classification,
                expanded: list[ExpandedCategory] = ()) -> list[CountLine]:  # type: ignore[assignment]
    """The rows of a counts table: census categories, each followed by its local ones,
    then the not-stated categories."""
    lines = []
    for group, category in classification.categories():
        lines.append(CountLine(category.id, group.label, category.label))
        lines += [CountLine(e.key, group.label, f"{category.label}: {e.label} (local)")
                  for e in expanded if e.parent == category.id
                  and e.classification == classification.id]
    lines += [CountLine(c.id, NOT_STATED, c.label) for c in classification.not_stated]
    return lines


class CountsModel(QAbstractTableModel):
    """Counts by line; `on_edit(key, text)` decides what an edit does (None clears)."""

    def __init__(self, on_edit: Callable[[str, str | None], bool], *, with_metrics: bool,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._on_edit = on_edit
        self._columns = len(HEADERS) if with_metrics else COUNT + 1
        self.lines: list[CountLine] = []
        self.counts: dict[str, int] = {}
        self.metrics: dict[str, Metrics] = {}
        self.editable = True

    def set_lines(self, lines: list[CountLine], counts: dict[str, int],
                  metrics: dict[str, Metrics] | None = None) -> None:
        """Show new figures; the same rows are updated in place, so an open editor and the
        current cell survive an edit (only new rows reset the table)."""
        self.counts, self.metrics = dict(counts), dict(metrics or {})
        if lines == self.lines:
            if lines:
                self.dataChanged.emit(self.index(0, COUNT),
                                      self.index(len(lines) - 1, self._columns - 1))
            return
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def row_of(self, key: str) -> int:
        return next((i for i, line in enumerate(self.lines) if line.key == key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == COUNT and self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line, column = self.lines[index.row()], index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= COUNT and column != VERDICT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.EditRole and column == COUNT:
            count = self.counts.get(line.key)
            return "" if count is None else str(count)
        if role == Qt.ItemDataRole.ToolTipRole and column == GROUP:
            return line.group
        if role == Qt.ItemDataRole.ToolTipRole and column >= SHARE:
            found = self.metrics.get(line.key)
            return found.explanation if found else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if column == GROUP:
            # The group once, at its first row, so the table reads as groups (a screen
            # reader still hears it on every row).
            first = index.row() == 0 or self.lines[index.row() - 1].group != line.group
            return line.group if first or role == Qt.ItemDataRole.AccessibleTextRole else ""
        if column == CATEGORY:
            return line.label
        if column == COUNT:
            count = self.counts.get(line.key)
            return "" if count is None else f"{count:,}"
        found = self.metrics.get(line.key)
        if found is None:
            return ""
        if column == SHARE:
            return pct(found.share)
        if column == AREA:
            return pct(found.baseline_share)
        if column == RATIO:
            return ratio(found.ratio)
        if column == INTERVAL:
            return interval(found)
        return found.verdict.words

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != COUNT or not self.editable:
            return False
        text = str(value or "").strip()
        line = self.lines[index.row()]
        old = self.counts.get(line.key)
        if text == ("" if old is None else str(old)):
            return False
        return self._on_edit(line.key, text or None)


class CountsTable(QTableView):
    """The counts table's view: cells, not rows, and Tab walks the count column."""

    def __init__(self, model: CountsModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, name, "Type a number to set a count; Tab or the arrow keys move to the "
                          "next category; an empty count clears it.")
        self.setObjectName("counts_table")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in range(model.columnCount()):
            header.setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch if column == CATEGORY
                else QHeaderView.ResizeMode.ResizeToContents)
        # The groups' long names would crowd out the categories: they elide (with the
        # whole name as a tooltip), and the count keeps room for a large area's figure.
        metrics = self.fontMetrics()
        header.setSectionResizeMode(GROUP, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(GROUP, metrics.horizontalAdvance("Black, Black British, Black"))
        header.setSectionResizeMode(COUNT, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(COUNT, metrics.horizontalAdvance("00,000,000") + 16)
        model.modelReset.connect(self.go_to_first_count)

    def go_to_first_count(self) -> None:
        if self.model().rowCount():
            self.setCurrentIndex(self.model().index(0, COUNT))

    def focusInEvent(self, event: Any) -> None:
        super().focusInEvent(event)
        if not self.currentIndex().isValid():
            self.go_to_first_count()

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        # Tab and Shift+Tab go from count to count; past either end, focus leaves the table.
        current = self.currentIndex()
        if action in (QAbstractItemView.CursorAction.MoveNext,
                      QAbstractItemView.CursorAction.MovePrevious) and current.isValid():
            step = 1 if action == QAbstractItemView.CursorAction.MoveNext else -1
            row = current.row() + step
            if not 0 <= row < self.model().rowCount():
                return QModelIndex()
            return self.model().index(row, COUNT)
        return super().moveCursor(action, modifiers)
