"""Line charts over time: one line per series, categories are the time points in order."""

from __future__ import annotations

from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Group
from reportlab.graphics.widgets.markers import makeMarker

from app.reports.charts.axes import (
    draw_axis_titles,
    draw_category_labels,
    extent,
    plot_box,
    series_values,
    style_axes,
    whisker,
)
from app.reports.charts.common import (
    add_legend,
    add_message,
    clean,
    colour,
    marker,
    new_drawing,
    tick_formatter,
    ticks,
    value_scale,
)
from app.reports.model.report import Chart


def draw_line_chart(chart: Chart, width: float, height: float, *, show_title: bool) -> Drawing:
    drawing, typo, box = new_drawing(chart, width, height, show_title=show_title)
    data = series_values(chart)
    if not chart.categories or not data or all(v is None for row in data for v in row):
        add_message(drawing, "No data to show", box, typo)
        return drawing
    if len(chart.series) > 1:
        add_legend(drawing, [s.name for s in chart.series], box, typo, lines=True)

    scale = value_scale(extent(chart, data), chart.value_max)
    tick_values = ticks(*scale)
    tick_fmt = tick_formatter(chart, tick_values)
    tick_width = max(typo.width(tick_fmt(t)) for t in tick_values)
    # Time runs left to right, so never turn a line chart on its side.
    layout, plot = plot_box(chart, box, typo, tick_width, allow_horizontal=False)
    if plot.width < 20 or plot.height < 20:
        add_message(drawing, "Chart too small to draw", box, typo)
        return drawing

    lc = HorizontalLineChart()
    lc.x, lc.y, lc.width, lc.height = plot.left, plot.bottom, plot.width, plot.height
    lc.data = data
    lc.joinedLines = 1
    lc.strokeColor = None
    style_axes(lc, scale, tick_fmt, typo, len(chart.categories))
    for i, series in enumerate(chart.series):
        lc.lines[i].strokeColor = colour(i)
        lc.lines[i].strokeWidth = 1.8
        lc.lines[i].name = series.name
        lc.lines[i].symbol = makeMarker(
            marker(i), size=typo.size * 0.8, fillColor=colour(i), strokeColor=colour(i)
        )
    if any(s.intervals for s in chart.series):
        lc.annotations = [_interval_whiskers(chart, scale)]
    drawing.add(lc)
    draw_category_labels(drawing, layout, plot, typo)
    draw_axis_titles(drawing, chart, layout, box, plot, typo, tick_width)
    return drawing


def _interval_whiskers(chart: Chart, scale: tuple[float, float, float]):
    axis_lo, axis_hi, _ = scale

    def annotate(_lc, category_scale, value_scale_fn) -> Group:
        group = Group()
        for series in chart.series:
            for ci, pair in enumerate((series.intervals or ())[: len(chart.categories)]):
                low, high = clean(pair[0]), clean(pair[1])
                if low is None or high is None:
                    continue
                low, high = sorted((max(axis_lo, low), min(axis_hi, high)))
                start, slot = category_scale(ci)
                for shape in whisker(
                    value_scale_fn(low), value_scale_fn(high), start + slot / 2, 3.0, False
                ):
                    group.add(shape)
        return group

    return annotate
