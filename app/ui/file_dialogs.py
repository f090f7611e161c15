"""The file choosers the shell uses (Qt's static dialogs, so tests can stand in for them)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

SUFFIX = ".rrwb"
WORKBOOK_FILTER = "Workbooks (*.rrwb);;All files (*)"


def documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def choose_workbook(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Open Workbook", folder or documents_folder(), WORKBOOK_FILTER
    )
    return Path(name) if name else None


def choose_copy_destination(parent: QWidget, workbook: Path, folder: str) -> Path | None:
    start = Path(folder or workbook.parent) / f"{workbook.stem} (copy){SUFFIX}"
    name, _ = QFileDialog.getSaveFileName(parent, "Save a Copy", str(start), WORKBOOK_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == SUFFIX else path.with_name(path.name + SUFFIX)
