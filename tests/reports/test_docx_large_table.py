"""A long table goes into the Word file in one parse, with the template's section kept.

Checks structure and counts work, not time: the document part is parsed exactly once,
fed in pieces (moving a finished table between XML trees is what made long tables
quadratic), every row arrives in order, the final sectPr stays last, and LibreOffice reads
the last row.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from app.reports.model.report import Column, ColumnKind, Report, Row, Section, Table, TitlePage
from app.reports.render.docx import renderer
from app.reports.render.docx.renderer import render_docx
from tests.support.office import convert_with_libreoffice, pdf_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROWS = 600


class CountingParser:
    def __init__(self, parser: etree._XMLParser) -> None:
        self._parser = parser
        self.feeds = self.largest = self.closed = 0

    def feed(self, data: str) -> None:
        self.feeds += 1
        self.largest = max(self.largest, len(data))
        self._parser.feed(data)

    def close(self) -> etree._Element:
        self.closed += 1
        return self._parser.close()


def long_report(rows: int) -> Report:
    table = Table(
        columns=(Column("File", weight=3), Column("Added", kind=ColumnKind.DATE)),
        body=tuple(Row((f"evidence {n:05d}.pdf", date(2026, 1, 1 + n % 28))) for n in range(rows)),
        caption="Evidence files",
    )
    return Report(title_page=TitlePage(title="Long table"), sections=(Section("Files", (table,)),))


def test_the_part_is_parsed_once_in_pieces_and_rows_keep_their_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsers: list[CountingParser] = []
    real = renderer._start_part

    def counting(document: object) -> tuple[CountingParser, str]:
        parser, end = real(document)  # type: ignore[arg-type]
        parsers.append(CountingParser(parser))
        return parsers[-1], end

    monkeypatch.setattr(renderer, "_start_part", counting)
    out = tmp_path / "long.docx"
    render_docx(long_report(ROWS), out)
    # One parse for the whole document part: nothing is built apart and moved in after.
    assert len(parsers) == 1 and parsers[0].closed == 1
    # The long table arrives in pieces, so it never exists whole as one string.
    assert parsers[0].feeds >= ROWS // 256 + 2
    assert parsers[0].largest < 400_000

    with zipfile.ZipFile(out) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    bodies = root.findall(f"{W}body")
    assert len(bodies) == 1
    body = bodies[0]
    assert body[-1].tag == f"{W}sectPr" and len(body.findall(f"{W}sectPr")) == 1
    (table,) = body.findall(f"{W}tbl")
    rows = table.findall(f"{W}tr")
    assert len(rows) == ROWS + 1  # the header row and every body row
    firsts = ["".join(row[1].itertext()) for row in rows[1:] if len(row) > 1]
    assert firsts == [f"evidence {n:05d}.pdf" for n in range(ROWS)]


def test_libreoffice_reads_the_last_row(tmp_path: Path) -> None:
    out = tmp_path / "long.docx"
    render_docx(long_report(ROWS), out)
    text = pdf_text(convert_with_libreoffice(out, "pdf"))
    assert f"evidence {ROWS - 1:05d}.pdf" in text and "evidence 00000.pdf" in text
