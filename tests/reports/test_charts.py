"""Charts: every kind draws as vector and PNG from one definition, and odd data is safe."""

from __future__ import annotations

import io
import math
import struct

import pytest
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, Line, String, UserNode

from app.reports.charts.common import INK
from app.reports.charts.drawing import chart_drawing, chart_png, default_height
from app.reports.model.report import Chart, ChartKind, Series

CATEGORIES = ("Asian", "Black", "Mixed", "White", "Other")


def make_chart(kind: ChartKind, *, categories=CATEGORIES, series=None, **kw) -> Chart:
    if series is None:
        series = (
            Series("Board", (0.1, 0.25, 0.05, 0.4, 0.2)),
            Series("Staff", (0.2, 0.15, 0.1, 0.35, 0.2)),
        )
    return Chart(
        kind=kind,
        title=f"A {kind.value} chart",
        categories=categories,
        series=series,
        alt_text="A chart for tests.",
        value_axis_title="Share",
        category_axis_title="Ethnic group",
        value_format="{:.0%}",
        **kw,
    )


def children(node) -> list:
    """A node's children, with chart widgets replaced by the shapes they draw."""
    if isinstance(node, UserNode):
        return [node.provideNode()]
    if isinstance(node, Group):
        return list(node.getContents())
    return []


def shapes(drawing: Drawing) -> list:
    """Every primitive shape in the drawing."""
    out: list = []

    def visit(node) -> None:
        kids = children(node)
        if not kids and not isinstance(node, (Group, UserNode)):
            out.append(node)
        for child in kids:
            visit(child)

    visit(drawing)
    return out


def strings(drawing: Drawing) -> list[str]:
    return [s.text for s in shapes(drawing) if isinstance(s, String)]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("kind", list(ChartKind))
def test_every_kind_draws_as_vector_with_its_labels(kind: ChartKind) -> None:
    chart = make_chart(kind)
    drawing = chart_drawing(chart, 450, 260)
    assert (drawing.width, drawing.height) == (450, 260)
    text = " ".join(strings(drawing))
    for category in CATEGORIES:
        assert category in text
    assert "Board" in text and "Staff" in text  # legend
    assert renderPDF.drawToString(drawing).startswith(b"%PDF")


@pytest.mark.parametrize("kind", list(ChartKind))
def test_png_has_the_requested_pixel_size(kind: ChartKind) -> None:
    chart = make_chart(kind)
    data = chart_png(chart, 6.0, dpi=220)
    width, height = png_size(data)
    assert width == round(6.0 * 220)
    assert height == round(default_height(chart, 6.0 * 72) / 72 * 220)
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    assert image.info["dpi"][0] == pytest.approx(220, abs=1)
    assert len(image.convert("RGB").getcolors(1 << 24)) > 5  # something was drawn


def test_png_keeps_the_chart_s_colours_and_a_white_page() -> None:
    # The picture is a palette PNG: the background must still be the page's white and
    # each series keep its colour (to within the quantiser's rounding).
    from PIL import Image

    from app.reports.charts.common import PALETTE

    image = Image.open(io.BytesIO(chart_png(make_chart(ChartKind.BAR), 6.0, dpi=200)))
    colours = {colour for _count, colour in image.convert("RGB").getcolors(1 << 24)}
    assert (255, 255, 255) in colours
    assert image.convert("RGB").getpixel((2, 2)) == (255, 255, 255)
    for wanted in PALETTE[:2]:
        rgb = tuple(round(channel * 255) for channel in (wanted.red, wanted.green, wanted.blue))
        assert any(max(abs(a - b) for a, b in zip(rgb, found, strict=True)) <= 3
                   for found in colours), rgb


@pytest.mark.parametrize("checking", ["1", None])
def test_shape_checks_are_on_in_tests_and_off_for_users(
    monkeypatch: pytest.MonkeyPatch, checking: str | None
) -> None:
    from reportlab import rl_config

    from app.reports.charts.drawing import CHECK_SHAPES_ENV

    if checking is None:
        monkeypatch.delenv(CHECK_SHAPES_ENV)
    try:
        chart_drawing(make_chart(ChartKind.LINE), 300, 200)
        assert rl_config.shapeChecking == (1 if checking else 0)
    finally:
        rl_config.shapeChecking = 1


def test_png_with_explicit_height() -> None:
    data = chart_png(make_chart(ChartKind.BAR), 3.5, dpi=200, height_inches=2.25)
    assert png_size(data) == (700, 450)


def test_intervals_are_drawn_as_error_bars() -> None:
    values = (0.2, 0.3, 0.25, 0.4, 0.1)
    plain = Series("Board", values)
    with_ci = Series("Board", values, tuple((v - 0.05, v + 0.05) for v in values))

    def whisker_lines(series: Series) -> int:
        chart = make_chart(ChartKind.GROUPED_BAR, series=(series,))
        return sum(
            1
            for s in shapes(chart_drawing(chart, 450, 260))
            if isinstance(s, Line) and s.strokeColor == INK
        )

    assert whisker_lines(with_ci) - whisker_lines(plain) == 3 * len(values)  # stem + 2 caps


def test_intervals_on_a_horizontal_grouped_bar_and_a_line() -> None:
    long = tuple(f"{c} and a much longer descriptive label" for c in CATEGORIES)
    s = (Series("A", (1, 2, 3, 4, 5), tuple((v - 0.5, v + 0.5) for v in (1, 2, 3, 4, 5))),)
    for kind in (ChartKind.GROUPED_BAR, ChartKind.LINE):
        drawing = chart_drawing(make_chart(kind, categories=long, series=s), 450, 260)
        assert any(isinstance(x, Line) and x.strokeColor == INK for x in shapes(drawing))


@pytest.mark.parametrize("kind", list(ChartKind))
@pytest.mark.parametrize(
    "series",
    [
        (),
        (Series("Empty", ()),),
        (Series("Zeros", (0, 0, 0, 0, 0)),),
        (Series("Equal", (3, 3, 3, 3, 3)),),
        (Series("Odd", (math.nan, math.inf, -2, 0, None)),),  # type: ignore[arg-type]
        (Series("Short", (1,)),),
    ],
    ids=["no-series", "no-values", "zeros", "all-equal", "nan-inf-negative", "short"],
)
def test_awkward_data_does_not_crash(kind: ChartKind, series) -> None:
    chart = make_chart(kind, series=series)
    drawing = chart_drawing(chart, 300, 180)
    renderPDF.drawToString(drawing)
    assert png_size(chart_png(chart, 2.0, dpi=200))[0] == 400


@pytest.mark.parametrize("kind", list(ChartKind))
def test_no_categories_says_so(kind: ChartKind) -> None:
    drawing = chart_drawing(make_chart(kind, categories=(), series=()), 300, 180)
    assert "No data to show" in strings(drawing)


def test_long_labels_are_wrapped_and_stay_inside_the_drawing() -> None:
    long = (
        "English, Welsh, Scottish, Northern Irish or British",
        "Black, Black British, Black Welsh, Caribbean or African",
        "Gypsy or Irish Traveller",
        "Any other ethnic group",
    )
    for kind in ChartKind:
        chart = make_chart(
            kind, categories=long, series=(Series("A", (1, 2, 3, 4)), Series("B", (2, 1, 4, 3)))
        )
        drawing = chart_drawing(chart, 400, 240)
        text = " ".join(strings(drawing))
        words = {w.strip(",") for label in long for w in label.split()}
        assert words <= {w.strip(",") for w in text.split()} or "…" in text, kind
        for label in expanded_strings(drawing):
            assert label[0] >= -0.5 and label[1] <= drawing.width + 0.5, (kind, label)


def expanded_strings(drawing: Drawing) -> list[tuple[float, float, str]]:
    """(left, right, text) of each horizontal string, in drawing coordinates."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out = []

    def visit(node, dx: float, rotated: bool) -> None:
        if isinstance(node, (Group, UserNode)):
            t = getattr(node, "transform", (1, 0, 0, 1, 0, 0))
            turned = rotated or abs(t[1]) > 1e-6
            for child in children(node):
                visit(child, dx + t[4], turned)
        elif isinstance(node, String) and not rotated:
            width = stringWidth(node.text, node.fontName, node.fontSize)
            anchor = {"start": 0, "middle": 0.5, "end": 1}[node.textAnchor]
            left = dx + node.x - width * anchor
            out.append((left, left + width, node.text))

    visit(drawing, 0.0, False)
    return out


def test_many_categories_in_a_short_chart_use_angled_labels() -> None:
    categories = tuple(f"Category number {i}" for i in range(30))
    chart = make_chart(
        ChartKind.BAR, categories=categories, series=(Series("n", tuple(range(30))),)
    )
    drawing = chart_drawing(chart, 450, 200)
    rotated = [
        g for g in shapes_and_groups(drawing) if isinstance(g, Group) and abs(g.transform[1]) > 1e-6
    ]
    assert len(rotated) >= 30


def shapes_and_groups(drawing: Drawing) -> list:
    out: list = []

    def visit(node) -> None:
        out.append(node)
        for child in children(node):
            visit(child)

    visit(drawing)
    return out


def test_value_format_that_does_not_fit_falls_back() -> None:
    chart = make_chart(ChartKind.BAR, series=(Series("n", (1, 2, 3, 4, 5)),))
    chart = Chart(**{**chart.__dict__, "value_format": "{:%Y}"})
    renderPDF.drawToString(chart_drawing(chart, 300, 200))


def test_title_only_when_asked() -> None:
    chart = make_chart(ChartKind.BAR)
    assert chart.title not in strings(chart_drawing(chart, 450, 260))
    assert chart.title in strings(chart_drawing(chart, 450, 260, show_title=True))


def test_diacritics_in_labels_use_the_embedded_font() -> None:
    chart = make_chart(
        ChartKind.BAR,
        categories=("Zażółć", "Şükrü", "Nguyễn", "Đức", "İstanbul"),
        series=(Series("Ağaoğlu", (1, 2, 3, 4, 5)),),
    )
    fonts = {s.fontName for s in shapes(chart_drawing(chart, 450, 260)) if isinstance(s, String)}
    assert fonts <= {"RRTSans", "RRTSans-Bold"}


def test_bad_sizes_are_refused() -> None:
    with pytest.raises(ValueError):
        chart_png(make_chart(ChartKind.BAR), 0)
    with pytest.raises(ValueError):
        chart_png(make_chart(ChartKind.BAR), 4, dpi=10)


def test_radar_scale_stands_clear_of_the_data() -> None:
    """The scale values sit left of the whole plot, so no strand can cover them."""
    from reportlab.graphics.charts.spider import SpiderChart
    from reportlab.graphics.shapes import Group, String

    from app.reports.charts.radar import draw_radar_chart
    from app.reports.model.report import Chart, ChartKind, Series

    chart = Chart(
        ChartKind.RADAR, "Scores", tuple(f"Function {i}" for i in range(1, 9)),
        (Series("2026", (5, 5, 5, 5, 5, 5, 5, 5)), Series("2025", (1, 2, 3, 4, 5, 4, 3, 2))),
        alt_text="Scores by function", value_max=5,
    )
    drawing = draw_radar_chart(chart, 480, 320, show_title=True)

    def walk(node):
        for child in getattr(node, "contents", []):
            yield child
            if isinstance(child, Group):
                yield from walk(child)

    spider = next(n for n in walk(drawing) if isinstance(n, SpiderChart))
    legend = {series.name for series in chart.series}
    scale = [n for n in walk(drawing) if isinstance(n, String) and n.text.strip().isdigit()
             and n.text not in legend]
    assert {s.text for s in scale} >= {"0", "1", "5"}
    assert all(s.x < spider.x for s in scale)  # right-aligned ends left of the circle
