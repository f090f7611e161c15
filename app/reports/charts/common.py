"""Shared look and layout helpers for the chart drawings.

Everything here works in points on a reportlab Drawing. The palette is Okabe–Ito, which
stays distinguishable for the common forms of colour blindness; lines and radar strands
also get distinct markers so colour is never the only cue.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.reports.model.report import Chart
from app.reports.render.fonts import normalise_text, register_fonts

# Okabe & Ito (2008); yellow sits late because it is faint on white.
PALETTE: tuple[colors.Color, ...] = tuple(
    colors.HexColor(code)
    for code in (
        "#0072B2",  # blue
        "#E69F00",  # orange
        "#009E73",  # bluish green
        "#CC79A7",  # reddish purple
        "#D55E00",  # vermilion
        "#56B4E9",  # sky blue
        "#000000",  # black
        "#F0E442",  # yellow
    )
)
MARKERS = ("FilledCircle", "FilledSquare", "FilledDiamond", "FilledTriangle", "FilledCross")
INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#555555")
GRID = colors.HexColor("#D9D9D9")
AXIS = colors.HexColor("#8C8C8C")
PAD = 6.0
ELLIPSIS = "…"


def colour(index: int) -> colors.Color:
    return PALETTE[index % len(PALETTE)]


def marker(index: int) -> str:
    return MARKERS[index % len(MARKERS)]


@dataclass(frozen=True)
class Typography:
    """Font names and sizes for one drawing, scaled gently with its width."""

    regular: str
    bold: str
    size: float  # labels and ticks
    title_size: float

    @property
    def leading(self) -> float:
        return self.size * 1.2

    def width(self, text: str, *, bold: bool = False) -> float:
        return stringWidth(text, self.bold if bold else self.regular, self.size)


def typography(width_pt: float) -> Typography:
    fonts = register_fonts()
    # 7.5 pt at a typical 450 pt page-width chart; never below 6.5 pt so print stays legible.
    size = max(6.5, min(9.0, width_pt / 60))
    return Typography(fonts.regular, fonts.bold, size, size + 1.5)


@dataclass
class Box:
    """The area still free for the plot, shrunk as titles, legends and labels claim space."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom


def clean(value: float | None) -> float | None:
    """NaN and infinities cannot be drawn; treat them as missing."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def formatter(chart: Chart) -> Callable[[float], str]:
    """Format values with the chart's own format, falling back if it does not fit the value."""

    def fmt(value: float) -> str:
        if value is None:
            return ""
        try:
            return chart.value_format.format(value)
        except (ValueError, TypeError, IndexError, KeyError):
            return f"{value:g}"

    return fmt


def tick_formatter(chart: Chart, ticks: Sequence[float]) -> Callable[[float], str]:
    """Like `formatter`, but adds precision if rounding would make two ticks read the same."""
    fmt = formatter(chart)
    if len({fmt(t) for t in ticks}) == len(ticks):
        return fmt
    percent = "%" in chart.value_format
    return lambda v: f"{v:.1%}" if percent else f"{v:.4g}"


def nice_step(span: float, target: int = 5) -> float:
    raw = span / max(target, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if multiple * magnitude >= raw * 0.999:
            return multiple * magnitude
    return 10 * magnitude


def value_scale(values: Sequence[float], fixed_max: float | None) -> tuple[float, float, float]:
    """(minimum, maximum, step) for a value axis that starts at zero where it can."""
    lo = min([0.0, *values])
    hi = max([0.0, *values])
    if fixed_max is not None and math.isfinite(fixed_max) and fixed_max > lo:
        hi = max(hi, fixed_max)
    if hi - lo < 1e-12:  # all zero (or all equal at zero): show an honest empty 0–1 axis
        hi = lo + 1.0
    step = nice_step(hi - lo)
    lo = math.floor(lo / step + 1e-9) * step
    if fixed_max is None or hi > fixed_max:
        hi = math.ceil(hi / step - 1e-9) * step
    return lo, hi, step


def ticks(lo: float, hi: float, step: float) -> list[float]:
    count = round((hi - lo) / step)
    return [lo + i * step for i in range(count + 1)]


def wrap(
    text: str, font: str, size: float, max_width: float, max_lines: int
) -> tuple[list[str], bool]:
    """Greedy word wrap; returns the lines and whether the text fitted without truncation."""
    words = normalise_text(text).split()
    if not words:
        return [""], True
    lines: list[str] = []
    fitted = True
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= max_width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
            if len(lines) > max_lines:  # enough to know it is cut: the rest is never shown
                break
    lines.append(current)
    if any(stringWidth(line, font, size) > max_width for line in lines):
        fitted = False
        lines = [truncate(line, font, size, max_width) for line in lines]
    if len(lines) > max_lines:
        fitted = False
        kept = lines[:max_lines]
        kept[-1] = truncate(kept[-1] + ELLIPSIS, font, size, max_width, force=True)
        lines = kept
    return lines, fitted


def truncate(text: str, font: str, size: float, max_width: float, *, force: bool = False) -> str:
    """Shorten text with an ellipsis until it fits (force: always end with the ellipsis).

    One pass over the characters that fit: shortening one character at a time and measuring
    the rest again each time made a 40,000-character organisation name take minutes.
    """
    if not force and stringWidth(text, font, size) <= max_width:
        return text
    base = text.rstrip(ELLIPSIS)
    room = max_width - stringWidth(ELLIPSIS, font, size)
    widths: dict[str, float] = {}
    total, end = 0.0, 0
    for end, char in enumerate(base, start=1):
        width = widths.get(char)
        if width is None:
            width = widths[char] = stringWidth(char, font, size)
        total += width
        if total > room:
            end -= 1
            break
    kept = base[:end].rstrip()
    # Widths add up (no kerning), but a sum may round differently from one measurement.
    while kept and stringWidth(kept + ELLIPSIS, font, size) > max_width:
        kept = kept[:-1].rstrip()
    return kept + ELLIPSIS


def text_block(
    lines: Sequence[str],
    x: float,
    top: float,
    typo: Typography,
    *,
    anchor: str = "middle",
    bold: bool = False,
    size: float | None = None,
    fill: colors.Color = INK,
) -> Group:
    """Lines of text hanging from `top` (the top of the first line's capitals)."""
    size = size or typo.size
    group = Group()
    for i, line in enumerate(lines):
        baseline = top - size * 0.8 - i * size * 1.2
        group.add(
            String(
                x,
                baseline,
                line,
                fontName=typo.bold if bold else typo.regular,
                fontSize=size,
                fillColor=fill,
                textAnchor=anchor,
            )
        )
    return group


def rotated_text(text: str, x: float, y: float, angle: float, typo: Typography, **kw) -> Group:
    group = Group(
        String(0, 0, text, fontName=typo.regular, fontSize=typo.size, fillColor=INK, **kw)
    )
    group.translate(x, y)
    group.rotate(angle)
    return group


def add_title(drawing: Drawing, chart: Chart, box: Box, typo: Typography) -> None:
    lines, _ = wrap(chart.title, typo.bold, typo.title_size, box.width, 2)
    drawing.add(
        text_block(lines, box.left + box.width / 2, box.top, typo, bold=True, size=typo.title_size)
    )
    box.top -= len(lines) * typo.title_size * 1.2 + 4


def add_legend(
    drawing: Drawing, names: Sequence[str], box: Box, typo: Typography, *, lines: bool = False
) -> None:
    """A legend across the top, flowing onto more rows when the names are long."""
    swatch, gap, spacing = typo.size * 1.1, 4.0, 12.0
    items: list[tuple[str, float]] = []
    for name in names:
        label = truncate(normalise_text(name) or " ", typo.regular, typo.size, box.width * 0.9)
        items.append((label, swatch * (2 if lines else 1) + gap + typo.width(label)))
    rows: list[list[int]] = [[]]
    used = 0.0
    for i, (_, width) in enumerate(items):
        if rows[-1] and used + spacing + width > box.width:
            rows.append([])
            used = 0.0
        used += (spacing if rows[-1] else 0) + width
        rows[-1].append(i)
    row_height = typo.leading + 3
    for r, row in enumerate(rows):
        total = sum(items[i][1] for i in row) + spacing * (len(row) - 1)
        x = box.left + (box.width - total) / 2
        y = box.top - (r + 1) * row_height + 3
        for i in row:
            label, width = items[i]
            if lines:
                drawing.add(
                    Line(
                        x,
                        y + swatch / 2 - 1,
                        x + 2 * swatch,
                        y + swatch / 2 - 1,
                        strokeColor=colour(i),
                        strokeWidth=1.8,
                    )
                )
                drawing.add(
                    makeMarker(
                        marker(i),
                        x=x + swatch,
                        y=y + swatch / 2 - 1,
                        size=swatch * 0.7,
                        fillColor=colour(i),
                        strokeColor=colour(i),
                    )
                )
            else:
                drawing.add(Rect(x, y - 1, swatch, swatch, fillColor=colour(i), strokeColor=None))
            offset = swatch * (2 if lines else 1) + gap
            drawing.add(
                String(
                    x + offset, y, label, fontName=typo.regular, fontSize=typo.size, fillColor=INK
                )
            )
            x += width + spacing
    box.top -= len(rows) * row_height + 4


def add_message(drawing: Drawing, message: str, box: Box, typo: Typography) -> None:
    """Used in place of a plot when there is nothing to draw."""
    drawing.add(
        Rect(
            box.left,
            box.bottom,
            box.width,
            box.height,
            fillColor=None,
            strokeColor=GRID,
            strokeWidth=0.8,
        )
    )
    drawing.add(
        String(
            box.left + box.width / 2,
            box.bottom + box.height / 2,
            message,
            fontName=typo.regular,
            fontSize=typo.size + 1,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )


def new_drawing(chart: Chart, width: float, height: float, *, show_title: bool):
    """A blank drawing, its typography and the free box inside the padding."""
    width, height = max(width, 60.0), max(height, 60.0)
    typo = typography(width)
    drawing = Drawing(width, height)
    # Otherwise the renderer starts each drawing in Helvetica, an unembedded font.
    drawing.initialFontName, drawing.initialFontSize = typo.regular, typo.size
    box = Box(PAD, PAD, width - PAD, height - PAD)
    if show_title and chart.title:
        add_title(drawing, chart, box, typo)
    return drawing, typo, box
