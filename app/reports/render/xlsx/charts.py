"""Native Excel charts: one sheet per chart, its data table on the left, the chart beside it.

The chart reads its data from the cells, so a user can restyle or re-plot it in Excel.
Intervals become custom error bars; their lower and upper bounds are written as columns too.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import quoteattr

from openpyxl.chart import BarChart, LineChart, RadarChart, Reference
from openpyxl.chart.data_source import NumDataSource, NumRef
from openpyxl.chart.error_bar import ErrorBars
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.drawing.line import LineProperties
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.reports.model.report import Align, Chart, ChartKind, Series
from app.reports.render.xlsx.cells import (
    ALIGNMENTS,
    HEADER_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    NOTE_FONT,
    TITLE_FONT,
    column_width,
    excel_number_format,
    put_text,
)

# The same colour-blind-safe palette (Okabe and Ito) as the PDF and Word charts.
PALETTE = ("0072B2", "E69F00", "009E73", "CC79A7", "D55E00", "56B4E9", "000000", "F0E442")
HEADER_ROW = 4
LONG_LABEL = 14  # longer category names turn bar charts on their side


def write_chart_sheet(ws: Worksheet, chart: Chart) -> None:
    put_text(ws.cell(1, 1), chart.title)
    ws.cell(1, 1).font = TITLE_FONT
    put_text(ws.cell(2, 1), f"Description: {chart.alt_text}")
    ws.cell(2, 1).font = NOTE_FONT
    number_format = excel_number_format(chart.value_format)
    headers = [chart.category_axis_title or "Category", *(s.name for s in chart.series)]
    columns: list[list[float | None]] = [
        [_value(s, i) for i in range(len(chart.categories))] for s in chart.series
    ]
    # Error bars need distances below and above each value; they read them from cells so
    # that LibreOffice draws them as well as Excel.
    error_columns: dict[int, tuple[int, int]] = {}
    for index, series in enumerate(chart.series):
        if not series.intervals or chart.kind not in (ChartKind.BAR, ChartKind.GROUPED_BAR):
            continue
        bounds = [_interval(series, i) for i in range(len(chart.categories))]
        values = columns[index]
        first = len(headers) + 1
        headers += [f"{series.name} (lower)", f"{series.name} (upper)",
                    f"{series.name}: error bar below", f"{series.name}: error bar above"]
        columns += [
            [low for low, _ in bounds],
            [high for _, high in bounds],
            [_gap(v, low) for v, (low, _) in zip(values, bounds, strict=True)],
            [_gap(high, v) for v, (_, high) in zip(values, bounds, strict=True)],
        ]
        error_columns[index] = (first + 2, first + 3)
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(HEADER_ROW, col)
        put_text(cell, text)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = ALIGNMENTS[Align.LEFT if col == 1 else Align.RIGHT, True]
    for i, category in enumerate(chart.categories):
        row = HEADER_ROW + 1 + i
        put_text(ws.cell(row, 1), category)
        for col, values in enumerate(columns, start=2):
            cell = ws.cell(row, col, values[i])
            cell.number_format = number_format
    ws.column_dimensions["A"].width = column_width([headers[0], *chart.categories], maximum=40)
    for col in range(2, len(headers) + 1):
        ws.column_dimensions[get_column_letter(col)].width = column_width(
            [headers[col - 1]], minimum=10, maximum=14
        )
    ws.row_dimensions[HEADER_ROW].height = 45 if error_columns else 30
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    if chart.categories and chart.series:
        native = _native_chart(ws, chart, number_format, error_columns)
        ws.add_chart(native, f"{get_column_letter(len(headers) + 2)}{HEADER_ROW}")


def _interval(series: Series, index: int) -> tuple[float | None, float | None]:
    intervals = series.intervals or ()
    return intervals[index] if index < len(intervals) else (None, None)


def _gap(high: float | None, low: float | None) -> float | None:
    return None if high is None or low is None else max(0.0, high - low)


def _value(series: Series, index: int) -> float | None:
    return series.values[index] if index < len(series.values) else None


def _native_chart(
    ws: Worksheet, chart: Chart, number_format: str, error_columns: dict[int, tuple[int, int]]
) -> BarChart:
    kind = chart.kind
    if kind is ChartKind.RADAR:
        native = RadarChart()
        native.type = "marker"
    elif kind is ChartKind.LINE:
        native = LineChart()
    else:
        native = BarChart()
        long_labels = max(len(c) for c in chart.categories) > LONG_LABEL
        native.type = "bar" if long_labels else "col"
        if long_labels:  # first category at the top, as it reads in the data table
            native.x_axis.scaling.orientation = "maxMin"
            native.y_axis.crosses = "max"  # keeps the value axis at the bottom
        if kind is ChartKind.STACKED_BAR:
            native.grouping, native.overlap = "stacked", 100
        else:
            native.grouping = "clustered"
            native.gapWidth = 80
    last_row = HEADER_ROW + len(chart.categories)
    data = Reference(ws, min_col=2, max_col=1 + len(chart.series),
                     min_row=HEADER_ROW, max_row=last_row)
    native.add_data(data, titles_from_data=True)
    native.set_categories(Reference(ws, min_col=1, min_row=HEADER_ROW + 1, max_row=last_row))
    for index, native_series in enumerate(native.series):
        _style_series(native_series, index, kind)
        if index in error_columns:
            native_series.errBars = _error_bars(ws, *error_columns[index], last_row)
    native.title = chart.title
    native.x_axis.title = chart.category_axis_title or None
    native.y_axis.title = chart.value_axis_title or None
    native.y_axis.number_format = number_format
    if chart.value_max is not None:
        native.y_axis.scaling.max = chart.value_max
    if kind is not ChartKind.RADAR:
        native.y_axis.scaling.min = 0
    # openpyxl 3.1 marks axes as deleted unless told otherwise: Excel would hide them.
    native.x_axis.delete = False
    native.y_axis.delete = False
    native.legend.position = "b"
    if len(chart.series) == 1 and kind is not ChartKind.RADAR:
        native.legend = None
    native.y_axis.majorGridlines.spPr = GraphicalProperties(ln=LineProperties(solidFill="D9D9D9"))
    # centimetres; a radar needs height as much as width to be readable
    native.width, native.height = (16, 14) if kind is ChartKind.RADAR else (20, 11)
    return native


def _style_series(native_series, index: int, kind: ChartKind) -> None:
    colour = PALETTE[index % len(PALETTE)]
    if kind in (ChartKind.LINE, ChartKind.RADAR):
        native_series.graphicalProperties = GraphicalProperties(
            ln=LineProperties(solidFill=colour, w=28575)  # 2.25 pt
        )
        native_series.smooth = False
        if native_series.marker is not None:
            native_series.marker.symbol = "circle"
    else:
        native_series.graphicalProperties = GraphicalProperties(solidFill=colour)
        native_series.graphicalProperties.line.solidFill = colour


def _error_bars(ws: Worksheet, below: int, above: int, last_row: int) -> ErrorBars:
    """Custom error bars whose lengths are read from the `below` and `above` columns."""

    def source(col: int) -> NumDataSource:
        ref = Reference(ws, min_col=col, min_row=HEADER_ROW + 1, max_row=last_row)
        return NumDataSource(numRef=NumRef(f=str(ref)))

    return ErrorBars(
        errDir="y",
        errBarType="both",
        errValType="cust",
        noEndCap=False,
        minus=source(below),
        plus=source(above),
        spPr=GraphicalProperties(ln=LineProperties(solidFill="222222", w=12700)),
    )


_FIRST_CNVPR = re.compile(r"<((?:\w+:)?cNvPr)\b([^>]*?)(/?)>")


class DescribingZip(zipfile.ZipFile):
    """A zip being written by openpyxl that gives each chart its description as alt text,
    which openpyxl cannot set itself.

    `alt_texts` maps a sheet's position (1 = first sheet, as openpyxl numbers sheet files)
    to the description of the one chart on it. openpyxl writes each sheet's drawing just
    after the sheet, so a drawing belongs to the sheet written last; its first shape, the
    chart, gets the description as it is written (no second pass over the package).
    """

    def __init__(self, file: io.BytesIO, alt_texts: dict[int, str]) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._alt_texts = alt_texts
        self._sheet = 0  # position of the sheet written last

    def write(self, filename, arcname=None, *args, **kwargs) -> None:
        sheet = _SHEET_PART.fullmatch(str(arcname or filename))
        if sheet:
            self._sheet = int(sheet.group(1))
        super().write(filename, arcname, *args, **kwargs)

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs) -> None:
        name = getattr(zinfo_or_arcname, "filename", zinfo_or_arcname)
        sheet = _SHEET_PART.fullmatch(name)
        if sheet:
            self._sheet = int(sheet.group(1))
        elif _DRAWING_PART.fullmatch(name) and self._sheet in self._alt_texts:
            text = data.decode() if isinstance(data, bytes) else data
            data = _describe(text, self._alt_texts[self._sheet]).encode()
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)


_SHEET_PART = re.compile(r"xl/worksheets/sheet(\d+)\.xml")
_DRAWING_PART = re.compile(r"xl/drawings/drawing\d+\.xml")


def _describe(xml: str, text: str) -> str:
    def add(match: re.Match[str]) -> str:
        tag, attributes, close = match.groups()
        return f"<{tag}{attributes} descr={quoteattr(text)}{close}>"

    return _FIRST_CNVPR.sub(add, xml, count=1)
