"""A table of contents where a report is long enough to need one, by one rule for every
format: Word gets a real TOC field that already lists the headings; the PDF gets its
contents page; a short report gets neither."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from app.reports.model.outline import headings, wants_contents
from app.reports.model.report import Note, Paragraph, Report, Section, TitlePage
from app.reports.render.docx.renderer import render_docx
from app.reports.render.pdf.renderer import render_pdf
from tests.support.office import convert_with_libreoffice, pdf_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
PROSE = "Members met in the community hall to agree the plan for next year. " * 9


def long_report() -> Report:
    sections = tuple(
        Section(
            f"Chapter {n}",
            (
                *(Paragraph.of(PROSE) for _ in range(6)),
                Section(f"Chapter {n} in detail", tuple(Paragraph.of(PROSE) for _ in range(4))),
            ),
        )
        for n in range(1, 9)
    )
    return Report(
        TitlePage("Annual review", organisation="Northfield CVS", report_date=date(2026, 11, 25)),
        sections,
        appendices=(Section("Method", (Paragraph.of("How we did it."),)),),
        notes=(Note("Figures are rounded."),),
    )


def short_report() -> Report:
    return Report(
        TitlePage("Workbook summary", organisation="Northfield CVS"),
        tuple(Section(f"Part {n}", (Paragraph.of("A line."),)) for n in range(1, 4)),
        notes=(Note("Times are in UTC.", label="Times"),),
    )


def document_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml"))


def test_the_rule_tells_a_long_report_from_a_short_one() -> None:
    assert wants_contents(long_report())
    assert not wants_contents(short_report())


def test_word_has_a_toc_field_that_already_lists_the_headings(tmp_path: Path) -> None:
    report = long_report()
    out = tmp_path / "long.docx"
    render_docx(report, out)
    body = document_xml(out)
    instructions = " ".join(t.text or "" for t in body.iter(f"{{{W}}}instrText"))
    assert re.search(r'TOC \\o "1-2" \\h', instructions)
    entries = [
        p for p in body.iter(f"{{{W}}}p")
        if (s := p.find("w:pPr/w:pStyle", NS)) is not None and s.get(f"{{{W}}}val") in
        ("TOC1", "TOC2")
    ]
    cached = [
        (int(p.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val")[-1]),
         "".join(t.text or "" for t in p.find("w:hyperlink", NS).iter(f"{{{W}}}t")))
        for p in entries
    ]
    assert cached == headings(report)  # right before Word or LibreOffice updates it
    marks = {b.get(f"{{{W}}}name") for b in body.iter(f"{{{W}}}bookmarkStart")}
    anchors = [p.find("w:hyperlink", NS).get(f"{{{W}}}anchor") for p in entries]
    assert set(anchors) <= marks and len(set(anchors)) == len(anchors)
    begins = [c.get(f"{{{W}}}fldCharType") for c in body.iter(f"{{{W}}}fldChar")]
    assert begins.count("begin") == begins.count("end")  # every field closed
    pages = pdf_text(convert_with_libreoffice(out, "pdf")).split("\f")
    contents = re.sub(r"\s+", " ", pages[1])
    assert "Contents" in contents
    assert all(title in contents for _, title in headings(report))


@pytest.mark.parametrize("make", [long_report, short_report])
def test_word_and_pdf_agree_on_having_contents(make, tmp_path: Path) -> None:
    report = make()
    render_docx(report, tmp_path / "r.docx")
    render_pdf(report, tmp_path / "r.pdf")
    body = document_xml(tmp_path / "r.docx")
    word_has = any("TOC" in (t.text or "") for t in body.iter(f"{{{W}}}instrText"))
    second_page = pdf_text(tmp_path / "r.pdf").split("\f")[1]
    lines = [line.strip() for line in second_page.splitlines() if line.strip()]
    pdf_has = lines[1] == "Contents"  # under the running header
    assert word_has == pdf_has == wants_contents(report)
    if not pdf_has:  # the body starts straight after the title page
        assert "Part 1" in second_page
