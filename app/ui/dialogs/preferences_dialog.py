"""Edit › Preferences…: how you are named to others (kept simple: one setting for now)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.settings import Settings, default_display_name
from app.ui.a11y import name_buttons, named
from app.ui.fitting import keep_on_screen
from app.ui.length_note import LengthNote

MAX_NAME = 100
NAME_HELP = ("Shown in the change log beside each change you make, and to anyone who tries "
             "to open a workbook while you have it open. Leave it empty to use your "
             "account's name ({default}).")


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle("Preferences")
        self.setObjectName("preferences_dialog")
        default = default_display_name()
        self.name_edit = named(QLineEdit(settings.display_name, self), "Your name",
                               "How you are named in the change log")
        self.name_edit.setPlaceholderText(default)
        label = QLabel("Your &name:", self)
        label.setBuddy(self.name_edit)
        self.name_note = LengthNote(self.name_edit, "Your name", MAX_NAME, self)
        explained = QLabel(NAME_HELP.format(default=default), self)
        explained.setWordWrap(True)
        explained.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        field = QVBoxLayout()
        field.setSpacing(4)
        for widget in (self.name_edit, self.name_note.label, explained):
            field.addWidget(widget)
        form = QFormLayout()
        form.addRow(label, field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        name_buttons(self.buttons)
        self.name_note.changed.connect(
            lambda too_long: self.buttons.button(QDialogButtonBox.StandardButton.Save)
            .setEnabled(not too_long))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        keep_on_screen(self, QSize(480, self.sizeHint().height()))

    def accept(self) -> None:
        if self.name_note.too_long():
            return
        self._settings.display_name = " ".join(self.name_edit.text().split())
        self._settings.save()
        super().accept()
