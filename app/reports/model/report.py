"""The neutral report model that every module fills and every renderer reads.

A report is a plain tree of frozen dataclasses: no ORM objects, no Qt, no file handles.
Modules build one from a read-only snapshot of the workbook; the Word, PDF and Excel
renderers walk it. Keep this module free of renderer concerns so a new back end only
has to read it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TypeAlias


class Align(Enum):
    LEFT = "left"
    CENTRE = "centre"
    RIGHT = "right"


class ColumnKind(Enum):
    """What a table column holds; drives alignment, number formats and disclosure control."""

    TEXT = "text"
    NUMBER = "number"
    COUNT = "count"  # a count of people: subject to disclosure control
    PERCENT = "percent"  # stored as a fraction (0.25 is 25%)
    DATE = "date"


# ---------------------------------------------------------------- inline text


@dataclass(frozen=True)
class Span:
    """A run of text with simple emphasis, optionally a link."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


Inline: TypeAlias = str | Span


def spans(content: str | Span | tuple[Inline, ...] | list[Inline]) -> tuple[Span, ...]:
    """Normalise paragraph content to a tuple of spans."""
    if isinstance(content, str):
        return (Span(content),)
    if isinstance(content, Span):
        return (content,)
    return tuple(Span(part) if isinstance(part, str) else part for part in content)


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Paragraph:
    content: tuple[Inline, ...]

    @staticmethod
    def of(*content: Inline) -> Paragraph:
        return Paragraph(tuple(content))

    @property
    def spans(self) -> tuple[Span, ...]:
        return spans(self.content)

    @property
    def plain_text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class BulletList:
    items: tuple[Paragraph, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Column:
    """A table column.

    A value worked out from a count of people (a share, a ratio, an interval, a gap, a
    verdict) could give a hidden count away, so its column names the COUNT column it comes
    from in `derived_from` (an index into the table's columns). Disclosure control then
    hides each such cell whose count is hidden, and where counts are rounded it works the
    value out again from the rounded counts with `recompute` - called with the row's index
    and the protected grid (every cell as shown: rounded counts, "[c]" marks) - or, with no
    `recompute`, hides it. A PERCENT column without `derived_from` counts as derived from
    the nearest COUNT column to its left, unless `reference` says its values come from
    outside the table's counts (a published population share), which are left alone.
    """

    title: str
    kind: ColumnKind = ColumnKind.TEXT
    weight: float = 1.0  # relative width; renderers share the page width by weight
    align: Align | None = None  # None: right for numbers, left for text
    derived_from: int | None = None
    recompute: Recompute | None = field(default=None, compare=False, repr=False)
    reference: bool = False

    @property
    def effective_align(self) -> Align:
        if self.align is not None:
            return self.align
        return Align.LEFT if self.kind in (ColumnKind.TEXT, ColumnKind.DATE) else Align.RIGHT

    @property
    def is_count(self) -> bool:
        return self.kind is ColumnKind.COUNT

    @property
    def is_derived(self) -> bool:
        return self.derived_from is not None


CellValue: TypeAlias = str | int | float | date | None
# (row index, the protected grid) -> the value worked out again from what is shown
Recompute: TypeAlias = Callable[[int, Sequence[Sequence[CellValue]]], CellValue]


@dataclass(frozen=True)
class CellRef:
    """One cell of a table with a `ref`: row (over `Table.iter_rows()`) and column index.

    A chart value or key figure built from a table's counts names its cell, so that it
    shows exactly what disclosure control lets the table show.
    """

    table: str
    row: int
    column: int


@dataclass(frozen=True)
class Row:
    cells: tuple[CellValue, ...]
    is_total: bool = False  # a totals row: shown in bold, used by secondary suppression


@dataclass(frozen=True)
class RowGroup:
    """Rows shown under a group label (e.g. ethnic group → categories)."""

    label: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    body: tuple[Row | RowGroup, ...]
    caption: str = ""
    sheet_name: str = ""  # Excel sheet title; derived from the caption when empty
    # The last column and the last plain row may be totals of the count cells; disclosure
    # control uses these flags to protect suppressed cells from being worked out.
    has_row_totals: bool = False
    ref: str = ""  # a name unique in the report, for charts and key figures (`CellRef`)

    def iter_rows(self) -> list[Row]:
        """All rows in display order, with groups flattened."""
        rows: list[Row] = []
        for item in self.body:
            if isinstance(item, RowGroup):
                rows.extend(item.rows)
            else:
                rows.append(item)
        return rows


@dataclass(frozen=True)
class KeyFigure:
    """A headline number callout, e.g. "Representation ratio 0.42"."""

    label: str
    value: str
    note: str = ""
    cell: CellRef | None = None  # the table cell it repeats: disclosed as that cell is


@dataclass(frozen=True)
class KeyFigures:
    figures: tuple[KeyFigure, ...]


class ChartKind(Enum):
    BAR = "bar"
    GROUPED_BAR = "grouped_bar"
    STACKED_BAR = "stacked_bar"
    RADAR = "radar"
    LINE = "line"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    # Optional interval for each value (low, high), drawn as error bars on grouped bars.
    intervals: tuple[tuple[float, float], ...] | None = None
    # The table cells the values (and interval ends) repeat, when they come from counts:
    # disclosure control gives them the cells' treatment (see `CellRef`).
    cells: tuple[CellRef, ...] | None = None
    interval_cells: tuple[tuple[CellRef, CellRef], ...] | None = None


@dataclass(frozen=True)
class Chart:
    """One chart definition rendered as vector (PDF), image (Word) and native chart (Excel)."""

    kind: ChartKind
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    alt_text: str  # required: every chart must describe itself for screen readers
    value_axis_title: str = ""
    category_axis_title: str = ""
    value_format: str = "{:g}"  # Python format for value labels; "{:.0%}" for shares
    value_max: float | None = None


@dataclass(frozen=True)
class Note:
    """A note or source line, shown in smaller type."""

    text: str
    label: str = "Note"


@dataclass(frozen=True)
class PageBreak:
    pass


Block: TypeAlias = (
    "Paragraph | BulletList | Table | KeyFigures | Chart | Note | PageBreak | Section"
)


@dataclass(frozen=True)
class Section:
    """A heading and its content; sections nest (level = depth, starting at 1)."""

    title: str
    blocks: tuple[Block, ...] = ()


# ---------------------------------------------------------------- the document


@dataclass(frozen=True)
class TitlePage:
    title: str
    organisation: str = ""
    subtitle: str = ""
    report_date: date | None = None
    author: str = ""
    version: str = ""


@dataclass(frozen=True)
class Report:
    title_page: TitlePage
    sections: tuple[Section, ...]
    appendices: tuple[Section, ...] = ()
    notes: tuple[Note, ...] = field(default=())  # report-level notes, e.g. the suppression rule
    subject: str = ""  # document property
    language: str = "en-GB"

    @property
    def title(self) -> str:
        return self.title_page.title

    def walk(self) -> list[tuple[int, Block]]:
        """Every block with its heading depth, depth-first, appendices last."""
        out: list[tuple[int, Block]] = []

        def visit(section: Section, level: int) -> None:
            out.append((level, section))
            for block in section.blocks:
                if isinstance(block, Section):
                    visit(block, level + 1)
                else:
                    out.append((level, block))

        for section in (*self.sections, *self.appendices):
            visit(section, 1)
        return out

    def tables(self) -> list[Table]:
        return [block for _, block in self.walk() if isinstance(block, Table)]

    def charts(self) -> list[Chart]:
        return [block for _, block in self.walk() if isinstance(block, Chart)]
