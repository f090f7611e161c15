"""One proofing record: the draft with its findings (filters and triage), then tabs for
the details, checklist, screening, coverage, and decision and sign-off.

Every change goes through the proofing module's undoable operations; the editor redraws
from the workbook when the record's topic changes (after an undo, say). The stored draft
is re-read on a worker when a record is opened, so a long draft never freezes the screen.
"""

from __future__ import annotations

import bisect
import uuid
from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.plans.fields import parse_date
from app.proofing.fields import ANSWERS, CHECKLIST, DECISIONS, SCREENING, TRIAGE
from app.proofing.raise_action import raised_findings
from app.proofing.records import FindingRow, RecordData, load_record
from app.reports.model.dates import short_date
from app.text_policy import TextRefused
from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.list_table import button_row, row_table
from app.ui.plans.actions_editor import CommitOnLeave
from app.ui.proofing.document_view import DocumentView
from app.ui.proofing.models import SEVERITY_LABELS, CoverageModel, FindingsModel
from app.ui.worker import TaskRunner

READING = "Reading the draft…"
Spans = tuple[tuple[int, int], ...]


def read_stored_draft(draft: bytes, name: str) -> tuple[str, Spans]:
    """The draft's text and each paragraph's span (run on a worker)."""
    from app.proofing.readers import read_draft_bytes

    document = read_draft_bytes(draft, name)
    return document.text, tuple((p.start, p.end) for p in document.paragraphs)

ALL = ""
DETAILS = {"title": "&Title", "version": "&Version", "author": "&Author",
           "team": "Owning &team", "drafted_on": "&Draft date"}


class RecordEditor(QWidget):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.record: RecordData | None = None
        self._text = ""
        self._spans: Spans = ()  # each paragraph's span in the text
        self._text_sha = ""  # the draft the text was read from
        self._reader: TaskRunner | None = None
        self._raised: set[uuid.UUID] = set()  # findings that have raised an action
        self._following = False
        self.tabs = named(QTabWidget(self), "Proofing record")
        self.tabs.setObjectName("record_tabs")
        named(self.tabs.tabBar(), "Parts of the record")
        self.tabs.addTab(self._findings_tab(), "&Findings")
        self.tabs.addTab(self._details_tab(), "D&etails")
        self.tabs.addTab(self._checklist_tab(), "&Checklist")
        self.tabs.addTab(self._screening_tab(), "&Screening")
        self.tabs.addTab(self._coverage_tab(), "Co&verage")
        self.tabs.addTab(self._decision_tab(), "Decision and si&gn-off")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    # ------------------------------------------------------------------ findings

    def _findings_tab(self) -> QWidget:
        page = QWidget(self)
        self.text_view = DocumentView(page)
        self.text_view.finding_clicked.connect(self.select_finding)
        self.findings_model = FindingsModel(self)
        self.findings_table = row_table(page, self.findings_model, name="Findings",
                                        object_name="findings_table",
                                        stretch_column=FindingsModel.WORDS, multiple=True)
        self.findings_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._follow_finding())
        self.severity_filter = self._filter(page, "Severity filter",
                                            {ALL: "All severities", **SEVERITY_LABELS})
        self.triage_filter = self._filter(page, "Triage filter",
                                          {ALL: "All triage states", **TRIAGE})
        self.rule_filter = self._filter(page, "Rule filter", {ALL: "All rules"})
        filters = QHBoxLayout()
        for text, combo in (("Se&verity", self.severity_filter),
                            ("Tria&ge", self.triage_filter), ("R&ule", self.rule_filter)):
            label = QLabel(text, page)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo, 1)
        self.accept_button = named(QPushButton("Acce&pt", page), "Accept finding",
                                   "The draft should change as the finding says")
        self.dismiss_button = named(QPushButton("&Dismiss…", page), "Dismiss finding",
                                    "Not a problem here; you will be asked why")
        self.fixed_button = named(QPushButton("Fi&xed", page), "Mark finding fixed")
        self.reopen_button = named(QPushButton("Re&open", page), "Reopen finding")
        self.raise_button = named(QPushButton("Raise &action", page), "Raise action",
                                  "Add an action to the workbook's action plan from each "
                                  "chosen finding")
        self.raise_button.clicked.connect(self.raise_actions)
        self.accept_button.clicked.connect(lambda: self.triage("accepted"))
        self.dismiss_button.clicked.connect(lambda: self.triage("dismissed"))
        self.fixed_button.clicked.connect(lambda: self.triage("fixed"))
        self.reopen_button.clicked.connect(lambda: self.triage("open"))
        self.finding_detail = named(QLabel(page), "The finding in full")
        self.finding_detail.setObjectName("finding_detail")
        self.finding_detail.setWordWrap(True)
        self.finding_detail.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        side = QWidget(page)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addLayout(filters)
        side_layout.addWidget(self.findings_table, 3)
        side_layout.addLayout(button_row(self.accept_button, self.dismiss_button,
                                         self.fixed_button, self.reopen_button,
                                         self.raise_button))
        side_layout.addWidget(self.finding_detail)
        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.text_view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([500, 500])  # half each, whatever the lists' widest text
        self.text_view.setMinimumWidth(240)
        layout = QVBoxLayout(page)
        layout.addWidget(splitter)
        return page

    def _filter(self, parent: QWidget, name: str, choices: dict[str, str]) -> QComboBox:
        combo = named(QComboBox(parent), name)
        named(combo.view(), f"{name} choices")
        # Long rule ids must not widen the screen: the list drops down wider instead.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        for key, label in choices.items():
            combo.addItem(label, key)
        combo.activated.connect(lambda _i: self._fill_findings())
        return combo

    def _shown_findings(self) -> list[FindingRow]:
        if self.record is None:
            return []
        wanted = (self.severity_filter.currentData(), self.triage_filter.currentData(),
                  self.rule_filter.currentData())
        return [f for f in self.record.findings
                if (not wanted[0] or f.severity == wanted[0])
                and (not wanted[1] or f.triage == wanted[1])
                and (not wanted[2] or f.rule_id == wanted[2])]

    def _fill_findings(self) -> None:
        selected = self.selected_findings()
        shown = self._shown_findings()
        self.findings_model.set_rows(shown)
        # Until the draft is read there is no text for the findings to point into.
        self.text_view.show_text(self._text, shown if self._spans else ())
        keep = selected[0].id if selected else None
        self.select_finding(keep if keep and self.findings_model.row_of(keep) >= 0 else
                            (shown[0].id if shown else None))

    def selected_findings(self) -> list[FindingRow]:
        rows = sorted({i.row() for i in self.findings_table.selectionModel().selectedRows()})
        return [self.findings_model.row_at(r) for r in rows]

    def select_finding(self, finding_id: object) -> None:
        row = self.findings_model.row_of(finding_id) if finding_id else -1
        if row < 0:
            self._follow_finding()
            return
        self._following = True  # the text asked: do not move its cursor back
        self.findings_table.selectionModel().setCurrentIndex(
            self.findings_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self._following = False
        self._follow_finding(scroll=not self.text_view.hasFocus())

    def _follow_finding(self, scroll: bool = True) -> None:
        index = self.findings_table.currentIndex()
        finding = self.findings_model.row_at(index.row()) if index.isValid() else None
        if scroll and not self._following and self._spans:
            self.text_view.show_finding(finding)
        if finding is None:
            self.finding_detail.setText("")
        else:
            where = " › ".join(finding.heading_path[1:]) or "the opening"
            lines = [f"<b>{SEVERITY_LABELS.get(finding.severity, '')}</b>: "
                     f"{_escape(finding.message)}"]
            if finding.suggestion:
                lines.append(f"Suggestion: {_escape(finding.suggestion)}")
            lines.append(f"Where: paragraph {finding.paragraph + 1}, under {_escape(where)}")
            lines.append(f"Source: {_escape(finding.source)} (rule {finding.rule_id})")
            if finding.id in self._raised:
                lines.append("An action has been raised from it in the action plan.")
            self.finding_detail.setText("<br>".join(lines))
        editable = finding is not None and not self._document.read_only
        for button in (self.accept_button, self.dismiss_button, self.fixed_button,
                       self.reopen_button):
            button.setEnabled(editable)
        self.raise_button.setEnabled(editable and any(
            f.id not in self._raised for f in self.selected_findings()))

    def raise_actions(self) -> None:
        """One action in the plan for each chosen finding that has none yet, as one step."""
        from app.plans.operations import Steps
        from app.proofing.raise_action import RaiseFindingAction

        findings = [f for f in self.selected_findings() if f.id not in self._raised]
        if not findings or self._document.read_only:
            return
        steps = tuple(RaiseFindingAction(f.id) for f in findings)
        self._document.perform(steps[0] if len(steps) == 1 else
                               Steps(steps, "Raise actions from findings"))

    def triage(self, state: str) -> None:
        from app.proofing.operations import TriageFindings

        findings = self.selected_findings()
        if not findings or self._document.read_only:
            return
        reason = ""
        if state == "dismissed":
            reason, ok = QInputDialog.getText(
                self, "Dismiss finding", "Why is this not a problem here?",
                text=findings[0].reason)
            if not ok:
                return
        self._document.perform(TriageFindings(tuple((f.id, state, reason) for f in findings)))

    # ------------------------------------------------------------------ other tabs

    def _form_page(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget(self)
        outer = QVBoxLayout(page)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(form)
        outer.addStretch(1)  # rows stay together at the top of a tall tab
        return page, form

    def _line(self, form: QFormLayout, label_text: str, field: str) -> QLineEdit:
        edit = named(QLineEdit(form.parentWidget()), label_text.replace("&", ""))
        edit.setObjectName(f"{field}_edit")
        if field in ("drafted_on", "signed_on"):
            edit.setPlaceholderText("dd/mm/yyyy")
        edit.editingFinished.connect(lambda: self._commit(field, edit.text()))
        label = QLabel(label_text, form.parentWidget())
        label.setBuddy(edit)
        form.addRow(label, edit)
        return edit

    def _area(self, form: QFormLayout, label_text: str, field: str) -> CommitOnLeave:
        area = CommitOnLeave(lambda: self._commit(field, area.toPlainText()),
                             form.parentWidget())
        named(area, label_text.replace("&", ""))
        area.setObjectName(f"{field}_edit")
        area.setMaximumHeight(64)
        label = QLabel(label_text, form.parentWidget())
        label.setWordWrap(True)
        label.setBuddy(area)
        form.addRow(label, area)
        return area

    def _details_tab(self) -> QWidget:
        page, form = self._form_page()
        self.detail_edits = {field: self._line(form, text, field)
                             for field, text in DETAILS.items()}
        self.draft_label = QLabel(page)
        self.draft_label.setWordWrap(True)
        form.addRow(self.draft_label)
        return page

    def _checklist_tab(self) -> QWidget:
        page, form = self._form_page()
        self.check_answers: dict[str, QComboBox] = {}
        self.check_notes: dict[str, QLineEdit] = {}
        for item, text in CHECKLIST.items():
            combo = named(QComboBox(page), text)
            named(combo.view(), f"{text} choices")
            combo.setObjectName(f"check_{item}")
            combo.addItem("Not answered", "")
            for key, label in ANSWERS.items():
                combo.addItem(label, key)
            note = named(QLineEdit(page), f"Note: {text}")
            note.setPlaceholderText("Note (optional)")
            combo.activated.connect(lambda _i, item=item: self._commit_check(item))
            note.editingFinished.connect(lambda item=item: self._commit_check(item))
            row = QHBoxLayout()
            row.addWidget(combo)
            row.addWidget(note, 1)
            label = QLabel(text, page)
            label.setWordWrap(True)
            label.setBuddy(combo)
            form.addRow(label, row)
            self.check_answers[item], self.check_notes[item] = combo, note
        return page

    def _screening_tab(self) -> QWidget:
        page, form = self._form_page()
        self.screening_areas = {field: self._area(form, text, field)
                                for field, text in SCREENING.items()}
        return page

    def _coverage_tab(self) -> QWidget:
        page = QWidget(self)
        self.coverage_model = CoverageModel(self)
        self.coverage_table = row_table(page, self.coverage_model, name="Scheme coverage",
                                        object_name="coverage_table", stretch_column=2)
        self.coverage_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._follow_commitment())
        self.coverage_text = DocumentView(page)
        named(self.coverage_text, "Draft text for coverage",
              "The draft with the paragraphs that address the chosen commitment marked")
        self.coverage_text.setObjectName("coverage_text")
        self.coverage_text.setMinimumWidth(240)
        self.coverage_text.position_chosen.connect(self._commitment_at)
        self.coverage_summary = QLabel(page)
        self.coverage_summary.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.coverage_table)
        splitter.addWidget(self.coverage_text)
        splitter.setSizes([500, 500])
        layout = QVBoxLayout(page)
        layout.addWidget(self.coverage_summary)
        layout.addWidget(splitter, 1)  # the summary keeps to its lines
        return page

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

    def _decision_tab(self) -> QWidget:
        page, form = self._form_page()
        self.decision_combo = named(QComboBox(page), "Decision")
        named(self.decision_combo.view(), "Decision choices")
        self.decision_combo.addItem("Not decided", "")
        for key, label in DECISIONS.items():
            self.decision_combo.addItem(label, key)
        self.decision_combo.activated.connect(
            lambda _i: self._commit("decision", self.decision_combo.currentData()))
        label = QLabel("&Decision", page)
        label.setBuddy(self.decision_combo)
        form.addRow(label, self.decision_combo)
        self.rationale_area = self._area(form, "&Rationale", "rationale")
        self.sign_edits = {field: self._line(form, text, field) for field, text in (
            ("signed_by", "Signed off &by"), ("signed_role", "R&ole"),
            ("signed_on", "Sign-off d&ate"))}
        return page

    # ------------------------------------------------------------------ loading

    def show_record(self, record_id: uuid.UUID | None) -> None:
        record = self._document.read(lambda s: load_record(s, record_id)) \
            if record_id else None
        if record is not None and record.sha256 != self._text_sha:
            self._read_draft(record)
        self._raised = self._document.read(lambda s: raised_findings(
            s, [f.id for f in record.findings])) if record else set()
        self.record = record
        self.setEnabled(record is not None)
        rules = sorted({f.rule_id for f in record.findings}) if record else []
        current = self.rule_filter.currentData()
        self.rule_filter.clear()
        self.rule_filter.addItem("All rules", ALL)
        for rule in rules:
            self.rule_filter.addItem(rule, rule)
        self.rule_filter.setCurrentIndex(max(0, self.rule_filter.findData(current)))
        if record is None:
            self._text, self._spans, self._text_sha = "", (), ""
        self._fill_findings()
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
        self._fill_findings()
        self._fill_coverage_text()

    def _fill_forms(self) -> None:
        record = self.record
        read_only = self._document.read_only or record is None
        for field, edit in {**self.detail_edits, **self.sign_edits}.items():
            value = getattr(record, field) if record else ""
            if field in ("drafted_on", "signed_on"):
                edit.setText(short_date(value) if isinstance(value, date) else "")
            else:
                edit.setText(str(value or ""))
            edit.setReadOnly(read_only)
        if record:
            self.draft_label.setText(
                f"Draft file: {record.draft_name} ({record.word_count:,} words), "
                f"SHA-256 {record.sha256[:16]}…; scheme: {record.scheme_name}; proofed "
                f"{record.proofed_at:%d/%m/%Y %H:%M}." if record.proofed_at else "")
        checks = {item: (a, n) for item, a, n in record.checks} if record else {}
        for item, combo in self.check_answers.items():
            answer, note = checks.get(item, ("", ""))
            combo.setCurrentIndex(max(0, combo.findData(answer)))
            combo.setEnabled(not read_only)
            self.check_notes[item].setText(note)
            self.check_notes[item].setReadOnly(read_only)
        screening = dict(record.screening) if record else {}
        for field, area in self.screening_areas.items():
            text = screening.get(field, "")
            if area.toPlainText() != text:
                area.setPlainText(text)
            area.setReadOnly(read_only)
        self.decision_combo.setCurrentIndex(max(0, self.decision_combo.findData(
            record.decision if record else "")))
        self.decision_combo.setEnabled(not read_only)
        rationale = record.rationale if record else ""
        if self.rationale_area.toPlainText() != rationale:
            self.rationale_area.setPlainText(rationale)
        self.rationale_area.setReadOnly(read_only)
        coverage = record.coverage if record else ()
        self.coverage_model.set_rows(coverage)
        self._fill_coverage_text()
        missing = [f"{c.id} {c.title}" for c in coverage if not c.addressed]
        self.coverage_summary.setText(
            ("Nothing in the draft addresses: " + "; ".join(missing) + ".") if missing
            else "Every commitment is addressed by at least one paragraph." if coverage
            else "")

    def _fill_coverage_text(self) -> None:
        self.coverage_text.show_text(self._text, ())
        self._following = True  # mark the commitment's paragraphs without moving the text
        self._follow_commitment()
        self._following = False

    # ------------------------------------------------------------------ edits

    def _commit(self, field: str, value: object) -> None:
        from app.proofing.operations import UpdateRecord

        record = self.record
        if record is None or self._document.read_only:
            return
        if field in ("drafted_on", "signed_on"):
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

    def _commit_check(self, item: str) -> None:
        from app.proofing.operations import SetCheck

        record = self.record
        if record is None or self._document.read_only:
            return
        answer = self.check_answers[item].currentData()
        note = self.check_notes[item].text()
        current = {i: (a, n) for i, a, n in record.checks}.get(item, ("", ""))
        if (answer, note.strip()) != current:
            self._document.perform(SetCheck(record.id, item, answer, note))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
