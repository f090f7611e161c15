"""Bar, grouped bar (with interval error bars) and stacked bar drawings.

Category labels are drawn by us rather than by the axis so they can be wrapped. When they
will not fit under the bars in three lines, the chart turns on its side (labels get the
whole left gutter); with too many categories even for that, they are angled.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib import colors

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
    INK,
    Box,
    Typography,
    add_legend,
    add_message,
    clean,
    colour,
    formatter,
    new_drawing,
    tick_formatter,
    ticks,
    value_scale,
)
from app.reports.model.report import Chart, ChartKind

BAR_WIDTH, BAR_SPACING = 10.0, 1.5  # relative units; reportlab scales them to the slot


def draw_bar_chart(chart: Chart, width: float, height: float, *, show_title: bool) -> Drawing:
    drawing, typo, box = new_drawing(chart, width, height, show_title=show_title)
    data = series_values(chart)
    if not chart.categories or not data or all(v is None for row in data for v in row):
        add_message(drawing, "No data to show", box, typo)
        return drawing
    if len(chart.series) > 1:
        add_legend(drawing, [s.name for s in chart.series], box, typo)

    lo, hi, step = value_scale(extent(chart, data), chart.value_max)
    tick_values = ticks(lo, hi, step)
    tick_fmt = tick_formatter(chart, tick_values)
    tick_width = max(typo.width(tick_fmt(t)) for t in tick_values)
    layout, plot = plot_box(chart, box, typo, tick_width, allow_horizontal=True)
    if _may_label_values(chart):  # leave room for the label on the longest bar
        if layout.mode == "horizontal":
            fmt = formatter(chart)
            plot.right -= max(typo.width(fmt(v)) for v in data[0] if v is not None) + 2
        else:
            plot.top -= typo.leading
    if plot.width < 20 or plot.height < 20:
        add_message(drawing, "Chart too small to draw", box, typo)
        return drawing

    bc = _configure(chart, data, plot, typo, layout.mode == "horizontal", (lo, hi, step), tick_fmt)
    drawing.add(bc)
    draw_category_labels(drawing, layout, plot, typo)
    draw_axis_titles(drawing, chart, layout, box, plot, typo, tick_width)
    return drawing


def _configure(
    chart: Chart,
    data,
    plot: Box,
    typo: Typography,
    horizontal: bool,
    scale: tuple[float, float, float],
    tick_fmt: Callable[[float], str],
):
    bc = HorizontalBarChart() if horizontal else VerticalBarChart()
    bc.x, bc.y, bc.width, bc.height = plot.left, plot.bottom, plot.width, plot.height
    bc.data = data
    stacked = chart.kind is ChartKind.STACKED_BAR
    n_series = len(data)
    side_by_side = 1 if stacked else n_series
    bc.barWidth, bc.barSpacing = BAR_WIDTH, BAR_SPACING
    # Keep a bar group about two thirds of its slot whatever the number of series.
    bc.groupSpacing = BAR_WIDTH * side_by_side * 0.55 + BAR_SPACING * (side_by_side - 1) * 0.55
    bc.strokeColor = None

    style_axes(bc, scale, tick_fmt, typo, len(chart.categories))
    bc.categoryAxis.style = "stacked" if stacked else "parallel"
    if horizontal:  # first category at the top, first series at the top of each group
        bc.categoryAxis.reverseDirection = 1
        bc.reversePlotOrder = 1

    bc.bars.strokeColor, bc.bars.strokeWidth = colors.white, 0.4
    for i in range(n_series):
        bc.bars[i].fillColor = colour(i)
        bc.bars[i].name = chart.series[i].name
    has_intervals = any(s.intervals for s in chart.series) and not stacked
    value_fmt = formatter(chart)
    room = (plot.height if horizontal else plot.width) / max(len(chart.categories), 1)
    widest = max((typo.width(value_fmt(v)) for v in data[0] if v is not None), default=0.0)
    # Value labels only where they fit beside or above their bar without touching the next.
    fits = typo.leading <= room if horizontal else widest <= room * 0.9
    if _may_label_values(chart) and fits:
        bc.barLabelFormat = lambda v: "" if v is None else value_fmt(v)
        bc.barLabels.fontName, bc.barLabels.fontSize = typo.regular, typo.size
        bc.barLabels.fillColor = INK
        bc.barLabels.nudge = typo.size * 0.9
        bc.barLabels.boxAnchor = "w" if horizontal else "s"
        bc.barLabels.dx, bc.barLabels.dy = (0, -typo.size * 0.6) if not horizontal else (0, 0)
    if has_intervals:
        bc.annotations = [_error_bars(chart, n_series, bc.groupSpacing, horizontal, scale)]
    return bc


def _error_bars(
    chart: Chart,
    n_series: int,
    group_spacing: float,
    horizontal: bool,
    scale: tuple[float, float, float],
):
    """An annotation hook: reportlab calls it with the axis scales once the bars are placed."""
    axis_lo, axis_hi, _ = scale
    units = group_spacing + n_series * BAR_WIDTH + (n_series - 1) * BAR_SPACING

    def annotate(_bc, category_scale, value_scale_fn) -> Group:
        group = Group()
        for si, series in enumerate(chart.series):
            position = n_series - 1 - si if horizontal else si
            for ci, pair in enumerate((series.intervals or ())[: len(chart.categories)]):
                low, high = clean(pair[0]), clean(pair[1])
                if low is None or high is None:
                    continue
                low, high = sorted((max(axis_lo, low), min(axis_hi, high)))
                start, slot = category_scale(ci)
                factor = slot / units
                centre = (
                    start
                    + (group_spacing / 2 + position * (BAR_WIDTH + BAR_SPACING) + BAR_WIDTH / 2)
                    * factor
                )
                cap = min(BAR_WIDTH * factor * 0.3, 4.0)
                a, b = value_scale_fn(low), value_scale_fn(high)
                for shape in whisker(a, b, centre, cap, horizontal):
                    group.add(shape)
        return group

    return annotate


def _may_label_values(chart: Chart) -> bool:
    """Single-series bars carry their values; with several series or error bars it is clutter."""
    return chart.kind is ChartKind.BAR and len(chart.series) == 1 and not chart.series[0].intervals
