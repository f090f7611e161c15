"""Storage: the .rrwb workbook file, its models, migrations and core services.

`Workbook` and `WorkbookError` are loaded on first use (PEP 562), so that importing a
light module such as `app.workbook.fileformat` does not pull in SQLAlchemy; the desktop
app paints its first window before the database layer is needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.workbook.errors import WorkbookError
    from app.workbook.store import Workbook

__all__ = ["Workbook", "WorkbookError"]


def __getattr__(name: str) -> Any:
    if name == "Workbook":
        from app.workbook.store import Workbook

        return Workbook
    if name == "WorkbookError":
        from app.workbook.errors import WorkbookError

        return WorkbookError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
