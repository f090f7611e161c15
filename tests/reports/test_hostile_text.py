"""Word, PDF and Excel export take any text the store accepts.

The store keeps any Python string: control characters XML forbids, lone surrogates, U+FFFE,
bidi overrides and very long values. Each export must succeed, write files Word/Excel
(here LibreOffice) can open, keep the readable text and drop only the unsafe characters.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from lxml import etree
from openpyxl import load_workbook

from app.reports.disclosure.control import DisclosurePreset
from app.reports.export.exporters import ExportFormat, ExportOptions, export_report
from app.reports.model.report import (
    BulletList,
    Chart,
    ChartKind,
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
    Series,
    Span,
    Table,
    TitlePage,
)
from app.reports.render.safe_text import (
    BIDI_CONTROLS,
    XML_ILLEGAL,
    clean_report,
    fit,
    safe_text,
)
from tests.support.office import convert_with_libreoffice, pdf_text

XML_FORBIDDEN = [*map(chr, range(0x09)), "\x0b", "\x0c", *map(chr, range(0x0E, 0x20)),
                 "\ud800", "\udfff", "\ufffe", "\uffff"]
BIDI = [*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
NASTY = "".join(XML_FORBIDDEN + BIDI)
OWNER = "Owner " + "x" * 294  # 300 characters: more than Word keeps in a property


def hostile(word: str) -> str:
    """`word`, readable once cleaned, with every unsafe character inside it."""
    return f"{word[:2]}{NASTY}{word[2:]}"


def hostile_report() -> Report:
    table = Table(
        columns=(Column(hostile("Group"), weight=3), Column(hostile("People"), ColumnKind.COUNT)),
        body=(
            RowGroup(hostile("Asian"), (Row((hostile("Bangladeshi"), 12)),)),
            Row((hostile("Irish"), 40)),
            Row((hostile("Total"), 52), is_total=True),
        ),
        caption=hostile("Table one"),
    )
    chart = Chart(ChartKind.BAR, hostile("Figure one"), (hostile("Board"), hostile("Staff")),
                  (Series(hostile("Share"), (0.2, 0.3)),), alt_text=hostile("Shares."))
    return Report(
        title_page=TitlePage(
            title=hostile("Forum review"),
            organisation=hostile("Northfield CVS"),
            subtitle=hostile("Members"),
            report_date=date(2026, 11, 25),
            author=OWNER,
            version=hostile("Version"),
        ),
        sections=(
            Section(hostile("Introduction"), (
                Paragraph.of(hostile("Plain words"), " ", Span(hostile("bold words"), bold=True),
                             " ", Span(hostile("a link"), link="https://example.org/" + NASTY)),
                BulletList(tuple(Paragraph.of(hostile(w)) for w in ("First", "Second"))),
                KeyFigures((KeyFigure(hostile("Ratio"), hostile("0.42"), hostile("Note")),)),
                table,
                chart,
                Note(hostile("Source line"), label=hostile("Source")),
            )),
        ),
        subject=hostile("Subject") + "s" * 400,
    )


WORDS = ["Forum review", "Northfield CVS", "Introduction", "Plain words", "bold words",
         "Bangladeshi", "Irish", "Table one", "Source line"]


def test_safe_text_drops_exactly_the_unsafe_characters() -> None:
    assert safe_text(hostile("Forum")) == "Forum"
    kept = "Łódź \u200f\u200e\t\n\r é 𝄞 ﷺ \ufffd"
    assert safe_text(kept) == kept
    assert XML_ILLEGAL.search(safe_text(NASTY)) is None and safe_text(NASTY) == ""
    assert BIDI_CONTROLS.pattern and safe_text("".join(BIDI)) == ""


def test_clean_report_keeps_clean_parts_as_they_are() -> None:
    report = hostile_report()
    cleaned = clean_report(report)
    assert cleaned.title == "Forum review"
    assert cleaned.title_page.author is report.title_page.author  # nothing to clean
    again = clean_report(cleaned)
    assert again is cleaned


def test_fit_cuts_with_an_ellipsis() -> None:
    assert fit("short", 255) == "short"
    cut = fit(OWNER, 255)
    assert len(cut) == 255 and cut.endswith("…")


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    out = {}
    for fmt, suffix in ((ExportFormat.DOCX, "docx"), (ExportFormat.PDF, "pdf"),
                        (ExportFormat.XLSX, "xlsx")):
        options = ExportOptions(fmt, folder / f"hostile.{suffix}",
                                suppression=DisclosurePreset.NONE)
        out[suffix] = export_report(hostile_report(), options).path
    return out


def unsafe_in(text: str) -> list[str]:
    return sorted({c for c in text if XML_ILLEGAL.match(c) or BIDI_CONTROLS.match(c)})


def test_word_export_is_well_formed_and_opens(exports: dict[str, Path]) -> None:
    path = exports["docx"]
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))  # strict parse: raises if not XML
                assert unsafe_in(package.read(name).decode("utf-8")) == [], name
    props = docx.Document(str(path)).core_properties
    assert len(props.author) <= 255 and props.author.endswith("…")
    assert len(props.subject) <= 255
    text = " ".join(pdf_text(convert_with_libreoffice(path, "pdf")).split()).casefold()
    for word in WORDS:  # casefolded: the template sets the organisation in capitals
        assert word.casefold() in text


def test_excel_export_opens(exports: dict[str, Path]) -> None:
    path = exports["xlsx"]
    book = load_workbook(path)
    values = [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
              for v in row if v is not None]
    assert any(v == "Bangladeshi" for v in values)
    assert all(unsafe_in(v) == [] for v in values)
    assert len(book.properties.creator) <= 255
    convert_with_libreoffice(path, "pdf")


def test_pdf_export_keeps_the_text(exports: dict[str, Path]) -> None:
    text = pdf_text(exports["pdf"])
    flat = " ".join(text.split())
    for word in WORDS:
        assert word in flat
    assert unsafe_in(text.replace("\f", "")) == []  # pdftotext ends each page with \f
