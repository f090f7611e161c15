"""Representation audits: the workbook's audits listed above the one selected.

The selected audit shows its details, an editable table of counts by category with
per-category metrics, each high-level group's verdict, a chart against the baseline and the
same body over time. Every edit is one of the representation module's undoable
operations, run through `document.perform`; the screen redraws when audits or baselines
change, so an undo shows at once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.plans.topics import ACTIONS
from app.representation.analysis import Comparison, Line
from app.representation.statistics import Verdict
from app.representation.store import BaselineRow, ExpandedCategory
from app.representation.topics import AUDITS, BASELINES
from app.representation.vocabulary import BODY_KINDS, ROLES
from app.ui import messages
from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.fitting import scrolling
from app.ui.list_table import TableOrEmpty, button_row, row_table
from app.ui.plans.actions_editor import CommitOnLeave
from app.ui.representation.counts_table import CountsModel, CountsTable, count_lines
from app.ui.representation.models import (
    AuditsTableModel,
    GroupsTableModel,
    HistoryTableModel,
    ListedAudit,
)
from app.ui.representation.new_audit_dialog import baseline_choices, combo
from app.ui.representation.shares_chart import SharesChart
from app.ui.screens import ScreenContext

EMPTY_TEXT = (
    "No representation audits yet — choose New… to record a body (a board, staff, "
    "members…) by ethnic group, counts only, and compare it with your area's population. "
    "Add the area's figures under Population baselines first."
)
READ_ONLY_EMPTY_TEXT = "No representation audits in this workbook."
SMALL_BODY = (
    "Why a small body often reads “inconclusive”: with a few members, one person more or "
    "less moves a share by many points, so the 95% interval is wide and usually holds the "
    "area's share as well as values far from it. The figures then cannot tell a real gap "
    "from chance, and the screen says so rather than call it under-representation."
)


def legend_text() -> str:
    items = "".join(f"<li><b>{v.words}</b>: {v.meaning}</li>"
                    for v in (Verdict.UNDER, Verdict.PROPORTIONATE, Verdict.OVER,
                              Verdict.INCONCLUSIVE, Verdict.NO_BASELINE))
    return (f"<p><b>What the verdicts mean</b></p><ul>{items}</ul><p>{SMALL_BODY}</p>"
            "<p>The parity gap is how many more people from the group the body would need, "
            "everyone else unchanged, for its share to reach the area's.</p>")


@dataclass(frozen=True)
class AuditView:
    """The selected audit as last read: compared with its baseline, and its history."""

    comparison: Comparison
    expanded: list[ExpandedCategory]
    history: list[Comparison]


def _listed(session: object) -> tuple[list[ListedAudit], list[BaselineRow]]:
    from app.representation.classifications import get_classification
    from app.representation.store import list_audits, list_baselines

    baselines = list_baselines(session)  # type: ignore[arg-type]
    names = {b.id: b.name for b in baselines}
    return ([ListedAudit(a, names.get(a.baseline_id, "") if a.baseline_id else "",
                         get_classification(a.classification).title)
             for a in list_audits(session)], baselines)  # type: ignore[arg-type]


def _read_audit(session: object, audit_id: uuid.UUID) -> AuditView:
    from app.representation.analysis import compare
    from app.representation.store import body_history, get_audit, get_baseline, list_expanded

    expanded = list_expanded(session)  # type: ignore[arg-type]

    def compared(audit: object) -> Comparison:
        baseline_id = audit.baseline_id  # type: ignore[attr-defined]
        baseline = get_baseline(session, baseline_id) if baseline_id else None  # type: ignore[arg-type]
        return compare(audit, baseline, expanded)  # type: ignore[arg-type]

    audit = get_audit(session, audit_id)  # type: ignore[arg-type]
    history = [compared(a) for a in body_history(session, audit.body_kind,  # type: ignore[arg-type]
                                                 audit.body_name)]
    return AuditView(compared(audit), expanded, history)


class AuditsEditor(QWidget):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.dialog: QWidget | None = None  # the New… or Local categories… dialog while open
        self.view: AuditView | None = None
        self.baselines: list[BaselineRow] = []
        self.model = AuditsTableModel(self)
        self.new_button = named(QPushButton("&New…", self), "New audit",
                                "Record a body's make-up by ethnic group")
        self.remove_button = named(QPushButton("&Remove", self), "Remove audit",
                                   "Remove the selected audit (Undo brings it back)")
        self.categories_button = named(
            QPushButton("&Local categories…", self), "Local categories",
            "Add, rename or remove your own categories under the census ones")
        self.new_button.clicked.connect(self.new_audit)
        self.remove_button.clicked.connect(self.remove_selected)
        self.categories_button.clicked.connect(self.local_categories)

        self.table = row_table(self, self.model, name="Representation audits",
                               object_name="audits_table", stretch_column=AuditsTableModel.BODY)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        remove = QAction("Remove", self.table)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_selected)
        self.table.addAction(remove)
        self._pages = TableOrEmpty(
            self.table, READ_ONLY_EMPTY_TEXT if document.read_only else EMPTY_TEXT, self)
        self.empty_state = self._pages.empty_state
        self._pages.setMaximumHeight(self.table.verticalHeader().defaultSectionSize() * 4
                                     + self.table.horizontalHeader().sizeHint().height())

        self.tabs = self._make_tabs()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(button_row(self.new_button, self.remove_button,
                                    self.categories_button))
        layout.addWidget(self._pages, 1)
        layout.addWidget(self.tabs, 4)
        self.setFocusProxy(self.table)
        document.changed.connect(self._on_changed)
        self.refresh()

    # ------------------------------------------------------------------ building

    def _make_tabs(self) -> QTabWidget:
        tabs = named(QTabWidget(self), "Selected audit")
        named(tabs.tabBar(), "Views of the selected audit")
        tabs.addTab(self._make_counts_tab(tabs), "&Counts")
        tabs.addTab(self._make_groups_tab(tabs), "&Groups and verdicts")
        self.chart = SharesChart(tabs)
        tabs.addTab(self.chart, "C&hart")
        tabs.addTab(self._make_history_tab(tabs), "&Over time")
        return tabs

    def _make_counts_tab(self, parent: QWidget) -> QWidget:
        page = QWidget(parent)
        self.kind_combo = combo(page, "Kind of body", BODY_KINDS)
        self.kind_combo.activated.connect(
            lambda _i: self._commit("body_kind", self.kind_combo.currentData()))
        self.name_edit = named(QLineEdit(page), "Body's name")
        self.name_edit.editingFinished.connect(
            lambda: self._commit("body_name", self.name_edit.text()))
        self.date_edit = named(QLineEdit(page), "Date", "Day/month/year")
        self.date_edit.setPlaceholderText("dd/mm/yyyy")
        self.date_edit.editingFinished.connect(
            lambda: self._commit("audit_date", self.date_edit.text()))
        self.role_combo = combo(page, "Role of engagement", {"": "Not recorded", **ROLES})
        self.role_combo.activated.connect(
            lambda _i: self._commit("role", self.role_combo.currentData()))
        self.baseline_combo = combo(page, "Baseline", {})
        self.baseline_combo.activated.connect(
            lambda _i: self._commit("baseline_id", self.baseline_combo.currentData() or None))
        self.classification_label = QLabel(page)
        self.notes_edit = CommitOnLeave(
            lambda: self._commit("notes", self.notes_edit.toPlainText()), page)
        named(self.notes_edit, "Where the figures come from")
        self.notes_edit.setMaximumHeight(44)
        grid = QGridLayout()
        grid.setContentsMargins(0, 4, 0, 4)
        fields = (("&Kind", self.kind_combo), ("&Name", self.name_edit),
                  ("&Date", self.date_edit), ("&Role", self.role_combo),
                  ("&Baseline", self.baseline_combo), ("Categories", self.classification_label))
        for number, (text, widget) in enumerate(fields):
            label = QLabel(text, page)
            label.setBuddy(widget)
            row, column = divmod(number, 2)
            grid.addWidget(label, row, column * 2)
            grid.addWidget(widget, row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        notes_label = QLabel("&Source", page)
        notes_label.setBuddy(self.notes_edit)
        self.notes_edit.setPlaceholderText("Where the figures come from, e.g. the equality "
                                           "monitoring forms of April 2026")
        grid.addWidget(notes_label, 3, 0)
        grid.addWidget(self.notes_edit, 3, 1, 1, 3)
        self.classification_label.setWordWrap(True)
        for box in (self.kind_combo, self.role_combo, self.baseline_combo):
            # Long baseline names must not widen the screen past a small window.
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(12)
        self.counts_model = CountsModel(self._set_count, with_metrics=True, parent=self)
        self.counts_table = CountsTable(self.counts_model, "Counts by category", page)
        self.summary = QLabel(page)
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addLayout(grid)
        layout.addWidget(self.counts_table, 1)
        layout.addWidget(self.summary)
        return page

    def _make_groups_tab(self, parent: QWidget) -> QWidget:
        body = QWidget(parent)
        self.groups_model = GroupsTableModel(self)
        self.groups_table = row_table(body, self.groups_model, name="Verdicts by group",
                                      object_name="groups_table",
                                      stretch_column=GroupsTableModel.GROUP)
        self.groups_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._explain_group())
        self.explanation = QLabel(body)
        self.explanation.setWordWrap(True)
        self.raise_button = named(QPushButton("Ra&ise action…", body), "Raise action",
                                  "Add an action to the plan about the selected group")
        self.raise_button.clicked.connect(self.raise_action)
        self.comparison_notes = QLabel(body)
        self.comparison_notes.setWordWrap(True)
        self.legend = QLabel(legend_text(), body)
        self.legend.setObjectName("verdict_legend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(body)
        rows = len(self.groups_model.headers)  # about as many rows as groups + minorities
        self.groups_table.setMinimumHeight(
            self.groups_table.verticalHeader().defaultSectionSize() * rows)
        layout.addWidget(self.groups_table)
        layout.addLayout(button_row(self.raise_button))
        layout.addWidget(self.explanation)
        layout.addWidget(self.comparison_notes)
        layout.addWidget(self.legend)
        layout.addStretch(1)
        return scrolling(body, parent)

    def _make_history_tab(self, parent: QWidget) -> QWidget:
        page = QWidget(parent)
        self.history_model = HistoryTableModel(self)
        self.history_table = row_table(page, self.history_model, name="The body over time",
                                       object_name="history_table",
                                       stretch_column=HistoryTableModel.VERDICT)
        self.history_note = QLabel(page)
        self.history_note.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.history_note)
        layout.addWidget(self.history_table, 1)
        return page

    # ------------------------------------------------------------------ view

    def refresh(self) -> None:
        selected = self.selected_id()
        listed, self.baselines = self._document.read(_listed)
        self.model.set_rows(listed)
        self._pages.follow_rows()
        self.baseline_combo.clear()
        for key, label in baseline_choices(self.baselines).items():
            self.baseline_combo.addItem(label, key)
        self.select(selected)
        self._show_selected()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {AUDITS, BASELINES}:
            self.refresh()
        elif ACTIONS in topics:  # an action raised, removed or undone
            self._explain_group()

    def selected_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(index.row()).audit.id  # type: ignore[no-any-return]

    def select(self, audit_id: uuid.UUID | None) -> None:
        row = self.model.row_of(audit_id) if audit_id is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _show_selected(self) -> None:
        editable = not self._document.read_only
        self.new_button.setEnabled(editable)
        self.categories_button.setEnabled(editable)
        audit_id = self.selected_id()
        self.remove_button.setEnabled(editable and audit_id is not None)
        self.tabs.setVisible(audit_id is not None)
        if audit_id is None:
            self.view = None
            return
        self.view = view = self._document.read(lambda s: _read_audit(s, audit_id))
        c = view.comparison
        audit = c.audit
        for widget in (self.kind_combo, self.role_combo, self.baseline_combo):
            widget.setEnabled(editable)
        for line_edit in (self.name_edit, self.date_edit):
            line_edit.setReadOnly(not editable)
        self.notes_edit.setReadOnly(not editable)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(audit.body_kind)))
        self.name_edit.setText(audit.body_name)
        self.date_edit.setText(f"{audit.audit_date:%d/%m/%Y}")
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(audit.role)))
        self.baseline_combo.setCurrentIndex(max(0, self.baseline_combo.findData(
            str(audit.baseline_id) if audit.baseline_id else "")))
        if self.notes_edit.toPlainText() != audit.notes:
            self.notes_edit.setPlainText(audit.notes)
        from app.representation.classifications import get_classification

        own = get_classification(audit.classification)
        self.classification_label.setText(own.title)
        same = c.classification.id == own.id
        metrics = {line.key: line.metrics for line in c.categories} if same else {}
        self.counts_model.editable = editable
        self.counts_model.set_lines(count_lines(own, view.expanded), audit.count_map, metrics)
        self.summary.setText(self._summary(c, same))
        self.groups_model.set_rows([*c.groups, c.minorities])
        # Ethnic minorities together: the line most readers come for, explained at once.
        self.groups_table.setCurrentIndex(self.groups_model.index(len(c.groups), 0))
        self.comparison_notes.setText(" ".join(c.notes))
        self._explain_group()
        self._show_chart(c)
        self.history_model.set_rows(view.history)
        self.history_note.setText(
            "Ethnic minorities on this body at each of its audits, oldest first."
            if len(view.history) > 1 else
            "This is the body's only audit so far. Record the body again on a later date "
            "(New…, with the same kind and name) to follow it over time.")

    @staticmethod
    def _summary(c: Comparison, same: bool) -> str:
        people = f"{c.stated:,} stated their ethnic group; {c.not_stated_total:,} did not " \
                 f"(shown apart and left out of the shares). Total {c.total:,}."
        if c.baseline is None:
            return people + " Choose a baseline to compare with the area."
        if not same:
            return people + " The audit's categories differ from the baseline's, so it is " \
                            "compared by group: see Groups and verdicts."
        return people + f" Compared with “{c.baseline.name}”."

    def _show_chart(self, c: Comparison) -> None:
        from app.representation.report import shares_chart

        if c.baseline is None:
            self.chart.set_chart(None, "Choose a baseline to compare the body with its area.")
        elif not c.stated:
            self.chart.set_chart(None, "Enter counts to see the body's shares.")
        else:
            self.chart.set_chart(shares_chart(c, "screen"))

    def _explain_group(self) -> None:
        index = self.groups_table.currentIndex()
        self.raise_button.setEnabled(False)
        if not index.isValid() or self.view is None:
            self.explanation.setText("Select a group to read what its figures mean.")
            return
        line = self.groups_model.row_at(index.row())
        m = line.metrics
        self.explanation.setText(f"{line.label}: {m.verdict.words}. {m.explanation}")
        reason = self._why_not_raise(line)
        self.raise_button.setEnabled(reason is None)
        self.raise_button.setToolTip(reason or f"Add an action to the plan about {line.label}")

    def _why_not_raise(self, line: Line) -> str | None:
        from app.representation.raise_action import already_raised, why_not

        if self._document.read_only:
            return "The workbook is open read-only."
        assert self.view is not None
        audit_id = self.view.comparison.audit.id
        already = self._document.read(lambda s: already_raised(s, audit_id, line))
        return "An action was already raised for this group." if already else why_not(line)

    def raise_action(self) -> None:
        """Add the selected group's action to the plan, after saying what it will be."""
        from app.representation.raise_action import RaiseGroupAction, proposed_values

        index = self.groups_table.currentIndex()
        if self.view is None or not index.isValid():
            return
        line = self.groups_model.row_at(index.row())
        if self._why_not_raise(line) is not None:
            return
        values = proposed_values(self.view.comparison.audit, self.view.comparison, line)
        if messages.ask(self, f"Add an action to the plan about {line.label}?",
                        accept="&Raise action",
                        informative=f"Weakness: {values['weakness']}\n\nAction: "
                                    f"{values['action']}\n\nYou can change it in the "
                                    "action plan; undo takes it away again."):
            self._document.perform(RaiseGroupAction(self.view.comparison.audit.id, line.key))

    # ------------------------------------------------------------------ edits

    def new_audit(self) -> None:
        from app.ui.representation.new_audit_dialog import NewAuditDialog

        if self._document.read_only:
            return
        dialog = NewAuditDialog(self.baselines, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._create(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def local_categories(self) -> None:
        from app.representation.vocabulary import DEFAULT_CLASSIFICATION
        from app.ui.representation.local_categories_dialog import LocalCategoriesDialog

        if self._document.read_only:
            return
        # Open on the selected audit's categories, whose counts table shows the new rows.
        own = self.view.comparison.audit.classification if self.view else DEFAULT_CLASSIFICATION
        dialog = LocalCategoriesDialog(self._document, own, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _create(self, dialog: object) -> None:
        from app.representation.operations import CreateAudit
        from app.ui.representation.new_audit_dialog import NewAuditDialog

        assert isinstance(dialog, NewAuditDialog)
        row = dialog.row()
        if self._document.perform(CreateAudit(row)):
            self.select(row.id)
            QTimer.singleShot(0, lambda: self.counts_table.setFocus(
                Qt.FocusReason.OtherFocusReason))

    def remove_selected(self) -> None:
        from app.representation.operations import DeleteAudit

        audit_id = self.selected_id()
        if audit_id is not None and not self._document.read_only:
            self._document.perform(DeleteAudit(audit_id))

    def _set_count(self, category: str, text: str | None) -> bool:
        from app.representation.operations import SetCount

        audit_id = self.selected_id()
        if audit_id is None or self._document.read_only:
            return False
        return self._document.perform(SetCount(audit_id, category, text))

    def _commit(self, field: str, value: object) -> None:
        from app.representation.operations import ChangeAudit

        if self.view is None or self._document.read_only:
            return
        audit = self.view.comparison.audit
        current = getattr(audit, field)
        shown = f"{current:%d/%m/%Y}" if field == "audit_date" else current
        if field == "baseline_id":
            shown = str(current) if current else None
        if value in (shown, current):
            return
        if not self._document.perform(ChangeAudit(audit.id, field, value)):
            self._show_selected()  # refused: show what the file holds


def create_editor(context: ScreenContext) -> AuditsEditor:
    return AuditsEditor(context.document, context.parent)
