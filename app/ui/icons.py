"""Icons bundled in resources/icons (SVG, drawn at any size)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from app.paths import resource


@cache
def app_icon() -> QIcon:
    # The SVG draws any size; the rendered PNGs (installers/make_icons.py) are the same
    # picture, given too so a desktop that asks for a fixed size gets an exact one.
    icon = QIcon(str(resource("icons", "app.svg")))
    for png in sorted(resource("icons", "png").glob("rrt-*.png")):
        icon.addFile(str(png))
    return icon
