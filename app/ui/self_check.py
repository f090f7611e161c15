"""The window part of `rrt --self-test`: proves Qt, its platform plugin and the main
window load in this copy of the app, by building the window and painting it off screen."""

from __future__ import annotations

import os


def paint_main_window() -> str:
    """Build, show and grab the main window; return what was painted ("1024×700")."""
    # No screen needed: an installed copy is checked on a build machine or over SSH too.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.settings import Settings
    from app.ui.app import make_application
    from app.ui.main_window import MainWindow

    application = make_application()
    window = MainWindow(Settings())
    try:
        window.show()
        application.processEvents()
        picture = window.grab()
        if picture.isNull():
            raise RuntimeError("the main window could not be painted")
        return f"{picture.width()}×{picture.height()}"
    finally:
        # Hidden, not closed: closing saves the window's layout into the user's settings.
        window.hide()
        window.deleteLater()
        application.processEvents()
