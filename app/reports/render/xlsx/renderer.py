"""Excel renderer: a Summary sheet, then one sheet per table and one per chart.

Cells are typed (counts as whole numbers, percentages as fractions with a percentage format,
dates as real dates), every header row is frozen with an autofilter over its table, charts
are native Excel charts over the data written beside them, and no text can become a formula.
The file is written to a temporary name and moved into place, so a cancelled or failed
export never leaves a half-written workbook or touches an existing one.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from app.reports.export.atomic_file import atomic_output
from app.reports.export.result import ExportCancelled, RenderResult
from app.reports.model.formatting import ValueFormat, column_formats, note_label
from app.reports.model.outline import NOTES_TITLE, headings
from app.reports.model.report import (
    Align,
    Chart,
    ColumnKind,
    KeyFigures,
    Note,
    Report,
    Row,
    RowGroup,
    Section,
    Table,
)
from app.reports.render.safe_text import WORD_PROPERTY_LIMIT, clean_report, fit
from app.reports.render.xlsx.cells import (
    ALIGNMENTS,
    BOLD,
    GROUP_FILL,
    HEADER_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    HEADING_FONT,
    LINK_FONT,
    MAX_COLUMN_WIDTH,
    NOTE_FONT,
    TABLE_ALIGNMENTS,
    TITLE_FONT,
    TOTAL_BORDER,
    CellLooks,
    SheetNames,
    column_width,
    put_text,
    put_value,
    quote_sheet,
    wrapped_lines,
)
from app.reports.render.xlsx.charts import DescribingZip, write_chart_sheet

ProgressCallback = Callable[[float], None]  # fraction done, 0.0 to 1.0
CancelCheck = Callable[[], bool]
WRAP_AT = MAX_COLUMN_WIDTH  # characters; longer text wraps in its (capped) column
LINE_HEIGHT = 15  # points per line of 11 pt text
PORTRAIT_CHARACTERS = 110  # columns wider than this in all print on a landscape page
APP_NAME = "Rights & Responsibilities Toolkit"


@dataclass
class _Item:
    """A table or chart with its own sheet, and the notes that follow it in the report."""

    block: Table | Chart
    section: str
    sheet: str = ""
    notes: list[Note] = field(default_factory=list)


def render_xlsx(
    report: Report,
    out_path: Path | str,
    *,
    progress: ProgressCallback | None = None,
    is_cancelled: CancelCheck | None = None,
) -> RenderResult:
    """Write `report` as an .xlsx workbook at `out_path` (replacing it only on success)."""
    out_path = Path(out_path)
    report = clean_report(report)  # no character the store accepts may break the file
    items = _collect(report)
    steps = len(items) + 2

    def step(done: int) -> None:
        if is_cancelled is not None and is_cancelled():
            raise ExportCancelled()
        if progress is not None:
            progress(done / steps)

    step(0)
    wb = Workbook()
    names = SheetNames()
    looks = CellLooks()
    summary = wb.active
    summary.title = names.claim("Summary", "Summary")
    for index, item in enumerate(items, start=1):
        kind = "Table" if isinstance(item.block, Table) else "Chart"
        block = item.block
        if isinstance(block, Table) and block.sheet_name:
            wanted = block.sheet_name
        else:
            wanted = _short_name(block.title if isinstance(block, Chart) else block.caption)
        item.sheet = names.claim(wanted, f"{kind} {index}")
    for done, item in enumerate(items, start=1):
        ws = wb.create_sheet(item.sheet)
        if isinstance(item.block, Table):
            _write_table_sheet(ws, item.block, item.notes, looks)
        else:
            write_chart_sheet(ws, item.block)
        _print_setup(ws)
        step(done)
    _write_summary(summary, report, items)
    _set_properties(wb, report)
    step(steps - 1)
    positions = {ws.title: i for i, ws in enumerate(wb.worksheets, start=1)}
    alt_texts = {positions[item.sheet]: item.block.alt_text
                 for item in items if isinstance(item.block, Chart) and item.block.categories
                 and item.block.series}
    _save_atomically(wb, out_path, is_cancelled, alt_texts)
    if progress is not None:
        progress(1.0)
    return RenderResult(out_path, ())


# ---------------------------------------------------------------- gathering


def _short_name(title: str) -> str:
    """"Table 3: people by ethnic group" names its sheet "Table 3"; other titles are cut."""
    head, colon, _ = title.partition(":")
    return head if colon and 0 < len(head.strip()) <= 31 else title


def _collect(report: Report) -> list[_Item]:
    items: list[_Item] = []

    def visit(section: Section) -> None:
        last: _Item | None = None
        for block in section.blocks:
            if isinstance(block, Table | Chart):
                last = _Item(block, section.title)
                items.append(last)
            elif isinstance(block, Note) and last is not None:
                last.notes.append(block)  # a note straight after a table belongs to it
            elif isinstance(block, Section):
                visit(block)
                last = None
            else:
                last = None

    for section in (*report.sections, *report.appendices):
        visit(section)
    return items


# ---------------------------------------------------------------- table sheets


def _write_table_sheet(ws: Worksheet, table: Table, notes: list[Note], looks: CellLooks) -> None:
    columns = table.columns
    put_text(ws.cell(1, 1), table.caption or ws.title)
    ws.cell(1, 1).font = HEADING_FONT
    texts: list[list[str]] = [[] for _ in columns]
    wrapped: list[list[tuple[int, str]]] = [[] for _ in columns]  # (row, text) that wrap
    formats = column_formats(table)
    for col, column in enumerate(columns, start=1):
        cell = ws.cell(2, col)
        put_text(cell, column.title)
        looks.apply(cell, font=HEADER_FONT, fill=HEADER_FILL, border=HEADER_BORDER,
                    alignment=TABLE_ALIGNMENTS[column.effective_align, True])
    row = 3
    for item in table.body:
        if isinstance(item, RowGroup):
            put_text(ws.cell(row, 1), item.label)
            texts[0].append(item.label)
            looks.apply(ws.cell(row, 1), font=BOLD, fill=GROUP_FILL,
                        alignment=TABLE_ALIGNMENTS[Align.LEFT, False])
            for col in range(2, len(columns) + 1):
                looks.apply(ws.cell(row, col), fill=GROUP_FILL)
            row += 1
            for member in item.rows:
                _write_row(ws, row, table, member, texts, wrapped, formats, looks)
                row += 1
        else:
            _write_row(ws, row, table, item, texts, wrapped, formats, looks)
            row += 1
    last_col = get_column_letter(max(1, len(columns)))
    ws.freeze_panes = "A3"  # caption and header stay in view
    ws.auto_filter.ref = f"A2:{last_col}{max(row - 1, 2)}"
    ws.print_title_rows = "2:2"
    widths = [
        column_width(column_texts, title=column.title)
        for column_texts, column in zip(texts, columns, strict=True)
    ]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    # Excel does not size rows to wrapped text by itself: give the header and each row
    # with wrapped cells the lines they need.
    header_lines = max(wrapped_lines(c.title, w) for c, w in zip(columns, widths, strict=True))
    ws.row_dimensions[2].height = LINE_HEIGHT * header_lines + 2
    lines_by_row: dict[int, int] = {}
    for col, cells in enumerate(wrapped):
        for r, text in cells:
            lines_by_row[r] = max(lines_by_row.get(r, 1), wrapped_lines(text, widths[col]))
    for r, lines in lines_by_row.items():
        if lines > 1:
            ws.row_dimensions[r].height = LINE_HEIGHT * lines + 2
    ws.page_setup.orientation = "landscape" if sum(widths) > PORTRAIT_CHARACTERS else "portrait"
    row += 1
    for note in notes:
        _write_note(ws, row, note)
        row += 1


def _write_row(
    ws: Worksheet,
    row: int,
    table: Table,
    data: Row,
    texts: list[list[str]],
    wrapped: list[list[tuple[int, str]]],
    formats: list[ValueFormat],
    looks: CellLooks,
) -> None:
    cells = data.cells
    for col, column in enumerate(table.columns):
        value = cells[col] if col < len(cells) else None
        cell = ws.cell(row, col + 1)
        shown = put_value(cell, value, formats[col])
        texts[col].append(shown)
        if isinstance(value, str) and column.kind not in (ColumnKind.TEXT, ColumnKind.DATE):
            align = Align.RIGHT  # "<5" and "[c]" line up with the numbers they replace
        else:
            align = column.effective_align
        wrap = len(shown) > WRAP_AT
        if wrap:
            wrapped[col].append((row, str(cell.value)))
        if data.is_total:
            looks.apply(cell, font=BOLD, border=TOTAL_BORDER,
                        alignment=TABLE_ALIGNMENTS[align, wrap])
        else:
            looks.apply(cell, alignment=TABLE_ALIGNMENTS[align, wrap])


def _write_note(ws: Worksheet, row: int, note: Note) -> None:
    cell = ws.cell(row, 1)
    put_text(cell, f"{note.label}: {note.text}" if note.label else note.text)
    cell.font = NOTE_FONT


def _print_setup(ws: Worksheet) -> None:
    """A4, as wide as the page: a sheet prints readably without the user setting it up."""
    if ws.page_setup.orientation is None:
        ws.page_setup.orientation = "landscape"  # charts
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


# ---------------------------------------------------------------- summary sheet


def _write_summary(ws: Worksheet, report: Report, items: list[_Item]) -> None:
    page = report.title_page
    put_text(ws.cell(1, 1), page.title)
    ws.cell(1, 1).font = TITLE_FONT
    row = 2
    if page.subtitle:
        put_text(ws.cell(row, 1), page.subtitle)
        ws.cell(row, 1).font = NOTE_FONT
        row += 1
    row += 1
    facts = [("Organisation", page.organisation), ("Report date", page.report_date),
             ("Author", page.author), ("Version", page.version), ("Subject", report.subject)]
    for label, value in facts:
        if value:
            put_text(ws.cell(row, 1), label)
            ws.cell(row, 1).font = BOLD
            cell = ws.cell(row, 2)
            put_value(cell, value)
            cell.alignment = ALIGNMENTS[Align.LEFT, False]
            row += 1

    row = _heading(ws, row + 1, "Contents")
    for level, title in headings(report):
        put_text(ws.cell(row, 1), ("    " * (level - 1)) + title)
        if level == 1:
            ws.cell(row, 1).font = BOLD
        row += 1

    if items:
        row = _heading(ws, row + 1, "Tables and charts")
        for item in items:
            cell = ws.cell(row, 1)
            put_text(cell, item.sheet)
            target = f"{quote_sheet(item.sheet)}!A1"
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target)
            cell.font = LINK_FONT
            title = item.block.title if isinstance(item.block, Chart) else item.block.caption
            put_text(ws.cell(row, 2), title)
            row += 1

    groups = [(level, b) for level, b in report.walk() if isinstance(b, Section | KeyFigures)]
    if any(isinstance(b, KeyFigures) for _, b in groups):
        row = _heading(ws, row + 1, "Key figures")
        section = ""
        for _, block in groups:
            if isinstance(block, Section):
                section = block.title
                continue
            if section:  # say which part of the report the figures belong to
                put_text(ws.cell(row, 1), section)
                ws.cell(row, 1).font = BOLD
                row, section = row + 1, ""
            for figure in block.figures:
                put_text(ws.cell(row, 1), "    " + figure.label)
                put_text(ws.cell(row, 2), figure.value)
                ws.cell(row, 2).alignment = ALIGNMENTS[Align.LEFT, False]
                if figure.note:
                    put_text(ws.cell(row, 3), figure.note)
                    ws.cell(row, 3).font = NOTE_FONT
                row += 1

    if report.notes:
        row = _heading(ws, row + 1, NOTES_TITLE)
        for note in report.notes:
            put_text(ws.cell(row, 1), note_label(note, under_notes_heading=True))
            ws.cell(row, 1).font = BOLD
            ws.cell(row, 1).alignment = ALIGNMENTS[Align.LEFT, True]
            put_text(ws.cell(row, 2), note.text)
            ws.cell(row, 2).alignment = ALIGNMENTS[Align.LEFT, True]
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
            lines = max(1, math.ceil(len(note.text) / 100))
            ws.row_dimensions[row].height = 15 * lines
            row += 1
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 48  # with A and B, about a portrait page at full size
    _print_setup(ws)
    ws.page_setup.orientation = "portrait"


def _heading(ws: Worksheet, row: int, text: str) -> int:
    put_text(ws.cell(row, 1), text)
    ws.cell(row, 1).font = HEADING_FONT
    return row + 1


# ---------------------------------------------------------------- file


def _set_properties(wb: Workbook, report: Report) -> None:
    page = report.title_page
    props = wb.properties
    # Office keeps document properties to 255 characters, as Word does.
    props.title = fit(page.title, WORD_PROPERTY_LIMIT)
    props.subject = fit(report.subject or page.subtitle, WORD_PROPERTY_LIMIT) or None
    props.creator = fit(page.author or page.organisation or APP_NAME, WORD_PROPERTY_LIMIT)
    props.lastModifiedBy = props.creator
    props.description = fit(page.subtitle, WORD_PROPERTY_LIMIT) or None
    props.language = report.language


def _save_atomically(
    wb: Workbook, out_path: Path, is_cancelled: CancelCheck | None, alt_texts: dict[int, str]
) -> None:
    """Build the file in memory, then write it beside the target and move it into place.

    Saving in memory first means a full disk fails in one plain write, never half-way
    through openpyxl's zip writer (which would complain again when it is collected).
    """
    buffer = io.BytesIO()
    # What `Workbook.save` does, into a zip that adds the charts' alt text on the way.
    wb.properties.modified = datetime.now(tz=UTC).replace(tzinfo=None)
    ExcelWriter(wb, DescribingZip(buffer, alt_texts)).save()
    with atomic_output(out_path, is_cancelled) as temp:
        temp.write_bytes(buffer.getvalue())
