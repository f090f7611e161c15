"""Disclosure control of values derived from counts, at the level of the report model."""

from __future__ import annotations

from collections.abc import Sequence

from app.reports.disclosure.control import (
    INTERNAL_WARNING,
    DisclosurePreset,
    apply_disclosure,
    internal_banner,
    internal_note,
)
from app.reports.model.formatting import table_texts
from app.reports.model.report import (
    CellRef,
    CellValue,
    Chart,
    ChartKind,
    Column,
    ColumnKind,
    KeyFigure,
    KeyFigures,
    Report,
    Row,
    Section,
    Series,
    Table,
    TitlePage,
)


def _ratio(row: int, grid: Sequence[Sequence[CellValue]]) -> CellValue:
    x, n = grid[row][1], grid[3][1]
    if not isinstance(x, int | float) or not isinstance(n, int | float) or not n:
        return None
    return x / n / 0.25


def _report() -> Report:
    table = Table(
        (Column("Group"), Column("People", ColumnKind.COUNT),
         Column("Ratio", ColumnKind.NUMBER, derived_from=1, recompute=_ratio),
         Column("Gap", ColumnKind.NUMBER, derived_from=1),  # no way to work it out again
         Column("Area", ColumnKind.PERCENT, reference=True)),
        (Row(("A", 3, 3 / 62 / 0.25, 12, 0.25)), Row(("B", 21, 21 / 62 / 0.25, 0, 0.30)),
         Row(("C", 38, 38 / 62 / 0.25, 0, 0.45)), Row(("All", 62, None, None, 1.0), is_total=True)),
        caption="People", ref="t",
    )
    chart = Chart(ChartKind.BAR, "Ratio", ("A", "B", "C"),
                  (Series("Ratio", (0.19, 1.35, 2.45),
                          cells=tuple(CellRef("t", r, 2) for r in range(3))),),
                  alt_text="Ratios by group.")
    figures = KeyFigures((KeyFigure("People in A", "3", cell=CellRef("t", 0, 1)),
                          KeyFigure("All people", "62", cell=CellRef("t", 3, 1))))
    return Report(TitlePage("Derived"), (Section("S", (internal_banner(), figures, table,
                                                       chart)),), notes=(internal_note(),))


def _blocks(report: Report) -> tuple:
    """The key figures, the table and the chart (the banner gone, the table's note left out)."""
    blocks = report.sections[0].blocks
    assert internal_banner() not in blocks
    return tuple(b for b in blocks if isinstance(b, KeyFigures | Table | Chart))


def test_derived_cells_follow_their_count_and_rounded_counts() -> None:
    out = apply_disclosure(_report(), DisclosurePreset.SUPPRESS_1_TO_7_ROUND_5)
    figures, table, chart = _blocks(out)
    texts = table_texts(table)
    assert texts[0][:4] == ["A", "[c]", "[c]", "[c]"]  # hidden with its count
    # B was hidden too (secondary: otherwise 62 - 38 - B gives A); C is rounded to 40 and
    # its ratio worked out from 40 / 60, not from 38 / 62.
    assert texts[1][1] == "[c]" and texts[1][2] == "[c]"
    assert texts[2][1] == "40" and texts[2][2] == "2.67"
    assert texts[2][3] == "[c]"  # a derived value with no recompute cannot be rounded
    assert [row[4] for row in texts] == ["25.0%", "30.0%", "45.0%", "100.0%"]  # the area's
    assert chart.categories == ("C",) and chart.series[0].values == (40 / 60 / 0.25,)
    assert "Left out to protect confidentiality: A, B." in chart.alt_text
    assert [f.value for f in figures.figures] == ["[c]", "60"]
    assert INTERNAL_WARNING not in str(out)


def test_without_rounding_derived_values_stay_exact_unless_hidden() -> None:
    out = apply_disclosure(_report(), DisclosurePreset.SUPPRESS_UNDER_10)
    figures, table, _chart = _blocks(out)
    texts = table_texts(table)
    assert texts[0][1:4] == ["[c]", "[c]", "[c]"]
    assert texts[2][1] == "38" and texts[2][2] == "2.45"
    assert [f.value for f in figures.figures] == ["[c]", "62"]


def test_an_internal_export_is_left_alone_and_keeps_its_warning() -> None:
    report = _report()
    assert apply_disclosure(report, DisclosurePreset.NONE) is report
    assert report.notes[0].label == INTERNAL_WARNING
