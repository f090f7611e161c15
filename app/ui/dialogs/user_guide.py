"""The user guide (docs/USER_GUIDE.md) in a window beside the app."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app import APP_NAME
from app.paths import docs_dir
from app.ui.a11y import name_buttons, named
from app.ui.fitting import keep_on_screen

MISSING_TEXT = (
    "# User guide not found\n\nThe user guide is not installed with this copy of the app. "
    "Reinstall the app, or ask whoever set it up for a copy of USER_GUIDE.md."
)


def guide_markdown() -> str:
    try:
        return (docs_dir() / "USER_GUIDE.md").read_text(encoding="utf-8")
    except OSError:
        return MISSING_TEXT


class UserGuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME} – User Guide")
        self.setObjectName("user_guide_dialog")
        keep_on_screen(self, QSize(760, 640))  # the text scrolls; Close stays on screen
        self.browser = named(QTextBrowser(self), "User guide")
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(guide_markdown())
        self.browser.document().setDocumentMargin(16)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        name_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
