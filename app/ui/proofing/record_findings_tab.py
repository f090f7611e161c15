"""The record's findings tab: the draft's text beside its findings, which filter by
severity, triage state and rule. The list and the text follow each other; the chosen
findings are triaged, or raise actions in the plan, as one undoable step."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.proofing.fields import TRIAGE
from app.proofing.records import FindingRow
from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.fitting import scrolling
from app.ui.list_table import button_row, row_table
from app.ui.proofing.document_view import DocumentView, Spans
from app.ui.proofing.models import SEVERITY_LABELS, FindingsModel

ALL = ""


class FindingsTab(QWidget):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._findings: Sequence[FindingRow] = ()  # the record's, before the filters
        self._raised: set[uuid.UUID] = set()  # findings that have raised an action
        self._text = ""
        self._spans: Spans = ()
        self._following = False
        self.text_view = DocumentView(self)
        self.text_view.finding_clicked.connect(self.select_finding)
        self.findings_model = FindingsModel(self)
        self.findings_table = row_table(self, self.findings_model, name="Findings",
                                        object_name="findings_table",
                                        stretch_column=FindingsModel.WORDS, multiple=True)
        self.findings_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._follow_finding())
        self.severity_filter = self._filter("Severity filter",
                                            {ALL: "All severities", **SEVERITY_LABELS})
        self.triage_filter = self._filter("Triage filter",
                                          {ALL: "All triage states", **TRIAGE})
        self.rule_filter = self._filter("Rule filter", {ALL: "All rules"}, long_choices=True)
        filters = QHBoxLayout()
        for text, combo in (("Se&verity", self.severity_filter),
                            ("Tria&ge", self.triage_filter), ("R&ule", self.rule_filter)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            filters.addWidget(label)
            # The short lists show their choices whole; the rules take what is left.
            filters.addWidget(combo, 1 if combo is self.rule_filter else 0)
        self.accept_button = named(QPushButton("Acce&pt", self), "Accept finding",
                                   "The draft should change as the finding says")
        self.dismiss_button = named(QPushButton("&Dismiss…", self), "Dismiss finding",
                                    "Not a problem here; you will be asked why")
        self.fixed_button = named(QPushButton("Fi&xed", self), "Mark finding fixed")
        self.reopen_button = named(QPushButton("Re&open", self), "Reopen finding")
        self.raise_button = named(QPushButton("Raise &action", self), "Raise action",
                                  "Add an action to the workbook's action plan from each "
                                  "chosen finding")
        self.raise_button.clicked.connect(self.raise_actions)
        self.accept_button.clicked.connect(lambda: self.triage("accepted"))
        self.dismiss_button.clicked.connect(lambda: self.triage("dismissed"))
        self.fixed_button.clicked.connect(lambda: self.triage("fixed"))
        self.reopen_button.clicked.connect(lambda: self.triage("open"))
        self.finding_detail = named(QLabel(self), "The finding in full")
        self.finding_detail.setObjectName("finding_detail")
        self.finding_detail.setWordWrap(True)
        self.finding_detail.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addLayout(filters)
        side_layout.addWidget(self.findings_table, 3)
        side_layout.addLayout(button_row(self.accept_button, self.dismiss_button,
                                         self.fixed_button, self.reopen_button,
                                         self.raise_button))
        # The finding in full scrolls on its own, so a short window never cuts it off.
        detail_area = scrolling(self.finding_detail, side)
        named(detail_area, "The finding in full, scrolling")
        detail_area.setMinimumHeight(4 * self.fontMetrics().lineSpacing())
        side_layout.addWidget(detail_area, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.text_view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([500, 500])  # half each, whatever the lists' widest text
        self.text_view.setMinimumWidth(240)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _filter(self, name: str, choices: dict[str, str], *,
                long_choices: bool = False) -> QComboBox:
        combo = named(QComboBox(self), name)
        named(combo.view(), f"{name} choices")
        if long_choices:
            # Long rule ids must not widen the screen: the list drops down wider instead.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        else:
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for key, label in choices.items():
            combo.addItem(label, key)
        combo.activated.connect(lambda _i: self._fill_findings())
        return combo

    def show_findings(self, findings: Sequence[FindingRow], raised: set[uuid.UUID],
                      text: str, spans: Spans) -> None:
        """A record's findings (the rule filter offers their rules) over its draft."""
        self._findings, self._raised = findings, raised
        current = self.rule_filter.currentData()
        self.rule_filter.clear()
        self.rule_filter.addItem("All rules", ALL)
        for rule in sorted({f.rule_id for f in findings}):
            self.rule_filter.addItem(rule, rule)
        self.rule_filter.setCurrentIndex(max(0, self.rule_filter.findData(current)))
        self.show_text(text, spans)

    def show_text(self, text: str, spans: Spans) -> None:
        """The draft's text (read on a worker) with the shown findings marked in it."""
        self._text, self._spans = text, spans
        self._fill_findings()

    def _shown_findings(self) -> list[FindingRow]:
        wanted = (self.severity_filter.currentData(), self.triage_filter.currentData(),
                  self.rule_filter.currentData())
        return [f for f in self._findings
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


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
