"""Read-only table models of the representation screens: audits, groups, history, baselines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from app.representation.analysis import Comparison, Line
from app.representation.store import AuditRow, BaselineRow
from app.representation.vocabulary import BODY_KINDS
from app.ui.representation.figures import gap, interval, pct, ratio
from app.ui.row_table_model import RowTableModel


@dataclass(frozen=True)
class ListedAudit:
    audit: AuditRow
    baseline: str  # the baseline's name, or "" when it has none
    classification: str  # its title

    @property
    def people(self) -> int:
        return sum(n for _, n in self.audit.counts)


class AuditsTableModel(RowTableModel):
    BODY, KIND, DATE, CLASSIFICATION, BASELINE, PEOPLE = range(6)
    headers = ("Body", "Kind", "Date", "Categories", "Baseline", "People")
    right_aligned = frozenset({PEOPLE})

    def display(self, row: ListedAudit, column: int) -> str:
        audit = row.audit
        return (audit.body_label, BODY_KINDS.get(audit.body_kind, audit.body_kind),
                f"{audit.audit_date:%d/%m/%Y}", row.classification,
                row.baseline or "None chosen", f"{row.people:,}")[column]

    def row_of(self, audit_id: object) -> int:
        return next((i for i, r in enumerate(self.rows()) if r.audit.id == audit_id), -1)


class GroupsTableModel(RowTableModel):
    """Each high-level group, then ethnic minorities together."""

    GROUP, COUNT, SHARE, AREA, RATIO, INTERVAL, VERDICT, GAP = range(8)
    headers = ("Group", "Count", "Share", "Area share", "Ratio", "95% interval", "Verdict",
               "Parity gap")
    right_aligned = frozenset({COUNT, SHARE, AREA, RATIO, INTERVAL, GAP})

    def display(self, row: Line, column: int) -> str:
        m = row.metrics
        label = row.label + (" (approximate)" if row.match != "exact" else "")
        return (label, f"{m.count:,}", pct(m.share), pct(m.baseline_share), ratio(m.ratio),
                interval(m), m.verdict.words, gap(m))[column]

    def other_data(self, row: Line, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.metrics.explanation
        return None


class HistoryTableModel(RowTableModel):
    """The same body at each audit date: ethnic minorities against the area."""

    DATE, MINORITIES, STATED, SHARE, AREA, VERDICT = range(6)
    headers = ("Date", "Ethnic minorities", "All who stated", "Share", "Area share",
               "Verdict")
    right_aligned = frozenset({MINORITIES, STATED, SHARE, AREA})

    def display(self, row: Comparison, column: int) -> str:
        m = row.minorities.metrics
        return (f"{row.audit.audit_date:%d/%m/%Y}", f"{m.count:,}", f"{row.stated:,}",
                pct(m.share), pct(m.baseline_share), m.verdict.words)[column]


class BaselinesTableModel(RowTableModel):
    NAME, AREA, CLASSIFICATION, PEOPLE, SOURCE = range(5)
    headers = ("Name", "Area code", "Categories", "People", "Source")
    right_aligned = frozenset({PEOPLE})

    def display(self, row: BaselineRow, column: int) -> str:
        from app.representation.classifications import get_classification

        people = sum(n for _, n in row.counts)
        return (row.name, row.area_code, get_classification(row.classification).title,
                f"{people:,}", " ".join(row.source.split()))[column]

    def other_data(self, row: BaselineRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == self.SOURCE:
            return row.source
        return None

    def row_of(self, baseline_id: object) -> int:
        return next((i for i, r in enumerate(self.rows()) if r.id == baseline_id), -1)
