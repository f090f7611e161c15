"""Writing the tracker: one row per action with its id in a protected column, drop-down
lists for status and priority, dates as dates, and an About sheet naming the workbook it
belongs to (so a tracker from another workbook is refused on import)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.plans.fields import PRIORITIES, STATUSES
from app.plans.plan import Plan
from app.plans.tracker.layout import ABOUT_SHEET, ACTIONS_SHEET, COLUMNS, FORMAT_MARK


@dataclass(frozen=True)
class TrackerSource:
    workbook_id: uuid.UUID
    title: str
    plan: Plan


def write_tracker(source: TrackerSource, out: Path, today: date | None = None) -> None:
    """Write the tracker to `out` (complete or not at all)."""
    from openpyxl import Workbook as Sheets
    from openpyxl.styles import Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from app.reports.export.atomic_file import atomic_output
    from app.reports.model.report import Align
    from app.reports.render.xlsx.cells import (
        ALIGNMENTS,
        DATE_FORMAT,
        HEADER_FILL,
        HEADER_FONT,
        put_text,
    )

    book = Sheets()
    sheet = book.active
    sheet.title = ACTIONS_SHEET
    for number, column in enumerate(COLUMNS, 1):
        cell = sheet.cell(1, number)
        put_text(cell, column.title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    plan = source.plan
    unlocked = Protection(locked=False)
    wrap = ALIGNMENTS[(Align.LEFT, True)]
    for row_number, action in enumerate(plan.actions, 2):
        values: dict[str, object] = {
            "id": str(action.id), "weakness": action.weakness, "action": action.action,
            "outcome": action.outcome, "lead_partner": action.lead_partner,
            "start": action.start, "due": action.due,
            "status": STATUSES.get(action.status, action.status),
            "priority": PRIORITIES.get(action.priority, action.priority), "note": "",
        }
        shown = {"No.": row_number - 1, "Partners": plan.partners_text(action.id),
                 "Depends on": ", ".join(str(n) for n in plan.depends_on(action.id))}
        for number, column in enumerate(COLUMNS, 1):
            cell = sheet.cell(row_number, number)
            value = values.get(column.field) if column.field else shown[column.title]
            if isinstance(value, date):
                cell.value = value
                cell.number_format = DATE_FORMAT
            elif isinstance(value, int):
                cell.value = value
            elif value:
                put_text(cell, str(value))
            cell.alignment = wrap
            if column.editable:
                cell.protection = unlocked
    last = len(plan.actions) + 1
    for field, choices in (("status", STATUSES), ("priority", PRIORITIES)):
        letter = get_column_letter(next(n for n, c in enumerate(COLUMNS, 1) if c.field == field))
        check = DataValidation(type="list", formula1='"' + ",".join(choices.values()) + '"',
                               allow_blank=False, showErrorMessage=True,
                               error=f"Choose one of: {', '.join(choices.values())}.")
        check.add(f"{letter}2:{letter}{max(last, 2)}")
        sheet.add_data_validation(check)
    sheet.freeze_panes = "C2"
    sheet.protection.sheet = True  # the id column cannot be typed over
    sheet.protection.formatColumns = False  # people may still widen columns
    sheet.protection.formatRows = False

    about = book.create_sheet(ABOUT_SHEET)
    for row, (label, value) in enumerate((
        ("What this is", "An action plan tracker. Change the white columns of the Actions "
                         "sheet, save, and import the file back into the workbook."),
        ("Workbook", source.title),
        ("Workbook id", str(source.workbook_id)),
        ("Exported", (today or date.today()).strftime("%d/%m/%Y")),
        ("Format", FORMAT_MARK),
    ), 1):
        put_text(about.cell(row, 1), label)
        put_text(about.cell(row, 2), value)
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 90
    about.protection.sheet = True
    with atomic_output(out) as temporary:
        book.save(temporary)
