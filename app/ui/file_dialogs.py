"""The file choosers the shell uses (Qt's static dialogs, so tests can stand in for them)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from app.settings import proposed_folder

SUFFIX = ".rrwb"
WORKBOOK_FILTER = "Workbooks (*.rrwb);;All files (*)"


def choose_workbook(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Open Workbook", str(proposed_folder(folder)), WORKBOOK_FILTER
    )
    return Path(name) if name else None


def choose_copy_destination(parent: QWidget, workbook: Path, folder: str) -> Path | None:
    # The sample lives in the app's own folder: its copy goes somewhere the user can find.
    start = proposed_folder(folder, workbook.parent) / f"{workbook.stem} (copy){SUFFIX}"
    name, _ = QFileDialog.getSaveFileName(parent, "Save a Copy", str(start), WORKBOOK_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == SUFFIX else path.with_name(path.name + SUFFIX)
