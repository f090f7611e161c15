"""The export dialog's format group: one radio button per exporter, each with what it makes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QLabel,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.reports.export.exporters import EXPORTERS, Exporter, ExportFormat
from app.ui.a11y import named
from app.ui.export.form_parts import note_label
from app.ui.export.mnemonics import with_mnemonic

# The letter each format's radio button is reached by (Alt+letter); unique in the dialog.
_MNEMONICS = {
    ExportFormat.DOCX: "W",
    ExportFormat.PDF: "P",
    ExportFormat.ACCESSIBLE_PDF: "t",
    ExportFormat.XLSX: "x",
}
NEEDS_LIBREOFFICE = (
    "Not available: this needs LibreOffice, which is not installed on this computer. "
    "Install it free from libreoffice.org, then open this dialog again."
)


class FormatChoice(QGroupBox):
    """The formats, an unavailable one greyed out with the reason under it."""

    chosen = Signal()  # another format was picked

    def __init__(self, parent: QWidget) -> None:
        super().__init__("Format", parent)
        self.buttons: dict[ExportFormat, QRadioButton] = {}
        self.notes: dict[ExportFormat, QLabel] = {}
        self._ids = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        for number, (fmt, exporter) in enumerate(EXPORTERS.items()):
            self._add(number, fmt, exporter, layout)
        self._ids.idToggled.connect(self._toggled)

    def _add(self, number: int, fmt: ExportFormat, exporter: Exporter,
             layout: QVBoxLayout) -> None:
        available = exporter.available()
        description = exporter.description if available else NEEDS_LIBREOFFICE
        button = QRadioButton(with_mnemonic(exporter.label, _MNEMONICS.get(fmt, "")), self)
        named(button, exporter.label, description)
        button.setEnabled(available)
        button.setToolTip(description)
        note = note_label(self)
        note.setText(description)
        style = button.style()
        indent = (style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, None, button)
                  + style.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing, None,
                                      button))
        note.setContentsMargins(indent, 0, 0, 6)
        button.installEventFilter(self)
        self._ids.addButton(button, number)
        self.buttons[fmt] = button
        self.notes[fmt] = note
        layout.addWidget(button)
        layout.addWidget(note)

    def current(self) -> ExportFormat:
        for fmt, button in self.buttons.items():
            if button.isChecked():
                return fmt
        return ExportFormat.DOCX

    def select(self, fmt: ExportFormat) -> None:
        """Check `fmt`, or Word when `fmt` cannot be made on this computer."""
        button = self.buttons.get(fmt)
        if button is None or not button.isEnabled():
            button = self.buttons[ExportFormat.DOCX]
        button.setChecked(True)

    def _toggled(self, _number: int, checked: bool) -> None:
        if checked:
            self.chosen.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tabbing into the formats lands on the chosen one, as in any radio group."""
        if (event.type() == QEvent.Type.FocusIn and watched in self.buttons.values()
                and isinstance(event, QFocusEvent)
                and event.reason() in (Qt.FocusReason.TabFocusReason,
                                       Qt.FocusReason.BacktabFocusReason)):
            chosen = self.buttons[self.current()]
            if chosen is not watched and chosen.isEnabled():
                chosen.setFocus(event.reason())
                return True
        return super().eventFilter(watched, event)
