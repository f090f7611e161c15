"""Writing the Excel tracker: one row per action, keyed by the action's id.

People fill it in offline (in Excel or LibreOffice), so the sheet guards itself: drop-down
lists for status and priority, dates stored as dates, and sheet protection that leaves only
the editable columns (and some spare rows for new actions) unlocked. A hidden, protected
sheet stamps the file with the workbook's id and the export time, which is how the import
knows the file is a tracker and that it belongs to this workbook.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.plans.fields import PRIORITIES, STATUSES
from app.plans.plan import Plan, read_plan
from app.plans.tracker import layout
from app.plans.tracker.rows_xml import write_with_rows
from app.reports.export.atomic_file import atomic_output
from app.reports.export.result import ExportCancelled
from app.workbook.info import get_info
from app.workbook.types import utcnow


@dataclass(frozen=True)
class TrackerSnapshot:
    workbook_id: uuid.UUID
    title: str
    plan: Plan


def take_tracker_snapshot(session: Session) -> TrackerSnapshot:
    info = get_info(session)
    return TrackerSnapshot(info.id, info.title, read_plan(session))


def _cell_value(field: str, value: Any) -> Any:
    if field == "status":
        return STATUSES.get(value, value)
    if field == "priority":
        return PRIORITIES.get(value, value)
    return value if value != "" else None


def write_tracker(snapshot: TrackerSnapshot, out_path: Path, *,
                  now: datetime | None = None,
                  progress: Callable[[float], None] | None = None,
                  is_cancelled: Callable[[], bool] | None = None) -> Path:
    """Write the tracker to `out_path` (replaced only once complete); returns the path."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.protection import WorkbookProtection

    book = Workbook()
    sheet = book.active
    sheet.title = layout.ACTIONS_SHEET
    sheet.append([c.heading for c in layout.COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F3")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    # openpyxl writes one prototype row in each column's style; `rows_xml` then writes
    # the actions in those styles straight into the sheet (a cell object per value was
    # most of the cost of a long plan).
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    unlocked = Protection(locked=False)
    for index, column in enumerate(layout.COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        prototype = sheet.cell(row=2, column=index)
        if column.field in ("start", "due"):
            prototype.number_format = layout.DATE_FORMAT
        prototype.alignment = wrap if column.field in layout.TEXT_COLUMNS else top
        if column.editable:
            prototype.protection = unlocked
    actions = snapshot.plan.actions
    last_row = len(actions) + 1 + layout.SPARE_ROWS
    rows: list[list[Any]] = []
    heights: dict[int, float] = {}
    for number, action in enumerate(actions, 1):
        if is_cancelled is not None and is_cancelled():
            raise ExportCancelled()
        values = {"number": number, "id": str(action.id), layout.NOTE: None}
        row = [values[c.field] if c.field in values
               else _cell_value(c.field, getattr(action, c.field)) for c in layout.COLUMNS]
        rows.append(row)
        height = _row_height(row)
        if height:
            heights[number + 1] = height
        if progress is not None and number % 200 == 0:
            progress(0.8 * number / len(actions))
    _validations(sheet, last_row)
    sheet.freeze_panes = "B2"  # the heading row and the action's number stay in view
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    # Locked cells (the id and number) refuse edits; the editable columns do not.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # people may widen columns and rows
    sheet.protection.formatRows = False
    _about(book.create_sheet(layout.ABOUT_SHEET), snapshot, now or utcnow())
    book.security = WorkbookProtection(lockStructure=True)  # the About sheet stays hidden
    if progress is not None:
        progress(0.85)
    saved = io.BytesIO()
    book.save(saved)
    with atomic_output(Path(out_path), is_cancelled) as temp:
        write_with_rows(saved.getvalue(), "xl/worksheets/sheet1.xml", rows, heights,
                        layout.SPARE_ROWS, temp)
    if progress is not None:
        progress(1.0)
    return Path(out_path)


def _row_height(row: list[Any]) -> float | None:
    """The height a row's wrapped text needs (neither Excel nor Calc sizes rows to wrapped
    text by themselves), or None for one line."""
    from app.reports.render.xlsx.cells import wrapped_lines
    from app.reports.render.xlsx.renderer import LINE_HEIGHT

    lines = max((wrapped_lines(str(value), column.width)
                 for value, column in zip(row, layout.COLUMNS, strict=True)
                 if value and column.field in layout.TEXT_COLUMNS), default=1)
    return min(409.0, LINE_HEIGHT * lines + 2) if lines > 1 else None


def _validations(sheet: Any, last_row: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    def column_range(field: str) -> str:
        letter = get_column_letter(1 + [c.field for c in layout.COLUMNS].index(field))
        return f"{letter}2:{letter}{last_row}"

    for field, label, choices in (("status", "Status", STATUSES),
                                  ("priority", "Priority", PRIORITIES)):
        rule = DataValidation(type="list", formula1='"' + ",".join(choices.values()) + '"',
                              allow_blank=True, showErrorMessage=True,
                              errorTitle=f"Not a {label.lower()}",
                              error=f"Choose one of: {', '.join(choices.values())}.")
        rule.add(column_range(field))
        sheet.add_data_validation(rule)
    dates = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                           formula2="DATE(2100,12,31)", allow_blank=True,
                           showErrorMessage=True, errorTitle="Not a date",
                           error="Type a date as day/month/year, e.g. 31/03/2027.")
    dates.add(column_range("start"))
    dates.add(column_range("due"))
    sheet.add_data_validation(dates)


def _about(sheet: Any, snapshot: TrackerSnapshot, now: datetime) -> None:
    from openpyxl.styles import Font

    sheet.append(["This sheet tells the toolkit which workbook the tracker came from. "
                  "Do not change it."])
    sheet["A1"].font = Font(italic=True)
    for label, value in ((layout.STAMP_KIND, layout.KIND), (layout.STAMP_FORMAT, layout.FORMAT),
                         (layout.STAMP_WORKBOOK_ID, str(snapshot.workbook_id)),
                         (layout.STAMP_WORKBOOK_TITLE, snapshot.title),
                         (layout.STAMP_EXPORT_ID, str(uuid.uuid4())),
                         (layout.STAMP_EXPORTED_AT, now.replace(microsecond=0).isoformat())):
        sheet.append([label, value])
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 48
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True
