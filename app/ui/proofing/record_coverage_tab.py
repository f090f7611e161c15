"""The record's coverage tab: the scheme's commitments beside the draft's text. Choosing
a commitment marks the paragraphs that address it; moving in the text chooses the
commitment its paragraph addresses best."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from app.proofing.records import CoverageRow, RecordData
from app.ui.a11y import named
from app.ui.list_table import row_table
from app.ui.proofing.document_view import DocumentView, Spans
from app.ui.proofing.models import CoverageModel


class CoverageTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spans: Spans = ()  # each paragraph's span in the draft's text
        self._following = False
        self.coverage_model = CoverageModel(self)
        self.coverage_table = row_table(self, self.coverage_model, name="Scheme coverage",
                                        object_name="coverage_table", stretch_column=2)
        self.coverage_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._follow_commitment())
        self.coverage_text = DocumentView(self)
        named(self.coverage_text, "Draft text for coverage",
              "The draft with the paragraphs that address the chosen commitment marked")
        self.coverage_text.setObjectName("coverage_text")
        self.coverage_text.setMinimumWidth(240)
        self.coverage_text.position_chosen.connect(self._commitment_at)
        self.coverage_summary = QLabel(self)
        self.coverage_summary.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.coverage_table)
        splitter.addWidget(self.coverage_text)
        splitter.setSizes([500, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(self.coverage_summary)
        layout.addWidget(splitter, 1)  # the summary keeps to its lines

    def show_record(self, record: RecordData | None, text: str, spans: Spans) -> None:
        coverage: tuple[CoverageRow, ...] = record.coverage if record else ()
        self.coverage_model.set_rows(coverage)
        self.show_text(text, spans)
        missing = [f"{c.id} {c.title}" for c in coverage if not c.addressed]
        self.coverage_summary.setText(
            ("Nothing in the draft addresses: " + "; ".join(missing) + ".") if missing
            else "Every commitment is addressed by at least one paragraph." if coverage
            else "")

    def show_text(self, text: str, spans: Spans) -> None:
        """The draft's text (read on a worker) with the chosen commitment marked."""
        self._spans = spans
        self.coverage_text.show_text(text, ())
        self._following = True  # mark the commitment's paragraphs without moving the text
        self._follow_commitment()
        self._following = False

    def _follow_commitment(self) -> None:
        """Mark the paragraphs that address the chosen commitment; select the best one."""
        index = self.coverage_table.currentIndex()
        row = self.coverage_model.row_at(index.row()) if index.isValid() else None
        spans = [self._spans[p] for p, _, _ in (row.matches if row else ())
                 if p < len(self._spans)]
        current = -1 if self._following or not spans else 0
        self.coverage_text.mark_spans(spans, current)

    def _commitment_at(self, offset: int) -> None:
        """The user moved in the coverage text: choose the commitment that paragraph
        addresses best (the first such commitment when several do)."""
        if not self._spans:
            return
        paragraph = max(bisect.bisect_right([s for s, _ in self._spans], offset) - 1, 0)
        best: tuple[float, int] | None = None
        for number, row in enumerate(self.coverage_model.rows()):
            for p, score, _ in row.matches:
                if p == paragraph and (best is None or score > best[0]):
                    best = (score, number)
        if best is None:
            return
        self._following = True  # the text asked: leave its cursor where the user put it
        self.coverage_table.selectionModel().setCurrentIndex(
            self.coverage_model.index(best[1], 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self._following = False
