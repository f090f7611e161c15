"""The example module's editor: a list of notes, a line to type one and an Add button."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QListWidget, QMenu, QPushButton, QVBoxLayout, QWidget

from app.ui.a11y import named
from app.ui.actions import MenuContext
from app.ui.document import OpenWorkbook
from app.ui.screens import ScreenContext
from tests.example_module.module import NOTES


class NotesEditor(QWidget):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.notes = named(QListWidget(self), "Notes")
        self.text = named(QLineEdit(self), "New note")
        self.add_button = named(QPushButton("&Add Note", self), "Add note")
        layout = QVBoxLayout(self)
        layout.addWidget(self.notes)
        layout.addWidget(self.text)
        layout.addWidget(self.add_button)
        self.add_button.clicked.connect(self.add_note)
        self.text.returnPressed.connect(self.add_note)
        document.changed.connect(lambda topics: NOTES in topics and self.refresh())
        self.refresh()

    def refresh(self) -> None:
        from tests.example_module.operations import note_texts

        self.notes.clear()
        self.notes.addItems(self._document.read(note_texts))

    def add_note(self) -> None:
        from tests.example_module.operations import AddNote

        if self._document.perform(AddNote(self.text.text())):
            self.text.clear()


def create_editor(context: ScreenContext) -> NotesEditor:
    return NotesEditor(context.document)


def add_menu_action(menu: QMenu, context: MenuContext) -> None:
    action = menu.addAction("Example &Notes Help")
    action.setObjectName("example_notes_help")
    context.needs_workbook(action)
