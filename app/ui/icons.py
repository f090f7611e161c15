"""Icons bundled in resources/icons (SVG, drawn at any size)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from app.paths import resource


@cache
def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "app.svg")))
