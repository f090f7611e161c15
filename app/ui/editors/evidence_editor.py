"""Evidence files kept in the workbook: add, remove and describe (all undoable), open a
private copy in its usual program, and save a copy."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QFocusEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.evidence.topics import EVIDENCE
from app.settings import Settings, proposed_folder
from app.ui import messages
from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.editors.evidence_model import (
    NAME,
    SORT_ROLE,
    EvidenceRow,
    EvidenceTableModel,
    load_evidence_rows,
)
from app.ui.list_table import TableOrEmpty, button_row, row_table
from app.ui.screens import ScreenContext
from app.workbook.evidence import evidence_data, read_evidence_file

EMPTY_TEXT = (
    "No evidence files yet — add survey results, minutes or reports with Add evidence…\n"
    "You can also drag files here from your file manager."
)
READ_ONLY_EMPTY_TEXT = "No evidence files in this workbook."
DESCRIPTION_HINT = "What this file shows and where it came from (saved when you move on)"
_private_folders: list[Path] = []


def _remove_private_copies() -> None:
    for folder in _private_folders:
        shutil.rmtree(folder, ignore_errors=True)


atexit.register(_remove_private_copies)


def private_copy(name: str, data: bytes) -> Path:
    """A read-only copy of an evidence file in a folder only this user can read, for another
    program to open; the workbook's own bytes are never handed out."""
    folder = Path(tempfile.mkdtemp(prefix="rrt-evidence-"))  # created 0700
    _private_folders.append(folder)
    path = folder / (Path(name).name or "evidence")
    path.write_bytes(data)
    os.chmod(path, 0o400)  # changes to it would not reach the workbook: say so by refusing
    return path


def open_in_default_program(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class DescriptionEdit(QPlainTextEdit):
    """Several lines of description; Tab moves on, and leaving the field saves it."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.finished.emit()


class EvidenceEditor(QWidget):
    def __init__(
        self, document: OpenWorkbook, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._settings = settings
        self.model = EvidenceTableModel(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.model)
        self._proxy.setSortRole(SORT_ROLE)

        self.add_button = named(QPushButton("&Add evidence…", self), "Add evidence",
                                "Choose files to keep in this workbook")
        self.open_button = named(QPushButton("&Open", self), "Open evidence file",
                                 "Open a copy of the chosen file in its usual program")
        self.remove_button = named(QPushButton("&Remove", self), "Remove evidence",
                                   "Remove the selected files from the workbook")
        self.save_copy_button = named(QPushButton("Sa&ve a copy…", self),
                                      "Save a copy of the file",
                                      "Save the selected evidence file to a folder")
        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.save_copy_button.clicked.connect(self.save_copy_of_selected)
        buttons = button_row(self.add_button, self.open_button, self.remove_button,
                             self.save_copy_button)

        self.table = self._make_table()
        self._pages = TableOrEmpty(
            self.table, READ_ONLY_EMPTY_TEXT if document.read_only else EMPTY_TEXT, self)
        self.empty_state = self._pages.empty_state
        self.empty_label = self.empty_state.label

        self.description_edit = named(DescriptionEdit(self), "Description",
                                      DESCRIPTION_HINT)
        self.description_edit.setObjectName("description_edit")
        self.description_edit.setPlaceholderText("" if document.read_only else DESCRIPTION_HINT)
        self.description_edit.setReadOnly(document.read_only)
        lines = self.description_edit.fontMetrics().lineSpacing()
        self.description_edit.setFixedHeight(lines * 3 + 12)
        self.description_edit.finished.connect(self._commit_description)
        self.description_label = QLabel("&Description of the chosen file:", self)
        self.description_label.setBuddy(self.description_edit)
        self._described: EvidenceRow | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self._pages, 1)
        layout.addWidget(self.description_label)
        layout.addWidget(self.description_edit)
        self.setAcceptDrops(not document.read_only)
        self.setFocusProxy(self.table)

        document.changed.connect(self._on_changed)
        self.refresh()

    def _make_table(self) -> QTableView:
        table = row_table(self, self._proxy, name="Evidence files",
                          object_name="evidence_table", stretch_column=NAME, multiple=True)
        table.setSortingEnabled(True)
        table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        table.activated.connect(lambda _index: self.open_selected())
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._remove_action = QAction("Remove", table)
        self._remove_action.setShortcut(QKeySequence.StandardKey.Delete)
        self._remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._remove_action.triggered.connect(self.remove_selected)
        self._copy_action = QAction("Save a Copy of the File…", table)
        self._copy_action.triggered.connect(self.save_copy_of_selected)
        table.addActions([self._copy_action, self._remove_action])
        return table

    # ------------------------------------------------------------------ view

    def refresh(self) -> None:
        selected = {row.id for row in self.selected_rows()}
        self.model.set_rows(self._document.read(load_evidence_rows))
        self._pages.follow_rows()
        self._select_ids(selected)
        self._update_buttons()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if EVIDENCE in topics:
            self.refresh()

    def selected_rows(self) -> list[EvidenceRow]:
        selected = self.table.selectionModel().selectedRows()
        rows = {self._proxy.mapToSource(index).row() for index in selected}
        return [self.model.row_at(r) for r in sorted(rows)]

    def _select_ids(self, ids: set[uuid.UUID]) -> None:
        selection = self.table.selectionModel()
        for row, evidence in enumerate(self.model.rows()):
            if evidence.id in ids:
                index = self._proxy.mapFromSource(self.model.index(row, 0))
                selection.select(index, QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)

    def _update_buttons(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        editable = not self._document.read_only
        self.add_button.setEnabled(editable)
        self.open_button.setEnabled(count == 1)
        self._show_description()
        self.remove_button.setEnabled(editable and count > 0)
        self._remove_action.setEnabled(editable and count > 0)
        self.save_copy_button.setEnabled(count == 1)
        self._copy_action.setEnabled(count == 1)

    def _show_description(self) -> None:
        """The description of the one chosen file (hidden unless exactly one is chosen)."""
        rows = self.selected_rows()
        row = rows[0] if len(rows) == 1 else None
        if self._described is not None and (row is None or row.id != self._described.id):
            self._commit_description()
        shown = row is not None
        self.description_label.setVisible(shown)
        self.description_edit.setVisible(shown)
        if (row is not None and self._described != row
                and self.description_edit.toPlainText() != row.note):
            self.description_edit.setPlainText(row.note)
        self._described = row

    # ------------------------------------------------------------------ edits

    def _commit_description(self) -> None:
        row = self._described
        if row is None or self._document.read_only:
            return
        text = self.description_edit.toPlainText()
        if text.strip() == row.note.strip():
            return
        from app.evidence.operations import DescribeEvidence

        if not self._document.perform(DescribeEvidence(row.id, row.name, text)):
            self.description_edit.setPlainText(row.note)  # refused: show what is stored

    def open_selected(self) -> None:
        """Open a private copy of the chosen file in the program the desktop uses for it."""
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        row = rows[0]
        try:
            data = self._document.read(lambda session: evidence_data(session, row.id))
            path = private_copy(row.name, data)
        except UserError as error:
            messages.show_error(self, str(error))
            return
        except OSError as error:
            messages.show_error(self, f"“{row.name}” could not be copied out to open it "
                                f"({error.strerror}). Use Save a copy… instead.")
            return
        if not open_in_default_program(path):
            messages.show_error(self, f"No program on this computer opens “{row.name}”. "
                                "Use Save a copy… to keep it in a folder instead.")

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Add evidence", self._start_folder(), "All files (*)"
        )
        if names:
            self._remember_folder(Path(names[0]).parent)
            self.attach_paths([Path(name) for name in names])

    def attach_paths(self, paths: list[Path]) -> bool:
        from app.evidence.operations import AttachEvidence

        operations: list[AttachEvidence] = []
        problems: list[str] = []
        for path in paths:
            try:
                data = read_evidence_file(path)
            except UserError as error:
                problems.append(str(error))
                continue
            operations.append(AttachEvidence(path.name, data))
        if problems:
            messages.show_error(self, " ".join(problems))
        if not operations:
            return False
        text = (operations[0].label if len(operations) == 1
                else f"Add {len(operations)} evidence files")
        return self._document.perform_all(text, operations)

    def remove_selected(self) -> None:
        rows = self.selected_rows()
        if not rows or self._document.read_only:
            return
        from app.evidence.operations import RemoveEvidence

        operations = [RemoveEvidence(row.id, row.name) for row in rows]
        text = operations[0].label if len(rows) == 1 else f"Remove {len(rows)} evidence files"
        self._document.perform_all(text, operations)

    def save_copy_of_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        row = rows[0]
        target, _ = QFileDialog.getSaveFileName(
            self, "Save a copy of the file", str(Path(self._start_folder()) / row.name)
        )
        if not target:
            return
        self._remember_folder(Path(target).parent)
        try:
            data = self._document.read(lambda session: evidence_data(session, row.id))
            Path(target).write_bytes(data)
        except UserError as error:
            messages.show_error(self, str(error))
        except OSError as error:
            messages.show_error(
                self,
                f"“{Path(target).name}” could not be saved there ({error.strerror}). "
                "Choose another folder and try again.",
            )

    def _remember_folder(self, folder: Path) -> None:
        self._settings.last_evidence_folder = str(folder)
        self._settings.save()

    def _start_folder(self) -> str:
        return str(proposed_folder(self._settings.last_evidence_folder))

    # ------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if not self._document.read_only and urls and all(url.isLocalFile() for url in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.attach_paths(paths)


def create_editor(context: ScreenContext) -> EvidenceEditor:
    return EvidenceEditor(context.document, context.settings, context.parent)
