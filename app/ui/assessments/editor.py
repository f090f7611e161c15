"""Self-assessments: the workbook's assessments listed above the one selected.

Every edit is one of the assessments module's undoable operations, run through
`document.perform`; the screen redraws when the assessments (or evidence) topic changes.

Rating by keyboard must keep up with typing, so an edit of one criterion made here reads
back only that response and repaints its row; the scores, warnings and charts follow on
a short timer, once per pause in the typing, and only the tab on show is filled. Any other
change (an undo, another screen's edit) re-reads every assessment.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.assessments.data import AssessmentData, ResponseData
from app.assessments.frameworks import Framework
from app.assessments.topics import ASSESSMENTS
from app.evidence.topics import EVIDENCE
from app.ui.a11y import named
from app.ui.assessments.compare_view import CompareView
from app.ui.assessments.criteria_model import CriteriaModel
from app.ui.assessments.criteria_view import CLEAR, CriteriaTree, ResponsePanel
from app.ui.assessments.list_model import NAME, AssessmentsTableModel, ListedAssessment
from app.ui.assessments.move_version import MoveVersion
from app.ui.assessments.radar_chart import RadarChart
from app.ui.assessments.scores_view import ScoresView
from app.ui.document import OpenWorkbook
from app.ui.fitting import scrolling
from app.ui.list_table import TableOrEmpty, button_row, row_table
from app.ui.screens import ScreenContext

if TYPE_CHECKING:
    from app.assessments.operations import (
        LinkEvidence,
        RateCriterion,
        SetResponseField,
        UnlinkEvidence,
    )

    OnResponse = RateCriterion | SetResponseField | LinkEvidence | UnlinkEvidence

EMPTY_TEXT = (
    "No self-assessments yet — start one from a framework: choose New…, pick the framework "
    "you assess against, and rate each criterion with the number keys."
)
READ_ONLY_EMPTY_TEXT = "No self-assessments in this workbook."
# Ratings typed in a row are scored once, when the typing pauses this long.
RESCORE_MS = 150
# Arrowing through the criteria shows the chosen one's guidance once the keys pause (or
# at once when focus leaves the tree): laying out its wrapped text on every key was slow.
PANEL_MS = 120


def _listed(session: object) -> list[ListedAssessment]:
    from app.assessments.records import list_assessments, load_assessment

    return [ListedAssessment.scored(load_assessment(session, row.id))  # type: ignore[arg-type]
            for row in list_assessments(session)]  # type: ignore[arg-type]


def _support(response: ResponseData | None) -> tuple[object, ...]:
    """What the criterion panel shows of a response."""
    response = response or ResponseData()
    return response.notes, response.confidence, response.evidence


class AssessmentsEditor(QWidget):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._frameworks: list[Framework] | None = None
        self.dialog: QWidget | None = None  # the New… dialog while it is open
        self.model = AssessmentsTableModel(self)
        self.new_button = named(QPushButton("&New…", self), "New self-assessment",
                                "Start a self-assessment against a framework")
        self.delete_button = named(QPushButton("&Delete", self), "Delete self-assessment",
                                   "Delete the selected self-assessment (Undo brings it back)")
        self.new_button.clicked.connect(self.new_assessment)
        self.delete_button.clicked.connect(self.delete_selected)
        self.move_version = MoveVersion(document, self, self.selected_id)
        buttons = button_row(self.new_button, self.delete_button, self.move_version.button)

        self.table = self._make_table()
        self._pages = TableOrEmpty(
            self.table, READ_ONLY_EMPTY_TEXT if document.read_only else EMPTY_TEXT, self)
        self.empty_state = self._pages.empty_state

        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(buttons)
        self._layout.addWidget(self._pages, 1)
        # A few rounds fit; the selected assessment below needs the height more.
        self._pages.setMaximumHeight(self.table.verticalHeader().defaultSectionSize() * 5
                                     + self.table.horizontalHeader().sizeHint().height())
        self._shown = 0  # how many times the selected assessment has been shown
        self.data: AssessmentData | None = None  # the selected assessment, as last read
        self._evidence: dict[str, uuid.UUID] = {}  # the workbook's evidence files by name
        self._own_edit: tuple[uuid.UUID, str] | None = None  # (assessment, ref) being edited
        self._stale: set[uuid.UUID] = set()  # assessments whose scores wait for the timer
        self._rescore = QTimer(self)
        self._rescore.setSingleShot(True)
        self._rescore.setInterval(RESCORE_MS)
        self._rescore.timeout.connect(self.rescore)
        self._filled: set[QWidget] = set()  # tabs that show the selection's current figures
        self.tabs = self._make_tabs()
        self._layout.addWidget(self.tabs, 3)
        self.setFocusProxy(self.table)
        document.changed.connect(self._on_changed)
        self.refresh()
        self.move_version.follow(self.table, self.model)

    def _make_table(self) -> QTableView:
        table = row_table(self, self.model, name="Self-assessments",
                          object_name="assessments_table", stretch_column=NAME)
        table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        delete = QAction("Delete", table)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        table.addAction(delete)
        return table

    def _make_tabs(self) -> QTabWidget:
        tabs = named(QTabWidget(self), "Selected self-assessment")
        named(tabs.tabBar(), "Views of the selected self-assessment")
        self.criteria_model = CriteriaModel(self)
        self.tree = CriteriaTree(self.criteria_model, self)
        self.tree.read_only = self._document.read_only
        self.tree.rate.connect(self.rate)
        self._panel_timer = QTimer(self)
        self._panel_timer.setSingleShot(True)
        self._panel_timer.setInterval(PANEL_MS)
        self._panel_timer.timeout.connect(self._show_criterion)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._panel_timer.start())
        self.tree.left.connect(self.flush_panel)
        self.panel = ResponsePanel(self._commit_response, self)
        self.panel.link_button.clicked.connect(self.link_evidence)
        self.panel.unlink_button.clicked.connect(self.unlink_evidence)
        criteria = QSplitter(Qt.Orientation.Horizontal, tabs)
        criteria.setChildrenCollapsible(False)
        criteria.addWidget(self.tree)
        criteria.addWidget(scrolling(self.panel, criteria))
        criteria.setStretchFactor(0, 3)
        criteria.setStretchFactor(1, 2)
        criteria.setSizes([600, 400])  # the criteria's titles need the room more
        tabs.addTab(criteria, "&Criteria")
        self.scores = ScoresView(tabs)
        self.scores.criterion_chosen.connect(self.go_to_criterion)
        self.scores.raise_requested.connect(self.raise_actions)
        tabs.addTab(self.scores, "Scores and &warnings")
        self.chart = RadarChart(tabs)
        tabs.addTab(self.chart, "C&hart")
        self.compare = CompareView(tabs)
        tabs.addTab(self.compare, "Com&pare")
        tabs.currentChanged.connect(lambda _index: self._fill_current_tab())
        return tabs

    def _show_chart(self, listed: ListedAssessment) -> None:
        from app.assessments.charts import section_radar

        name = listed.row.round_label or listed.row.name
        self.chart.set_chart(section_radar(listed.data.framework, listed.scores, None, name, ""),
                             [[s.score.value is None for s in listed.scores.top_sections]],
                             [s.label for s in listed.scores.top_sections])

    def go_to_criterion(self, ref: str) -> None:
        self.tabs.setCurrentIndex(0)
        self.tree.select_ref(ref)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ view

    def refresh(self) -> None:
        selected = self.selected_id()
        self._rescore.stop()
        self._stale.clear()
        self.model.set_rows(self._document.read(_listed))
        self._pages.follow_rows()
        shown = self._shown
        self.select(selected)
        if self._shown == shown:  # selecting did not show it already (the row was current)
            self._show_selected()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if not topics & {ASSESSMENTS, EVIDENCE}:
            return
        own, self._own_edit = self._own_edit, None
        if own is not None and EVIDENCE not in topics and self.model.row_of(own[0]) >= 0:
            self._update_response(*own)
        else:
            self.refresh()

    def _update_response(self, assessment_id: uuid.UUID, ref: str) -> None:
        """This screen changed one response: read back just that one and repaint its row."""
        from app.assessments.records import read_responses

        number = self.model.row_of(assessment_id)
        item: ListedAssessment = self.model.row_at(number)
        fresh = self._document.read(lambda session: read_responses(session, assessment_id,
                                                                   ref))
        responses = {key: value for key, value in item.data.responses.items() if key != ref}
        responses.update(fresh)  # nothing back: the response was emptied and removed
        data = replace(item.data, responses=responses)
        # The row's figures are redrawn once rescored (see `rescore`), not now.
        self.model.replace_row(number, replace(item, data=data), repaint=False)
        self._stale.add(assessment_id)
        if assessment_id == self.selected_id():
            before, after = item.data.responses.get(ref), fresh.get(ref)
            self.data = data
            self.criteria_model.set_response(ref, after)
            # The panel shows what supports the answer, not the rating: leave it be when
            # only the rating changed (re-filling it re-laid out the page on every key).
            if ref == self.current_ref() and _support(before) != _support(after):
                self._show_criterion()
        self._rescore.start()

    def rescore(self) -> None:
        """Score the assessments changed since the last time, and redraw what shows them."""
        self._rescore.stop()
        stale, self._stale = self._stale, set()
        for assessment_id in stale:
            number = self.model.row_of(assessment_id)
            if number >= 0:
                self.model.replace_row(number,
                                       ListedAssessment.scored(self.model.row_at(number).data))
        if self.selected_id() in stale:
            self._filled.clear()
            self._fill_current_tab()

    def _fill_current_tab(self) -> None:
        """Show the selection's figures on the tab on show (the others wait until chosen)."""
        page = self.tabs.currentWidget()
        index = self.table.currentIndex()
        if not index.isValid():
            return
        if self.selected_id() in self._stale:
            self.rescore()  # the figures are due: score now rather than show old ones
            return
        if page in self._filled:
            return
        listed: ListedAssessment = self.model.row_at(index.row())
        if page is self.scores:
            self.scores.show_scores(listed.scores, listed.top, not self._document.read_only)
        elif page is self.chart:
            self._show_chart(listed)
        elif page is self.compare:
            self.compare.show_for(listed, self.model.rows())
        self._filled.add(page)

    def selected_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(index.row()).row.id  # type: ignore[no-any-return]

    def select(self, assessment_id: uuid.UUID | None) -> None:
        row = self.model.row_of(assessment_id) if assessment_id is not None else -1
        if row < 0 and self.model.rowCount():
            row = self.model.rowCount() - 1  # the newest round
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _show_selected(self) -> None:
        self._shown += 1
        editable = not self._document.read_only
        self.new_button.setEnabled(editable)
        assessment_id = self.selected_id()
        self.delete_button.setEnabled(editable and assessment_id is not None)
        self.tabs.setVisible(assessment_id is not None)
        if assessment_id is None:
            self.data = None
            self.criteria_model.set_data(None)
            self.scores.show_scores(None, None, False)
            self._show_criterion()
            return
        ref = self.current_ref()
        fresh = self.data is None or self.data.framework is not self.criteria_model.framework
        listed: ListedAssessment = self.model.row_at(self.table.currentIndex().row())
        self.data = listed.data
        before = self.criteria_model.framework
        self.criteria_model.set_data(self.data)
        if fresh or before is not self.criteria_model.framework:
            self.tree.expandAll()
        self._filled.clear()
        self._fill_current_tab()
        if self.current_ref() is None:
            first = next(iter(self.data.framework.criteria()), None)
            self.tree.select_ref(ref or (first[1].ref if first else ""))
        self._show_criterion()

    def current_ref(self) -> str | None:
        criterion = self.criteria_model.criterion_at(self.tree.currentIndex())
        return criterion.ref if criterion is not None else None

    def flush_panel(self) -> None:
        """Show the current criterion in the panel now, if it is waiting to be shown."""
        if self._panel_timer.isActive():
            self._show_criterion()

    def _show_criterion(self) -> None:
        self._panel_timer.stop()
        ref = self.current_ref()
        framework = self.criteria_model.framework
        criterion = framework.criterion(ref) if framework is not None and ref else None
        response = self.criteria_model.response(ref or "")
        self.panel.show_criterion(framework, criterion, response.notes, response.confidence,
                                  response.evidence, not self._document.read_only)

    def status_note(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15000)

    # ------------------------------------------------------------------ edits

    def frameworks(self) -> list[Framework]:
        """The catalogue's frameworks, read once (the files do not change while open)."""
        if self._frameworks is None:
            from app.assessments.frameworks.catalogue import load_catalogue

            self._frameworks = [entry.framework for entry in load_catalogue().entries]
        return self._frameworks

    def new_assessment(self, framework_id: str | None = None) -> None:
        from app.ui.assessments.new_dialog import NewAssessmentDialog

        if self._document.read_only:
            return
        frameworks = self.frameworks()
        if not frameworks:
            self.status_note("No frameworks are available: add one to your frameworks folder.")
            return
        dialog = NewAssessmentDialog(frameworks, self, chosen=framework_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._create(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()  # window-modal, without blocking: the screen stays testable

    def _create(self, dialog: object) -> None:
        from app.assessments.operations import CreateAssessment
        from app.ui.assessments.new_dialog import NewAssessmentDialog

        assert isinstance(dialog, NewAssessmentDialog)
        operation = CreateAssessment.of(dialog.framework(), **dialog.values())
        if self._document.perform(operation):
            self.select(operation.assessment_id)
            # After the dialog has closed and handed focus back: go to the new assessment.
            QTimer.singleShot(0, self.table.setFocus)

    def _perform_on_response(self, operation: OnResponse) -> bool:
        """Perform an edit of one response, which the screen then updates on its own."""
        self._own_edit = (operation.assessment_id, operation.ref)
        try:
            return self._document.perform(operation)
        finally:
            self._own_edit = None

    def rate(self, ref: str, answer: str) -> None:
        from app.assessments.operations import RateCriterion

        assessment_id = self.selected_id()
        if assessment_id is not None and not self._document.read_only:
            self._perform_on_response(RateCriterion(assessment_id, ref,
                                                    None if answer == CLEAR else answer))

    def _commit_response(self, field: str, value: str) -> None:
        from app.assessments.operations import SetResponseField

        assessment_id, ref = self.selected_id(), self.current_ref()
        if assessment_id is None or ref is None or self._document.read_only:
            return
        if getattr(self.criteria_model.response(ref), field) == (value or ""):
            return
        if not self._perform_on_response(SetResponseField(assessment_id, ref, field, value)):
            self._show_criterion()  # refused: show what the file holds

    def choose_evidence(self, names: list[str]) -> str | None:
        """Ask which evidence file to link (the tests answer for the user)."""
        name, ok = QInputDialog.getItem(self, "Link evidence file",
                                        "Evidence file that supports this criterion:",
                                        names, 0, False)
        return name if ok and name else None

    def link_evidence(self) -> None:
        from app.assessments.operations import LinkEvidence
        from app.workbook.evidence import list_evidence

        self.flush_panel()
        assessment_id, ref = self.selected_id(), self.current_ref()
        if assessment_id is None or ref is None or self._document.read_only:
            return
        self._evidence = self._document.read(
            lambda session: {e.name: e.id for e in list_evidence(session)})
        linked = set(self.criteria_model.response(ref).evidence)
        names = [name for name in self._evidence if name not in linked]
        if not names:
            self.status_note("Every evidence file in the workbook is already linked to "
                             f"{ref}; add files under Evidence files first."
                             if self._evidence else
                             "This workbook has no evidence files yet: add them under "
                             "Evidence files, then link them here.")
            return
        name = self.choose_evidence(names)
        if name is not None:
            self._perform_on_response(LinkEvidence(assessment_id, ref, self._evidence[name]))

    def unlink_evidence(self) -> None:
        from app.assessments.operations import UnlinkEvidence
        from app.assessments.records import find_evidence

        self.flush_panel()
        assessment_id, ref = self.selected_id(), self.current_ref()
        item = self.panel.files.currentItem()
        if assessment_id is None or ref is None or item is None or self._document.read_only:
            return
        name = item.text()
        evidence_id = self._document.read(lambda session: find_evidence(session, name))
        self._perform_on_response(UnlinkEvidence(assessment_id, ref, evidence_id))

    def raise_actions(self) -> None:
        from app.assessments.improvement import actions_to_raise, propose_actions, raised_origins
        from app.assessments.operations import RaiseActions

        if self.data is None or self._document.read_only:
            return
        assessment_id = self.data.row.id
        existing = self._document.read(lambda session: raised_origins(session, assessment_id))
        actions = actions_to_raise(propose_actions(self.data), existing)
        if not actions:
            self.status_note("No new improvement actions: every criterion at the lowest "
                             "level already has one in the action plan.")
            return
        if self._document.perform(RaiseActions(actions)):
            count = len(actions)
            self.status_note(f"Raised {count} improvement action{'s' if count != 1 else ''} "
                             "in the action plan.")

    def delete_selected(self) -> None:
        from app.assessments.operations import DeleteAssessment

        assessment_id = self.selected_id()
        if assessment_id is not None and not self._document.read_only:
            self._document.perform(DeleteAssessment(assessment_id))


def create_editor(context: ScreenContext) -> AssessmentsEditor:
    return AssessmentsEditor(context.document, context.parent)
