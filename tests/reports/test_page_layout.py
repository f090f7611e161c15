"""Tables and figures sit on the page as a reader expects: a long table starts under its
heading, a wide one goes landscape with words whole, big figures do not wrap."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from app.reports.render.docx.renderer import render_docx
from app.reports.render.pdf.renderer import render_pdf
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
