"""How every value in a report reads: one function per kind of value, for every renderer.

Word and PDF print the text these functions return; Excel stores the real number or date
with the matching `excel` number format, which displays the very same text. Rounding is
half away from zero on the value as written (0.305 is 30.5%, 0.125 to whole percent is
13%), which is what Excel and LibreOffice do; Python's own formatting rounds the binary
float instead and would print 30% where the spreadsheet shows 31%.

A column's format is decided once for the whole column (`column_formats`), so "4.0%" never
sits beside "8.6%" and whole numbers in a column of decimals still line up.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from app.reports.model.dates import long_date, short_date
from app.reports.model.report import CellValue, ColumnKind, Note, Table, TitlePage

UNTITLED = "Untitled report"
PERCENT_PLACES = 1  # "8.6%": one place tells 8.6% from 9.4% without looking precise
NUMBER_PLACES = 2


def _rounded(value: float, places: int) -> Decimal:
    # Excel keeps 15 significant digits, so that is the value it rounds (0.305, not
    # 0.30499999999999999).
    return Decimal(f"{value:.15g}").quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_count(value: float) -> str:
    """A count of people or things: 1,234."""
    return f"{_rounded(value, 0):,.0f}"


def format_number(value: float, places: int = NUMBER_PLACES) -> str:
    """A measured number: 1,234.50 (`places` decimals)."""
    return f"{_rounded(value, places):,.{places}f}"


def format_percent(fraction: float, places: int = PERCENT_PLACES) -> str:
    """A share stored as a fraction: 0.086 is 8.6%."""
    return f"{_rounded(fraction * 100, places):,.{places}f}%"


def format_date(value: date) -> str:
    """A date in a table: 25/11/2026; a date and time: 25/11/2026 14:05."""
    if isinstance(value, datetime):
        return f"{short_date(value)} {value:%H:%M}"
    return short_date(value)


def format_long_date(value: date) -> str:
    """A date in prose and on the title page: 25 November 2026."""
    return long_date(value)


@dataclass(frozen=True)
class ValueFormat:
    """How one column's numbers read: the text for Word and PDF, the code for Excel."""

    text: Callable[[float], str]
    excel: str


COUNT = ValueFormat(format_count, "#,##0")
WHOLE_NUMBER = ValueFormat(lambda v: format_number(v, 0), "#,##0")
DECIMAL_NUMBER = ValueFormat(format_number, "#,##0." + "0" * NUMBER_PLACES)
PERCENT = ValueFormat(format_percent, "0." + "0" * PERCENT_PLACES + "%")
EXCEL_DATE = "dd/mm/yyyy"
EXCEL_DATE_TIME = "dd/mm/yyyy hh:mm"


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def column_format(kind: ColumnKind, values: Sequence[CellValue] = ()) -> ValueFormat:
    """The one number format a column uses for all its numbers."""
    if kind is ColumnKind.PERCENT:
        return PERCENT
    if kind is ColumnKind.COUNT:
        return COUNT
    fractional = any(
        isinstance(v, float) and math.isfinite(v) and not v.is_integer() for v in values
    )
    return DECIMAL_NUMBER if fractional else WHOLE_NUMBER


def column_formats(table: Table) -> list[ValueFormat]:
    """Each column's number format, decided from all of its values."""
    rows = table.iter_rows()
    return [
        column_format(column.kind, [row.cells[i] for row in rows if i < len(row.cells)])
        for i, column in enumerate(table.columns)
    ]


def format_value(value: CellValue, fmt: ValueFormat | None = None) -> str:
    """The text a reader sees for one cell; strings (such as "<5" and "[c]") pass through."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):  # never let True read as 1
        return "Yes" if value else "No"
    if isinstance(value, date):
        return format_date(value)
    if not math.isfinite(value):
        return ""
    return (fmt or column_format(ColumnKind.NUMBER, [value])).text(value)


def table_texts(table: Table) -> list[list[str]]:
    """Every body row as the strings a reader sees, padded or cut to the columns."""
    formats = column_formats(table)
    width = len(table.columns)
    out = []
    for row in table.iter_rows():
        cells = list(row.cells[:width]) + [None] * (width - len(row.cells[:width]))
        out.append([format_value(v, f) for v, f in zip(cells, formats, strict=True)])
    return out


# ---------------------------------------------------------------- words around the values


def title_page_details(page: TitlePage) -> list[str]:
    """The lines under the title and subtitle: date, author and version."""
    lines = []
    if page.report_date:
        lines.append(format_long_date(page.report_date))
    if page.author:
        lines.append(f"Prepared by {page.author}")
    if page.version:
        version = page.version
        lines.append(version if version.lower().startswith("version") else f"Version {version}")
    return lines


def note_label(note: Note, *, under_notes_heading: bool = False) -> str:
    """The bold label before a note's text ("" for none); "Note" is not repeated under the
    report's Notes heading."""
    if under_notes_heading and note.label.strip().lower() == "note":
        return ""
    return note.label.strip()


def footer_words(page_number: int, page_count: int) -> str:
    return f"Page {page_number} of {page_count}"
