"""What the roll-up dialog shows of a result: plain rows of text for its tables.

Each function turns part of a `Rollup` into (headers, rows, number columns) so the tables
say what the report says, and so they can be tested without a window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHeaderView, QTableView

from app.assessments.rollup import AreaResult, Rollup, SectionMean
from app.assessments.rollup_report import LEVEL_TITLES
from app.ui.row_table_model import RowTableModel

Rows = list[tuple[str, ...]]


def number(value: float | None) -> str:
    """A score as the report prints it: two decimals at most, "–" when there is none."""
    if value is None:
        return "–"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def level_title(rollup: Rollup) -> str:
    return LEVEL_TITLES.get(rollup.level, rollup.level)


def area_rows(rollup: Rollup) -> tuple[tuple[str, ...], Rows]:
    headers = (level_title(rollup).capitalize(), "Workbooks", "Assessments")
    return headers, [(a.name, str(a.workbooks), str(a.assessments)) for a in rollup.areas]


def _spread(section: SectionMean) -> str:
    if section.mean is None:
        return "–"
    if section.assessments == 1:
        return f"{number(section.mean)} (1 assessment)"
    return (f"{number(section.mean)} ({number(section.low)}–{number(section.high)}, "
            f"{section.assessments} assessments)")


def section_rows(rollup: Rollup) -> tuple[tuple[str, ...], Rows]:
    """Sections down, areas across: each cell the mean, the range and how many scores."""
    headers = ("Section", *(area.name for area in rollup.areas))
    if not rollup.areas:
        return headers, []
    rows = []
    for index, section in enumerate(rollup.areas[0].sections):
        title = "    " * (section.depth - 1) + section.title
        rows.append((title, *(_spread(area.sections[index]) for area in rollup.areas)))
    return headers, rows


def rating_rows(rollup: Rollup, area: AreaResult) -> tuple[tuple[str, ...], Rows]:
    headers = ("Ref", "Criterion", *(label for _answer, label in rollup.answers))
    return headers, [(c.ref, c.title, *map(str, c.counts)) for c in area.criteria]


def problem_rows(rollup: Rollup) -> tuple[tuple[str, ...], Rows]:
    return ("Workbook", "Why it could not be used"), [
        (s.path.name, " ".join(s.problem.split())) for s in rollup.problems]


def unaligned_rows(rollup: Rollup) -> tuple[tuple[str, ...], Rows]:
    return ("Ref", "Workbook", "Assessment", "Framework version"), [
        (u.ref, u.file_name, u.assessment, u.version) for u in rollup.unaligned]


class TextRows(RowTableModel):
    """Rows of text under headers that change with the result shown."""

    def set_table(self, headers: tuple[str, ...], rows: Rows,
                  numbers: frozenset[int] = frozenset()) -> None:
        self.headers = headers
        self.right_aligned = numbers
        self.set_rows(rows)

    def display(self, row: Any, column: int) -> str:
        return str(row[column]) if column < len(row) else ""


def fit_columns(table: QTableView, stretch: int) -> None:
    """Give `stretch` the spare width and fit the others to their contents (the number of
    columns changes with the result, so this runs after each one)."""
    header = table.horizontalHeader()
    for column in range(table.model().columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
