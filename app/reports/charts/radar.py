"""Radar (spider) charts, e.g. self-assessment scores by section across rounds."""

from __future__ import annotations

import dataclasses
import math

from reportlab.graphics.charts.spider import SpiderChart
from reportlab.graphics.shapes import Drawing, Polygon, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.reports.charts.common import (
    GRID,
    MUTED,
    Typography,
    add_legend,
    add_message,
    clean,
    colour,
    marker,
    new_drawing,
    text_block,
    tick_formatter,
    ticks,
    value_scale,
    wrap,
)
from app.reports.model.report import Chart, ChartKind


def draw_radar_chart(chart: Chart, width: float, height: float, *, show_title: bool) -> Drawing:
    n = len(chart.categories)
    if 0 < n < 3:  # a radar needs three spokes to mean anything; bars say the same thing
        from app.reports.charts.bars import draw_bar_chart

        kind = ChartKind.GROUPED_BAR if len(chart.series) > 1 else ChartKind.BAR
        return draw_bar_chart(
            dataclasses.replace(chart, kind=kind), width, height, show_title=show_title
        )
    drawing, typo, box = new_drawing(chart, width, height, show_title=show_title)
    # Radar axes start at zero: negative or missing values are drawn at the centre.
    data = [
        [max(0.0, clean(v) or 0.0) for v in (list(s.values[:n]) + [0.0] * (n - len(s.values)))]
        for s in chart.series
    ]
    if not n or not data:
        add_message(drawing, "No data to show", box, typo)
        return drawing
    if len(chart.series) > 1:
        add_legend(drawing, [s.name for s in chart.series], box, typo, lines=True)

    _, top, step = value_scale([v for row in data for v in row], chart.value_max)
    label_width = min(box.width * 0.2, max(typo.width(c) for c in chart.categories))
    labels = [wrap(c, typo.regular, typo.size, label_width, 3)[0] for c in chart.categories]
    label_height = max(len(lines) for lines in labels) * typo.leading
    gap = 5.0
    radius = min(
        (box.width - 2 * (label_width + gap)) / 2, (box.height - 2 * (label_height + gap)) / 2
    )
    if radius < 15:
        add_message(drawing, "Chart too small to draw", box, typo)
        return drawing
    cx, cy = box.left + box.width / 2, box.bottom + box.height / 2
    angles = [math.radians(90 - i * 360 / n) for i in range(n)]  # clockwise from the top

    tick_values = ticks(0.0, top, step)[1:]
    for t in tick_values:
        r = radius * t / top
        points = [c for a in angles for c in (cx + r * math.cos(a), cy + r * math.sin(a))]
        drawing.add(Polygon(points, fillColor=None, strokeColor=GRID, strokeWidth=0.6))

    spider = SpiderChart()
    spider.x, spider.y = cx - radius, cy - radius
    spider.width = spider.height = 2 * radius
    # A hidden strand at the axis maximum: SpiderChart scales to its largest value.
    spider.data = [*data, [top] * n]
    spider.labels = [""] * n
    spider.strandLabels.format = None
    spider.spokes.strokeColor, spider.spokes.strokeWidth = GRID, 0.6
    for i in range(len(data)):
        base = colour(i)
        strand = spider.strands[i]
        strand.strokeColor, strand.strokeWidth = base, 1.6
        strand.fillColor = colors.Color(base.red, base.green, base.blue, alpha=0.12)
        strand.symbol = makeMarker(
            marker(i), size=typo.size * 0.8, fillColor=base, strokeColor=base
        )
    hidden = spider.strands[len(data)]
    hidden.strokeColor, hidden.fillColor, hidden.strokeWidth = None, None, 0
    drawing.add(spider)
    _ring_labels(drawing, chart, tick_values, top, (cx, cy), radius, typo)
    _spoke_labels(drawing, labels, angles, (cx, cy), radius + gap, typo)
    return drawing


def _ring_labels(
    drawing: Drawing,
    chart: Chart,
    tick_values: list[float],
    top: float,
    centre: tuple[float, float],
    radius: float,
    typo: Typography,
) -> None:
    """Scale values just inside each ring beside the top spoke, on a faint white plate so
    they stay readable where a strand crosses them."""
    fmt = tick_formatter(chart, tick_values)
    size = typo.size * 0.85
    plate = colors.Color(1, 1, 1, alpha=0.75)
    cx, cy = centre
    for t in tick_values:
        text = fmt(t)
        x, y = cx + 3, cy + radius * t / top - size - 1
        width = stringWidth(text, typo.regular, size)
        drawing.add(
            Rect(x - 1, y - size * 0.25, width + 2, size * 1.15, fillColor=plate, strokeColor=None)
        )
        drawing.add(String(x, y, text, fontName=typo.regular, fontSize=size, fillColor=MUTED))


def _spoke_labels(
    drawing: Drawing,
    labels: list[list[str]],
    angles: list[float],
    centre: tuple[float, float],
    radius: float,
    typo: Typography,
) -> None:
    """Labels just outside each spoke, anchored away from the centre so they never overlap it."""
    cx, cy = centre
    for lines, angle in zip(labels, angles, strict=True):
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        dx, dy = math.cos(angle), math.sin(angle)
        anchor = "start" if dx > 0.15 else "end" if dx < -0.15 else "middle"
        block = len(lines) * typo.leading
        if dy > 0.15:
            top = y + block
        elif dy < -0.15:
            top = y
        else:
            top = y + block / 2
        drawing.add(text_block(lines, x, top, typo, anchor=anchor))
