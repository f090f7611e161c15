"""Word, PDF and Excel say the same thing the same way.

One rich report is rendered in all three formats and read back the way a reader meets it:
the .docx through python-docx, the PDF through pdftotext, the .xlsx through openpyxl with
each cell shown through its number format as a spreadsheet would. Sections, their order,
the title page, the footer and every value must agree. A new report module, renderer or
value kind is covered by adding it to `rich_report`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import docx
import openpyxl
import pytest

from app.reports.model.outline import headings
from app.reports.model.report import (
    BulletList,
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
    Table,
    TitlePage,
)
from app.reports.render.docx.renderer import render_docx
from app.reports.render.pdf.renderer import render_pdf
from app.reports.render.xlsx.renderer import render_xlsx
from tests.support.office import pdf_text
from tests.support.spreadsheet import displayed

# Values where formatting commonly goes wrong: binary floats just under a half (0.3045 is
# 30.45% and 2.675 is 2.675 only as written), whole values in a column of decimals, whole
# percentages beside fractional ones, dates and times.
MEASURES = (
    ("Bangladeshi", 1204, 0.3045, 2.675, date(2026, 11, 25)),
    ("Chinese", "<5", "[c]", 3.0, datetime(2026, 11, 25, 14, 5)),
    ("Indian", 12345, 0.04, 1234.5, date(2026, 1, 3)),
    ("Pakistani", 0, 0.086, 0.005, None),
    ("Any other Asian background", 77, 0.125, 10.0, date(2025, 12, 31)),
)


def rich_report() -> Report:
    rows = tuple(Row(cells) for cells in MEASURES)
    table = Table(
        columns=(
            Column("Group", weight=3),
            Column("People", ColumnKind.COUNT),
            Column("Share", ColumnKind.PERCENT),
            Column("Score", ColumnKind.NUMBER),
            Column("Recorded", ColumnKind.DATE),
        ),
        body=(
            RowGroup("Asian, Asian British or Asian Welsh", rows[:3]),
            *rows[3:],
            Row(("Total", 13626, 1.0, 1250.18, None), is_total=True),
        ),
        caption="Table 1: people by ethnic group",
        sheet_name="Table 1",
    )
    second = Table(
        columns=(Column("Round"), Column("Response rate", ColumnKind.PERCENT)),
        body=(Row(("Spring", 0.305)), Row(("Autumn", 0.6666666))),
        caption="Table 2: response by round",
    )
    return Report(
        title_page=TitlePage(
            title="Representation Review 2026",
            organisation="Northfield CVS",
            subtitle="Report to members",
            report_date=date(2026, 11, 25),
            author="Siobhán Ní Bhriain",
            version="1.2",
        ),
        sections=(
            Section(
                "Introduction",
                (
                    Paragraph.of("Who we counted, and how."),
                    KeyFigures((KeyFigure("Members counted", "1,204"),
                                KeyFigure("Response rate", "30.5%"))),
                    Section("Who we counted", (table, Note("Counts under 5 are hidden."))),
                ),
            ),
            Section(
                "Members",
                (
                    BulletList((Paragraph.of("First point"), Paragraph.of("Second point"))),
                    Section("Response by round", (second,)),
                ),
            ),
        ),
        appendices=(Section("Method", (Paragraph.of("How we did it."),)),),
        notes=(Note("Percentages may not sum to 100 because of rounding."),
               Note("Times are in UTC.", label="Times")),
        subject="Parity",
    )


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("parity")
    report = rich_report()
    paths = {kind: folder / f"report.{kind}" for kind in ("docx", "pdf", "xlsx")}
    render_docx(report, paths["docx"])
    render_pdf(report, paths["pdf"])
    render_xlsx(report, paths["xlsx"])
    return paths


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- readers


def docx_headings(path: Path) -> list[tuple[int, str]]:
    out = []
    for para in docx.Document(str(path)).paragraphs:
        name = para.style.name if para.style is not None else ""
        if name.lower().startswith("heading "):
            out.append((int(name.split()[-1]), para.text))
    return out


def docx_tables(path: Path) -> list[list[list[str]]]:
    """Each report table's rows (group label rows left out), header row first."""
    out = []
    for table in docx.Document(str(path)).tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0] and rows[0][0] in ("Group", "Round"):
            out.append(rows)
    return out


def xlsx_sheet_rows(path: Path, sheet: str) -> list[list[str]]:
    ws = openpyxl.load_workbook(path)[sheet]
    rows = []
    for row in ws.iter_rows(min_row=2):
        shown = [displayed(cell) for cell in row]
        if any(shown):
            rows.append(shown)
    return rows


def xlsx_contents(path: Path) -> list[str]:
    ws = openpyxl.load_workbook(path)["Summary"]
    values = [str(c.value) for c in ws["A"] if c.value is not None]
    start = values.index("Contents") + 1
    end = next(i for i, v in enumerate(values) if i > start and v == "Tables and charts")
    return [v.strip() for v in values[start:end]]


# ---------------------------------------------------------------- sections and order


def test_sections_come_in_the_same_order_everywhere(outputs: dict[str, Path]) -> None:
    report = rich_report()
    wanted = headings(report, depth=2)
    assert [t for _, t in wanted][-2:] == ["Notes", "Appendix A: Method"]
    assert docx_headings(outputs["docx"]) == wanted
    assert xlsx_contents(outputs["xlsx"]) == [t for _, t in wanted]
    text = squash(pdf_text(outputs["pdf"]).split("\f", 1)[1])  # after the title page
    positions = [text.find(title) for _, title in wanted]
    assert -1 not in positions, dict(zip([t for _, t in wanted], positions, strict=True))
    assert positions == sorted(positions)


def test_title_page_and_footer_say_the_same(outputs: dict[str, Path]) -> None:
    document = docx.Document(str(outputs["docx"]))
    word_title = []
    for para in document.paragraphs:
        if para.style is not None and para.style.name.lower().startswith("heading"):
            break
        if para.text.strip():
            word_title.append(para.text.strip())
    pages = pdf_text(outputs["pdf"]).split("\f")
    pdf_title = [squash(line) for line in pages[0].splitlines() if line.strip()]
    pdf_title = [line for line in pdf_title if not line.startswith("Page ")]
    assert [t.lower() for t in word_title] == [t.lower() for t in pdf_title]  # Word: caps style
    footer = squash(" ".join(p.text for p in document.sections[0].footer.paragraphs))
    assert footer.startswith("Northfield CVS") and "Page" in footer
    last_line = squash([line for line in pages[1].splitlines() if line.strip()][-1])
    assert last_line == "Northfield CVS Page 2 of " + str(len([p for p in pages if p.strip()]))


# ---------------------------------------------------------------- values


def test_every_value_reads_the_same_in_word_pdf_and_excel(outputs: dict[str, Path]) -> None:
    report = rich_report()
    pdf = pdf_text(outputs["pdf"])
    word_tables = {rows[0][0]: rows for rows in docx_tables(outputs["docx"])}
    for table, sheet in zip(report.tables(), ("Table 1", "Table 2"), strict=True):
        excel = xlsx_sheet_rows(outputs["xlsx"], sheet)
        header = [c.title for c in table.columns]
        assert excel[0] == header
        excel_body = [row for row in excel[1:] if not row[0].startswith(("Note", "Disclosure"))]
        excel_body = [row[: len(header)] for row in excel_body if any(row[1:])]
        word = word_tables[header[0]]
        assert word[0] == header
        word_body = [row for row in word[1:] if len(set(row)) > 1]
        assert word_body == excel_body
        for row in excel_body:
            cells = [re.escape(c) for c in row if c]
            assert re.search(r"\s+".join(cells), pdf), row
    # The tricky values themselves, as a spreadsheet rounds them.
    shown = {cell for row in xlsx_sheet_rows(outputs["xlsx"], "Table 1") for cell in row}
    assert {"30.5%", "4.0%", "8.6%", "12.5%", "2.68", "3.00", "1,234.50", "0.01",
            "25/11/2026 14:05", "12,345"} <= shown
    assert "31%" not in shown
    assert {"30.5%", "66.7%"} <= {c for r in xlsx_sheet_rows(outputs["xlsx"], "Table 2")
                                  for c in r}


def test_key_figures_and_notes_read_the_same(outputs: dict[str, Path]) -> None:
    word = squash(" ".join(p.text for p in docx.Document(str(outputs["docx"])).paragraphs)
                  + " ".join(c.text for t in docx.Document(str(outputs["docx"])).tables
                             for r in t.rows for c in r.cells))
    pdf = squash(pdf_text(outputs["pdf"]))
    ws = openpyxl.load_workbook(outputs["xlsx"])["Summary"]
    excel = squash(" ".join(str(c.value) for r in ws.iter_rows() for c in r if c.value))
    for words in ("1,204", "30.5%", "Members counted", "Response rate",
                  "Percentages may not sum to 100 because of rounding.",
                  "Times: Times are in UTC."):
        assert words in word, words
        assert words in pdf, words
        assert words.replace("Times: ", "") in excel, words
