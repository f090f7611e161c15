"""Population baselines: the areas' populations by ethnic group that audits compare with.

Import… reads a census table through the column-mapping and validation dialog; Type in…
takes the counts by hand; Remove is refused while an audit uses the baseline. Each is one
undoable operation.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from app.representation.store import BaselineRow
from app.representation.topics import BASELINES
from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.list_table import TableOrEmpty, button_row, row_table
from app.ui.representation.counts_table import CountsModel, CountsTable, count_lines
from app.ui.representation.models import BaselinesTableModel
from app.ui.screens import ScreenContext

EMPTY_TEXT = (
    "No baselines yet — choose Import… to read your area's census table (for example ONS "
    "TS021, as CSV or Excel), or Type in… to enter the population of each group by hand."
)
READ_ONLY_EMPTY_TEXT = "No baselines in this workbook."


def _baselines(session: object) -> list[BaselineRow]:
    from app.representation.store import list_baselines

    return list_baselines(session)  # type: ignore[arg-type]


class BaselinesEditor(QWidget):
    def __init__(self, document: OpenWorkbook, settings: object = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        from app.settings import proposed_folder

        # Census tables usually sit beside the evidence the user collects.
        self._folder = str(proposed_folder(getattr(settings, "last_evidence_folder", None)))
        self.dialog: QWidget | None = None
        self.model = BaselinesTableModel(self)
        self.import_button = named(QPushButton("&Import…", self), "Import baseline",
                                   "Read an area's population from a CSV or Excel file")
        self.type_button = named(QPushButton("&Type in…", self), "Type in a baseline",
                                 "Enter an area's population by hand")
        self.remove_button = named(QPushButton("&Remove", self), "Remove baseline",
                                   "Remove the selected baseline (Undo brings it back)")
        self.import_button.clicked.connect(self.import_baseline)
        self.type_button.clicked.connect(self.type_in_baseline)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table = row_table(self, self.model, name="Population baselines",
                               object_name="baselines_table",
                               stretch_column=BaselinesTableModel.SOURCE)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        remove = QAction("Remove", self.table)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_selected)
        self.table.addAction(remove)
        self._pages = TableOrEmpty(
            self.table, READ_ONLY_EMPTY_TEXT if document.read_only else EMPTY_TEXT, self)
        self.empty_state = self._pages.empty_state
        self._pages.setMaximumHeight(self.table.verticalHeader().defaultSectionSize() * 5
                                     + self.table.horizontalHeader().sizeHint().height())
        self.counts_model = CountsModel(lambda _k, _t: False, with_metrics=False, parent=self)
        self.counts_model.editable = False
        self.counts_table = CountsTable(self.counts_model, "The selected baseline's counts",
                                        self)
        self.counts_table.setTabKeyNavigation(False)
        self.counts_label = QLabel(self)
        self.counts_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(button_row(self.import_button, self.type_button, self.remove_button))
        layout.addWidget(self._pages, 1)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.counts_table, 3)
        self.setFocusProxy(self.table)
        document.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_id()
        self.model.set_rows(self._document.read(_baselines))
        self._pages.follow_rows()
        row = self.model.row_of(selected) if selected is not None else -1
        if row < 0 and self.model.rowCount():
            row = self.model.rowCount() - 1  # the newest
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self._show_selected()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if BASELINES in topics:
            self.refresh()

    def selected_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() else None

    def _show_selected(self) -> None:
        from app.representation.classifications import get_classification

        editable = not self._document.read_only
        self.import_button.setEnabled(editable)
        self.type_button.setEnabled(editable)
        index = self.table.currentIndex()
        row: BaselineRow | None = self.model.row_at(index.row()) if index.isValid() else None
        self.remove_button.setEnabled(editable and row is not None)
        self.counts_table.setVisible(row is not None)
        if row is None:
            self.counts_label.setText("")
            self.counts_model.set_lines([], {})
            return
        classification = get_classification(row.classification)
        self.counts_label.setText(
            f"{row.name}: {sum(n for _, n in row.counts):,} people in the "
            f"{classification.title} categories. {row.source}")
        self.counts_model.set_lines(count_lines(classification), row.count_map)

    # ------------------------------------------------------------------ edits

    def _save(self, row: BaselineRow) -> bool:
        from app.representation.operations import CreateBaseline

        if self._document.perform(CreateBaseline(row)):
            self.refresh()
            self.table.selectionModel().setCurrentIndex(
                self.model.index(self.model.row_of(row.id), 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            return True
        return False

    def _open(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))  # type: ignore[attr-defined]
        self.dialog = dialog
        dialog.open()  # type: ignore[attr-defined]

    def import_baseline(self) -> None:
        from app.ui.representation.import_dialog import ImportBaselineDialog

        if not self._document.read_only:
            self._open(ImportBaselineDialog(self._save, self._folder, self))

    def type_in_baseline(self) -> None:
        from app.ui.representation.typein_dialog import TypeInBaselineDialog

        if not self._document.read_only:
            self._open(TypeInBaselineDialog(self._save, self))

    def remove_selected(self) -> None:
        from app.representation.operations import DeleteBaseline

        baseline_id = self.selected_id()
        if baseline_id is not None and not self._document.read_only:
            self._document.perform(DeleteBaseline(baseline_id))


def create_editor(context: ScreenContext) -> BaselinesEditor:
    return BaselinesEditor(context.document, context.settings)
