"""Tables and figures sit on the page as a reader expects: a long table starts under its
heading, a wide one goes landscape with words whole, big figures do not wrap."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import openpyxl
import pikepdf
import pytest

from app.reports.render.docx.renderer import render_docx
from app.reports.render.pdf.renderer import render_pdf
from app.reports.render.xlsx.cells import MAX_COLUMN_WIDTH
from app.reports.render.xlsx.renderer import render_xlsx
from tests.reports.layout_fixtures import GROUPS, layout_report
from tests.support.office import convert_with_libreoffice, require_tool


def pages_of(pdf: Path) -> list[str]:
    tool = require_tool("pdftotext")
    out = subprocess.run([tool, "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return out.split("\f")


@pytest.fixture(scope="module", params=["pdf", "docx"])
def pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report as a PDF: rendered directly, or as Word printed by LibreOffice."""
    folder = tmp_path_factory.mktemp("layout")
    if request.param == "pdf":
        render_pdf(layout_report(), folder / "layout.pdf")
        return folder / "layout.pdf"
    render_docx(layout_report(), folder / "layout.docx")
    return convert_with_libreoffice(folder / "layout.docx", "pdf")


def test_a_long_table_starts_on_the_page_of_its_heading(pdf: Path) -> None:
    pages = pages_of(pdf)
    heading_page = next(i for i, p in enumerate(pages) if re.search(r"^\s*Who joined\s*$", p,
                                                                    re.MULTILINE))
    assert "Member row 1 " in pages[heading_page]


def test_header_words_are_never_split(pdf: Path) -> None:
    words = {w for g in GROUPS for w in g.split()}
    text = "\n".join(pages_of(pdf))
    for word in words:
        assert re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text), word


def test_a_wide_table_gets_a_landscape_page_and_the_text_after_it_does_not(pdf: Path) -> None:
    pages = pages_of(pdf)
    with pikepdf.open(pdf) as doc:
        shapes = [(float(p.mediabox[2]), float(p.mediabox[3])) for p in doc.pages]
    wide = next(i for i, p in enumerate(pages) if "Bangladeshi" in p)
    after = next(i for i, p in enumerate(pages) if "Back on a portrait page" in p)
    assert shapes[wide][0] > shapes[wide][1]
    assert shapes[after][0] < shapes[after][1] and after == wide + 1
    assert all(w < h for i, (w, h) in enumerate(shapes) if i != wide)


def test_a_big_date_figure_stays_on_one_line(pdf: Path) -> None:
    assert "30 November 2026" in pages_of(pdf)[1]


# ---------------------------------------------------------------- Excel


@pytest.fixture(scope="module")
def xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("layout-xlsx") / "layout.xlsx"
    render_xlsx(layout_report(), out)
    return out


def test_every_sheet_prints_a4_fitted_to_the_page_width(xlsx: Path) -> None:
    book = openpyxl.load_workbook(xlsx)
    for ws in book.worksheets:
        setup = ws.page_setup
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title
        assert int(setup.paperSize) == int(ws.PAPERSIZE_A4)
    wide = book["Table 2"]
    long = book["Table 1"]
    assert wide.page_setup.orientation == "landscape"
    assert long.page_setup.orientation == "portrait"


def test_sheets_have_wrapped_headers_and_capped_widths(xlsx: Path) -> None:
    for ws in openpyxl.load_workbook(xlsx).worksheets[1:]:
        header = [c for c in ws[2] if c.value is not None]
        assert all(c.alignment.wrap_text for c in header), ws.title
        widths = [ws.column_dimensions[c.column_letter].width for c in header]
        assert all(8 <= w <= MAX_COLUMN_WIDTH for w in widths), (ws.title, widths)
        for cell, width in zip(header, widths, strict=True):  # words whole, lines wrapped
            assert max(len(word) for word in str(cell.value).split()) <= width


def test_numbers_and_dates_are_stored_as_numbers_and_dates(xlsx: Path) -> None:
    book = openpyxl.load_workbook(xlsx)
    counts = [c for row in book["Table 2"].iter_rows(min_row=3, min_col=2) for c in row
              if c.value is not None]
    assert counts and all(c.data_type == "n" and isinstance(c.value, int) for c in counts)
    summary = book["Summary"]
    dated = [c for row in summary.iter_rows() for c in row if c.is_date]
    assert dated or not layout_report().title_page.report_date


def test_a_wide_sheet_prints_whole_rows_on_landscape_pages(xlsx: Path) -> None:
    printed = convert_with_libreoffice(xlsx, "pdf")
    with pikepdf.open(printed) as doc:
        shapes = [(float(p.mediabox[2]), float(p.mediabox[3])) for p in doc.pages]
    pages = pages_of(printed)
    wide = [i for i, p in enumerate(pages) if "Bangladeshi" in p]
    assert wide and all(shapes[i][0] > shapes[i][1] for i in wide)
    assert all("Body" in pages[i] and "Arab" in pages[i] for i in wide)  # no column cut off
