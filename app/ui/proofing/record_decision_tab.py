"""The record's decision and sign-off tab: the decision, its rationale, and who signed
it off, in what role and when."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app.proofing.fields import DECISIONS
from app.proofing.records import RecordData
from app.ui.a11y import named
from app.ui.proofing.record_form import (
    Commit,
    area_field,
    fill_area,
    fill_lines,
    form_page,
    line_field,
)


class DecisionTab(QWidget):
    def __init__(self, commit: Commit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = form_page(self)
        self.decision_combo = named(QComboBox(self), "Decision")
        named(self.decision_combo.view(), "Decision choices")
        self.decision_combo.addItem("Not decided", "")
        for key, label in DECISIONS.items():
            self.decision_combo.addItem(label, key)
        self.decision_combo.activated.connect(
            lambda _i: commit("decision", self.decision_combo.currentData()))
        label = QLabel("&Decision", self)
        label.setBuddy(self.decision_combo)
        form.addRow(label, self.decision_combo)
        self.rationale_area = area_field(form, "&Rationale", "rationale", commit)
        self.sign_edits = {field: line_field(form, text, field, commit) for field, text in (
            ("signed_by", "Signed off &by"), ("signed_role", "R&ole"),
            ("signed_on", "Sign-off d&ate"))}

    def show_record(self, record: RecordData | None, read_only: bool) -> None:
        fill_lines(self.sign_edits, record, read_only)
        self.decision_combo.setCurrentIndex(max(0, self.decision_combo.findData(
            record.decision if record else "")))
        self.decision_combo.setEnabled(not read_only)
        fill_area(self.rationale_area, record.rationale if record else "", read_only)
