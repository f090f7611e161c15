"""A private copy of the bundled sample workbook, for tests that open or change it."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.paths import resource


def sample_copy(folder: Path) -> Path:
    path = folder / "sample.rrwb"
    shutil.copyfile(resource("sample", "sample.rrwb"), path)
    return path
