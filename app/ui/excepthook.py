"""The last line of defence: an unexpected error is logged in full, and the user sees a
plain sentence (never a traceback)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QWidget

from app.errors import UserError
from app.logging_setup import log_file_path, log_uncaught
from app.ui import messages

UNEXPECTED = (
    "Something went wrong, sorry. Your work up to your last change is saved in the workbook. "
    "If this keeps happening, send the log file to whoever supports you: {log}"
)

_showing = False


def handle_exception(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    parent: Callable[[], QWidget | None] = QApplication.activeWindow,
) -> None:
    """Log the traceback, then tell the user in one sentence (at most one box at a time)."""
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    log_uncaught(exc_type, exc, tb)
    application = QApplication.instance()
    if _showing or application is None or QThread.currentThread() is not application.thread():
        return  # widgets belong to the main thread; the log has the details
    # A UserError is already fit for the user, though it should have been caught.
    sentence = str(exc) if isinstance(exc, UserError) else UNEXPECTED.format(log=log_file_path())
    _showing = True
    try:
        messages.show_error(parent(), sentence)
    finally:
        _showing = False


def install_excepthook() -> Callable[..., object]:
    """Install the handler; returns the previous one so it can be put back."""
    previous = sys.excepthook
    sys.excepthook = handle_exception
    return previous
