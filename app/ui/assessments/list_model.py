"""Table model over the workbook's assessments, each with its progress and overall score."""

from __future__ import annotations

from dataclasses import dataclass

from app.assessments.data import AssessmentData, AssessmentRow
from app.assessments.scoring import Scores, max_score, score_assessment
from app.ui.row_table_model import RowTableModel

NAME, FRAMEWORK, ROUND, DATE, PROGRESS, SCORE = range(6)
HEADERS = ("Name", "Framework", "Round", "Date", "Progress", "Overall score")


@dataclass(frozen=True)
class ListedAssessment:
    """An assessment as read, with its scores: the editor shows the selected one from this
    and compares rounds with the others, without reading them again."""

    data: AssessmentData
    scores: Scores
    top: float  # the highest score on the framework's scale

    @classmethod
    def scored(cls, data: AssessmentData) -> ListedAssessment:
        return cls(data, score_assessment(data.framework, data.responses),
                   max_score(data.framework))

    @property
    def row(self) -> AssessmentRow:
        return self.data.row

    @property
    def id(self) -> object:
        return self.row.id


def score_text(value: float | None, top: float | None = None) -> str:
    """A score as "1.50 of 3", so it reads against the scale it was made on."""
    if value is None:
        return "—"
    return f"{value:.2f}" if top is None else f"{value:.2f} of {top:g}"


class AssessmentsTableModel(RowTableModel):
    headers = HEADERS
    right_aligned = frozenset({SCORE})

    def display(self, item: ListedAssessment, column: int) -> str:
        row = item.row
        if column == NAME:
            return row.name
        if column == FRAMEWORK:
            return f"{row.framework_title} {row.framework_version}"
        if column == ROUND:
            return row.round_label
        if column == DATE:
            return row.assessed_on.strftime("%d/%m/%Y") if row.assessed_on else ""
        if column == PROGRESS:
            progress = item.scores.progress
            return f"{progress.answered} of {progress.shown} answered"
        return score_text(item.scores.overall.value, item.top)

    def replace_row(self, number: int, item: ListedAssessment, *, repaint: bool = True
                    ) -> None:
        """One assessment changed: keep it, and repaint its row only (if asked)."""
        self._rows[number] = item
        if repaint:
            self.dataChanged.emit(self.index(number, 0), self.index(number, len(HEADERS) - 1))

    def row_of(self, assessment_id: object) -> int:
        for number, item in enumerate(self.rows()):
            if item.row.id == assessment_id:
                return number
        return -1
