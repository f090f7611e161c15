"""Reading the framework template's sheets: headings matched to the expected columns (each
problem noted by sheet and row), rows as cell values, and cells as text, numbers or lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.assessments.frameworks.excel_layout import FRAMEWORK_FIELDS

MAX_ROWS = 10_000  # rows read from any one sheet
MAX_COLUMNS = 60

_REQUIRED = {
    "Scale": ["Answer", "Score"],
    "Groups": ["Respondent group"],
    "Sections": ["Section"],
    "Criteria": ["Section", "Ref", "Criterion"],
}


def slug(text: str) -> str:
    """"Not in place" -> "not-in-place": an id made from a label."""
    value = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return value[:64].rstrip("-") or "level"


def folded(text: str) -> str:
    """Text as compared with headings and names: spaces collapsed, case folded."""
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def cell_text(value: object) -> str:
    """A cell as text; a whole number typed in a cell reads without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else str(value)
    return str(value).strip()


def split_list(value: str) -> list[str]:
    """The items of a cell listing several, one a line or separated by semicolons."""
    return [part.strip() for part in re.split(r"[;\n]", value) if part.strip()]


def cell_number(value: object) -> float | None:
    """A cell as a finite number (a decimal comma allowed); None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        try:
            number = float(cell_text(value).replace(",", "."))
        except ValueError:
            return None
    return number if number == number and abs(number) != float("inf") else None


@dataclass
class Row:
    """One filled-in row of a sheet, by its row number in the spreadsheet."""

    number: int
    values: dict[str, object]  # canonical column name -> cell value
    extra: dict[str, object] = field(default_factory=dict)  # prefixed columns, as headed

    def text(self, column: str) -> str:
        return cell_text(self.values.get(column))


@dataclass
class Sheet:
    """A sheet's filled-in rows."""

    name: str
    rows: list[Row]
    prefixed: list[str]  # the "Descriptor: X" / "Role: X" headings, as written


def read_sheet(worksheet: Any, name: str, columns: list[str], prefixes: tuple[str, ...],
               problems: list[str]) -> Sheet:
    """The rows of a sheet with `columns` (and any headed by one of `prefixes`); a heading
    that is not one of them, a repeated or a missing required one is added to `problems`."""
    known = {folded(column): column for column in columns}
    rows_iter = worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    header = next(rows_iter, None) or ()
    mapping: dict[int, str] = {}
    prefixed: list[str] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(header):
        heading = cell_text(cell)
        if not heading:
            continue
        column = known.get(folded(heading))
        prefix = next((p for p in prefixes if folded(heading).startswith(folded(p))), None)
        if column is None and prefix is None:
            problems.append(f"{name} sheet: the column “{heading}” is not one this sheet can "
                            f"have (expected: {', '.join(columns)}).")
            continue
        label = column or heading
        if folded(label) in seen:
            problems.append(f"{name} sheet: the column “{heading}” appears twice.")
            continue
        seen[folded(label)] = index
        mapping[index] = label
        if column is None:
            prefixed.append(heading)
    for required in _REQUIRED.get(name, []):
        if folded(required) not in seen:
            problems.append(f"{name} sheet: there is no “{required}” column.")
    rows: list[Row] = []
    for number, values in enumerate(rows_iter, start=2):
        if number > MAX_ROWS + 1:
            problems.append(f"{name} sheet: more than {MAX_ROWS:,} rows; only the first "
                            f"{MAX_ROWS:,} were read.")
            break
        if not any(cell_text(value) for value in values):
            continue
        row = Row(number, {})
        for index, label in mapping.items():
            value = values[index] if index < len(values) else None
            if label in columns:
                row.values[label] = value
            else:
                row.extra[label] = value
        rows.append(row)
    return Sheet(name, rows, prefixed)


def framework_sheet(worksheet: Any, problems: list[str]
                    ) -> tuple[dict[str, str], dict[str, int]]:
    """The Framework sheet's fields by key, and the row each was on."""
    fields: dict[str, str] = {}
    rows: dict[str, int] = {}
    known = {folded(shown): key for shown, key in FRAMEWORK_FIELDS.items()}
    for number, values in enumerate(worksheet.iter_rows(values_only=True, max_col=2), start=1):
        if number > 200:
            break
        label = cell_text(values[0] if values else None)
        value = cell_text(values[1] if len(values) > 1 else None)
        if not label or (number == 1 and folded(label) == "field"):
            continue
        key = known.get(folded(label))
        if key is None:
            problems.append(f"Framework sheet row {number}: “{label}” is not a framework "
                            f"field (expected: {', '.join(FRAMEWORK_FIELDS)}).")
            continue
        fields[key], rows[key] = value, number
    return fields, rows
