"""The Proofing section: the register of proofing records above the record in hand.

New proof… picks a draft and a scheme and proofs it off the UI thread; the annotated Word
copy and removing a record are here too.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QFileDialog, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.errors import UserError
from app.plans.topics import ACTIONS
from app.proofing.records import list_records, load_record
from app.proofing.topics import PROOF_RECORDS
from app.ui import messages
from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.list_table import TableOrEmpty, button_row, row_table
from app.ui.proofing.models import RegisterModel
from app.ui.proofing.record_editor import RecordEditor
from app.ui.screens import ScreenContext
from app.ui.worker import TaskRunner

EMPTY_TEXT = ("No drafts proofed yet — choose New proof… to check a draft strategy, "
              "policy or guidance against the race equality rules and your scheme.")


class RegisterEditor(QWidget):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.runner: TaskRunner | None = None
        self.model = RegisterModel(self)
        self.new_button = named(QPushButton("&New proof…", self), "New proof",
                                "Proof a draft and keep the record in this workbook")
        self.annotate_button = named(QPushButton("Annotated &copy…", self),
                                     "Save annotated copy",
                                     "Save the draft with a Word comment on each open or "
                                     "accepted finding")
        self.remove_button = named(QPushButton("&Remove", self), "Remove proofing record")
        self.new_button.clicked.connect(self.new_proof)
        self.annotate_button.clicked.connect(self.save_annotated)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table = row_table(self, self.model, name="Proofing records",
                               object_name="register_table", stretch_column=0)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show())
        self._pages = TableOrEmpty(self.table, EMPTY_TEXT, self)
        self.record_editor = RecordEditor(document, self)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(button_row(self.new_button, self.annotate_button,
                                        self.remove_button))
        top_layout.addWidget(self._pages)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(self.record_editor)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.setFocusProxy(self.table)
        document.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_id()
        self.model.set_rows(self._document.read(list_records))
        self._pages.follow_rows()
        self.select(selected)
        self._show()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if PROOF_RECORDS in topics or ACTIONS in topics:  # actions: raised from findings
            self.refresh()

    def selected_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() else None

    def select(self, record_id: uuid.UUID | None) -> None:
        row = self.model.row_of(record_id) if record_id is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _show(self) -> None:
        record_id = self.selected_id()
        self.record_editor.show_record(record_id)
        writable = not self._document.read_only
        self.new_button.setEnabled(writable)
        self.remove_button.setEnabled(writable and record_id is not None)
        self.annotate_button.setEnabled(record_id is not None)

    def new_proof(self) -> None:
        from app.ui.proofing.new_proof_dialog import NewProofDialog, start_proof

        dialog = NewProofDialog(self._document, self)
        if dialog.exec() != NewProofDialog.DialogCode.Accepted:
            return
        self.runner = start_proof(self._document, dialog.request(), self, self.select)

    def remove_selected(self) -> None:
        from app.proofing.operations import RemoveRecord

        index = self.table.currentIndex()
        if index.isValid() and not self._document.read_only:
            row = self.model.row_at(index.row())
            self._document.perform(RemoveRecord(row.id, row.title))

    def save_annotated(self) -> None:
        from app.proofing.record_export import annotate_record

        record_id = self.selected_id()
        if record_id is None:
            return
        record = self._document.read(lambda s: load_record(s, record_id))
        suggested = str(Path.home() / f"{Path(record.draft_name).stem}-annotated.docx")
        target, _ = QFileDialog.getSaveFileName(self, "Save annotated copy", suggested,
                                                "Word documents (*.docx)")
        if not target:
            return
        try:
            # The save dialog has asked about replacing an existing file already.
            written = annotate_record(record, target, overwrite=True)
        except UserError as error:
            messages.show_error(self, str(error))
            return
        messages.show_info(self, f"The annotated copy is saved as {written}.")


def create_editor(context: ScreenContext) -> RegisterEditor:
    return RegisterEditor(context.document)
