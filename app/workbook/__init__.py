"""Storage: the .rrwb workbook file, its models, migrations and core services."""

from app.workbook.errors import WorkbookError
from app.workbook.store import Workbook

__all__ = ["Workbook", "WorkbookError"]
