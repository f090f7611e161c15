"""The workbook's four details as a form; each finished edit is one undoable command.

The form shows the workbook's overview (plain SQL, cached by the open workbook), so it
paints without loading SQLAlchemy; saving an edit runs the basics module's UpdateDetail
operation through the undo stack (imported on the first edit: it loads SQLAlchemy).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.basics.topics import INFO
from app.errors import UserError
from app.ui import messages
from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.formatting import format_date, format_date_time
from app.ui.length_note import LengthNote
from app.ui.screens import ScreenContext
from app.workbook.details import EDITABLE_FIELDS, MAX_LENGTH, validate_field

MAX_FORM_WIDTH = 760  # long lines are hard to read; the form stops growing here
# Field → label with a mnemonic (Alt+letter) unique in the window.
LABELS = {"title": "&Title", "organisation": "&Organisation", "area": "&Area", "owner": "O&wner"}
HINTS = {
    "title": "A short name for this piece of work",
    "organisation": "e.g. Anytown Council for Voluntary Service",
    "area": "e.g. Anytown, West Midlands",
    "owner": "Who looks after this workbook",
}


class DetailLineEdit(QLineEdit):
    """A line edit that lets Ctrl+Z reach the workbook's undo once its own typing is undone."""

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                (event.matches(QKeySequence.StandardKey.Undo) and not self.isUndoAvailable())
                or (event.matches(QKeySequence.StandardKey.Redo) and not self.isRedoAvailable())
            )
        ):
            event.ignore()  # nothing of its own to undo: let the Edit menu have the key
            return False
        return super().event(event)


class DetailsEditor(QWidget):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._saved: dict[str, str] = {}
        self.fields: dict[str, QLineEdit] = {}
        self.length_notes: dict[str, LengthNote] = {}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field, label_text in LABELS.items():
            edit = DetailLineEdit(self)
            edit.setObjectName(f"{field}_edit")  # no maxLength: too long is said, not cut
            edit.setPlaceholderText("" if document.read_only else HINTS[field])
            edit.setClearButtonEnabled(False)
            named(edit, EDITABLE_FIELDS[field], HINTS[field])
            edit.setReadOnly(document.read_only)
            edit.editingFinished.connect(lambda field=field: self._commit(field))
            label = QLabel(label_text, self)
            label.setBuddy(edit)
            note = LengthNote(edit, EDITABLE_FIELDS[field], MAX_LENGTH, self)
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(edit)
            column.addWidget(note.label)
            form.addRow(label, column)
            self.fields[field] = edit
            self.length_notes[field] = note

        self._dates = QLabel(self)
        self._dates.setObjectName("dates_label")
        self._dates.setWordWrap(True)
        self._file = QLabel(self)
        self._file.setObjectName("file_label")
        self._file.setWordWrap(True)
        self._file.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        named(self._file, "Workbook file")
        for note in (self._dates, self._file):
            note.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        column.addSpacing(12)
        column.addWidget(self._dates)
        column.addWidget(self._file)
        column.addStretch(1)
        self.setMaximumWidth(MAX_FORM_WIDTH)
        self.setFocusProxy(self.fields["title"])

        document.changed.connect(self._on_changed)
        self.refresh()

    # ------------------------------------------------------------------ view

    def refresh(self) -> None:
        info = self._document.overview()
        for field, edit in self.fields.items():
            value, shown = getattr(info, field), self._saved.get(field)
            self._saved[field] = value
            if value != shown or edit.text() == shown:  # keep typing in progress elsewhere
                edit.setText(value)  # also clears the field's own undo history
                edit.setCursorPosition(0)
        self._dates.setText(
            f"Created {format_date(info.created_at)} · last changed "
            f"{format_date_time(info.updated_at)}"
        )
        self._file.setText(f"Saved in {self._document.path}")

    def _on_changed(self, topics: frozenset[str]) -> None:
        if INFO in topics:
            self.refresh()

    # ------------------------------------------------------------------ edit

    def _commit(self, field: str) -> None:
        edit = self.fields[field]
        if self._document.read_only or edit.text() == self._saved[field]:
            return
        if self.length_notes[field].too_long():
            return  # the sentence under the field says so; the text stays to be shortened
        try:
            value = validate_field(field, edit.text())
        except UserError as error:
            # Put the saved value back first: the message box takes focus, which would
            # otherwise finish the edit a second time.
            edit.setText(self._saved[field])
            messages.show_error(self, str(error))
            edit.setFocus()
            return
        if value == self._saved[field]:
            edit.setText(value)  # only spaces were added or removed
            return
        from app.basics.operations import UpdateDetail

        if not self._document.perform(UpdateDetail(field, value)):
            edit.setText(self._saved[field])  # refused: show what the file holds


def create_editor(context: ScreenContext) -> DetailsEditor:
    return DetailsEditor(context.document, context.parent)
