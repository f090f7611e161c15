"""Starting the desktop app: `run_gui(path, read_only=...)` is what the CLI calls.

Start-up stays quick by importing only Qt and the settings here; the workbook layer
(SQLAlchemy) loads after the window has been painted.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from app import APP_NAME, __version__
from app.logging_setup import configure_logging, get_logger
from app.settings import Settings
from app.ui.excepthook import install_excepthook
from app.ui.icons import app_icon
from app.ui.main_window import MainWindow
from app.ui.single_instance import InstanceServer, hand_over
from app.ui.style import apply_style
from app.ui.window_router import WindowRouter

ORGANISATION = "Rights & Responsibilities Toolkit"

# Not for users: smoke tests of an installed copy set this to "1" so the app quits (status 0)
# once the window, and the workbook given if any, has painted; status 1 if that did not open.
EXIT_AFTER_FIRST_PAINT = "RRT_EXIT_AFTER_FIRST_PAINT"


class DesktopApplication(QApplication):
    """The app's QApplication. Finder's "open" on macOS arrives as a FileOpen event sent to
    the application itself: catching it here rather than with an application-wide event
    filter keeps every other event of every widget out of Python (that filter cost a good
    part of the first paint: Python types for all the widgets' internals, made up front)."""

    file_open_requested = Signal(str)

    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent)
                and event.file()):
            self.file_open_requested.emit(event.file())
            return True
        return super().event(event)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, named so the desktop knows the app."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationDisplayName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    QApplication.setOrganizationName(ORGANISATION)
    QApplication.setDesktopFileName("rights-responsibilities-toolkit")
    application = DesktopApplication(argv if argv is not None else sys.argv[:1])
    application.setWindowIcon(app_icon())
    apply_style(application)
    return application


def _close_on_signals(window: MainWindow) -> dict[int, Any]:
    """Ctrl+C in a terminal, or a polite kill, closes the workbook properly first.

    Returns the previous handlers, to put back afterwards.
    """
    previous: dict[int, Any] = {}
    for name in ("SIGINT", "SIGTERM"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, lambda *_: window.close())
    # Python runs signal handlers only between bytecodes: wake it now and then.
    timer = QTimer(window)
    timer.timeout.connect(lambda: None)
    timer.start(500)
    return previous


def _quit_once_painted(*, expect_workbook: bool) -> Callable[[MainWindow], None]:
    """The on_ready of EXIT_AFTER_FIRST_PAINT; the same check as bench/bench_startup.py."""

    def quit_now(window: MainWindow) -> None:
        screen = window.workbook_screen
        (screen or window).repaint()  # painted before we stop, not just scheduled
        # Close properly (lock released, settings saved) without the close quitting first
        # with status 0 whatever happened.
        QApplication.setQuitOnLastWindowClosed(False)
        window.close()
        QApplication.exit(1 if expect_workbook and screen is None else 0)

    return quit_now


def run_gui(
    path: Path | None,
    *,
    read_only: bool = False,
    on_ready: Callable[[MainWindow], None] | None = None,
) -> int:
    """Open the main window (and `path`, if given); return the exit status.

    `on_ready` runs once the window is painted and the workbook (if any) has opened; the
    start-up benchmark uses it to stop its clock.
    """
    # Start-up allocates many long-lived objects (Qt wrappers, the screens' classes);
    # collecting garbage in the middle of that only costs time, so wait until we're up.
    # (The workbook screen loads SQLAlchemy in idle time once it has been painted.)
    gc.disable()
    configure_logging()
    log = get_logger("ui")
    log.info("Starting %s %s", APP_NAME, __version__)
    application = make_application()
    if path is not None and os.environ.get(EXIT_AFTER_FIRST_PAINT) != "1" \
            and hand_over(path, read_only=read_only):
        log.info("Handed %s to the copy already running", path)
        return 0
    previous_hook = install_excepthook()
    settings = Settings.load()
    if path is None and settings.reopen_last_workbook and settings.last_workbook:
        last = Path(settings.last_workbook)
        path = last if last.is_file() else None
    window = MainWindow(settings, opening=path)
    # Later launches with a workbook, and Finder's "open" on macOS, come to this copy.
    router = WindowRouter(window)
    if isinstance(application, DesktopApplication):
        application.file_open_requested.connect(router.open_file)
    else:  # made elsewhere (say by a test harness): watch all events for it instead
        application.installEventFilter(router)
    servers: list[InstanceServer] = []
    if on_ready is None and os.environ.get(EXIT_AFTER_FIRST_PAINT) == "1":
        on_ready = _quit_once_painted(expect_workbook=path is not None)
        # An error box would wait for a click that never comes: give up instead.
        QTimer.singleShot(60_000, lambda: QApplication.exit(1))
    def open_then_settle() -> None:
        if path is not None:
            window.open_path(path, read_only=read_only)
        gc.enable()
        gc.freeze()  # what start-up made lives all session: keep it out of later collections
        if on_ready is not None:
            on_ready(window)
        # Listening can wait until the window is up: a launch before then opens its
        # workbook itself, as when no copy is running.
        QTimer.singleShot(0, window, serve_later_launches)

    def serve_later_launches() -> None:
        server = InstanceServer(router.open, window)
        if server.listen():
            servers.append(server)

    # Open once the window is on screen, so it appears at once even for a big file.
    QTimer.singleShot(0, open_then_settle)
    window.show()
    previous_signals = _close_on_signals(window)
    try:
        status = application.exec()
    finally:
        from app.ui.worker import cancel_all

        cancel_all()  # work no window owns (each window stops its own as it closes)
        for server in servers:
            server.close()
        application.removeEventFilter(router)
        sys.excepthook = previous_hook
        for number, handler in previous_signals.items():
            signal.signal(number, handler)
    log.info("Closed with status %s", status)
    return status
