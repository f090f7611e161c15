"""In-process work for `bench.child`: TASKS[name](size, workdir) sets up and returns a run.

Setting up (building the report model, finding fixtures) is not timed; the returned
callable is. Each peer is the plain program a developer would write first with the library
our renderer builds on, fed the same content.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

Run = Callable[[], object]
TASKS: dict[str, Callable[[int, Path], Run]] = {}

# One table's columns, shared by the table curves on both sides.
TABLE_COLUMNS = ("File", "Type", "Size (KB)", "Added")
_TYPES = ("application/pdf", "image/png", "text/plain", "application/vnd.ms-excel")


def task(name: str) -> Callable[[Callable[[int, Path], Run]], Callable[[int, Path], Run]]:
    def register(function: Callable[[int, Path], Run]) -> Callable[[int, Path], Run]:
        TASKS[name] = function
        return function

    return register


def table_rows(count: int) -> list[tuple[str, str, int, date]]:
    start = date(2026, 1, 1)
    return [
        (f"evidence file {n:06d} – board minutes.pdf", _TYPES[n % 4], n % 900 + 1,
         start + timedelta(days=n % 300))
        for n in range(count)
    ]


def _one_table_report(count: int) -> Any:
    from app.reports.model.report import (
        Column,
        ColumnKind,
        Report,
        Row,
        Section,
        Table,
        TitlePage,
    )

    table = Table(
        columns=(Column("File", weight=4), Column("Type", weight=2),
                 Column("Size (KB)", ColumnKind.COUNT), Column("Added", ColumnKind.DATE)),
        body=tuple(Row(r) for r in table_rows(count)),
        caption="Evidence files",
        sheet_name="Evidence files",
    )
    return Report(title_page=TitlePage(title="One table"), sections=(Section("Files", (table,)),))


def _benchmark_report(tables: int) -> Any:
    from bench.report_fixture import build_benchmark_report

    return build_benchmark_report(tables)


# ---------------------------------------------------------------- Word


@task("docx-report:ours")
def _docx_report_ours(size: int, work: Path) -> Run:
    from app.reports.render.docx.renderer import render_docx

    report = _benchmark_report(size)
    return lambda: render_docx(report, work / "ours-report.docx")


@task("docx-report:peer")
def _docx_report_peer(size: int, work: Path) -> Run:
    report = _benchmark_report(size)
    return lambda: naive_docx(report, work / "peer-report.docx")


def naive_docx(report: Any, out: Path) -> None:
    """The same content through python-docx's object API on the same template."""
    from docx import Document
    from docx.shared import Inches

    from app.reports.charts.drawing import chart_png
    from app.reports.model.dates import long_date
    from app.reports.model.report import (
        BulletList,
        Chart,
        KeyFigures,
        Note,
        PageBreak,
        Paragraph,
        RowGroup,
        Section,
        Table,
    )
    from app.reports.render.docx.charts import CHART_DPI, MAX_CHART_WIDTH_INCHES
    from app.reports.render.docx.template import TEMPLATE_PATH
    from app.reports.render.docx.xml import format_cell

    document = Document(str(TEMPLATE_PATH))

    def table(block: Table) -> None:
        document.add_paragraph(block.caption, style="Caption")
        grid = document.add_table(rows=1, cols=len(block.columns))
        grid.style = "Report Table"
        for cell, column in zip(grid.rows[0].cells, block.columns, strict=True):
            cell.text = column.title
        for item in block.body:
            members = item.rows if isinstance(item, RowGroup) else (item,)
            if isinstance(item, RowGroup):
                grid.add_row().cells[0].text = item.label
            for row in members:
                cells = grid.add_row().cells
                for i, column in enumerate(block.columns):
                    value = row.cells[i] if i < len(row.cells) else None
                    cells[i].text = format_cell(value, column.kind)

    def section(block: Section, level: int) -> None:
        document.add_heading(block.title, min(level, 4))
        for child in block.blocks:
            if isinstance(child, Section):
                section(child, level + 1)
            elif isinstance(child, Paragraph):
                paragraph = document.add_paragraph()
                for span in child.spans:
                    run = paragraph.add_run(span.text)
                    run.bold, run.italic = span.bold or None, span.italic or None
            elif isinstance(child, BulletList):
                style = "List Number" if child.numbered else "List Bullet"
                for item in child.items:
                    document.add_paragraph(item.plain_text, style=style)
            elif isinstance(child, Table):
                table(child)
            elif isinstance(child, KeyFigures):
                grid = document.add_table(rows=2, cols=len(child.figures))
                for i, figure in enumerate(child.figures):
                    grid.cell(0, i).text = figure.value
                    grid.cell(1, i).text = figure.label
            elif isinstance(child, Chart):
                document.add_paragraph(child.title, style="Caption")
                png = chart_png(child, MAX_CHART_WIDTH_INCHES, CHART_DPI)
                document.add_picture(io.BytesIO(png), width=Inches(MAX_CHART_WIDTH_INCHES))
            elif isinstance(child, Note):
                document.add_paragraph(f"{child.label}: {child.text}", style="Note")
            elif isinstance(child, PageBreak):
                document.add_page_break()

    page = report.title_page
    document.add_paragraph(page.organisation, style="Title Page Organisation")
    document.add_paragraph(page.title, style="Title")
    if page.subtitle:
        document.add_paragraph(page.subtitle, style="Subtitle")
    if page.report_date:
        document.add_paragraph(long_date(page.report_date), style="Title Page Detail")
    document.add_page_break()
    for block in report.sections:
        section(block, 1)
    for appendix in report.appendices:
        document.add_page_break()
        section(appendix, 1)
    if report.notes:
        document.add_heading("Notes", 1)
        for note in report.notes:
            document.add_paragraph(note.text, style="Note")
    document.core_properties.title = report.title
    document.save(str(out))


@task("docx-table:ours")
def _docx_table_ours(size: int, work: Path) -> Run:
    from app.reports.render.docx.renderer import render_docx

    report = _one_table_report(size)
    return lambda: render_docx(report, work / "ours-table.docx")


@task("docx-table:peer")
def _docx_table_peer(size: int, work: Path) -> Run:
    report = _one_table_report(size)
    return lambda: naive_docx(report, work / "peer-table.docx")


# ---------------------------------------------------------------- PDF


def _peer_fonts() -> str:
    """The same DejaVu faces ours embeds: Helvetica could not print the names we test with."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from app.paths import resource

    if "PeerSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("PeerSans", str(resource("fonts") / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(
            TTFont("PeerSans-Bold", str(resource("fonts") / "DejaVuSans-Bold.ttf"))
        )
    return "PeerSans"


@task("pdf-table:ours")
def _pdf_table_ours(size: int, work: Path) -> Run:
    from app.reports.render.pdf.renderer import render_pdf

    report = _one_table_report(size)
    return lambda: render_pdf(report, work / "ours-table.pdf")


@task("pdf-table:peer")
def _pdf_table_peer(size: int, work: Path) -> Run:
    """reportlab platypus: a heading and a LongTable with a repeated header row."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

    font = _peer_fonts()
    styles = getSampleStyleSheet()
    heading = styles["Heading1"].clone("H", fontName=font + "-Bold")
    data = [list(TABLE_COLUMNS)] + [
        [name, kind, str(kb), added.strftime("%d/%m/%Y")]
        for name, kind, kb, added in table_rows(size)
    ]
    style = TableStyle([("FONT", (0, 0), (-1, -1), font, 8),
                        ("FONT", (0, 0), (-1, 0), font + "-Bold", 8),
                        ("GRID", (0, 0), (-1, -1), 0.25, (0.6, 0.6, 0.6))])

    def run() -> None:
        story = [Paragraph("Files", heading),
                 LongTable(data, colWidths=[220, 110, 60, 60], repeatRows=1, style=style)]
        SimpleDocTemplate(str(work / "peer-table.pdf"), pagesize=A4).build(story)

    return run


# ---------------------------------------------------------------- Excel


@task("xlsx-table:ours")
def _xlsx_table_ours(size: int, work: Path) -> Run:
    from app.reports.render.xlsx.renderer import render_xlsx

    report = _one_table_report(size)
    return lambda: render_xlsx(report, work / "ours-table.xlsx")


@task("xlsx-table:peer")
def _xlsx_table_peer(size: int, work: Path) -> Run:
    rows = table_rows(size)
    return lambda: _openpyxl_sheets([("Evidence files", list(TABLE_COLUMNS), rows)],
                                    work / "peer-table.xlsx")


def _openpyxl_sheets(sheets: list[tuple[str, list[str], list[Any]]], out: Path) -> None:
    """openpyxl's ordinary (not write-only) API: a bold header, frozen, then the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append(row)
    book.save(out)


@task("xlsx-report:ours")
def _xlsx_report_ours(size: int, work: Path) -> Run:
    from app.reports.render.xlsx.renderer import render_xlsx

    report = _benchmark_report(size)
    return lambda: render_xlsx(report, work / "ours-report.xlsx")


@task("xlsx-report:peer")
def _xlsx_report_peer(size: int, work: Path) -> Run:
    from app.reports.model.report import RowGroup

    report = _benchmark_report(size)
    sheets: list[tuple[str, list[str], list[Any]]] = [
        ("Summary", ["Section"], [[section.title] for section in report.sections])
    ]
    for number, table in enumerate(report.tables(), start=1):
        rows: list[Any] = []
        for item in table.body:
            if isinstance(item, RowGroup):
                rows.append([item.label])
                rows.extend(list(row.cells) for row in item.rows)
            else:
                rows.append(list(item.cells))
        sheets.append((f"Table {number}", [c.title for c in table.columns], rows))
    return lambda: _openpyxl_sheets(sheets, work / "peer-report.xlsx")


# ---------------------------------------------------------------- opening a workbook


@task("open:ours")
def _open_ours(size: int, work: Path) -> Run:
    """Open (lock, quick_check, format check, counts) and read every row into objects."""
    from app.workbook import Workbook
    from app.workbook.changelog import recent_changes

    path = work / f"open-{size}.rrwb"

    def run() -> int:
        with Workbook.open(path, read_only=True) as workbook:
            workbook.overview()
            with workbook.session() as session:
                rows = [(c.at, c.actor, c.action, c.entity, c.entity_id, c.summary)
                        for c in recent_changes(session, limit=size + 1)]
        assert len(rows) >= size, "ours must read every row it opened"
        return len(rows)

    return run


@task("open:peer")
def _open_peer(size: int, work: Path) -> Run:
    from openpyxl import load_workbook

    path = work / f"open-{size}.xlsx"

    def run() -> int:
        book = load_workbook(path, read_only=True)
        rows = list(book["Assessment"].iter_rows(values_only=True))
        book.close()
        assert len(rows) == size + 1
        return len(rows)

    return run


# ---------------------------------------------------------------- very long text


def _long_text(size: int) -> str:
    return ("lorem ipsum dolor sit amet " * (size // 27 + 1))[:size]


@task("long-pdf:ours")
def _long_pdf_ours(size: int, work: Path) -> Run:
    from app.reports.model.report import Paragraph, Report, Section, TitlePage
    from app.reports.render.pdf.renderer import render_pdf

    report = Report(title_page=TitlePage(title="Long text"),
                    sections=(Section("Findings", (Paragraph.of(_long_text(size)),)),))
    return lambda: render_pdf(report, work / "ours-long.pdf")


@task("long-pdf:peer")
def _long_pdf_peer(size: int, work: Path) -> Run:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    font = _peer_fonts()
    styles = getSampleStyleSheet()
    body = styles["BodyText"].clone("B", fontName=font)
    heading = styles["Heading1"].clone("H", fontName=font + "-Bold")
    text = _long_text(size)

    def run() -> None:
        story = [Paragraph("Findings", heading), Paragraph(text, body)]
        SimpleDocTemplate(str(work / "peer-long.pdf"), pagesize=A4).build(story)

    return run


# ---------------------------------------------------------------- roll-up across workbooks


@task("rollup:ours")
def _rollup_ours(size: int, work: Path) -> Run:
    """roll_up over `size` workbooks (each opened read-only, its assessment read, scored and
    collated by area)."""
    from app.assessments.rollup import roll_up
    from bench.assess_fixture import FRAMEWORK_ID, rollup_paths

    paths = rollup_paths(work, size, "rrwb")

    def run() -> int:
        result = roll_up(paths, FRAMEWORK_ID)
        assert result.assessments == size and not result.problems
        return result.assessments

    return run


@task("rollup:peer")
def _rollup_peer(size: int, work: Path) -> Run:
    """The same ratings read from `size` .xlsx files with openpyxl, counted per criterion."""
    from collections import Counter

    from openpyxl import load_workbook

    from bench.assess_fixture import rollup_paths

    paths = rollup_paths(work, size, "xlsx")

    def run() -> int:
        counts: dict[str, Counter[str]] = {}
        for path in paths:
            book = load_workbook(path, read_only=True)
            for ref, _title, answer in book["Assessment"].iter_rows(min_row=2,
                                                                    values_only=True):
                counts.setdefault(str(ref), Counter())[str(answer)] += 1
            book.close()
        assert sum(c.total() for c in counts.values()) == size * 150
        return len(counts)

    return run


# ---------------------------------------------------------------- proofing


@task("proof:ours")
def _proof_ours(size: int, work: Path) -> Run:
    """Read the draft, run every rule and measure coverage, as `rrt proof` does."""
    from app.proofing.proofing import Proofer
    from bench.proof_fixture import build_docx, draft

    path = draft(work, size)
    if not path.exists():
        build_docx(path, size)
    proofer = Proofer()
    return lambda: proofer.proof_file(path)


# ---------------------------------------------------------------- the action tracker


def _tracker_snapshot(size: int, work: Path) -> Any:
    from app.plans.tracker.export import take_tracker_snapshot
    from app.workbook import Workbook
    from bench.plans_fixture import tracker_paths

    with Workbook.open(tracker_paths(work, size)[0], read_only=True) as book, \
            book.session() as session:
        return take_tracker_snapshot(session)


@task("tracker-export:ours")
def _tracker_export_ours(size: int, work: Path) -> Run:
    """The tracker (drop-down lists, dates, protection, the stamp) from a plan snapshot."""
    from app.plans.tracker.export import write_tracker

    snapshot = _tracker_snapshot(size, work)
    return lambda: write_tracker(snapshot, work / "ours-tracker.xlsx")


@task("tracker-export:peer")
def _tracker_export_peer(size: int, work: Path) -> Run:
    from app.plans.tracker import layout

    snapshot = _tracker_snapshot(size, work)
    rows = [[n, a.weakness, a.action, a.outcome, a.lead_partner, a.start, a.due, a.status,
             a.priority, None, str(a.id)] for n, a in enumerate(snapshot.plan.actions, 1)]
    header = [c.heading for c in layout.COLUMNS]
    return lambda: _openpyxl_sheets([("Actions", header, rows)], work / "peer-tracker.xlsx")


@task("tracker-import:ours")
def _tracker_import_ours(size: int, work: Path) -> Run:
    """Read the edited tracker through the guarded reader and preview every change."""
    from app.plans.tracker.compare import preview_import
    from bench.plans_fixture import EDIT_EVERY, tracker_paths

    snapshot = _tracker_snapshot(size, work)
    edited = tracker_paths(work, size)[2]

    def run() -> int:
        preview = preview_import(edited, snapshot)
        assert len(preview.updates) == -(-size // EDIT_EVERY) and not preview.added
        return len(preview.updates)

    return run


@task("tracker-import:peer")
def _tracker_import_peer(size: int, work: Path) -> Run:
    from openpyxl import load_workbook

    from bench.plans_fixture import tracker_paths

    edited = tracker_paths(work, size)[2]

    def run() -> int:
        book = load_workbook(edited, read_only=True)
        rows = [row for row in book["Actions"].iter_rows(min_row=2, values_only=True)
                if any(value is not None for value in row)]
        book.close()
        assert len(rows) == size
        return len(rows)

    return run
