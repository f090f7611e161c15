"""Self-assessments: the workbook's assessments listed above the one selected.

Every edit is one of the assessments module's undoable operations, run through
`document.perform`; the screen redraws when the assessments (or actions) topic changes.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.assessments.frameworks import Framework
from app.assessments.topics import ASSESSMENTS
from app.ui.a11y import named
from app.ui.assessments.list_model import NAME, AssessmentsTableModel, ListedAssessment
from app.ui.document import OpenWorkbook
from app.ui.editors.empty_state import EmptyState
from app.ui.list_table import row_table
from app.ui.screens import ScreenContext

EMPTY_TEXT = (
    "No self-assessments yet — start one from a framework: choose New…, pick the framework "
    "you assess against, and rate each criterion with the number keys."
)
READ_ONLY_EMPTY_TEXT = "No self-assessments in this workbook."


def _listed(session: object) -> list[ListedAssessment]:
    from app.assessments.records import list_assessments, load_assessment
    from app.assessments.scoring import score_assessment

    listed = []
    for row in list_assessments(session):  # type: ignore[arg-type]
        data = load_assessment(session, row.id)  # type: ignore[arg-type]
        listed.append(ListedAssessment(row, score_assessment(data.framework, data.responses)))
    return listed


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
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)

        self.table = self._make_table()
        self.empty_state = EmptyState(
            READ_ONLY_EMPTY_TEXT if document.read_only else EMPTY_TEXT, self)
        self._pages = QStackedWidget(self)
        self._pages.addWidget(self.empty_state)
        self._pages.addWidget(self.table)

        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(buttons)
        self._layout.addWidget(self._pages, 1)
        self.setFocusProxy(self.table)
        document.changed.connect(self._on_changed)
        self.refresh()

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

    # ------------------------------------------------------------------ view

    def refresh(self) -> None:
        selected = self.selected_id()
        self.model.set_rows(self._document.read(_listed))
        self._pages.setCurrentWidget(self.table if self.model.rowCount() else self.empty_state)
        self.select(selected)
        self._show_selected()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if ASSESSMENTS in topics:
            self.refresh()

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
        editable = not self._document.read_only
        self.new_button.setEnabled(editable)
        self.delete_button.setEnabled(editable and self.selected_id() is not None)

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

    def delete_selected(self) -> None:
        from app.assessments.operations import DeleteAssessment

        assessment_id = self.selected_id()
        if assessment_id is not None and not self._document.read_only:
            self._document.perform(DeleteAssessment(assessment_id))


def create_editor(context: ScreenContext) -> AssessmentsEditor:
    return AssessmentsEditor(context.document)
