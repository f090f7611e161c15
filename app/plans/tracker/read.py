"""Reading a tracker that came back: the file is checked by the guarded archive reader,
then its stamp and its rows are read from the checked bytes (`sheet_xml`) as they are. Nothing here
touches the workbook; `compare.py` decides what the rows mean."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.archives import open_guarded_zip
from app.errors import UserError
from app.plans.tracker import layout
from app.plans.tracker.sheet_xml import Cell, SheetBook

MAX_ROWS = 20_000  # far more actions than any plan; stops a runaway sheet early


class TrackerRefused(UserError):
    """The tracker was not imported; the message lists every reason, and nothing changed."""

    def __init__(self, name: str, problems: list[str]) -> None:
        self.name = name
        self.problems = problems
        if len(problems) == 1:
            text = f"“{name}” was not imported, and nothing was changed: {problems[0]}"
        else:
            text = (f"“{name}” was not imported, and nothing was changed. "
                    f"Correct these {len(problems)} problems and import it again:\n"
                    + "\n".join(f"- {p}" for p in problems))
        super().__init__(text)


@dataclass(frozen=True)
class TrackerRow:
    sheet_row: int  # as Excel numbers it, for messages
    id_text: str
    cells: dict[str, Any]  # field -> the cell's value as openpyxl read it
    note: Any = None  # the "New progress note" cell
    formulas: frozenset[str] = frozenset()  # fields whose cell holds a formula (refused)


@dataclass(frozen=True)
class TrackerFile:
    name: str
    workbook_id: str
    workbook_title: str
    export_id: uuid.UUID
    rows: tuple[TrackerRow, ...]


def _not_a_tracker(name: str) -> TrackerRefused:
    return TrackerRefused(name, [
        "it is not an action tracker exported by this toolkit. Export a tracker from "
        "the action plan (Workshop › Export tracker…, or rrt tracker export), fill "
        "that in and import it."])


def read_tracker(path: Path | str) -> TrackerFile:
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise TrackerRefused(name, [f"there is no file at {path}."])
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise _not_a_tracker(name)
    with open_guarded_zip(path) as archive:  # refuses bombs, hostile XML and damage
        archive.check()
        try:
            book = SheetBook(archive)
        except Exception as exc:  # a zip that is not a spreadsheet: many kinds of error
            raise _not_a_tracker(name) from exc
        if layout.ABOUT_SHEET not in book.sheets or layout.ACTIONS_SHEET not in book.sheets:
            raise _not_a_tracker(name)
        stamp = _stamp(_read(book, name, layout.ABOUT_SHEET, 20))
        if stamp.get(layout.STAMP_KIND) != layout.KIND:
            raise _not_a_tracker(name)
        if str(stamp.get(layout.STAMP_FORMAT)) != str(layout.FORMAT):
            raise TrackerRefused(name, [
                "it was exported by a different version of the toolkit. Export a new "
                "tracker from this workbook and fill that in."])
        try:
            export_id = uuid.UUID(str(stamp.get(layout.STAMP_EXPORT_ID)))
        except ValueError:
            raise _not_a_tracker(name) from None
        rows = _rows(name, _read(book, name, layout.ACTIONS_SHEET, MAX_ROWS + 2))
    return TrackerFile(name, str(stamp.get(layout.STAMP_WORKBOOK_ID) or ""),
                       str(stamp.get(layout.STAMP_WORKBOOK_TITLE) or ""), export_id, rows)


def _read(book: SheetBook, name: str, sheet: str, max_rows: int) -> list[list[Cell | None]]:
    try:
        return book.rows(sheet, max_rows)
    except Exception as exc:  # a damaged sheet: many kinds of error
        raise _not_a_tracker(name) from exc


def _value(cell: Cell | None) -> Any:
    return None if cell is None else cell.value


def _stamp(rows: list[list[Cell | None]]) -> dict[str, Any]:
    stamp: dict[str, Any] = {}
    for cells in rows:
        if len(cells) >= 2 and isinstance(_value(cells[0]), str):
            stamp[_value(cells[0])] = _value(cells[1])
    return stamp


def _rows(name: str, sheet: list[list[Cell | None]]) -> tuple[TrackerRow, ...]:
    lines = iter(sheet)
    header = [str(_value(c)).strip() if _value(c) is not None else ""
              for c in next(lines, [])]
    where: dict[str, int] = {}
    missing = []
    for column in layout.COLUMNS:
        if column.heading in header:
            where[column.field] = header.index(column.heading)
        else:
            missing.append(f"the “{column.heading}” column is missing from the "
                           f"{layout.ACTIONS_SHEET} sheet.")
    if missing:
        raise TrackerRefused(name, missing)
    rows: list[TrackerRow] = []
    for number, line in enumerate(lines, start=2):
        if number - 1 > MAX_ROWS:
            raise TrackerRefused(name, [f"it has more than {MAX_ROWS:,} rows, far more "
                                        "than any action plan."])
        values = tuple(_value(c) for c in line)

        def cell(field: str, values: tuple[Any, ...] = values) -> Any:
            index = where[field]
            value = values[index] if index < len(values) else None
            return None if isinstance(value, str) and not value.strip() else value

        cells = {field: cell(field) for field in layout.FIELDS}
        id_value, note = cell("id"), cell(layout.NOTE)
        if id_value is None and note is None and all(v is None for v in cells.values()):
            continue  # a spare row nobody filled in
        formulas = frozenset(field for field, index in where.items()
                             if index < len(line) and getattr(line[index], "formula", False))
        rows.append(TrackerRow(number, "" if id_value is None else str(id_value).strip(),
                               cells, note, formulas))
    return tuple(rows)
