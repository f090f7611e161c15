"""One proofing record: the draft with its findings (filters and triage), then tabs for
the details, checklist, screening, coverage, and decision and sign-off. Each tab is its
own widget (record_*_tab.py); this one loads the record into them and saves its fields.

Every change goes through the proofing module's undoable operations; the editor redraws
from the workbook when the record's topic changes (after an undo, say). The stored draft
is re-read on a worker when a record is opened, so a long draft never freezes the screen.
"""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.plans.fields import parse_date
from app.proofing.fields import SCREENING
from app.proofing.raise_action import raised_findings
from app.proofing.records import RecordData, load_record
from app.text_policy import TextRefused
from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.proofing.document_view import Spans
from app.ui.proofing.record_checklist_tab import ChecklistTab
from app.ui.proofing.record_coverage_tab import CoverageTab
from app.ui.proofing.record_decision_tab import DecisionTab
from app.ui.proofing.record_details_tab import DetailsTab
from app.ui.proofing.record_findings_tab import FindingsTab
from app.ui.proofing.record_form import DATE_FIELDS
from app.ui.proofing.record_screening_tab import ScreeningTab
from app.ui.worker import TaskRunner

READING = "Reading the draft…"


def read_stored_draft(draft: bytes, name: str) -> tuple[str, Spans]:
    """The draft's text and each paragraph's span (run on a worker)."""
    from app.proofing.readers import read_draft_bytes

    document = read_draft_bytes(draft, name)
    return document.text, tuple((p.start, p.end) for p in document.paragraphs)


class RecordEditor(QWidget):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.record: RecordData | None = None
        self._text = ""
        self._spans: Spans = ()  # each paragraph's span in the text
        self._text_sha = ""  # the draft the text was read from
        self._reader: TaskRunner | None = None
        self.tabs = named(QTabWidget(self), "Proofing record")
        self.tabs.setObjectName("record_tabs")
        named(self.tabs.tabBar(), "Parts of the record")
        # Built in reading order, which is also the Tab order.
        self.findings_tab = FindingsTab(document, self)
        self.tabs.addTab(self.findings_tab, "&Findings")
        self.details_tab = DetailsTab(self._commit, self)
        self.tabs.addTab(self.details_tab, "D&etails")
        self.checklist_tab = ChecklistTab(document, self)
        self.tabs.addTab(self.checklist_tab, "&Checklist")
        self.screening_tab = ScreeningTab(self._commit, self)
        self.tabs.addTab(self.screening_tab, "&Screening")
        self.coverage_tab = CoverageTab(self)
        self.tabs.addTab(self.coverage_tab, "Co&verage")
        self.decision_tab = DecisionTab(self._commit, self)
        self.tabs.addTab(self.decision_tab, "Decision and si&gn-off")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        # The widgets callers and tests reach through the editor.
        findings = self.findings_tab
        self.text_view, self.finding_detail = findings.text_view, findings.finding_detail
        self.findings_model, self.findings_table = (findings.findings_model,
                                                    findings.findings_table)
        self.triage_filter = findings.triage_filter
        self.dismiss_button, self.fixed_button, self.raise_button = (
            findings.dismiss_button, findings.fixed_button, findings.raise_button)
        self.check_answers = self.checklist_tab.check_answers
        self.coverage_model = self.coverage_tab.coverage_model
        self.coverage_table = self.coverage_tab.coverage_table
        self.coverage_text = self.coverage_tab.coverage_text
        self.decision_combo = self.decision_tab.decision_combo
        self.sign_edits = self.decision_tab.sign_edits

    # ------------------------------------------------------------------ loading

    def show_record(self, record_id: uuid.UUID | None) -> None:
        record = self._document.read(lambda s: load_record(s, record_id)) \
            if record_id else None
        if record is not None and record.sha256 != self._text_sha:
            self._read_draft(record)
        raised = self._document.read(lambda s: raised_findings(
            s, [f.id for f in record.findings])) if record else set()
        self.record = record
        self.setEnabled(record is not None)
        if record is None:
            self._text, self._spans, self._text_sha = "", (), ""
        self.findings_tab.show_findings(record.findings if record else (), raised,
                                        self._text, self._spans)
        self._fill_forms()

    def is_reading(self) -> bool:
        return self._reader is not None

    def _read_draft(self, record: RecordData) -> None:
        """Re-read the stored draft on a worker; the text shows "Reading the draft…"."""
        if self._reader is not None:
            self._reader.cancel()  # its result would be for another draft
        self._text, self._spans, self._text_sha = "", (), record.sha256
        for view in (self.text_view, self.coverage_text):
            view.setPlaceholderText(READING)
        draft, name, sha = record.draft, record.draft_name, record.sha256
        reader = TaskRunner(lambda _progress, _cancelled: read_stored_draft(draft, name),
                            parent=self, show_progress=False)
        reader.finished.connect(lambda result: self._draft_read(reader, sha, result))
        reader.failed.connect(lambda message: self._draft_read(
            reader, sha, (f"The stored draft could not be read: {message}", ())))
        reader.cancelled.connect(lambda: self._draft_read(reader, "", None))
        self._reader = reader
        reader.start()

    def _draft_read(self, reader: TaskRunner, sha: str,
                    result: tuple[str, Spans] | None) -> None:
        if reader is self._reader:
            self._reader = None
        if result is None or sha != self._text_sha:
            return  # another record has been opened since
        self._text, self._spans = result
        for view in (self.text_view, self.coverage_text):
            view.setPlaceholderText("")
        self.findings_tab.show_text(self._text, self._spans)
        self.coverage_tab.show_text(self._text, self._spans)

    def _fill_forms(self) -> None:
        record = self.record
        read_only = self._document.read_only or record is None
        self.details_tab.show_record(record, read_only)
        self.checklist_tab.show_record(record, read_only)
        self.screening_tab.show_record(record, read_only)
        self.decision_tab.show_record(record, read_only)
        self.coverage_tab.show_record(record, self._text, self._spans)

    # ------------------------------------------------------------------ edits

    def _commit(self, field: str, value: object) -> None:
        from app.proofing.operations import UpdateRecord

        record = self.record
        if record is None or self._document.read_only:
            return
        if field in DATE_FIELDS:
            try:
                value = parse_date(str(value))
            except TextRefused as error:
                self._document.failed.emit(str(error))
                self._fill_forms()
                return
            current: object = getattr(record, field)
        elif field in SCREENING:
            current = dict(record.screening).get(field, "")
        else:
            current = getattr(record, field)
        if value == current or (value is None and not current):
            return
        if not self._document.perform(UpdateRecord(record.id, field, value)):  # type: ignore[arg-type]
            self._fill_forms()
