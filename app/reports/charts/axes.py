"""Axis layout shared by the bar and line drawings: category labels, titles, value axis."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line

from app.reports.charts.common import (
    AXIS,
    GRID,
    INK,
    Box,
    Typography,
    clean,
    rotated_text,
    text_block,
    truncate,
    wrap,
)
from app.reports.model.report import Chart, ChartKind

ANGLE = 40.0  # degrees, for angled category labels


@dataclass
class Layout:
    mode: str  # "vertical", "horizontal" or "angled"
    labels: list[list[str]]
    label_extent: float  # height (vertical/angled) or width (horizontal) the labels need
    overhang: float = 0.0  # how far angled labels reach left of their category


def series_values(chart: Chart) -> list[list[float | None]]:
    """One list per series, padded or cut to the number of categories."""
    n = len(chart.categories)
    out = []
    for series in chart.series:
        values = [clean(v) for v in series.values[:n]]
        out.append(values + [None] * (n - len(values)))
    return out


def extent(chart: Chart, data: list[list[float | None]]) -> list[float]:
    if chart.kind is ChartKind.STACKED_BAR:
        extent = []
        for col in zip(*data, strict=True):
            extent.append(sum(v for v in col if v is not None and v > 0))
            extent.append(sum(v for v in col if v is not None and v < 0))
        return extent
    extent = [v for row in data for v in row if v is not None]
    for series in chart.series:
        for pair in series.intervals or ():
            extent.extend(v for v in (clean(p) for p in pair) if v is not None)
    return extent


def choose_layout(
    chart: Chart, box: Box, typo: Typography, bottom_reserved: float, *, allow_horizontal: bool
) -> Layout:
    """Wrapped labels under the plot if they fit, else a horizontal plot, else angled labels."""
    n = len(chart.categories)
    slot = box.width / n
    wrapped = [wrap(c, typo.regular, typo.size, slot - 4, 3) for c in chart.categories]
    if all(fitted for _, fitted in wrapped):
        lines = [w for w, _ in wrapped]
        return Layout("vertical", lines, max(map(len, lines)) * typo.leading + 4)
    plot_h = box.height - bottom_reserved
    slot_h = plot_h / n
    if allow_horizontal and slot_h >= typo.leading * 1.05:
        natural = max(typo.width(c) for c in chart.categories)
        gutter = min(natural, box.width * 0.38)
        max_lines = max(1, min(3, int(slot_h * 0.9 / typo.leading)))
        lines = [wrap(c, typo.regular, typo.size, gutter, max_lines)[0] for c in chart.categories]
        width = max(typo.width(line) for group in lines for line in group)
        return Layout("horizontal", lines, width + 5)
    longest = min(
        max(typo.width(c) for c in chart.categories),
        box.height * 0.4 / math.sin(math.radians(ANGLE)),
    )
    lines = [[truncate(c, typo.regular, typo.size, longest)] for c in chart.categories]
    # Neighbouring angled labels sit slot × sin(angle) apart; when that is less than the
    # text height, label every second (third, ...) category instead of overprinting.
    step = max(1, math.ceil(typo.size * 0.95 / (slot * math.sin(math.radians(ANGLE)))))
    lines = [group if i % step == 0 else [""] for i, group in enumerate(lines)]
    first = typo.width(lines[0][0])
    return Layout(
        "angled",
        lines,
        longest * math.sin(math.radians(ANGLE)) + typo.leading,
        overhang=first * math.cos(math.radians(ANGLE)),
    )


def whisker(a: float, b: float, centre: float, cap: float, horizontal: bool) -> list[Line]:
    kw = {"strokeColor": INK, "strokeWidth": 0.9}
    if horizontal:
        return [
            Line(a, centre, b, centre, **kw),
            Line(a, centre - cap, a, centre + cap, **kw),
            Line(b, centre - cap, b, centre + cap, **kw),
        ]
    return [
        Line(centre, a, centre, b, **kw),
        Line(centre - cap, a, centre + cap, a, **kw),
        Line(centre - cap, b, centre + cap, b, **kw),
    ]


def draw_category_labels(drawing: Drawing, layout: Layout, plot: Box, typo: Typography) -> None:
    n = len(layout.labels)
    if layout.mode == "horizontal":
        slot = plot.height / n
        for i, lines in enumerate(layout.labels):
            centre = plot.top - (i + 0.5) * slot
            top = centre + len(lines) * typo.leading / 2 - (typo.leading - typo.size) / 2
            drawing.add(text_block(lines, plot.left - 4, top, typo, anchor="end"))
        return
    slot = plot.width / n
    for i, lines in enumerate(layout.labels):
        x = plot.left + (i + 0.5) * slot
        if layout.mode == "vertical":
            drawing.add(text_block(lines, x, plot.bottom - 3, typo))
        elif lines[0]:
            drawing.add(
                rotated_text(
                    lines[0], x + typo.size * 0.3, plot.bottom - 4, ANGLE, typo, textAnchor="end"
                )
            )


def draw_axis_titles(
    drawing: Drawing,
    chart: Chart,
    layout: Layout,
    box: Box,
    plot: Box,
    typo: Typography,
    tick_width: float,
) -> None:
    value_title = truncate(
        chart.value_axis_title,
        typo.regular,
        typo.size,
        plot.height if layout.mode != "horizontal" else plot.width,
    )
    category_title = truncate(
        chart.category_axis_title,
        typo.regular,
        typo.size,
        plot.width if layout.mode != "horizontal" else plot.height,
    )
    side_x = box.left + typo.size
    if layout.mode == "horizontal":
        if value_title:
            drawing.add(
                text_block(
                    [value_title], plot.left + plot.width / 2, plot.bottom - typo.leading - 5, typo
                )
            )
        if category_title:
            drawing.add(
                rotated_text(
                    category_title,
                    side_x,
                    plot.bottom + plot.height / 2,
                    90,
                    typo,
                    textAnchor="middle",
                )
            )
        return
    if value_title:
        drawing.add(
            rotated_text(
                value_title, side_x, plot.bottom + plot.height / 2, 90, typo, textAnchor="middle"
            )
        )
    if category_title:
        drawing.add(
            text_block(
                [category_title], plot.left + plot.width / 2, box.bottom + typo.leading + 1, typo
            )
        )


def style_axes(
    chart_widget,
    scale: tuple[float, float, float],
    tick_fmt: Callable[[float], str],
    typo: Typography,
    n_categories: int,
) -> None:
    """Quiet axes: light grid lines, no ticks, category labels drawn separately by us."""
    cat = chart_widget.categoryAxis
    cat.categoryNames = [""] * n_categories
    cat.visibleLabels = 0
    cat.visibleTicks = 0
    cat.strokeColor, cat.strokeWidth = AXIS, 0.8
    val = chart_widget.valueAxis
    val.valueMin, val.valueMax, val.valueStep = scale
    val.labelTextFormat = tick_fmt
    val.labels.fontName, val.labels.fontSize = typo.regular, typo.size
    val.labels.fillColor = INK
    val.visibleAxis = 0
    val.visibleTicks = 0
    val.visibleGrid = 1
    val.gridStrokeColor, val.gridStrokeWidth = GRID, 0.6
    val.avoidBoundFrac = None


def plot_box(
    chart: Chart, box: Box, typo: Typography, tick_width: float, *, allow_horizontal: bool
) -> tuple[Layout, Box]:
    """Decide the label layout and the rectangle left for the plot itself."""
    title_room = typo.leading + 3
    # Provisional vertical box, used to test whether labels fit under the bars.
    trial = Box(
        box.left + (title_room if chart.value_axis_title else 0) + tick_width + 5,
        box.bottom + (title_room if chart.category_axis_title else 0),
        box.right - 4,
        box.top,
    )
    layout = choose_layout(
        chart, trial, typo, typo.leading + 3 + title_room, allow_horizontal=allow_horizontal
    )
    if layout.mode == "horizontal":
        plot = Box(
            box.left + (title_room if chart.category_axis_title else 0) + layout.label_extent + 4,
            box.bottom + typo.leading + 4 + (title_room if chart.value_axis_title else 0),
            box.right - max(8.0, tick_width / 2),
            box.top,
        )
    else:
        plot = Box(trial.left, trial.bottom + layout.label_extent + 2, trial.right, box.top)
        # The first angled label reaches left from its bar; keep it inside the drawing.
        reach = layout.overhang - plot.width / len(chart.categories) / 2
        plot.left = max(plot.left, box.left + reach)
    return layout, plot
