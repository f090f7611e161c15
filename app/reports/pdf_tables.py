"""Model tables as platypus Tables: page-width columns, repeated header rows, group rows.

Cells that fit on one line are drawn as plain strings and only longer ones become wrapped
Paragraphs: a 200-table report has ~9,000 cells and Paragraph layout dominates render time.
Both are positioned with the same font, size and leading, so the reader cannot tell.
"""

from __future__ import annotations

from datetime import date, datetime

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus import Table as PdfTable

from app.reports.model import Align, CellValue, Column, ColumnKind, Row, RowGroup, Table
from app.reports.pdf_fonts import normalise_text, register_fonts
from app.reports.pdf_markup import Para, escape
from app.reports.pdf_styles import ACCENT, GROUP_FILL, RULE, ZEBRA, Styles

PAD_X, PAD_Y = 4.0, 3.0
_ALIGN = {Align.LEFT: "LEFT", Align.CENTRE: "CENTER", Align.RIGHT: "RIGHT"}


def format_cell(value: CellValue, kind: ColumnKind, *, decimals: bool = False) -> str:
    """The text a reader sees; matches the Word and Excel exports.

    `decimals`: the column holds fractional numbers, so whole ones get ".00" too and the
    column lines up.
    """
    if value is None:
        return ""
    if isinstance(value, str):  # includes suppressed counts such as "<5" and "[c]"
        return value
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return f"{value.day:02d}/{value.month:02d}/{value.year} {value:%H:%M}"
    if isinstance(value, date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if kind is ColumnKind.PERCENT:
        return f"{value:.1%}"
    if isinstance(value, int) or (float(value).is_integer() and not decimals):
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def column_widths(columns: tuple[Column, ...], width: float) -> list[float]:
    weights = [max(column.weight, 0.05) for column in columns]
    total = sum(weights)
    return [width * w / total for w in weights]


class _CellMaker:
    """Builds one cell: a plain string when it fits on a line, else a wrapped Paragraph."""

    def __init__(self, styles: Styles, widths: list[float], columns: tuple[Column, ...]):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self._width_of = stringWidth
        self._fonts = register_fonts()
        self._size = styles.cell.fontSize
        self._room = [w - 2 * PAD_X - 0.5 for w in widths]
        self._full_room = sum(widths) - 2 * PAD_X - 0.5
        self._left = styles.cell
        self._styles = [
            {Align.LEFT: styles.cell, Align.RIGHT: styles.cell_right,
             Align.CENTRE: styles.cell_centre}[c.effective_align]
            for c in columns
        ]

    def __call__(self, text: str, col: int, *, bold: bool = False,
                 style: ParagraphStyle | None = None) -> str | Paragraph:
        text = normalise_text(text)
        font = self._fonts.bold if bold else self._fonts.regular
        if "\n" not in text and self._width_of(text, font, self._size) <= self._room[col]:
            return text
        markup = escape(text)
        if style is not None:  # a style of its own (header cells are bold by style)
            return Para(markup, style)
        return Para(f"<b>{markup}</b>" if bold else markup, self._styles[col])

    def spanning(self, text: str) -> str | Paragraph:
        """A bold label across the whole row (group labels)."""
        text = normalise_text(text)
        if "\n" not in text and self._width_of(text, self._fonts.bold, self._size) <= (
            self._full_room
        ):
            return text
        return Para(f"<b>{escape(text)}</b>", self._left)


def _header(table: Table, styles: Styles, make: _CellMaker) -> list[str | Paragraph]:
    by_align = {Align.LEFT: styles.header_cell, Align.RIGHT: styles.header_cell_right,
                Align.CENTRE: styles.header_cell_centre}
    return [make(c.title, i, bold=True, style=by_align[c.effective_align])
            for i, c in enumerate(table.columns)]


def _fractional_columns(table: Table) -> list[bool]:
    flags = [False] * len(table.columns)
    for row in table.iter_rows():
        for i, value in enumerate(row.cells[: len(flags)]):
            if isinstance(value, float) and not value.is_integer():
                flags[i] = True
    return flags


def _cells(row: Row, table: Table, make: _CellMaker, fractional: list[bool]) -> list:
    values = list(row.cells[: len(table.columns)])
    values += [None] * (len(table.columns) - len(values))
    return [
        make(format_cell(value, column.kind, decimals=fractional[i]), i, bold=row.is_total)
        for i, (value, column) in enumerate(zip(values, table.columns, strict=True))
    ]


def table_flowable(table: Table, styles: Styles, width: float) -> Flowable | None:
    """The table itself (the caption is added by the caller so it can keep them together)."""
    n = len(table.columns)
    if n == 0:
        return None
    fonts = register_fonts()
    widths = column_widths(table.columns, width)
    make = _CellMaker(styles, widths, table.columns)
    fractional = _fractional_columns(table)
    data: list[list[str | Paragraph]] = [_header(table, styles, make)]
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), fonts.regular, styles.cell.fontSize, styles.cell.leading),
        ("TEXTCOLOR", (0, 1), (-1, -1), styles.cell.textColor),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("FONT", (0, 0), (-1, 0), fonts.bold, styles.cell.fontSize, styles.cell.leading),
        ("TEXTCOLOR", (0, 0), (-1, 0), styles.header_cell.textColor),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    for i, column in enumerate(table.columns):
        commands.append(("ALIGN", (i, 0), (i, -1), _ALIGN[column.effective_align]))

    stripe = 0
    for item in table.body:
        if isinstance(item, RowGroup):
            r = len(data)
            data.append([make.spanning(item.label)] + [""] * (n - 1))
            commands += [
                ("SPAN", (0, r), (-1, r)),
                ("BACKGROUND", (0, r), (-1, r), GROUP_FILL),
                ("FONT", (0, r), (-1, r), fonts.bold, styles.cell.fontSize, styles.cell.leading),
                ("ALIGN", (0, r), (-1, r), "LEFT"),
            ]
            stripe = 0
            rows = item.rows
        else:
            rows = (item,)
        for row in rows:
            r = len(data)
            data.append(_cells(row, table, make, fractional))
            if row.is_total:
                commands += [
                    ("FONT", (0, r), (-1, r), fonts.bold, styles.cell.fontSize,
                     styles.cell.leading),
                    ("LINEABOVE", (0, r), (-1, r), 0.9, ACCENT),
                ]
            elif stripe % 2:
                commands.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
            stripe += 1
    if len(data) == 1:  # a table with no rows still says so, under its header
        data.append(["No rows to show."] + [""] * (n - 1))
        commands.append(("SPAN", (0, 1), (-1, 1)))
    return PdfTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT", style=commands,
                    splitByRow=1)

