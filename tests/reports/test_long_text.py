"""Very long text lays out in linear time in every format.

No timings here (the machine may be busy): the work is counted instead - how many times and
over how many characters reportlab measures text widths - at two sizes, and 4x the text
may cost at most about 4x the measuring. bench/bench_long_text.py prints the times.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from reportlab.pdfbase.ttfonts import TTFont

from app.reports.model.report import Column, Paragraph, Report, Row, Section, Table, TitlePage
from app.reports.render.docx.renderer import render_docx
from app.reports.render.pdf.renderer import render_pdf
from app.reports.render.xlsx.renderer import render_xlsx
from tests.support.office import pdf_text

SMALL, LARGE = 20_000, 80_000
MAX_RATIO = 5.0  # for 4x the characters


def words(size: int) -> str:
    return ("START " + "lorem ipsum dolor sit amet " * (size // 27 + 1))[: size - 6] + "FINISH"


def unbroken(size: int) -> str:
    return "START" + "x" * (size - 11) + "FINISH"


ORGANISATION = ("Northfield Council for Voluntary Service " * 1000)[:40_000]  # no x, no lorem


def report(*, body: str = "Short.", title: str = "Long report", organisation: str = "Org",
           heading: str = "Findings") -> Report:
    return Report(
        title_page=TitlePage(title=title, organisation=organisation,
                             report_date=date(2026, 11, 25)),
        sections=(Section(heading, (Paragraph.of(body),)),),
    )


class WidthCounter:
    """Counts reportlab's width measurements: calls, and characters measured."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = self.chars = 0
        original = TTFont.stringWidth

        def counting(font, text, size, encoding="utf8"):
            self.calls += 1
            self.chars += len(text)
            return original(font, text, size, encoding)

        monkeypatch.setattr(TTFont, "stringWidth", counting)

    def measure(self, make, size: int, out: Path) -> tuple[int, int]:
        self.calls = self.chars = 0
        render_pdf(make(size), out)
        return self.calls, self.chars


CASES = {
    "paragraph of words": lambda n: report(body=words(n)),
    "unbroken paragraph": lambda n: report(body=unbroken(n)),
    "long organisation": lambda n: report(organisation=words(n)),
    "unbroken organisation": lambda n: report(organisation=unbroken(n)),
    "unbroken title": lambda n: report(title=unbroken(n)),
    "long heading": lambda n: report(heading=words(n)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_pdf_measuring_grows_linearly(case: str, monkeypatch, tmp_path: Path) -> None:
    render_pdf(report(), tmp_path / "warm.pdf")  # fonts and caches, outside the count
    counter = WidthCounter(monkeypatch)
    small_calls, small_chars = counter.measure(CASES[case], SMALL, tmp_path / "small.pdf")
    large_calls, large_chars = counter.measure(CASES[case], LARGE, tmp_path / "large.pdf")
    assert large_calls <= MAX_RATIO * max(small_calls, 1), (small_calls, large_calls)
    assert large_chars <= MAX_RATIO * max(small_chars, 1), (small_chars, large_chars)


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("make", [words, unbroken], ids=["words", "unbroken"])
def test_a_100k_paragraph_is_all_in_the_pdf(make, tmp_path: Path) -> None:
    text = make(100_000)
    out = render_pdf(report(body=text, organisation=ORGANISATION), tmp_path / "long.pdf").path
    printed = squeezed(pdf_text(out))
    # Page headers and footers come between the pages' text, so count rather than match.
    assert printed.count("START") == 1 and printed.count("FINISH") == 1
    assert printed.index("START") < printed.index("FINISH")
    for piece in ("lorem", "x"):
        assert printed.count(piece) == text.count(piece), piece


@pytest.mark.parametrize("make", [words, unbroken], ids=["words", "unbroken"])
def test_a_100k_paragraph_in_word_and_excel(make, tmp_path: Path) -> None:
    text = make(100_000)
    out = render_docx(report(body=text, organisation=ORGANISATION), tmp_path / "long.docx").path
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert text in paragraphs
    table = Table((Column("Long"),), (Row((text,)),), caption="Long values")
    long_cell = Report(report().title_page, (Section("Table", (table,)),))
    book = load_workbook(render_xlsx(long_cell, tmp_path / "long.xlsx").path)
    values = [v for ws in book.worksheets for row in ws.iter_rows(values_only=True)
              for v in row if isinstance(v, str)]
    cell = next(v for v in values if v.startswith("START"))
    assert len(cell) <= 32_767 and cell.endswith("…")  # Excel's limit on a cell
