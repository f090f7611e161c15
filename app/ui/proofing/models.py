"""Table models of the proofing screens: the register, a record's findings, coverage and
a scheme's commitments (plain rows read in one session)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.proofing.fields import DECISIONS, TRIAGE
from app.proofing.records import CoverageRow, FindingRow, RecordRow
from app.proofing.scheme import Commitment
from app.ui.row_table_model import RowTableModel

SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "info": "Information"}


class RegisterModel(RowTableModel):
    headers = ("Document", "Version", "Owning team", "Proofed", "Findings", "Open",
               "Decision")
    right_aligned = frozenset({4, 5})

    def display(self, row: RecordRow, column: int) -> str:
        return (row.title, row.version, row.team, f"{row.proofed_at:%d/%m/%Y}",
                str(row.findings), str(row.open_findings),
                DECISIONS.get(row.decision, "Not decided"))[column]

    def row_of(self, record_id: object) -> int:
        return next((n for n, r in enumerate(self.rows()) if r.id == record_id), -1)


class FindingsModel(RowTableModel):
    # The message, suggestion and source are shown in full beside the list.
    headers = ("Severity", "Words", "Triage", "Rule")
    WORDS = 1

    def display(self, row: FindingRow, column: int) -> str:
        if column == 0:
            return SEVERITY_LABELS.get(row.severity, row.severity)
        if column == 1:
            words = " ".join(row.excerpt.split())
            return words if len(words) <= 48 else words[:47].rstrip() + "…"
        if column == 2:
            return TRIAGE.get(row.triage, row.triage)
        return row.rule_id

    def other_data(self, row: FindingRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [row.message]
            if row.suggestion:
                parts.append(f"Suggestion: {row.suggestion}")
            parts.append(f"Source: {row.source}")
            return "\n".join(parts)
        return None

    def row_of(self, finding_id: object) -> int:
        return next((n for n, r in enumerate(self.rows()) if r.id == finding_id), -1)


class CoverageModel(RowTableModel):
    headers = ("Commitment", "Addressed", "Paragraphs")

    def display(self, row: CoverageRow, column: int) -> str:
        if column == 0:
            return f"{row.id} {row.title}"
        if column == 1:
            return "Yes" if row.addressed else "No — nothing addresses it"
        return ", ".join(f"{p + 1} ({score:.2f})" for p, score, _ in row.matches)

    def other_data(self, row: CoverageRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and row.matches:
            return "\n".join(f"Paragraph {p + 1}: {text}" for p, _, text in row.matches)
        return None


class CommitmentsModel(RowTableModel):
    headers = ("No.", "Commitment", "Keywords")

    def display(self, row: Commitment, column: int) -> str:
        return (row.id, row.title, "; ".join(row.keywords))[column]

    def other_data(self, row: Commitment, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.text or row.title
        return None
