"""Start a self-assessment: choose a framework from the catalogue and name the round."""

from __future__ import annotations

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

from app.assessments.frameworks import Framework
from app.ui.a11y import name_buttons, named


class NewAssessmentDialog(QDialog):
    def __init__(self, frameworks: list[Framework], parent: QWidget | None = None,
                 chosen: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New self-assessment")
        self._frameworks = frameworks
        self.framework_combo = named(QComboBox(self), "Framework")
        named(self.framework_combo.view(), "Framework choices")
        for framework in frameworks:
            self.framework_combo.addItem(f"{framework.title} {framework.version}", framework.id)
        if chosen is not None:
            self.framework_combo.setCurrentIndex(max(0, self.framework_combo.findData(chosen)))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.name_edit = named(QLineEdit(self), "Name")
        self.name_edit.setPlaceholderText("For example: ISO self-assessment 2027")
        self.round_edit = named(QLineEdit(self), "Round")
        self.round_edit.setPlaceholderText("For example: 2027")
        self.date_edit = named(QLineEdit(self), "Date", "Day/month/year")
        self.date_edit.setPlaceholderText("dd/mm/yyyy")
        self.assessor_edit = named(QLineEdit(self), "Assessor")
        self.group_combo = named(QComboBox(self), "Respondent group")
        named(self.group_combo.view(), "Respondent group choices")

        form = QFormLayout()
        for text, widget in (("&Framework", self.framework_combo), ("&Name", self.name_edit),
                             ("&Round", self.round_edit), ("&Date", self.date_edit),
                             ("&Assessor", self.assessor_edit),
                             ("Respondent &group", self.group_combo)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
            if widget is self.framework_combo:
                form.addRow(self.summary)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Start")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        name_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.framework_combo.currentIndexChanged.connect(self._framework_changed)
        self.name_edit.textChanged.connect(self._update_ok)
        self._framework_changed()
        self._update_ok()
        self.name_edit.setFocus()

    def framework(self) -> Framework:
        return self._frameworks[self.framework_combo.currentIndex()]

    def values(self) -> dict[str, str | None]:
        return {"name": self.name_edit.text(), "round_label": self.round_edit.text(),
                "assessed_on": self.date_edit.text().strip() or None,
                "assessor": self.assessor_edit.text(),
                "respondent_group": self.group_combo.currentData() or ""}

    def _framework_changed(self) -> None:
        framework = self.framework()
        self.summary.setText(framework.summary())
        self.group_combo.clear()
        self.group_combo.addItem("Not recorded", "")
        for group in framework.respondent_groups:
            self.group_combo.addItem(group.label, group.id)
        # Only frameworks that name respondent groups let an assessment belong to one.
        self.group_combo.setEnabled(bool(framework.respondent_groups))

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name_edit.text().strip()))
