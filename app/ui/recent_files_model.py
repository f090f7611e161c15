"""List model over the recent workbook paths kept in the settings."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

Index = QModelIndex | QPersistentModelIndex

PATH_ROLE = Qt.ItemDataRole.UserRole
AVAILABLE_ROLE = Qt.ItemDataRole.UserRole + 1
FOLDER_ROLE = Qt.ItemDataRole.UserRole + 2


class RecentFilesModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[tuple[Path, bool]] = []

    def set_paths(self, paths: Sequence[str | Path]) -> None:
        """Show these paths, checking now which of them still exist."""
        self.beginResetModel()
        self._entries = [(Path(p), Path(p).is_file()) for p in paths]
        self.endResetModel()

    def path(self, row: int) -> Path:
        return self._entries[row][0]

    def is_available(self, row: int) -> bool:
        return self._entries[row][1]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        path, available = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            name = path.stem if path.suffix.lower() == ".rrwb" else path.name
            return name if available else f"{name} (unavailable)"
        if role == FOLDER_ROLE:
            return str(path.parent)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = "" if available else ", unavailable"
            return f"{path.name}{state}, in {path.parent}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if available:
                return str(path)
            return f"{path} is no longer there. Press Delete to remove it from the list."
        if role == Qt.ItemDataRole.ForegroundRole and not available:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == PATH_ROLE:
            return str(path)
        if role == AVAILABLE_ROLE:
            return available
        return None
