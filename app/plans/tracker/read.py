"""Reading a tracker back: exactly what changed, checked before anything is applied.

Rows are matched by the id in the first column, never by position, so sorted or filtered
rows import the same. A tracker is refused whole, with a list of every problem and no
change, when it belongs to another workbook, has lost or reordered its columns, or holds an
unknown or repeated id or a value the action plan cannot take.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.plans.fields import CHOICE_FIELDS, TEXT_FIELDS, label_of, validate
from app.plans.plan import Plan
from app.plans.tracker.layout import ABOUT_SHEET, ACTIONS_SHEET, COLUMNS, FORMAT_MARK, TITLES
from app.text_policy import TextRefused, clean_text
from app.workbook.operations import Operation

MAX_ROWS = 20_000


class TrackerRefused(UserError):
    """A tracker that was not imported; nothing in the workbook changed."""


@dataclass(frozen=True)
class FieldChange:
    action_id: uuid.UUID
    number: int
    field: str
    old: object
    new: object

    def describe(self) -> str:
        def shown(value: object) -> str:
            if isinstance(value, date):
                return value.strftime("%d/%m/%Y")
            if self.field in CHOICE_FIELDS:
                return CHOICE_FIELDS[self.field][1].get(str(value), str(value))
            return f"“{value}”" if value else "(empty)"
        return (f"Action {self.number}: {label_of(self.field).lower()} "
                f"{shown(self.old)} → {shown(self.new)}")


@dataclass(frozen=True)
class NewNote:
    action_id: uuid.UUID
    number: int
    text: str

    def describe(self) -> str:
        return f"Action {self.number}: new progress note “{self.text}”"


@dataclass(frozen=True)
class TrackerImport:
    changes: tuple[FieldChange | NewNote, ...]
    today: date

    def preview(self) -> list[str]:
        return [change.describe() for change in self.changes]

    def operation(self) -> Operation:
        """All the changes as one undoable step."""
        from app.plans.operations import AddNote, Steps, UpdateAction

        steps: list[Operation] = []
        for change in self.changes:
            if isinstance(change, NewNote):
                steps.append(AddNote(change.action_id, change.text, self.today))
            else:
                steps.append(UpdateAction(change.action_id, change.field, change.new))  # type: ignore[arg-type]
        return Steps(tuple(steps), "Import tracker")


def read_tracker(path: Path, plan: Plan, workbook_id: uuid.UUID,
                 today: date | None = None) -> TrackerImport:
    """What importing the tracker at `path` would change, or `TrackerRefused`."""
    from openpyxl import load_workbook

    from app.archives import open_guarded_zip

    name = path.name
    if path.suffix.lower() != ".xlsx":
        raise TrackerRefused(f"“{name}” is not an Excel workbook (.xlsx). Choose the tracker "
                             "file the toolkit exported.")
    try:
        with open_guarded_zip(path) as archive:
            archive.check()
            content = archive.data
    except OSError:
        raise TrackerRefused(f"“{name}” could not be read. Check that it exists and is not "
                             "open in another program.") from None
    try:
        # Formulas are read as formulas (not their last results) so that they are refused.
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for files that are not workbooks
        raise TrackerRefused(f"“{name}” could not be read as an Excel workbook. Open it in "
                             "Excel or LibreOffice, save it as .xlsx and try again.") from None
    try:
        _check_about(book, name, workbook_id)
        if ACTIONS_SHEET not in book.sheetnames:
            raise TrackerRefused(f"“{name}” has no “{ACTIONS_SHEET}” sheet, so it is not an "
                                 "action tracker.")
        rows = [tuple(_Formula() if getattr(cell, "data_type", None) == "f" else cell.value
                      for cell in row)
                for row in book[ACTIONS_SHEET].iter_rows(max_row=MAX_ROWS + 1)]
    finally:
        book.close()
    return _changes(name, rows, plan, today or date.today())


class _Formula:
    """Stands for a cell holding a formula: refused, since its result is not a value."""


def _check_about(book: Any, name: str, workbook_id: uuid.UUID) -> None:
    about: dict[str, str] = {}
    if ABOUT_SHEET in book.sheetnames:
        for row in book[ABOUT_SHEET].iter_rows(max_row=20, values_only=True):
            if row and row[0] is not None:
                about[str(row[0])] = "" if len(row) < 2 or row[1] is None else str(row[1])
    if about.get("Format") != FORMAT_MARK:
        raise TrackerRefused(f"“{name}” is not an action tracker exported by this toolkit "
                             "(its About sheet is missing or changed).")
    if about.get("Workbook id") != str(workbook_id):
        raise TrackerRefused(
            f"“{name}” is the tracker of another workbook (“{about.get('Workbook', '')}”). "
            "Import it into that workbook, or export a tracker from this one.")


def _changes(name: str, rows: list[tuple[Any, ...]], plan: Plan, today: date
             ) -> TrackerImport:
    if not rows or tuple(_text(v) for v in rows[0][:len(TITLES)]) != TITLES:
        raise TrackerRefused(f"The columns of “{name}” are not the tracker's: its first row "
                             f"must read {', '.join(TITLES)}. Export a fresh tracker.")
    if len(rows) > MAX_ROWS:
        raise TrackerRefused(f"“{name}” has more than {MAX_ROWS:,} rows; it is not a tracker "
                             "this toolkit exported.")
    actions = {row.id: (number, row) for number, row in enumerate(plan.actions, 1)}
    problems: list[str] = []
    changes: list[FieldChange | NewNote] = []
    seen: set[uuid.UUID] = set()
    for line, values in enumerate(rows[1:], 2):
        values = tuple(values) + (None,) * (len(COLUMNS) - len(values))
        if all(v is None or _text(v) == "" for v in values):
            continue  # a blank row: nothing to import
        try:
            action_id = uuid.UUID(_text(values[0]))
        except ValueError:
            problems.append(f"Row {line} has no action id. Add new actions in the app, then "
                            "export the tracker again.")
            continue
        if action_id not in actions:
            problems.append(f"Row {line} has an id that is not an action in this workbook "
                            "(it may have been removed since the tracker was exported).")
            continue
        if action_id in seen:
            problems.append(f"Row {line} repeats an action that an earlier row already has.")
            continue
        seen.add(action_id)
        number, current = actions[action_id]
        found = _row_changes(line, values, number, current, plan.notes, problems)
        changes.extend(_ordered(found, current))
    if problems:
        shown = problems[:20] + ([f"… and {len(problems) - 20} more."]
                                 if len(problems) > 20 else [])
        raise TrackerRefused(f"“{name}” was not imported, and nothing changed:\n"
                             + "\n".join(f"• {p}" for p in shown))
    return TrackerImport(tuple(changes), today)


def _row_changes(line: int, values: tuple[Any, ...], number: int, current: Any,
                 notes: dict[uuid.UUID, tuple[Any, ...]], problems: list[str]
                 ) -> list[FieldChange | NewNote]:
    found: list[FieldChange | NewNote] = []
    for column, value in zip(COLUMNS, values, strict=False):
        if not column.editable:
            continue
        if isinstance(value, _Formula):
            problems.append(f"Row {line}, {column.title}: holds a formula. Type the value "
                            "itself.")
            continue
        try:
            if column.field == "note":
                text = clean_text(_text(value), label=column.title, max_length=2000,
                                  multiline=True)
                already = {n.text for n in notes.get(current.id, ())}
                if text and text not in already:  # importing twice adds it once
                    found.append(NewNote(current.id, number, text))
                continue
            new = validate(column.field, _cell(column.field, value))
        except TextRefused as refused:
            problems.append(f"Row {line}, {column.title}: {refused}")
            continue
        old = getattr(current, column.field)
        if new != old:
            found.append(FieldChange(current.id, number, column.field, old, new))
    return found


def _ordered(found: list[FieldChange | NewNote], current: Any) -> list[FieldChange | NewNote]:
    """Dates in an order that never puts the start after the due date on the way."""
    new = {c.field: c.new for c in found if isinstance(c, FieldChange)}
    if "start" in new and "due" in new and current.due is not None \
            and new["start"] is not None and new["start"] > current.due:
        return sorted(found, key=lambda c: isinstance(c, FieldChange) and c.field == "start")
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if not isinstance(value, str) else value.strip()


def _cell(field: str, value: Any) -> str | date:
    if field in ("start", "due"):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return _text(value)
    if field in TEXT_FIELDS:
        return _text(value) if not isinstance(value, str) else value
    return _text(value)
