"""Start an audit: the body, the date its figures describe, its categories and baseline."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.representation.classifications import classifications
from app.representation.store import AuditRow, BaselineRow
from app.representation.vocabulary import BODY_KINDS, DEFAULT_CLASSIFICATION, ROLES
from app.ui.a11y import name_buttons, named


def combo(parent: QWidget, name: str, choices: dict[str, str]) -> QComboBox:
    box = named(QComboBox(parent), name)
    named(box.view(), f"{name} choices")
    for key, label in choices.items():
        box.addItem(label, key)
    return box


def baseline_choices(baselines: list[BaselineRow]) -> dict[str, str]:
    titles = {c.id: c.title for c in classifications().values()}
    return {"": "None yet", **{str(b.id): f"{b.name} ({titles.get(b.classification, '')})"
                               for b in baselines}}


class NewAuditDialog(QDialog):
    def __init__(self, baselines: list[BaselineRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New representation audit")
        self.kind_combo = combo(self, "Kind of body", BODY_KINDS)
        self.name_edit = named(QLineEdit(self), "Body's name")
        self.name_edit.setPlaceholderText("For example: Board of trustees")
        self.date_edit = named(QLineEdit(self), "Date", "Day/month/year")
        self.date_edit.setText(f"{date.today():%d/%m/%Y}")
        self.role_combo = combo(self, "Role of engagement", {"": "Not recorded", **ROLES})
        self.classification_combo = combo(
            self, "Categories", {c.id: c.title for c in classifications().values()})
        self.classification_combo.setCurrentIndex(
            self.classification_combo.findData(DEFAULT_CLASSIFICATION))
        self.baseline_combo = combo(self, "Baseline", baseline_choices(baselines))
        if baselines:
            self.baseline_combo.setCurrentIndex(1)
        form = QFormLayout()
        for text, widget in (("&Kind of body", self.kind_combo), ("&Name", self.name_edit),
                             ("&Date", self.date_edit), ("&Role", self.role_combo),
                             ("&Categories", self.classification_combo),
                             ("&Baseline", self.baseline_combo)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Start")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        name_buttons(self)
        layout = QVBoxLayout(self)
        note = QLabel("Record counts only — never names. The categories cannot be changed "
                      "once counts are entered.", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.kind_combo.setFocus()

    def row(self) -> AuditRow:
        """The new audit, as typed (checked when it is added)."""
        baseline = self.baseline_combo.currentData()
        return AuditRow(uuid.uuid4(), self.kind_combo.currentData(), self.name_edit.text(),
                        self.role_combo.currentData(), self.date_edit.text(),  # type: ignore[arg-type]
                        self.classification_combo.currentData(),
                        uuid.UUID(baseline) if baseline else None, "", ())
