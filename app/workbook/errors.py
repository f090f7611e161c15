"""Errors a user can be shown: each message is a plain sentence that says what to do next."""

from __future__ import annotations

from pathlib import Path

from app.errors import UserError


class WorkbookError(UserError):
    """Anything about a workbook file or its contents that a user can meet."""


class WorkbookNotFound(WorkbookError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"There is no file at {path}. Check the name and folder and try again.")


class NotAWorkbook(WorkbookError):
    def __init__(self, path: Path, detail: str = "") -> None:
        reason = f" ({detail})" if detail else ""
        super().__init__(
            f"“{path.name}” is not a Rights & Responsibilities workbook{reason}. "
            "Choose a .rrwb file made with this app."
        )


class DamagedWorkbook(WorkbookError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"“{path.name}” is damaged and cannot be opened safely. "
            "Open a backup copy, or ask whoever sent it for a fresh copy."
        )


class WorkbookTooNew(WorkbookError):
    def __init__(self, path: Path, found: int, supported: int, part: str | None = None) -> None:
        if part is None:
            detail = f"workbook format {found}; this version reads up to {supported}"
        else:
            detail = f"its “{part}” records are newer than this version knows"
        super().__init__(
            f"“{path.name}” was saved by a newer version of the app ({detail}). "
            "Update the app to open it."
        )


class WorkbookNeedsUpgrade(WorkbookError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"“{path.name}” was made by an older version of the app and must be upgraded "
            "before it can be read. Open it normally (not read-only) to upgrade it."
        )


class WorkbookInUse(WorkbookError):
    def __init__(self, path: Path, holder: str | None) -> None:
        by = f" by {holder}" if holder else ""
        super().__init__(
            f"“{path.name}” is already open{by}. "
            "Close it there first, or open it read-only to look without changing it."
        )
        self.path = path
        self.holder = holder


class WorkbookClosed(WorkbookError):
    def __init__(self) -> None:
        super().__init__("This workbook has been closed. Open it again to carry on.")


class WorkbookExists(WorkbookError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"A file called “{path.name}” already exists there. Choose another name or folder."
        )


class WorkbookReadOnly(WorkbookError):
    def __init__(self) -> None:
        super().__init__(
            "This workbook is open read-only, so it cannot be changed. "
            "Close it and open it normally to make changes."
        )


class InvalidValue(WorkbookError):
    """An impossible value for a field; nothing was changed."""


class WorkbookNeedsRecovery(WorkbookError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"“{path.name}” was not closed properly last time (the app or computer stopped "
            "while saving) and needs to be opened normally once to tidy up. Open it normally, "
            "from a folder where you can save changes, and then try again."
        )
