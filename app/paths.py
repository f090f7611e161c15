"""Where the app's bundled data lives: in a frozen build, an installed wheel, an editable
install and a plain source checkout alike."""

from __future__ import annotations

import os
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


CACHE_ENV = "RRT_CACHE_DIR"


def cache_dir() -> Path:
    """Where the app keeps data it can always derive again (checked structures, rules)."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    if sys.platform == "win32":  # pragma: no cover - Windows only
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "Rights & Responsibilities Toolkit" / "cache"
    if sys.platform == "darwin":  # pragma: no cover - macOS only
        return Path.home() / "Library" / "Caches" / "Rights & Responsibilities Toolkit"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "rrt"
