"""An assessment's scores: progress, each section's score and what it rests on, and the
data-quality warnings to check before the results are relied on."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.assessments.scoring import Scores, SectionScore
from app.ui.a11y import named
from app.ui.assessments.lazy import show_built
from app.ui.assessments.list_model import score_text
from app.ui.list_table import row_table
from app.ui.row_table_model import RowTableModel

SECTION, SCORE, RESTS_ON = range(3)
REF_ROLE = Qt.ItemDataRole.UserRole + 1


def criteria_count(number: int) -> str:
    return f"{number} criterion" if number == 1 else f"{number} criteria"


class SectionScoresModel(RowTableModel):
    headers = ("Section", "Score", "Rests on")
    right_aligned = frozenset({SCORE})
    top: float | None = None  # the scale's highest score

    def display(self, row: SectionScore, column: int) -> str:
        if column == SECTION:
            return "    " * (row.depth - 1) + row.label  # sub-sections indented under theirs
        if column == SCORE:
            return score_text(row.score.value, self.top)
        return f"rests on {criteria_count(row.score.based_on)}"


class ScoresView(QWidget):
    """Built the first time there are scores to show: the screen opens faster without it."""

    criterion_chosen = Signal(str)  # a warning's criterion, to go to
    raise_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.built = False

    def build(self) -> None:
        if self.built:
            return
        self.built = True
        self.progress = QLabel(self)
        self.progress.setWordWrap(True)
        self.raise_button = named(
            QPushButton("&Raise improvement actions", self), "Raise improvement actions",
            "Add an action to the action plan for each criterion rated at the lowest level")
        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.raise_button)
        self.model = SectionScoresModel(self)
        self.table = row_table(self, self.model, name="Section scores",
                               object_name="section_scores", stretch_column=SECTION)
        self.warnings = named(QListWidget(self), "Data-quality warnings",
                              "Enter or double-click goes to the criterion")
        self.warnings.setWordWrap(True)
        self.warnings_label = QLabel("&Warnings", self)
        self.warnings_label.setBuddy(self.warnings)
        warnings = QWidget(self)
        column = QVBoxLayout(warnings)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.warnings_label)
        column.addWidget(self.warnings)
        scores = QWidget(self)
        left = QVBoxLayout(scores)
        left.setContentsMargins(0, 0, 0, 0)
        scores_label = QLabel("Section &scores", self)
        scores_label.setBuddy(self.table)
        left.addWidget(scores_label)
        left.addWidget(self.table)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setChildrenCollapsible(False)
        split.addWidget(scores)
        split.addWidget(warnings)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.warnings.itemActivated.connect(
            lambda item: self.criterion_chosen.emit(item.data(REF_ROLE)))
        self.raise_button.clicked.connect(self.raise_requested)
        show_built(self)

    def show_scores(self, scores: Scores | None, top: float | None, editable: bool) -> None:
        if scores is None and not self.built:
            return  # nothing to clear
        self.build()
        self.model.top = top
        self.model.set_rows(scores.sections if scores is not None else ())
        self.warnings.clear()
        if scores is None:
            self.progress.clear()
            self.raise_button.setEnabled(False)
            return
        progress, overall = scores.progress, scores.overall
        self.progress.setText(
            f"{progress.answered} of {progress.shown} answered. Overall score "
            f"{score_text(overall.value, top)}, resting on {criteria_count(overall.based_on)}.")
        for warning in scores.warnings:
            item = QListWidgetItem(warning.message, self.warnings)
            item.setData(REF_ROLE, warning.ref)
        self.warnings_label.setText(f"&Warnings ({len(scores.warnings)})")
        self.raise_button.setEnabled(editable)
