"""About: the version, and where the log file is (with a button to show it)."""

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
from app.logging_setup import log_file_path
from app.ui import messages
from app.ui.a11y import name_buttons, named
from app.ui.fitting import comfortable_size, keep_on_screen, scrolling
from app.ui.headings import heading_label
from app.ui.icons import app_icon

WIDTH = 520  # asked for; a small screen gets less and the text scrolls


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

        self.log_path = log_file_path()
        log_heading = QLabel("Log file", self)
        log_heading.setFont(QFont(log_heading.font().family(), -1, QFont.Weight.Bold))
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
        for widget in (log_heading, log_explained, self.log_label):
            column.addWidget(widget)
        column.addLayout(log_buttons)
        column.addStretch(1)
        self.body = scrolling(body, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)
        keep_on_screen(self, lambda: comfortable_size(self, self.body, WIDTH))

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
