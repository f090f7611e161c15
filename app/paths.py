"""Where the app's bundled data lives: in a frozen build, an installed wheel, an editable
install and a plain source checkout alike."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    """The folder `name` ("resources" or "docs"), wherever this copy of the app keeps it."""
    # A frozen (installer) build unpacks data beside the executable.
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / name
    # A wheel carries it inside the package (setup.py maps it to app/_resources, app/_docs).
    installed = _PACKAGE / f"_{name}"
    if installed.is_dir():
        return installed
    # A checkout, or an editable install of one, finds it at the project root.
    return _PACKAGE.parent / name


def resources_dir() -> Path:
    return _bundled("resources")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def docs_dir() -> Path:
    return _bundled("docs")
