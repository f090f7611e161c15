"""Charts from one definition: vector drawings for PDF and crisp PNGs for Word.

Both outputs come from the same reportlab Drawing, so a chart looks the same in every
export. The PNG is made by rasterising the drawing's one-page PDF with PDFium (the
`pypdfium2` wheels need no compiler on Windows, macOS or Linux); reportlab 5's own bitmap
renderer needs pycairo, which has no Linux wheels.

Heavy imports happen inside the functions so that importing this module (and starting the
app) stays cheap.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

from app.reports.model.report import Chart, ChartKind

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

MIN_DPI = 72
# Set to "1" to have reportlab check every attribute given to a chart's shapes (the
# tests do); see `_shape_checking`.
CHECK_SHAPES_ENV = "RRT_CHECK_CHART_SHAPES"
_pdfium_lock = threading.Lock()  # PDFium is not thread-safe; exports may run on workers


def default_height(chart: Chart, width_pt: float) -> float:
    """A height that suits the chart's kind and size, for callers with no layout of their own."""
    ratio = 0.78 if chart.kind is ChartKind.RADAR else 0.56
    extra_series_rows = max(0, len(chart.series) - 3) // 3  # legend may wrap
    many_categories = max(0, len(chart.categories) - 8) * 0.02
    return width_pt * (ratio + many_categories) + extra_series_rows * 12


def _shape_checking() -> None:
    # reportlab checks the type of every attribute set on a shape, a tenth of the time
    # of drawing and rendering a chart. Only this package's code builds the shapes, and
    # its tests run with the checks on, so a user's export goes without them.
    from reportlab import rl_config

    rl_config.shapeChecking = 1 if os.environ.get(CHECK_SHAPES_ENV) == "1" else 0


def _whitened(palette: list[int]) -> list[int]:
    """The palette with its near-whites made white: the quantiser averages each colour's
    pixels, so the background would otherwise come out a shade off the page's white."""
    colours = [palette[i:i + 3] for i in range(0, len(palette), 3)]
    return [channel for colour in colours
            for channel in ([255, 255, 255] if min(colour) >= 250 else colour)]


def chart_drawing(
    chart: Chart, width_pt: float, height_pt: float, *, show_title: bool = False
) -> Drawing:
    """A vector drawing of the chart, `width_pt` × `height_pt` points.

    The title is left out by default because documents print it as the figure's caption;
    pass `show_title=True` for a free-standing image.
    """
    _shape_checking()
    if chart.kind is ChartKind.RADAR:
        from app.reports.charts.radar import draw_radar_chart

        return draw_radar_chart(chart, width_pt, height_pt, show_title=show_title)
    if chart.kind is ChartKind.LINE:
        from app.reports.charts.line import draw_line_chart

        return draw_line_chart(chart, width_pt, height_pt, show_title=show_title)
    from app.reports.charts.bars import draw_bar_chart

    return draw_bar_chart(chart, width_pt, height_pt, show_title=show_title)


def chart_png(
    chart: Chart,
    width_inches: float,
    dpi: int = 220,
    *,
    height_inches: float | None = None,
    show_title: bool = False,
) -> bytes:
    """The chart as PNG bytes, exactly round(width_inches × dpi) pixels wide.

    The height defaults to `default_height`. The PNG records its dpi, so Word places it at
    the intended physical size.
    """
    if width_inches <= 0 or dpi < MIN_DPI:
        raise ValueError("Chart images need a positive width and at least 72 dpi.")
    from io import BytesIO

    import pypdfium2
    from PIL import Image
    from reportlab.graphics import renderPDF

    width_pt = width_inches * 72
    height_pt = height_inches * 72 if height_inches else default_height(chart, width_pt)
    drawing = chart_drawing(chart, width_pt, height_pt, show_title=show_title)
    pdf_bytes = renderPDF.drawToString(drawing)
    size = (round(drawing.width / 72 * dpi), round(drawing.height / 72 * dpi))
    with _pdfium_lock:
        document = pypdfium2.PdfDocument(pdf_bytes)
        try:
            page = document[0]
            # RGB byte order, white background: PIL takes the pixels as they are.
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            page.close()
        finally:
            document.close()
    image = bitmap.to_pil()
    if image.size != size:  # PDFium rounds the page box; never more than a pixel out
        image = image.resize(size, Image.Resampling.LANCZOS)
    # A chart is a few flat colours and their anti-aliased edges, which 256 colours hold
    # without visible change. A palette PNG is a third of the size of a full-colour one
    # and quicker to make: PNG's per-row filters (the slow part) are skipped for palettes.
    image = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    image.putpalette(_whitened(image.getpalette() or []))
    out = BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi), compress_level=1)
    return out.getvalue()
