"""A long table goes into the Word file in one parse, with the template's section kept.

Checks structure and counts work, not time: the body is never built as a tree and moved
(moving a finished table between XML trees is what made long tables quadratic) but
checked in bounded pieces; every row arrives in order, the final sectPr stays last, a
malformed fragment fails the export, and LibreOffice reads the last row.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.reports.model.report import Column, ColumnKind, Report, Row, Section, Table, TitlePage
from app.reports.render.docx import body_writer
from app.reports.render.docx.renderer import render_docx
from tests.support.office import convert_with_libreoffice, pdf_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROWS = 1_500


def long_report(rows: int) -> Report:
    table = Table(
        columns=(Column("File", weight=3), Column("Added", kind=ColumnKind.DATE)),
        body=tuple(Row((f"evidence {n:05d}.pdf", date(2026, 1, 1 + n % 28))) for n in range(rows)),
        caption="Evidence files",
    )
    return Report(title_page=TitlePage(title="Long table"), sections=(Section("Files", (table,)),))


def test_the_body_is_checked_in_bounded_pieces_and_rows_keep_their_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    streams: list[Any] = []
    real = body_writer.start_part

    def capture(document: Any) -> Any:
        streams.append(real(document))
        return streams[-1]

    monkeypatch.setattr(body_writer, "start_part", capture)
    out = tmp_path / "long.docx"
    render_docx(long_report(ROWS), out)
    (stream,) = streams
    # Checked as it comes, a bounded amount at a time, and never kept as one string.
    assert stream.checks >= 2
    assert max(len(chunk) for chunk in stream._chunks) < 400_000

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


def test_a_malformed_fragment_fails_the_export_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> Iterator[str]:
        yield "<w:tbl><w:tr><w:tc>"  # never closed

    monkeypatch.setattr(body_writer, "table_xml_pieces", broken)
    out = tmp_path / "broken.docx"
    with pytest.raises(etree.XMLSyntaxError):
        render_docx(long_report(3), out)
    assert not out.exists()


def test_libreoffice_reads_the_last_row(tmp_path: Path) -> None:
    out = tmp_path / "long.docx"
    render_docx(long_report(ROWS), out)
    text = pdf_text(convert_with_libreoffice(out, "pdf"))
    assert f"evidence {ROWS - 1:05d}.pdf" in text and "evidence 00000.pdf" in text
