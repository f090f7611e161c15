"""File › Export…: a dialog to choose a report, format and file, and a controller that runs it.

Importing this package is cheap (Qt only): the dialog, the controller and the report layer
load when the action is first used, so start-up stays quick. `install()` adds the action to
the File menu and is safe to call more than once.
"""

from __future__ import annotations

from app.ui.export.menu import add_export_action, install

__all__ = ["add_export_action", "install"]
