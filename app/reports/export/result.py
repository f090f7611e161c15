"""What every renderer returns, and the errors they share.

The Word, PDF and Excel renderers all import from here so the exporter registry and the UI
can treat them alike: a `RenderResult` on success, `ExportCancelled` when the user stopped
the export, `ReportTemplateError` when a user-supplied template cannot be used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.errors import UserError


@dataclass(frozen=True)
class RenderResult:
    """The file that was written and any plain-English warnings for the user."""

    path: Path
    warnings: tuple[str, ...] = ()


class ExportCancelled(Exception):
    """The user cancelled the export; nothing was written and any existing file is untouched.

    Not a `UserError`: a cancel is the user's own choice, not a failure to explain.
    """

    def __init__(self, message: str = "The export was cancelled; no file was written.") -> None:
        super().__init__(message)


class ReportTemplateError(UserError):
    """A template the user chose cannot be used; the message is one plain sentence."""
