"""The file choosers the export dialog uses (Qt's static dialogs, so tests can stand in)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from app.reports.export.exporters import Exporter

TEMPLATE_FILTER = "Word documents and templates (*.docx *.dotx);;All files (*)"


def choose_export_file(parent: QWidget, start: Path, exporter: Exporter) -> Path | None:
    """Where to save the export; the dialog asks before replacing, so Qt does not."""
    pattern = f"*{exporter.file_suffix}"
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export As", str(start), f"{exporter.label} ({pattern});;All files (*)",
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return Path(name) if name else None


def choose_template(parent: QWidget, start: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Choose a Word Template", start,
                                          TEMPLATE_FILTER)
    return Path(name) if name else None
