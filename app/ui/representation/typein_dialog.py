"""Type in a baseline: an area's population by ethnic group, one count per category."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.representation.classifications import classifications, get_classification
from app.representation.store import BaselineRow, check_count
from app.representation.vocabulary import DEFAULT_CLASSIFICATION
from app.ui.a11y import name_buttons, named
from app.ui.representation.counts_table import CountsModel, CountsTable, count_lines
from app.ui.representation.new_audit_dialog import combo
from app.ui.style import error_label


class TypeInBaselineDialog(QDialog):
    def __init__(self, save: Callable[[BaselineRow], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Type in a baseline")
        self._save = save
        self.name_edit = named(QLineEdit(self), "Baseline's name")
        self.name_edit.setPlaceholderText("For example: Anytown, Census 2021")
        self.code_edit = named(QLineEdit(self), "Area code")
        self.code_edit.setPlaceholderText("For example: E06000001 (optional)")
        self.area_edit = named(QLineEdit(self), "Area's name")
        self.source_edit = named(QLineEdit(self), "Source")
        self.source_edit.setPlaceholderText("Where the figures come from, e.g. ONS TS021")
        self.classification_combo = combo(
            self, "Categories", {c.id: c.title for c in classifications().values()})
        self.classification_combo.setCurrentIndex(
            self.classification_combo.findData(DEFAULT_CLASSIFICATION))
        self.classification_combo.currentIndexChanged.connect(lambda _i: self._categories())
        self.model = CountsModel(self._set_count, with_metrics=False, parent=self)
        self.table = CountsTable(self.model, "Population by category", self)
        self.problem = error_label(self)
        self.total = QLabel(self)
        form = QFormLayout()
        for text, widget in (("&Name", self.name_edit), ("Area &code", self.code_edit),
                             ("&Area's name", self.area_edit), ("&Source", self.source_edit),
                             ("Ca&tegories", self.classification_combo)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        counts_label = QLabel("C&ounts (type a number; Tab moves to the next category)", self)
        counts_label.setBuddy(self.table)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Add baseline")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        name_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(counts_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(560, 620)
        self._categories()
        self.name_edit.setFocus()

    def _categories(self) -> None:
        classification = get_classification(self.classification_combo.currentData())
        self.model.set_lines(count_lines(classification), {})
        self._show_total()

    def _set_count(self, key: str, text: str | None) -> bool:
        try:
            count = None if text is None else check_count(text)
        except UserError as error:
            self.problem.setText(str(error))
            self.problem.show()
            return False
        self.problem.hide()
        counts = dict(self.model.counts)
        if count is None:
            counts.pop(key, None)
        else:
            counts[key] = count
        self.model.set_lines(self.model.lines, counts)
        self._show_total()
        return True

    def _show_total(self) -> None:
        self.total.setText(f"Total: {sum(self.model.counts.values()):,} people.")

    def baseline(self) -> BaselineRow:
        counts = tuple((line.key, self.model.counts[line.key]) for line in self.model.lines
                       if line.key in self.model.counts)
        return BaselineRow(uuid.uuid4(), self.name_edit.text(), self.code_edit.text(),
                           self.area_edit.text(), self.classification_combo.currentData(),
                           self.source_edit.text() or "Typed in", counts)

    def accept(self) -> None:
        if not self.model.counts:
            self.problem.setText("Type at least one count before adding the baseline.")
            self.problem.show()
            return
        if self._save(self.baseline()):
            super().accept()
