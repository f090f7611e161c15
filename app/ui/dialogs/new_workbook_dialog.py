"""Asks for a new workbook's details and where to keep it; the caller creates it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.settings import proposed_folder
from app.ui.a11y import name_buttons, named, plain
from app.ui.fitting import comfortable_size, grow_to_fit, keep_on_screen, scrolling
from app.ui.length_note import LengthNote
from app.ui.style import error_label
from app.workbook.details import MAX_LENGTH as MAX_TEXT
from app.workbook.fileformat import SUFFIX

WIDTH = 560  # what the dialog asks for; a small screen gets less, and the form scrolls
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def file_name_for(title: str) -> str:
    """A file name made from a title, safe on Windows, macOS and Linux."""
    name = _UNSAFE.sub("-", title).strip().rstrip(". ")[:100].strip()
    return (name or "Workbook") + SUFFIX


@dataclass(frozen=True)
class NewWorkbookRequest:
    path: Path
    title: str
    organisation: str
    area: str
    owner: str


class NewWorkbookDialog(QDialog):
    def __init__(self, folder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New Workbook")
        self.setObjectName("new_workbook_dialog")

        self.title_edit = self._line("Title", "A short name for this piece of work, "
                                     "e.g. Community transport review 2026")
        self.organisation_edit = self._line("Organisation", "e.g. Anytown Council for "
                                            "Voluntary Service")
        self.area_edit = self._line("Area", "e.g. Anytown, West Midlands")
        self.owner_edit = self._line("Owner", "Who looks after this workbook")
        self.folder_edit = self._line("Folder", "The folder to keep the workbook in")
        self.folder_edit.setText(folder or str(proposed_folder()))
        self.choose_button = named(QPushButton("&Choose…", self), "Choose folder",
                                   "Pick the folder to keep the workbook in")
        self.choose_button.clicked.connect(self.choose_folder)

        form = QFormLayout()
        self.length_notes: list[LengthNote] = []
        for text, edit in (("&Title:", self.title_edit), ("&Organisation:", self.organisation_edit),
                           ("&Area:", self.area_edit), ("O&wner:", self.owner_edit)):
            label = QLabel(text, self)
            label.setBuddy(edit)
            note = LengthNote(edit, plain(text).rstrip(":"), MAX_TEXT, self)
            note.changed.connect(self._update)
            self.length_notes.append(note)
            field = QVBoxLayout()
            field.setSpacing(2)
            field.addWidget(edit)
            field.addWidget(note.label)
            form.addRow(label, field)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        folder_label = QLabel("Save &in:", self)
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, folder_row)

        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.preview.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.error_label = error_label(self)
        self.error_label.setObjectName("error_label")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText("Create Workbook")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        name_buttons(self.buttons)

        intro = QLabel("Everything about this piece of work is kept in one file. "
                       "Changes are saved as you make them.", self)
        intro.setWordWrap(True)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(intro)
        column.addSpacing(6)
        column.addLayout(form)
        column.addWidget(self.preview)
        column.addWidget(self.error_label)
        column.addStretch(1)
        self.body = scrolling(body, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.buttons)  # outside the scrolling part: always on screen
        keep_on_screen(self, lambda: comfortable_size(self, self.body, WIDTH))

        for edit in (self.title_edit, self.folder_edit):
            edit.textChanged.connect(self._update)
        self._update()

    def _line(self, name: str, hint: str) -> QLineEdit:
        edit = named(QLineEdit(self), name, hint)
        edit.setPlaceholderText(hint)  # no maxLength: too long is said, not cut (LengthNote)
        return edit

    def path(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser() / file_name_for(
            self.title_edit.text().strip())

    def request(self) -> NewWorkbookRequest:
        return NewWorkbookRequest(
            path=self.path().absolute(),
            title=self.title_edit.text().strip(),
            organisation=self.organisation_edit.text().strip(),
            area=self.area_edit.text().strip(),
            owner=self.owner_edit.text().strip(),
        )

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder for the workbook",
                                                  self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def _update(self) -> None:
        has_title = bool(self.title_edit.text().strip())
        fits = not any(note.too_long() for note in getattr(self, "length_notes", ()))
        self.create_button.setEnabled(has_title and fits and bool(self.folder_edit.text().strip()))
        self.error_label.hide()
        if has_title and fits:
            path = self.path()
            self.preview.setText(f"It will be saved as “{path.name}” in {path.parent}.")
        elif has_title:
            self.preview.setText("")
        if hasattr(self, "body"):
            QTimer.singleShot(0, self, lambda: grow_to_fit(self, self.body))
        else:
            self.preview.setText("Type a title to name the workbook file.")

    def _problem(self) -> str:
        path = self.path()
        if not path.parent.is_dir():
            return f"The folder {path.parent} does not exist. Choose another folder."
        if path.exists():
            return (f"A file called “{path.name}” is already in that folder. "
                    "Choose another title or folder.")
        return ""

    def accept(self) -> None:
        if not self.create_button.isEnabled():
            return
        problem = self._problem()
        if problem:
            self.error_label.setText(problem)
            self.error_label.show()
            return
        super().accept()
