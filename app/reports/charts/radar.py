"""Radar (spider) charts, e.g. self-assessment scores by section across rounds."""

from __future__ import annotations

import dataclasses
import math

from reportlab.graphics.charts.spider import SpiderChart
from reportlab.graphics.shapes import Drawing, Line, Polygon, String
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
    tick_values = ticks(0.0, top, step)[1:]
    fmt = tick_formatter(chart, tick_values)
    scale_size = typo.size * 0.85
    # The scale stands on its own to the left, clear of the spoke labels, rather than on
    # the rings where the data would cover it (or it the data). Reserved on both sides so
    # the chart stays centred.
    scale_width = 8 + max(
        (stringWidth(fmt(t), typo.regular, scale_size) for t in tick_values), default=0.0
    )
    radius = min(
        (box.width - 2 * (label_width + gap + scale_width)) / 2,
        (box.height - 2 * (label_height + gap)) / 2,
    )
    if radius < 15:
        add_message(drawing, "Chart too small to draw", box, typo)
        return drawing
    cx, cy = box.left + box.width / 2, box.bottom + box.height / 2
    angles = [math.radians(90 - i * 360 / n) for i in range(n)]  # clockwise from the top

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
    axis_x = cx - radius - gap - label_width - 2
    marks = [(fmt(0.0), 0.0)] + [(fmt(t), radius * t / top) for t in tick_values]
    _scale(drawing, marks, axis_x, cy, typo)
    _spoke_labels(drawing, labels, angles, (cx, cy), radius + gap, typo)
    return drawing


def _scale(
    drawing: Drawing,
    marks: list[tuple[str, float]],
    axis_x: float,
    cy: float,
    typo: Typography,
) -> None:
    """A vertical scale left of the chart: a tick and value at each ring's height on the
    top spoke, so a reader can measure any strand against it."""
    size = typo.size * 0.85
    highest = max((height for _, height in marks), default=0.0)
    drawing.add(Line(axis_x, cy, axis_x, cy + highest, strokeColor=MUTED, strokeWidth=0.6))
    for text, height in marks:
        y = cy + height
        drawing.add(Line(axis_x - 3, y, axis_x, y, strokeColor=MUTED, strokeWidth=0.6))
        drawing.add(
            String(axis_x - 4, y - size * 0.35, text, fontName=typo.regular, fontSize=size,
                   fillColor=MUTED, textAnchor="end")
        )


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
