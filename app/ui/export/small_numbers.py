"""The export dialog's "Small numbers" group: whether the export is for publication, and the
rule that hides or rounds small counts (with what the rule does, and a warning if none)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.reports.disclosure.control import DisclosurePreset
from app.reports.export.exporters import PUBLICATION_DEFAULT
from app.ui.a11y import named
from app.ui.export.form_parts import field_column, note_label
from app.ui.style import ERROR_COLOUR

PUBLISHED_UNPROTECTED = (
    "Small counts will be shown exactly. Before you publish or share this, check that no one "
    "can be identified from it."
)


class SmallNumbersChoice(QGroupBox):
    """Publication follows the rule to a safe default until the user picks a rule."""

    notes_changed = Signal()  # the notes under the rule changed: the dialog may need room

    def __init__(self, parent: QWidget) -> None:
        super().__init__("Small numbers", parent)
        self._rule_chosen = False  # once the user picks a rule, publication stops changing it
        self.publication_check = named(
            QCheckBox("Meant for p&ublication", self), "Meant for publication",
            "Hide counts small enough to identify a person")
        self.publication_check.setChecked(True)
        self.rule_combo = named(QComboBox(self), "Small-number rule",
                                "How small counts are hidden or rounded")
        for index, preset in enumerate(DisclosurePreset):
            self.rule_combo.addItem(preset.label, preset.value)
            # What the rule does and where it comes from, on hover over each choice.
            self.rule_combo.setItemData(index, preset.help_text, Qt.ItemDataRole.ToolTipRole)
        self.rule_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        rule_label = QLabel("Small-&number rule:", self)
        rule_label.setBuddy(self.rule_combo)
        self.rule_note = note_label(self)
        self.rule_warning = note_label(self)
        self.rule_warning.setObjectName("rule_warning")
        self.rule_warning.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.rule_warning.setText(PUBLISHED_UNPROTECTED)
        named(self.rule_combo.view(), "Small-number rules")

        layout = QVBoxLayout(self)
        layout.addWidget(self.publication_check)
        rule_form = QFormLayout()
        rule_form.addRow(rule_label,
                         field_column(self.rule_combo, self.rule_note, self.rule_warning))
        layout.addLayout(rule_form)

        self.publication_check.toggled.connect(self._publication_toggled)
        self.rule_combo.activated.connect(self._rule_picked)
        self.rule_combo.currentIndexChanged.connect(self._update_notes)
        self._publication_toggled(True)

    def suppression(self) -> DisclosurePreset:
        return DisclosurePreset(self.rule_combo.currentData())

    def for_publication(self) -> bool:
        return self.publication_check.isChecked()

    def _publication_toggled(self, checked: bool) -> None:
        if not self._rule_chosen:
            preset = PUBLICATION_DEFAULT if checked else DisclosurePreset.NONE
            self.rule_combo.setCurrentIndex(self.rule_combo.findData(preset.value))
        self._update_notes()

    def _rule_picked(self, _index: int) -> None:
        self._rule_chosen = True

    def _update_notes(self) -> None:
        preset = self.suppression()
        self.rule_note.setText(preset.help_text)
        self.rule_combo.setAccessibleDescription(preset.help_text)
        self.rule_combo.setToolTip(preset.help_text)
        self.rule_warning.setVisible(self.publication_check.isChecked()
                                     and not preset.suppresses)
        self.notes_changed.emit()
