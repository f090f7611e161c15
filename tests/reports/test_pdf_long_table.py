"""Long tables in the PDF are laid out a page at a time; the pages must be exactly those
reportlab draws when it splits the whole table itself."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from app.reports.model.report import (
    Column,
    ColumnKind,
    Report,
    Row,
    RowGroup,
    Section,
    Table,
    TitlePage,
)
from app.reports.render.pdf.renderer import render_pdf
from app.reports.render.pdf.styles import build_styles
from app.reports.render.pdf.tables import PagedTable, table_flowable
from tests.support.office import pdf_text

TALL_NOTE = "\n".join(f"note line {n}" for n in range(120))  # taller than a page
NO_SPACES = "x" * 300  # cannot be wrapped at spaces: becomes a Paragraph cell


def awkward_table(rows: int, *, tall_row: int = -1) -> Table:
    body: list[Row | RowGroup] = []
    for n in range(rows):
        note = TALL_NOTE if n == tall_row else NO_SPACES if n % 97 == 5 else f"note {n}"
        row = Row((f"Member row {n:04d}", n, note, date(2026, 1, 1 + n % 28)))
        if n % 50 == 10:
            body.append(RowGroup(f"Group from {n}", (row,)))
        else:
            body.append(row)
    body.append(Row(("Total", rows, "", None), is_total=True))
    return Table(
        columns=(Column("Name", weight=3), Column("Count", ColumnKind.COUNT),
                 Column("Notes", weight=3), Column("Joined", ColumnKind.DATE)),
        body=tuple(body),
    )


def _pages(flowable) -> list[list[str]]:
    """Each page's drawing operators, a line stroked twice in a row counted once."""
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build([flowable])
    pages = []
    with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
        for page in pdf.pages:
            ops: list[str] = []
            for op in page.Contents.read_bytes().decode("latin-1").splitlines():
                if not (ops and op == ops[-1] and op.endswith(" l S")):
                    ops.append(op)
            pages.append(ops)
    return pages


def test_long_table_pages_match_reportlabs_own_split() -> None:
    paged = table_flowable(awkward_table(400), build_styles(), 400)
    assert isinstance(paged, PagedTable)
    whole = paged.rows.table(1, len(paged.rows))  # the same rows as one platypus Table
    # (reportlab strokes the rule under a repeated header twice; ours once.)
    assert _pages(paged) == _pages(whole)


def test_a_row_taller_than_a_page_continues_with_the_header_above(tmp_path: Path) -> None:
    paged = table_flowable(awkward_table(300, tall_row=130), build_styles(), 400)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build([paged])
    (tmp_path / "tall.pdf").write_bytes(out.getvalue())
    pages = pdf_text(tmp_path / "tall.pdf").split("\f")
    holding = [p for p in pages if "note line" in p]
    assert len(holding) >= 2  # the tall row runs over pages ...
    for page in holding:
        assert "Name" in page and "Joined" in page  # ... under the header on each
    text = "\f".join(pages)
    found = [re.search(rf"note line {n}\b", text) for n in range(120)]
    assert all(found)
    assert [m.start() for m in found if m] == sorted(m.start() for m in found if m)
    assert text.count("Member row 0131") == 1


def test_every_page_of_a_long_table_has_the_header_and_every_row_once(tmp_path: Path) -> None:
    rows = 600
    table = awkward_table(rows, tall_row=130)
    report = Report(TitlePage("Members"), (Section("Everyone", (table,)),))
    pages = [p for p in pdf_text(render_pdf(report, tmp_path / "long.pdf").path).split("\f")
             if "Member row" in p]
    assert len(pages) > 10
    for page in pages:
        assert "Name" in page and "Joined" in page
    text = "\f".join(pages)
    positions = [text.find(f"Member row {n:04d}") for n in range(rows)]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    assert all(text.count(f"Member row {n:04d}") == 1 for n in range(0, rows, 7))
