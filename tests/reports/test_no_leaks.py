"""No export meant for publication may show a suppressed count, in any format.

The fixture's counts are chosen so that none of them can appear legitimately anywhere else:
every count is a non-multiple of 5 (so, under the HES rule, no original count is ever shown
exactly: small ones are hidden, the rest rounded) and none matches a number in the report's
own text (the date "25 November 2026", the rule "1 to 7", "nearest 5", page numbers). The
check is made per cell where a format has cells (Word tables, Excel) and per number token
everywhere; PDF text is read with its layout (so a table row stays on one line) from the
first paragraph on, past any contents page.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from app.reports.disclosure.control import DisclosurePreset
from app.reports.export.exporters import ExportFormat, ExportOptions, export_report
from app.reports.model.report import (
    Chart,
    ChartKind,
    Column,
    ColumnKind,
    Paragraph,
    Report,
    Row,
    RowGroup,
    Section,
    Series,
    Table,
    TitlePage,
)
from tests.support.office import convert_with_libreoffice, require_tool

PRESET = DisclosurePreset.SUPPRESS_1_TO_7_ROUND_5
SMALL = {3, 4, 6}
# Every original count in the fixture; rounding shows each as a different multiple of 5.
EXACT = SMALL | {29, 41, 133, 206, 22, 37, 44, 81, 28, 52, 118, 96, 214, 213, 166, 379, 56}
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT[\d:.]+Z?")  # document metadata, not report content
PAGE_NUMBER = re.compile(r"\bPage \d+( of \d+)?\b")  # page furniture, e.g. "Page 2 of 3"
FIRST_WORDS = "Who is on the board"  # PDF text is checked from here: after any contents page
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORDS = {"descr", "title"}  # attributes that hold words (alt text) rather than layout
CELL_REFERENCE = re.compile(r"\$?\b[A-Z]{1,3}\$?\d+\b")  # a chart's data range, e.g. $B$5


def leak_report() -> Report:
    members = Table(
        (Column("Ethnic group"), Column("Members", ColumnKind.COUNT),
         Column("Share", ColumnKind.PERCENT)),
        (
            *(Row((name, n, n / 206)) for name, n in (
                ("Bangladeshi", 3), ("Chinese", 41), ("Indian", 133), ("Pakistani", 29),
                ("Other Asian", 0))),
            Row(("Total", 206, 1.0), is_total=True),
        ),
        caption="Members by ethnic group",
    )
    roles = Table(
        (Column("Role"), Column("Women", ColumnKind.COUNT), Column("Men", ColumnKind.COUNT),
         Column("All", ColumnKind.COUNT)),
        (
            RowGroup("Board", (Row(("Trustees", 6, 22, 28)), Row(("Officers", 37, 44, 81)))),
            RowGroup("Staff", (Row(("Managers", 52, 4, 56)), Row(("Workers", 118, 96, 214)))),
            Row(("Total", 213, 166, 379), is_total=True),
        ),
        caption="People by role and sex",
        has_row_totals=True,
    )
    chart = Chart(ChartKind.BAR, "Share of members by role", ("Board", "Staff"),
                  (Series("Share", (0.25, 0.5)),), alt_text="Bar chart of shares by role.",
                  value_axis_title="Share", category_axis_title="Role", value_format="{:.0%}")
    return Report(
        TitlePage("Board and staff monitoring", organisation="Canal Side Women's Network",
                  report_date=date(2026, 11, 25)),
        (Section("Findings", (Paragraph.of("Who is on the board and the staff."),
                              members, roles, chart)),),
    )


def number_tokens(text: str) -> set[int]:
    text = TIMESTAMP.sub(" ", text)
    return {int(t) for t in NUMBER.findall(text) if t.isdigit()}


def assert_no_leak(tokens: set[int], where: str) -> None:
    leaked = tokens & EXACT
    assert not leaked, f"{where} shows suppressed or unrounded counts {sorted(leaked)}"


def export(tmp_path: Path, fmt: ExportFormat, suffix: str) -> Path:
    out = tmp_path / f"leak{suffix}"
    result = export_report(leak_report(), ExportOptions(fmt, out, suppression=PRESET))
    assert result.path == out
    return out


# ---------------------------------------------------------------- per format


def test_excel_shows_no_suppressed_count(tmp_path: Path) -> None:
    path = export(tmp_path, ExportFormat.XLSX, ".xlsx")
    wb = load_workbook(path)
    texts: list[str] = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    assert cell.value not in EXACT, f"{ws.title}!{cell.coordinate}={cell.value}"
                elif isinstance(cell.value, str):
                    texts.append(cell.value)
    with zipfile.ZipFile(path) as archive:  # the chart's cached data and any shared strings
        for name in archive.namelist():
            if name.startswith("xl/charts/") or name == "xl/sharedStrings.xml":
                texts.append(xml_text(archive.read(name)))
    assert_no_leak(number_tokens("\n".join(texts)), "The Excel file")
    assert "[c]" in texts
    convert_with_libreoffice(path, "pdf")


def test_word_shows_no_suppressed_count(tmp_path: Path) -> None:
    path = export(tmp_path, ExportFormat.DOCX, ".docx")
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()
                 if n.endswith(".xml") and n != "docProps/app.xml"}  # app.xml: word counts
    document = ElementTree.fromstring(parts["word/document.xml"])
    cells = ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in document.iter(f"{W}tc")]
    assert "[c]" in cells
    for text in cells:
        assert not (text.strip().replace(",", "").isdigit() and int(text.replace(",", ""))
                    in EXACT), f"a Word table cell shows {text!r}"
    all_text = "\n".join(xml_text(data) for data in parts.values())
    assert_no_leak(number_tokens(all_text), "The Word file")


def test_pdf_shows_no_suppressed_count(tmp_path: Path) -> None:
    path = export(tmp_path, ExportFormat.PDF, ".pdf")
    text = pdf_body_text(path)
    assert "[c]" in text and "Members by ethnic group" in text
    assert_no_leak(number_tokens(text), "The PDF")


def test_accessible_pdf_shows_no_suppressed_count(tmp_path: Path) -> None:
    path = export(tmp_path, ExportFormat.ACCESSIBLE_PDF, ".pdf")
    text = pdf_body_text(path)
    assert "[c]" in text
    assert_no_leak(number_tokens(text), "The tagged PDF")


@pytest.mark.parametrize("fmt", [ExportFormat.XLSX, ExportFormat.PDF])
def test_the_fixture_would_leak_without_disclosure_control(tmp_path: Path, fmt) -> None:
    """Guards the guard: with control off, the same checks do find the small counts."""
    suffix = EXPORTERS_SUFFIX[fmt]
    out = tmp_path / f"open{suffix}"
    export_report(leak_report(), ExportOptions(fmt, out, suppression=DisclosurePreset.NONE))
    if fmt is ExportFormat.XLSX:
        wb = load_workbook(out)
        values = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row}
        convert_with_libreoffice(out, "pdf")
    else:
        values = number_tokens(pdf_body_text(out))
    assert values >= SMALL


EXPORTERS_SUFFIX = {ExportFormat.XLSX: ".xlsx", ExportFormat.PDF: ".pdf"}


# ---------------------------------------------------------------- text extraction


def xml_text(data: bytes) -> str:
    """Every text node of an XML part, plus alt text and titles kept in attributes."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return data.decode("utf-8", "replace")
    pieces: list[str] = []
    for element in root.iter():
        pieces.extend([element.text or "", element.tail or ""])
        pieces.extend(v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] in WORDS)
    return CELL_REFERENCE.sub(" ", "\n".join(p for p in pieces if p.strip()))


def pdf_plain_text(path: Path) -> str:
    tool = require_tool("pdftotext")
    return subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_body_text(path: Path) -> str:
    """The PDF's text from the report's first words on, without page numbers: a contents
    page lists page numbers that could look like small counts."""
    text = pdf_plain_text(path)
    assert FIRST_WORDS in text, f"{path.name} has no selectable report text"
    return PAGE_NUMBER.sub(" ", text[text.index(FIRST_WORDS):])
