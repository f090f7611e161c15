"""About: the version, the components this copy is built from with their licences, and
where the log file is (with a button to show it)."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.components import Component, bundled_components
from app.logging_setup import log_file_path
from app.ui import messages
from app.ui.a11y import name_buttons, named
from app.ui.fitting import comfortable_size, keep_on_screen, scrolling
from app.ui.headings import heading_label
from app.ui.icons import app_icon
from app.ui.list_table import row_table
from app.ui.row_table_model import RowTableModel

WIDTH = 560  # asked for; a small screen gets less and the text scrolls
COMPONENT_ROWS_SHOWN = 8  # the table scrolls for the rest


class ComponentsModel(RowTableModel):
    headers = ("Component", "Version", "Licence")

    def display(self, row: Component, column: int) -> str:
        return (row.name, row.version or "unknown", row.licence)[column]

    def other_data(self, row: Component, column: int, role: int) -> object:
        # What each one does for the app: on hover, and read out after the row's cells.
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return f"{row.name}: {row.purpose}"
        return None


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setObjectName("about_dialog")

        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        title = heading_label(APP_NAME, self)
        version = QLabel(f"Version {__version__}", self)
        details = QLabel(
            "Keeps a piece of equality work — its details, evidence files and a record of "
            "every change — in one workbook file, offline, and exports a summary report.",
            self)
        details.setWordWrap(True)
        built = QLabel(f"Python {sys.version.split()[0]} · Qt for Python {pyside_version}", self)

        components_heading = self._bold(QLabel("Components and licences", self))
        components_explained = QLabel(
            "This copy is built from these free components, each under its own licence. Qt "
            "is used under the LGPL version 3: its libraries are separate files in the "
            "installation folder, which you may replace with your own build.", self)
        components_explained.setWordWrap(True)
        self.components = ComponentsModel(self)
        self.components.set_rows(bundled_components())
        self.components_table = row_table(self, self.components,
                                          name="Components and licences",
                                          object_name="components_table", stretch_column=2)
        rows_height = self.components_table.verticalHeader().defaultSectionSize()
        self.components_table.setMinimumHeight(
            rows_height * COMPONENT_ROWS_SHOWN
            + self.components_table.horizontalHeader().sizeHint().height() + 4)

        self.log_path = log_file_path()
        log_heading = self._bold(QLabel("Log file", self))
        log_explained = QLabel("If something goes wrong, the details are written here. "
                               "Send this file to whoever supports you.", self)
        log_explained.setWordWrap(True)
        self.log_label = named(QLabel(str(self.log_path), self), "Log file location")
        self.log_label.setObjectName("log_location")
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                               | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.show_log_button = named(QPushButton("&Show Log File", self), "Show log file",
                                     "Open the log file in your text editor")
        self.show_folder_button = named(QPushButton("Open Log &Folder", self), "Open log folder")
        self.show_log_button.clicked.connect(self.show_log)
        self.show_folder_button.clicked.connect(self.show_folder)
        log_buttons = QHBoxLayout()
        log_buttons.addWidget(self.show_log_button)
        log_buttons.addWidget(self.show_folder_button)
        log_buttons.addStretch(1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        name_buttons(buttons)

        header = QHBoxLayout()
        header.setSpacing(14)
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        for label in (title, version, details, built):
            words.addWidget(label)
        header.addLayout(words, 1)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(header)
        column.addSpacing(12)
        for widget in (components_heading, components_explained, self.components_table):
            column.addWidget(widget)
        column.addSpacing(12)
        for widget in (log_heading, log_explained, self.log_label):
            column.addWidget(widget)
        column.addLayout(log_buttons)
        column.addStretch(1)
        self.body = scrolling(body, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)
        keep_on_screen(self, lambda: comfortable_size(self, self.body, WIDTH))

    @staticmethod
    def _bold(label: QLabel) -> QLabel:
        label.setFont(QFont(label.font().family(), -1, QFont.Weight.Bold))
        return label

    def show_log(self) -> None:
        if not self.log_path.exists():
            messages.show_info(self, "Nothing has been written to the log yet. It will be kept "
                               f"at {self.log_path}.")
            return
        self._open(self.log_path)

    def show_folder(self) -> None:
        with contextlib.suppress(OSError):
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._open(self.log_path.parent)

    def _open(self, target: Path) -> None:
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            return
        kind = "folder" if target.is_dir() else "file"
        if messages.ask(self, f"No program on this computer opens the log {kind} from here. "
                        f"It is at {target}", accept="&Copy Path", reject="Close",
                        informative="Copy the path, then paste it into your file manager or "
                        "text editor to open it."):
            QApplication.clipboard().setText(str(target))
