"""The export dialog's subject row: which one thing in the workbook (one self-assessment,
say) a report is about, for the reports that are about one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QWidget

from app.reports.model.subjects import ReportSubject
from app.ui.a11y import named
from app.ui.export.mnemonics import free_mnemonic


class SubjectChoice:
    """The subject combo and its label, named after what the chosen report is about."""

    def __init__(self, parent: QWidget) -> None:
        self.combo = named(QComboBox(parent), "Subject", "Which one the report is about")
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # A long name must not widen the dialog: the list shows it whole when opened.
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(30)
        self.label = QLabel(parent)
        self.label.setBuddy(self.combo)
        named(self.combo.view(), "Subjects")

    def current(self) -> str | None:
        """The chosen subject's id; None when there is none to choose."""
        data = self.combo.currentData()
        return str(data) if data else None

    def fill(self, noun: str, subjects: Sequence[ReportSubject], *, enabled: bool,
             used_letters: set[str]) -> None:
        """List `subjects` (keeping the chosen one if it is still there), called `noun`."""
        wanted = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        for subject in subjects:
            self.combo.addItem(subject.label, subject.id)
        if not subjects:
            self.combo.addItem(f"No {noun}s yet", None)
        self.combo.setCurrentIndex(max(0, self.combo.findData(wanted)))
        self.combo.blockSignals(False)
        self.combo.setEnabled(bool(subjects) and enabled)
        self.label.setText(free_mnemonic(f"{noun[:1].upper()}{noun[1:]}:", used_letters))
        self.combo.setAccessibleName(noun[:1].upper() + noun[1:])
