"""Word export of the 100-page benchmark report, against a plain python-docx writer.

The alternative is what a developer writes first: python-docx's object API, a table built
cell by cell with `add_table` and `cell.text`, headings with `add_heading`, pictures with
`add_picture`. Both writers render the same report on the same shipped template and draw
the same chart PNGs; they run alternately in one process and the best of N runs counts.
The same comparison without charts shows the body-writing work on its own.

Run: python bench/bench_docx.py [--repeat N]
Targets: ours <= 0.5 s for the whole report; ours >= 2x faster than the plain writer.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from docx.shared import Inches  # noqa: E402

from app.reports.charts.drawing import chart_png  # noqa: E402
from app.reports.model.dates import long_date  # noqa: E402
from app.reports.model.report import (  # noqa: E402
    BulletList,
    Chart,
    KeyFigures,
    Note,
    PageBreak,
    Paragraph,
    Report,
    RowGroup,
    Section,
    Table,
)
from app.reports.render.docx.charts import CHART_DPI, MAX_CHART_WIDTH_INCHES  # noqa: E402
from app.reports.render.docx.renderer import render_docx  # noqa: E402
from app.reports.render.docx.template import TEMPLATE_PATH  # noqa: E402
from app.reports.render.docx.xml import format_cell  # noqa: E402
from bench.report_fixture import build_benchmark_report  # noqa: E402

TARGET_SECONDS = 0.5
TARGET_RATIO = 2.0


# ---------------------------------------------------------------- the plain python-docx writer


def naive_docx(report: Report, out: Path) -> None:
    """The same content through python-docx's object API, one cell at a time."""
    document = Document(str(TEMPLATE_PATH))
    page = report.title_page
    document.add_paragraph(page.organisation, style="Title Page Organisation")
    document.add_paragraph(page.title, style="Title")
    document.add_paragraph(page.subtitle, style="Subtitle")
    if page.report_date:
        document.add_paragraph(long_date(page.report_date), style="Title Page Detail")
    document.add_paragraph(f"Prepared by {page.author}", style="Title Page Detail")
    document.add_page_break()
    for section in report.sections:
        _naive_section(document, section, 1)
    for appendix in report.appendices:
        document.add_page_break()
        _naive_section(document, appendix, 1)
    document.add_heading("Notes", 1)
    for note in report.notes:
        document.add_paragraph(note.text, style="Note")
    document.core_properties.title = report.title
    document.core_properties.author = page.author
    document.save(str(out))


def _naive_section(document, section: Section, level: int) -> None:
    document.add_heading(section.title, min(level, 4))
    for block in section.blocks:
        if isinstance(block, Section):
            _naive_section(document, block, level + 1)
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            for span in block.spans:
                run = paragraph.add_run(span.text)
                run.bold, run.italic = span.bold or None, span.italic or None
                if span.link:  # python-docx has no hyperlink API; most code stops here
                    run.underline = True
        elif isinstance(block, BulletList):
            style = "List Number" if block.numbered else "List Bullet"
            for item in block.items:
                document.add_paragraph(item.plain_text, style=style)
        elif isinstance(block, Table):
            _naive_table(document, block)
        elif isinstance(block, KeyFigures):
            table = document.add_table(rows=2, cols=len(block.figures))
            for i, figure in enumerate(block.figures):
                table.cell(0, i).text = figure.value
                table.cell(1, i).text = figure.label
        elif isinstance(block, Chart):
            document.add_paragraph(block.title, style="Caption")
            png = chart_png(block, MAX_CHART_WIDTH_INCHES, CHART_DPI)
            document.add_picture(io.BytesIO(png), width=Inches(MAX_CHART_WIDTH_INCHES))
        elif isinstance(block, Note):
            document.add_paragraph(f"{block.label}: {block.text}", style="Note")
        elif isinstance(block, PageBreak):
            document.add_page_break()


def _naive_table(document, table: Table) -> None:
    """Row by row, taking each row's cells once (grid.cell(r, c) would be far slower)."""
    document.add_paragraph(table.caption, style="Caption")
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Report Table"
    for cell, column in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = column.title
    for item in table.body:
        if isinstance(item, RowGroup):
            grid.add_row().cells[0].text = item.label
            members = item.rows
        else:
            members = (item,)
        for row in members:
            cells = grid.add_row().cells
            for i, column in enumerate(table.columns):
                value = row.cells[i] if i < len(row.cells) else None
                cells[i].text = format_cell(value, column.kind)


# ---------------------------------------------------------------- measuring


def without_charts(report: Report) -> Report:
    def strip(section: Section) -> Section:
        blocks = tuple(
            strip(b) if isinstance(b, Section) else b
            for b in section.blocks
            if not isinstance(b, Chart)
        )
        return dataclasses.replace(section, blocks=blocks)

    return dataclasses.replace(
        report,
        sections=tuple(strip(s) for s in report.sections),
        appendices=tuple(strip(s) for s in report.appendices),
    )


def best_of(repeat: int, runs: dict[str, Callable[[], object]]) -> dict[str, list[float]]:
    """Run each writer once per round, alternating, so drift hits both alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, fn in runs.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per writer (best counts)")
    args = parser.parse_args()

    report = build_benchmark_report()
    plain = without_charts(report)
    with tempfile.TemporaryDirectory(prefix="bench-docx-") as folder:
        out = Path(folder)
        runs: dict[str, Callable[[], object]] = {
            "ours": lambda: render_docx(report, out / "ours.docx"),
            "python-docx": lambda: naive_docx(report, out / "naive.docx"),
            "ours, no charts": lambda: render_docx(plain, out / "ours-plain.docx"),
            "python-docx, no charts": lambda: naive_docx(plain, out / "naive-plain.docx"),
        }
        for fn in runs.values():  # warm-up: imports, fonts, template parsing
            fn()
        times = best_of(args.repeat, runs)
        size = (out / "ours.docx").stat().st_size

    tables, charts = len(report.tables()), len(report.charts())
    paragraphs = sum(1 for _, b in report.walk() if isinstance(b, Paragraph))
    print(f"Word export benchmark: {tables} tables, {charts} charts, {paragraphs} paragraphs")
    print(f"best of {args.repeat} runs each, alternating; our file is {size / 1024:.0f} KiB\n")
    print(f"{'writer':<26}{'best':>10}{'median':>10}")
    for name, values in times.items():
        median = sorted(values)[len(values) // 2]
        print(f"{name:<26}{min(values):>9.3f}s{median:>9.3f}s")
    ours, naive = min(times["ours"]), min(times["python-docx"])
    body_ratio = min(times["python-docx, no charts"]) / min(times["ours, no charts"])
    print()
    print(f"ratio, whole report:  {naive / ours:5.1f}x faster (target >= {TARGET_RATIO:.0f}x)")
    print(f"ratio, without charts: {body_ratio:4.1f}x faster")
    print(f"ours, whole report:   {ours:.3f} s (target <= {TARGET_SECONDS} s)")
    met = ours <= TARGET_SECONDS and naive / ours >= TARGET_RATIO
    print("TARGETS MET" if met else "TARGET MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
