"""Cell writing for the Excel renderer: safe text, typed values, shared styles, sheet names.

Every string the renderer writes goes through `put_text`, so no value can ever be taken as a
formula, an error code or an external command by Excel or LibreOffice.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray

from app.reports.model.formatting import (
    EXCEL_DATE,
    EXCEL_DATE_TIME,
    ValueFormat,
    column_format,
    format_value,
)
from app.reports.model.report import Align, CellValue, ColumnKind

# Characters that make a spreadsheet treat text as a formula (OWASP "CSV injection" list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32_767  # Excel's limit on characters in one cell
MAX_SHEET_NAME = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_RESERVED_SHEET_NAMES = {"history"}  # Excel reserves this one

DATE_FORMAT = EXCEL_DATE
DATETIME_FORMAT = EXCEL_DATE_TIME

ACCENT = "1F4E79"
FONT_NAME = "Calibri"  # openpyxl's default; a Font without a name makes LibreOffice use a serif
HEADER_FONT = Font(name=FONT_NAME, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor=ACCENT)
GROUP_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(name=FONT_NAME, bold=True)
TITLE_FONT = Font(name=FONT_NAME, bold=True, size=14, color=ACCENT)
HEADING_FONT = Font(name=FONT_NAME, bold=True, size=12, color=ACCENT)
NOTE_FONT = Font(name=FONT_NAME, italic=True, size=9, color="404040")
LINK_FONT = Font(name=FONT_NAME, color="0563C1", underline="single")
TOTAL_BORDER = Border(top=Side(style="thin"), bottom=Side(style="double"))
HEADER_BORDER = Border(bottom=Side(style="thin"))

_H = {Align.LEFT: "left", Align.CENTRE: "center", Align.RIGHT: "right"}
ALIGNMENTS = {
    (align, wrap): Alignment(horizontal=_H[align], vertical="top", wrap_text=wrap)
    for align in Align
    for wrap in (False, True)
}
# In tables, left-aligned cells get a small indent so they never touch the right-aligned
# numbers of the column before (LibreOffice ignores indents on right-aligned cells).
TABLE_ALIGNMENTS = {
    (align, wrap): Alignment(horizontal=_H[align], vertical="top", wrap_text=wrap,
                             indent=1 if align is Align.LEFT else 0)
    for align in Align
    for wrap in (False, True)
}


class CellLooks:
    """Gives cells their look (font, fill, border, alignment) from a few shared styles.

    Setting `cell.font` and the like makes openpyxl hash the style object and look it up in
    the workbook's style lists, for every cell and every attribute: a third of a long
    export. Here each look is set the ordinary way on the first cell that has it; later
    cells copy the style indexes that gave it, as openpyxl itself copies a cell's style.
    A cell's number format and quote prefix are its own and are left as they are. One
    instance per workbook: the indexes refer to that workbook's style lists.
    """

    def __init__(self) -> None:
        self._ids: dict[tuple[int, int, int, int], tuple[int, int, int, int]] = {}

    def apply(self, cell: Cell, *, font: Font | None = None, fill: PatternFill | None = None,
              border: Border | None = None, alignment: Alignment | None = None) -> None:
        key = (id(font), id(fill), id(border), id(alignment))
        found = self._ids.get(key)
        if found is None:
            if font is not None:
                cell.font = font
            if fill is not None:
                cell.fill = fill
            if border is not None:
                cell.border = border
            if alignment is not None:
                cell.alignment = alignment
            style = cell._style
            self._ids[key] = (style.fontId, style.fillId, style.borderId, style.alignmentId)
        else:
            if cell._style is None:  # a cell with no style yet
                cell._style = StyleArray()
            style = cell._style
            style.fontId, style.fillId, style.borderId, style.alignmentId = found


def clean_text(text: str) -> str:
    """Drop control characters Excel cannot store and trim to Excel's cell limit."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text if len(text) <= MAX_CELL_TEXT else text[: MAX_CELL_TEXT - 1] + "…"


def put_text(cell: Cell, text: str) -> None:
    """Store `text` as a literal string that Excel will never evaluate."""
    text = clean_text(text)
    cell.value = text
    cell.data_type = "s"  # openpyxl would make "=..." a formula and "#N/A" an error
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True  # Excel shows it as typed and keeps it text when edited


def put_value(cell: Cell, value: CellValue, fmt: ValueFormat | None = None) -> str:
    """Write a typed value with the number format that shows the same text as Word and PDF;
    return that text."""
    if value is None:
        return ""
    if isinstance(value, str):
        put_text(cell, value)
        return value
    if isinstance(value, bool):  # not a CellValue, but never let True become 1
        put_text(cell, "Yes" if value else "No")
        return "Yes" if value else "No"
    if isinstance(value, date):
        cell.value = value
        cell.number_format = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
        return format_value(value)
    if not math.isfinite(value):  # Excel has no NaN or infinity
        return ""
    fmt = fmt or column_format(ColumnKind.NUMBER, [value])
    cell.value = value
    cell.number_format = fmt.excel
    return format_value(value, fmt)


def excel_number_format(python_format: str) -> str:
    """Turn a chart's Python format ("{:.0%}", "{:,.1f}", "{:g}") into an Excel one."""
    match = re.fullmatch(r"\{:(,?)(?:\.(\d+))?([%fd])\}", python_format.strip())
    if not match:
        return "General"
    comma, places, kind = match.groups()
    decimals = "." + "0" * int(places) if places and int(places) > 0 else ""
    base = ("#,##0" if comma else "0") + decimals
    return base + "%" if kind == "%" else base


class SheetNames:
    """Hands out unique, valid Excel sheet names (case-insensitive, as Excel compares them)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, wanted: str, fallback: str) -> str:
        name = _BAD_SHEET_CHARS.sub(" ", wanted)
        name = re.sub(r"\s+", " ", name).strip().strip("'").strip()
        if not name or name.lower() in _RESERVED_SHEET_NAMES:
            name = fallback
        name = name[:MAX_SHEET_NAME].rstrip().rstrip("'")
        candidate, number = name, 2
        while candidate.lower() in self._taken:
            suffix = f" ({number})"
            candidate = name[: MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
            number += 1
        self._taken.add(candidate.lower())
        return candidate


MAX_COLUMN_WIDTH = 50  # characters: longer text wraps rather than running off the page


def column_width(
    texts: list[str], *, title: str = "", minimum: float = 8, maximum: float = MAX_COLUMN_WIDTH
) -> float:
    """A width in characters that fits the longest text, within sensible bounds.

    A header title only needs its longest word to fit: header cells wrap.
    """
    longest = max((len(line) for text in texts for line in text.split("\n")), default=0)
    longest = max(longest, max((len(word) for word in title.split()), default=0))
    return max(minimum, min(maximum, longest * 1.15 + 3))


def wrapped_lines(text: str, width: float) -> int:
    """About how many lines `text` takes in a wrapping cell `width` characters wide."""
    room = max(1, int((width - 2) / 1.1))
    lines = 0
    for paragraph in text.split("\n"):
        line = 0
        lines += 1
        for word in paragraph.split():
            if line and line + 1 + len(word) > room:
                lines += 1
                line = len(word)
            else:
                line += (1 if line else 0) + len(word)
    return max(1, lines)


def quote_sheet(name: str) -> str:
    """A sheet name as it must appear in a reference such as 'My sheet'!A1."""
    return "'" + name.replace("'", "''") + "'"
