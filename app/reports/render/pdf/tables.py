"""Model tables as platypus Tables: page-width columns, repeated header rows, group rows.

Cells that fit on one line are drawn as plain strings and only longer ones become wrapped
Paragraphs: a 200-table report has ~9,000 cells and Paragraph layout dominates render time.
Both are positioned with the same font, size and leading, so the reader cannot tell.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.tables import CellStyle

from app.reports.model.formatting import table_texts
from app.reports.model.report import Align, Row, RowGroup, Table
from app.reports.render.columns import fit_columns, needs_landscape
from app.reports.render.fonts import normalise_text, register_fonts
from app.reports.render.pdf.markup import Para, escape
from app.reports.render.pdf.styles import ACCENT, GROUP_FILL, RULE, ZEBRA, Styles

PAD_X, PAD_Y = 4.0, 3.0  # PAD_Y is reportlab's default cell padding
_ALIGN = {Align.LEFT: "LEFT", Align.CENTRE: "CENTER", Align.RIGHT: "RIGHT"}
_PARA_ALIGN = {Align.LEFT: 0, Align.CENTRE: 1, Align.RIGHT: 2}


@dataclass(frozen=True)
class _Type:
    """Fonts and size for one table (its size may be reduced to fit)."""

    regular: str
    bold: str
    size: float
    leading: float
    styles: Styles

    @classmethod
    def at(cls, styles: Styles, size: float) -> _Type:
        fonts = register_fonts()
        leading = size * styles.cell.leading / styles.cell.fontSize
        return cls(fonts.regular, fonts.bold, size, leading, styles)

    @property
    def text_color(self):
        return self.styles.cell.textColor

    @property
    def header_color(self):
        return self.styles.header_cell.textColor

    def paragraph(self, markup: str, align: Align, *, header: bool = False) -> Paragraph:
        """A wrapped cell (rare: only text that cannot be split into lines at spaces)."""
        parent = self.styles.header_cell if header else self.styles.cell
        name = "TableHeader" if header else "TableCell"
        base = ParagraphStyle(name, parent=parent, fontSize=self.size, leading=self.leading)
        if align is not Align.LEFT:
            base = ParagraphStyle(
                f"{base.name}-{align.value}", parent=base, alignment=_PARA_ALIGN[align]
            )
        return Para(markup, base)


class _CellMaker:
    """Builds one cell: a plain string when it fits on a line, else a wrapped Paragraph."""

    def __init__(self, kind: _Type, widths: list[float], aligns: list[Align]) -> None:
        self.type = kind
        self._room = [w - 2 * PAD_X - 0.5 for w in widths]
        self._full_room = sum(widths) - 2 * PAD_X - 0.5
        self._aligns = aligns

    def _fits(self, text: str, font: str, room: float) -> bool:
        return "\n" not in text and stringWidth(text, font, self.type.size) <= room

    def _lines(self, text: str, font: str, room: float) -> str | None:
        """`text` wrapped into lines that each fit `room`, or None if a word is too long.

        A table cell is drawn with the row's own font, so a wrapped plain string looks the
        same as a Paragraph at a fraction of the cost of parsing and laying one out.
        """
        size = self.type.size
        lines: list[str] = []
        for part in text.split("\n"):
            lines.extend(simpleSplit(part, font, size, room) or [""])
        if any(stringWidth(line, font, size) > room for line in lines):
            return None
        return "\n".join(lines)

    def cell(self, text: str, col: int, *, bold: bool = False, header: bool = False):
        font = self.type.bold if bold or header else self.type.regular
        if self._fits(text, font, self._room[col]):
            return text
        wrapped = self._lines(text, font, self._room[col])
        if wrapped is not None:
            return wrapped
        markup = escape(text)
        if bold and not header:  # header cells are bold by their style
            markup = f"<b>{markup}</b>"
        return self.type.paragraph(markup, self._aligns[col], header=header)

    def spanning(self, text: str):
        """A bold label across the whole row (group labels)."""
        text = normalise_text(text)
        if self._fits(text, self.type.bold, self._full_room):
            return text
        wrapped = self._lines(text, self.type.bold, self._full_room)
        if wrapped is not None:
            return wrapped
        return self.type.paragraph(f"<b>{escape(text)}</b>", Align.LEFT)


def _base_commands() -> list[tuple]:
    return [
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, ZEBRA]),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]


class _CellStyles:
    """reportlab's per-cell styles, one object per kind of row and column, shared by its
    cells. Setting them cell by cell through style commands ("FONT", "ALIGN"...) costs
    ~300 calls per table; the values are exactly those the commands would set. (reportlab
    changes a cell's style in place only when splitting a middle-aligned row span, which
    these tables never have.)"""

    def __init__(self, kind: _Type, table: Table) -> None:
        aligns = [_ALIGN[c.effective_align] for c in table.columns]
        self.header = self._kind(kind, "header", kind.bold, kind.header_color, "BOTTOM", aligns)
        self.body = self._kind(kind, "body", kind.regular, kind.text_color, "TOP", aligns)
        self.total = self._kind(kind, "total", kind.bold, kind.text_color, "TOP", aligns)
        self.group = self._kind(
            kind, "group", kind.bold, kind.text_color, "TOP", ["LEFT"] * len(aligns)
        )

    @staticmethod
    def _kind(kind: _Type, name: str, font: str, color, valign: str, aligns) -> list[CellStyle]:
        out = []
        for i, align in enumerate(aligns):
            style = CellStyle(f"{name}{i}")
            style.fontname, style.fontsize, style.leading = font, kind.size, kind.leading
            style.color = colors.toColor(color, colors.Color(0, 0, 0))
            style.valign = valign
            style.leftPadding = style.rightPadding = PAD_X
            # (top and bottom padding are reportlab's default, PAD_Y)
            style.alignment = align
            out.append(style)
        return out


def _string_row_height(row: list, leading: float) -> float | None:
    """Height of a row of plain strings (lines × leading + padding); None if it has a
    Paragraph, which reportlab must measure itself."""
    if not all(type(cell) is str for cell in row):
        return None
    return max(cell.count("\n") + 1 for cell in row) * leading + 2 * PAD_Y


# Tables with more rows than this are laid out a page at a time (see PagedTable).
PAGED_MIN_ROWS = 100


class TableRows:
    """A laid-out table's rows, built once: cells, cell styles, heights (None: reportlab
    measures the row) and style commands; `table` makes a platypus Table of some of them.

    Commands on a single row (group, total and empty-state rows) are kept by row, so a
    table of a slice gets exactly the commands its rows would have in the whole table.
    """

    def __init__(self, data: list[list], styles: list[list[CellStyle]],
                 heights: list[float | None], commands: list[tuple], widths: list[float],
                 min_height: float) -> None:
        self.data, self.styles, self.heights, self.widths = data, styles, heights, widths
        self.min_height = min_height  # no row is lower than one line
        self.shared: list[tuple] = []  # commands over whole columns (header, zebra, rules)
        self.by_row: dict[int, list[tuple]] = {}
        for command in commands:
            (_, first), (_, last) = command[1], command[2]
            if first == last and first > 0:
                self.by_row.setdefault(first, []).append(command)
            else:
                self.shared.append(command)

    def __len__(self) -> int:
        return len(self.data)

    def table(self, start: int, end: int, carry: _Carry | None = None) -> PdfTable:
        """The header row and rows start..end-1; `carry` replaces row `start` with the
        part of it that did not fit on the page before."""
        data = [self.data[0], *self.data[start:end]]
        styles = [self.styles[0], *self.styles[start:end]]
        heights = [self.heights[0], *self.heights[start:end]]
        if carry is not None:
            data[1], styles[1], heights[1] = carry.cells, carry.styles, carry.height
        commands = list(self.shared)
        if start > 1 or end < len(self.data):  # rebase the single-row commands
            for r in range(start, end):
                for name, (c0, _), (c1, _), *rest in self.by_row.get(r, ()):
                    row = r - start + 1
                    commands.append((name, (c0, row), (c1, row), *rest))
        else:
            for r in range(start, end):
                commands += self.by_row.get(r, ())
        return PdfTable(
            data,
            colWidths=self.widths,
            rowHeights=heights,
            repeatRows=1,
            hAlign="LEFT",
            style=commands,
            cellStyles=styles,
            splitByRow=1,
            splitInRow=1,  # a cell taller than a page (long notes) continues on the next page
        )


@dataclass(frozen=True)
class _Carry:
    """The rest of a row split across a page break (a cell taller than the page)."""

    cells: list
    styles: list[CellStyle]
    height: float | None


class PagedTable(Flowable):
    """A long table laid out one page at a time.

    A platypus Table that breaks over a page is rebuilt from all its remaining rows and
    measured again, on every page: O(n²) in rows (16,000 rows took 8 s). This flowable
    builds, for each page, a Table of the header and just enough rows to overfill the
    space left (a row is at least one line high), and lets reportlab split that; what did
    not fit starts the next page's Table. Each page is drawn by reportlab exactly as the
    whole table's split would draw it: the header repeated, row backgrounds starting
    afresh, rows that are taller than a page continued (on a page of their own: the rest
    of a table never starts mid-page).
    """

    def __init__(self, rows: TableRows, start: int = 1, carry: _Carry | None = None) -> None:
        super().__init__()
        self.rows, self.start, self.carry = rows, start, carry
        self.hAlign = "LEFT"
        self._window: tuple[tuple[float, float], int, PdfTable] | None = None

    def head(self, count: int) -> PdfTable:
        """The header and the first `count` rows as a Table (to measure them)."""
        return self.rows.table(self.start, min(self.start + count, len(self.rows)), self.carry)

    def _table_for(self, width: float, height: float) -> tuple[int, PdfTable]:
        """(end, a Table of rows start..end-1) whose rows surely overfill `height`, or
        run to the last row."""
        if self._window is not None and self._window[0] == (width, height):
            return self._window[1], self._window[2]
        heights, least = self.rows.heights, self.rows.min_height
        filled = (heights[0] or least) + (self.carry.height or least if self.carry else 0)
        end = self.start + (1 if self.carry else 0)
        while end < len(heights) and filled <= height:
            filled += heights[end] or least
            end += 1
        end = min(end + 1, len(heights))  # one more: reportlab must see a row that does not fit
        table = self.rows.table(self.start, end, self.carry)
        self._window = ((width, height), end, table)
        return end, table

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, table = self._table_for(avail_width, avail_height)
        self.width, self.height = table.wrap(avail_width, avail_height)
        return self.width, self.height

    # (frames pass _sW by name)
    def drawOn(self, canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
        assert self._window is not None, "wrap comes before drawing"
        self._window[2].drawOn(canvas, x, y, _sW)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        if self.start > 1 and frame is not None and not frame._atTop:
            # The rest of a table starts a page: reportlab would put the header and a
            # slice of a row taller than a page under the rows just drawn.
            return []
        end, table = self._table_for(avail_width, avail_height)
        parts = table.split(avail_width, avail_height)
        for part in parts:  # (reportlab centres the parts of a row split in two)
            part.hAlign = "LEFT"
        if end == len(self.rows) or len(parts) != 2:
            return parts  # the last page(s) of the table, or no split possible here
        first, rest = parts
        shown = first._nrows - 1  # body rows on this page (a split row counts)
        left = rest._nrows - 1  # rows of this Table that go on to the next page
        start = self.start + shown
        if shown + left > end - self.start:  # the last row shown was split in two
            start -= 1
            carry = _Carry(rest._cellvalues[1], rest._cellStyles[1], rest._argH[1])
            return [first, PagedTable(self.rows, start, carry)]
        return [first, PagedTable(self.rows, start)]


LANDSCAPE_MIN_COLUMNS = 6  # fewer columns always fit a portrait page


def wants_landscape(table: Table, styles: Styles, portrait_width: float) -> bool:
    """Whether the table needs a landscape page to be read without tiny type."""
    if len(table.columns) < LANDSCAPE_MIN_COLUMNS:
        return False
    texts = table_texts(table)
    return needs_landscape(table.columns, texts, portrait_width, register_fonts().bold, 2 * PAD_X)


def table_flowable(table: Table, styles: Styles, width: float) -> PdfTable | PagedTable | None:
    """The table itself (the caller adds the caption above it)."""
    n = len(table.columns)
    if n == 0:
        return None
    texts = [[normalise_text(text) for text in row] for row in table_texts(table)]
    widths, size = fit_columns(
        table.columns, texts, width, register_fonts().bold, styles.cell.fontSize, 2 * PAD_X
    )
    kind = _Type.at(styles, size)
    make = _CellMaker(kind, widths, [c.effective_align for c in table.columns])
    data: list[list] = [[make.cell(c.title, i, header=True) for i, c in enumerate(table.columns)]]
    looks = _CellStyles(kind, table)
    cell_styles: list[list[CellStyle]] = [list(looks.header)]
    commands = _base_commands()

    next_text = iter(texts)
    for item in table.body:
        if isinstance(item, RowGroup):
            r = len(data)
            data.append([make.spanning(item.label)] + [""] * (n - 1))
            cell_styles.append(list(looks.group))
            commands += [
                ("SPAN", (0, r), (-1, r)),
                ("BACKGROUND", (0, r), (-1, r), GROUP_FILL),
            ]
            rows: tuple[Row, ...] = item.rows
        else:
            rows = (item,)
        for row in rows:
            r = len(data)
            line = next(next_text)
            data.append([make.cell(text, i, bold=row.is_total) for i, text in enumerate(line)])
            cell_styles.append(list(looks.total if row.is_total else looks.body))
            if row.is_total:
                commands.append(("LINEABOVE", (0, r), (-1, r), 0.9, ACCENT))
                commands.append(("BACKGROUND", (0, r), (-1, r), colors.white))
    if len(data) == 1:  # a table with no rows still says so, under its header
        data.append(["No rows to show."] + [""] * (n - 1))
        cell_styles.append(list(looks.body))
        commands.append(("SPAN", (0, 1), (-1, 1)))
    # Rows of plain strings have a known height; saying so saves reportlab from measuring
    # ~9,000 cells again.
    heights = [_string_row_height(row, kind.leading) for row in data]
    content = TableRows(data, cell_styles, heights, commands, widths, kind.leading + 2 * PAD_Y)
    if len(data) > PAGED_MIN_ROWS:
        return PagedTable(content)
    return content.table(1, len(data))
