"""The Excel renderer: typed cells, frozen headers, filters, native charts, no formulas."""

from __future__ import annotations

import re
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart, LineChart, RadarChart
from openpyxl.workbook.workbook import Workbook

from app.reports.export.result import ExportCancelled
from app.reports.model.report import (
    Chart,
    ChartKind,
    Column,
    ColumnKind,
    KeyFigure,
    KeyFigures,
    Note,
    Paragraph,
    Report,
    Row,
    RowGroup,
    Section,
    Series,
    Table,
    TitlePage,
)
from app.reports.render.xlsx.renderer import render_xlsx
from bench.report_fixture import build_benchmark_report
from tests.support.office import convert_with_libreoffice, pdf_text

INJECTIONS = ("=1+1", "+44 121", "-3", "@SUM(A1)", "\tx", "\rx")
BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def opens_in_libreoffice(path: Path) -> str:
    """Convert with LibreOffice (a failure fails the test) and return the PDF's text."""
    pdf = convert_with_libreoffice(path, "pdf")
    assert pdf.stat().st_size > 1000
    return pdf_text(pdf)


def sample_report() -> Report:
    columns = (
        Column("Ethnic group", weight=3),
        Column("Members", ColumnKind.COUNT),
        Column("Share", ColumnKind.PERCENT),
        Column("Ratio", ColumnKind.NUMBER),
        Column("Joined", ColumnKind.DATE),
    )
    main = Table(
        columns,
        (
            RowGroup("Asian", (
                Row(("Indian", 120, 0.4, 1.25, date(2024, 3, 1))),
                Row(("Pakistani", "<5", "[c]", None, date(2025, 1, 31))),
            )),
            RowGroup("Black", (Row(("Caribbean", 176.0, 0.586667, 0.9, datetime(2026, 2, 3, 9))),)),
            Row(("Total", 300, 1.0, None, None), is_total=True),
        ),
        caption="Table 1: members by ethnic group",
        sheet_name="Members",
    )
    hostile = Table(
        (Column("Comment"), Column("People", ColumnKind.COUNT)),
        (*(Row((text, 20 + i)) for i, text in enumerate(INJECTIONS)), Row(("#N/A", 1))),
        caption="Comments: [draft] a/b*?\\ that runs on for far too long",
    )
    twins = [
        Table((Column("Item"), Column("People", ColumnKind.COUNT)), (Row(("A", 12)),),
              sheet_name=name)
        for name in ("Members", "MEMBERS", "History")
    ]
    charts = tuple(
        Chart(kind, f"Figure {i}: shares ({kind.value})", ("Board", "Staff", "Volunteers"),
              (Series("2025", (0.2, 0.3, 0.4), ((0.1, 0.3), (0.2, 0.4), (0.3, 0.5))),
               Series("2026", (0.25, 0.35, 0.45))),
              alt_text=f"{kind.value} chart of shares by role", value_axis_title="Share",
              category_axis_title="Role", value_format="{:.0%}", value_max=1.0)
        for i, kind in enumerate(ChartKind, start=1)
    )
    return Report(
        TitlePage("Board monitoring 2026", organisation="Zażółć Gęślą Trust",
                  subtitle="For trustees", report_date=date(2026, 11, 25),
                  author="Şükrü Ağaoğlu", version="2"),
        (
            Section("1. Who we are", (
                Paragraph.of("Intro."),
                KeyFigures((KeyFigure("Members", "300", "at 31 March"),)),
                main,
                Note("Source: membership records."),
                Section("Comments", (hostile, *twins)),
            )),
            Section("2. Charts", charts),
        ),
        notes=(Note("=HYPERLINK(\"http://evil\")", label="Caveat"),),
        subject="Representation audit",
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Workbook]:
    path = tmp_path_factory.mktemp("xlsx") / "sample.xlsx"
    result = render_xlsx(sample_report(), path)
    assert result.path == path
    return path, load_workbook(path)


def test_summary_comes_first_with_title_page_facts_key_figures_and_notes(rendered) -> None:
    _, wb = rendered
    summary = wb.worksheets[0]
    assert summary.title == "Summary"
    values = [c.value for row in summary.iter_rows() for c in row if c.value is not None]
    assert "Board monitoring 2026" in values and "Zażółć Gęślą Trust" in values
    assert datetime(2026, 11, 25) in values
    assert "1. Who we are" in values and "Members" in [str(v).strip() for v in values]
    assert "=HYPERLINK(\"http://evil\")" in values
    cells = [c for row in summary.iter_rows() for c in row]
    date_cell = next(c for c in cells if c.value == datetime(2026, 11, 25))
    assert date_cell.number_format == "dd/mm/yyyy"


def test_cells_are_typed(rendered) -> None:
    _, wb = rendered
    ws = wb["Members"]
    assert ws["A1"].value == "Table 1: members by ethnic group"
    assert [c.value for c in ws[2]] == ["Ethnic group", "Members", "Share", "Ratio", "Joined"]
    assert ws["A3"].value == "Asian" and ws["A3"].font.b
    indian = ws[4]
    assert indian[1].value == 120 and indian[1].data_type == "n"
    assert indian[1].number_format == "#,##0"
    assert isinstance(indian[2].value, float) and indian[2].value == 0.4
    assert "%" in indian[2].number_format
    assert isinstance(indian[4].value, datetime) and indian[4].number_format == "dd/mm/yyyy"
    suppressed = ws[5]
    assert suppressed[1].value == "<5" and suppressed[1].data_type == "s"
    assert suppressed[1].alignment.horizontal == "right"
    assert suppressed[2].value == "[c]" and suppressed[2].alignment.horizontal == "right"
    caribbean = ws[7]
    assert caribbean[1].value == 176 and isinstance(caribbean[1].value, int)
    total = ws[8]
    assert total[0].value == "Total" and all(c.font.b for c in total[:3])
    assert ws["B2"].font.b and ws["B2"].fill.fgColor.rgb.endswith("1F4E79")


def test_every_table_cell_keeps_its_own_look(rendered) -> None:
    """Cells share their styles; each must still have exactly its own look and format."""
    _, wb = rendered
    ws = wb["Members"]
    for cell in ws[2]:  # the header
        assert cell.font.b and cell.font.color.rgb.endswith("FFFFFF")
        assert cell.fill.fgColor.rgb.endswith("1F4E79") and cell.border.bottom.style == "thin"
        assert cell.alignment.wrap_text
    for row in (3, 6):  # group labels: the fill runs across the row
        assert ws.cell(row, 1).font.b
        assert all(c.fill.fgColor.rgb.endswith("DDEBF7") for c in ws[row])
    indian = ws[4]
    assert not indian[0].font.b and indian[0].fill.fill_type is None
    assert [c.alignment.horizontal for c in indian] == ["left", "right", "right", "right", "left"]
    assert [c.alignment.indent for c in indian] == [1, 0, 0, 0, 1]
    assert all(c.alignment.vertical == "top" and not c.alignment.wrap_text for c in indian)
    total = ws[8]
    assert all(c.font.b for c in total)
    assert all(c.border.top.style == "thin" and c.border.bottom.style == "double" for c in total)
    assert total[1].number_format == "#,##0" and "%" in total[2].number_format
    comments = wb["Comments"]
    injected = next(c for c in comments["A"] if c.value == "=1+1")
    assert injected.quotePrefix and injected.alignment.indent == 1


def test_long_text_wraps_and_its_row_is_tall_enough(tmp_path: Path) -> None:
    long = "A comment that runs on and on about the members survey " * 3
    table = Table((Column("Comment"), Column("People", ColumnKind.COUNT)),
                  (Row(("short", 1)), Row((long, 2)), Row(("short", 3))), sheet_name="Long")
    render_xlsx(Report(TitlePage("Wrap"), (Section("S", (table,)),)), tmp_path / "w.xlsx")
    ws = load_workbook(tmp_path / "w.xlsx")["Long"]
    assert ws["A4"].alignment.wrap_text and not ws["A3"].alignment.wrap_text
    assert not ws["B4"].alignment.wrap_text  # only the long cell wraps
    assert ws.row_dimensions[4].height >= 3 * 15
    assert ws.row_dimensions[3].height is None and ws.row_dimensions[5].height is None


def test_header_is_frozen_with_an_autofilter_over_the_table(rendered) -> None:
    _, wb = rendered
    ws = wb["Members"]
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:E8"
    assert ws.column_dimensions["A"].width >= len("Ethnic group")


def test_formula_like_text_is_stored_as_literal_text(rendered) -> None:
    path, wb = rendered
    ws = wb["Comments"]
    found = {c.value: c for c in ws["A"] if c.value in INJECTIONS}
    assert set(found) == set(INJECTIONS)
    for cell in found.values():
        assert cell.data_type == "s" and cell.quotePrefix
    error_text = next(c for c in ws["A"] if c.value == "#N/A")
    assert error_text.data_type == "s"
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in archive.read(name).decode(), f"formula in {name}"


def test_sheet_names_are_valid_and_unique(rendered) -> None:
    _, wb = rendered
    names = wb.sheetnames
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert 0 < len(name) <= 31 and not BAD_SHEET_CHARS.search(name)
        assert not name.startswith("'") and not name.endswith("'")
    assert names[1:5] == ["Members", "Comments", "Members (2)", "MEMBERS (3)"]
    assert "History" not in names and names[5] == "Table 5"  # Excel reserves "History"
    assert "Comments" in names  # from the caption's part before the colon


def test_each_chart_is_a_native_chart_over_data_written_beside_it(rendered) -> None:
    _, wb = rendered
    expected = {
        ChartKind.BAR: BarChart, ChartKind.GROUPED_BAR: BarChart, ChartKind.STACKED_BAR: BarChart,
        ChartKind.RADAR: RadarChart, ChartKind.LINE: LineChart,
    }
    for i, kind in enumerate(ChartKind, start=1):
        ws = wb[f"Figure {i}"]
        assert len(ws._charts) == 1
        chart = ws._charts[0]
        assert isinstance(chart, expected[kind])
        assert chart.title.tx.rich.p[0].r[0].t == f"Figure {i}: shares ({kind.value})"
        if kind is not ChartKind.RADAR:
            assert chart.y_axis.title.tx.rich.p[0].r[0].t == "Share"
            assert chart.x_axis.title.tx.rich.p[0].r[0].t == "Role"
        if kind is ChartKind.STACKED_BAR:
            assert chart.grouping == "stacked" and chart.overlap == 100
        if kind is ChartKind.GROUPED_BAR:
            assert chart.grouping == "clustered" and chart.series[0].errBars is not None
        assert [c.value for c in ws[4]][:3] == ["Role", "2025", "2026"]
        assert ws["B5"].value == 0.2 and ws["B5"].number_format == "0%"
        assert ws["A2"].value.startswith("Description: ")


def test_each_chart_carries_its_description_as_alt_text(rendered) -> None:
    path, wb = rendered
    described = {}
    with zipfile.ZipFile(path) as archive:
        for position, ws in enumerate(wb.worksheets, start=1):
            rels = f"xl/worksheets/_rels/sheet{position}.xml.rels"
            if rels not in archive.namelist():
                continue
            drawing = re.search(r'Target="/?(xl/drawings/drawing\d+\.xml)"',
                                archive.read(rels).decode())
            assert drawing, ws.title
            xml = archive.read(drawing.group(1)).decode()
            # the chart on this sheet has this sheet's chart's description
            described[ws.title] = re.search(r'descr="([^"]*)"', xml).group(1)
            assert ws["A2"].value == f"Description: {described[ws.title]}"
    assert sorted(described.values()) == sorted(
        f"{kind.value} chart of shares by role" for kind in ChartKind
    )


def test_document_properties(rendered) -> None:
    _, wb = rendered
    assert wb.properties.title == "Board monitoring 2026"
    assert wb.properties.creator == "Şükrü Ağaoğlu"
    assert wb.properties.subject == "Representation audit"


def test_libreoffice_opens_the_workbook(rendered) -> None:
    path, _ = rendered
    text = opens_in_libreoffice(path)
    assert "Board monitoring 2026" in text and "=1+1" in text


def test_progress_is_reported_up_to_the_end(tmp_path: Path) -> None:
    seen: list[float] = []
    render_xlsx(sample_report(), tmp_path / "p.xlsx", progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen) and all(0.0 <= f <= 1.0 for f in seen)
    opens_in_libreoffice(tmp_path / "p.xlsx")


@pytest.mark.parametrize("cancel_after", [1, 5, 1000])
def test_cancel_leaves_no_file_and_an_existing_one_untouched(
    tmp_path: Path, cancel_after: int
) -> None:
    calls = 0

    def is_cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > cancel_after if cancel_after < 1000 else True

    fresh = tmp_path / "fresh.xlsx"
    with pytest.raises(ExportCancelled):
        render_xlsx(sample_report(), fresh, is_cancelled=is_cancelled)
    assert not fresh.exists()
    existing = tmp_path / "existing.xlsx"
    existing.write_bytes(b"the user's own file")
    calls = 0
    with pytest.raises(ExportCancelled):
        render_xlsx(sample_report(), existing, is_cancelled=is_cancelled)
    assert existing.read_bytes() == b"the user's own file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.xlsx"]


def test_cancel_after_saving_but_before_the_move_leaves_nothing(tmp_path: Path) -> None:
    steps = len(sample_report().tables()) + len(sample_report().charts()) + 2
    calls = 0

    def is_cancelled() -> bool:  # true only at the very last check, after wb.save
        nonlocal calls
        calls += 1
        return calls > steps

    with pytest.raises(ExportCancelled):
        render_xlsx(sample_report(), tmp_path / "late.xlsx", is_cancelled=is_cancelled)
    assert list(tmp_path.iterdir()) == []


def test_benchmark_report_is_quick_and_opens_in_libreoffice(tmp_path: Path) -> None:
    report = build_benchmark_report()
    started = time.perf_counter()
    path = render_xlsx(report, tmp_path / "bench.xlsx").path
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"200 tables took {elapsed:.1f}s"
    wb = load_workbook(path, read_only=True)
    assert len(wb.sheetnames) == 1 + len(report.tables()) + len(report.charts())
    opens_in_libreoffice(path)
