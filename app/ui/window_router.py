"""Where a workbook asked for from outside the window opens: one handed over by a later
launch (single_instance.py) or, on macOS, by Finder (a FileOpen event, not an argument).

The window already showing that workbook comes forward; otherwise a window with no
workbook takes it, or a new window opens for it. No "in use" error for the same user.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFileOpenEvent

from app.settings import Settings
from app.ui.main_window import MainWindow


class WindowRouter(QObject):
    def __init__(self, first: MainWindow) -> None:
        super().__init__(first)
        self.windows: list[MainWindow] = [first]

    def open(self, path: Path, read_only: bool = False) -> MainWindow:
        path = Path(path).expanduser().absolute()
        self.windows = [w for w in self.windows if _alive(w)]
        showing = next((w for w in self.windows if w.isVisible() and w.document is not None
                        and w.document.path == path), None)
        if showing is not None:
            bring_forward(showing)
            return showing
        target = next((w for w in self.windows if w.isVisible() and w.document is None), None)
        if target is None:
            target = MainWindow(Settings.load())
            target.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.windows.append(target)
            target.show()
        bring_forward(target)
        target.open_path(path, read_only=read_only)
        return target

    def open_file(self, file: str) -> None:
        """Finder's "open" (see DesktopApplication in app.py)."""
        self.open(Path(file))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent)
                and event.file()):
            self.open(Path(event.file()))
            return True
        return super().eventFilter(watched, event)


def bring_forward(window: MainWindow) -> None:
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()


def _alive(window: MainWindow) -> bool:
    try:
        window.isVisible()
    except RuntimeError:  # deleted on close
        return False
    return True
