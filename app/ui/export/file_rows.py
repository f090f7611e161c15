"""The export dialog's file rows: where to save (with the format's suffix kept right) and
which Word template to export on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLineEdit, QPushButton, QWidget

from app.reports.export.exporters import EXPORTERS, ExportFormat
from app.ui.a11y import named
from app.ui.export.form_parts import field_column, note_label

_EXPORT_SUFFIXES = {exporter.file_suffix for exporter in EXPORTERS.values()}
TEMPLATE_HINT = "Leave empty to use the built-in template."
NO_TEMPLATE_HINT = "Only Word documents and accessible PDFs use a template."


def with_export_suffix(path: Path, fmt: ExportFormat) -> Path:
    """`path` ending in the format's suffix: another export suffix is swapped, others kept."""
    suffix = EXPORTERS[fmt].file_suffix
    current = path.suffix.lower()
    if current == suffix:
        return path
    if current in _EXPORT_SUFFIXES:
        return path.with_suffix(suffix)
    return path.with_name(path.name + suffix)


class DestinationRow:
    """"Save as": the file's path, typed or chosen."""

    def __init__(self, parent: QWidget) -> None:
        self.edit = named(QLineEdit(parent), "Save as",
                          "The file to write; its name ends in the format's suffix")
        self.button = named(QPushButton("C&hoose…", parent), "Choose file",
                            "Pick the folder and name of the exported file")
        self.label = QLabel("Save &as:", parent)
        self.label.setBuddy(self.edit)

    def layout(self) -> QLayout:
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        return row


class TemplateRow:
    """"Word template": a user's document to export on, for the formats that use one."""

    def __init__(self, parent: QWidget) -> None:
        self.edit = named(QLineEdit(parent), "Word template",
                          "A Word document or template whose styles, headers and "
                          "footers the export uses; empty for the built-in one")
        self.edit.setPlaceholderText("Built-in template")
        self.button = named(QPushButton("Choo&se…", parent), "Choose template",
                            "Pick a Word document or template to export on")
        self.clear = named(QPushButton("C&lear", parent), "Clear template",
                           "Use the built-in template")
        self.note = note_label(parent)
        self.label = QLabel("Word te&mplate:", parent)
        self.label.setBuddy(self.edit)
        self.clear.clicked.connect(self.edit.clear)

    def layout(self) -> QLayout:
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        row.addWidget(self.clear)
        return field_column(row, self.note)

    def set_supported(self, supported: bool) -> None:
        """Usable only for a format that takes a template (and not while exporting)."""
        for widget in (self.edit, self.button):
            widget.setEnabled(supported)
        self.clear.setEnabled(supported and bool(self.edit.text()))
        self.note.setText(TEMPLATE_HINT if supported else NO_TEMPLATE_HINT)
