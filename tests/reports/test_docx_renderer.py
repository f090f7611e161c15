"""The Word renderer, checked in the .docx XML and through LibreOffice.

Every .docx written here is also opened and converted to PDF by LibreOffice headless
(`converted_text`), so a file Word or LibreOffice would reject fails the test that made it.
"""

from __future__ import annotations

import io
import itertools
import re
import sys
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import docx
import pikepdf
import pytest
from lxml import etree

from app.reports.export.result import ExportCancelled, RenderResult, ReportTemplateError
from app.reports.model.report import (
    BulletList,
    Chart,
    ChartKind,
    Column,
    ColumnKind,
    KeyFigure,
    KeyFigures,
    Note,
    PageBreak,
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
from app.reports.render.docx import template as docx_template
from app.reports.render.docx import theme as docx_theme
from app.reports.render.docx.renderer import render_docx
from tests.support.office import convert_with_libreoffice, pdf_text

POLISH = "Zażółć Gęślą"
TURKISH = "Şükrü Ağaoğlu"
VIETNAMESE = "Nguyễn Thị Hương"
TRICKY = 'Smith & Sons <Ltd> "quoted"'
LINK = "https://www.ons.gov.uk/census?table=TS021&area=E08000035"
LONG_ROWS = 90

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
}
W = f"{{{NS['w']}}}"


# ---------------------------------------------------------------- fixtures


def members_table() -> Table:
    return Table(
        columns=(
            Column("Ethnic group", weight=3),
            Column("People", ColumnKind.COUNT),
            Column("Share", ColumnKind.PERCENT),
            Column("Since", ColumnKind.DATE),
        ),
        body=(
            RowGroup(
                "Asian, Asian British or Asian Welsh",
                (
                    Row(("Bangladeshi", 1204, 0.25, date(2026, 11, 25))),
                    Row(("Chinese", "<5", "[c]")),
                ),
            ),
            RowGroup("White", (Row(("Roma", 46, 0.5, None)),)),
            Row(("Total", 1254, 1.0, None), is_total=True),
        ),
        caption="Table 1: board members by ethnic group",
    )


def long_table() -> Table:
    rows = tuple(Row((f"Member row {i:03d}", i)) for i in range(LONG_ROWS))
    return Table(
        columns=(Column("Person name", weight=3), Column("Headcount", ColumnKind.COUNT)),
        body=rows,
        caption="Table 2: every member",
    )


def bar_chart() -> Chart:
    return Chart(
        kind=ChartKind.BAR,
        title="Figure 1: share of members by group",
        categories=("Bangladeshi", "Chinese", "Roma"),
        series=(Series("2026", (0.25, 0.25, 0.5)),),
        alt_text="A bar chart: Roma members are the largest group at 50%.",
        value_format="{:.0%}",
    )


def sample_report(language: str = "en-GB") -> Report:
    intro = Section(
        "Introduction",
        (
            Paragraph.of(
                f"Chaired by {POLISH}, ",
                Span("this is bold", bold=True),
                ", ",
                Span("this is italic", italic=True),
                " and ",
                Span("the census table", link=LINK),
                f". {TRICKY}.",
            ),
            BulletList((Paragraph.of(f"Bullet for {TURKISH}"), Paragraph.of("Second bullet"))),
            BulletList((Paragraph.of("Alpha step"), Paragraph.of("Beta step")), numbered=True),
            KeyFigures(
                (
                    KeyFigure("Members", "1,254"),
                    KeyFigure("Representation ratio", "0.42", "1.00 means proportional"),
                )
            ),
            Section(
                "Method",
                (
                    Paragraph.of("Second level."),
                    Section("Sampling", (Section("Weights", (Paragraph.of("Fourth level."),)),)),
                ),
            ),
        ),
    )
    findings = Section(
        "Findings",
        (
            members_table(),
            Note("Counts under 5 are suppressed.", label="Source"),
            bar_chart(),
            BulletList((Paragraph.of("Gamma step"), Paragraph.of("Delta step")), numbered=True),
            PageBreak(),
            long_table(),
        ),
    )
    return Report(
        title_page=TitlePage(
            title=f"Review for {VIETNAMESE}",
            organisation="Northfield Council for Voluntary Service",
            subtitle="Annual report to members",
            report_date=date(2026, 11, 25),
            author=VIETNAMESE,
            version="1.2",
        ),
        sections=(intro, findings),
        appendices=(Section("Method and definitions", (Paragraph.of("Appendix text."),)),),
        notes=(Note("Percentages may not sum to 100 because of rounding."),),
        subject="Representation review",
        language=language,
    )


def tiny_report() -> Report:
    return Report(
        TitlePage("Tiny report"),
        (Section("Only section", (Paragraph.of(f"Hello {POLISH}."), members_table())),),
    )


def converted_text(path: Path) -> str:
    """LibreOffice must open and convert the file; returns the PDF's text."""
    return pdf_text(convert_with_libreoffice(path, "pdf"))


def xml_part(path: Path, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def report_tables(body: etree._Element) -> list[etree._Element]:
    """The data tables (styled), not the key-figure tiles (a layout table)."""
    return [t for t in body.iter(f"{W}tbl") if t.find("w:tblPr/w:tblStyle", NS) is not None]


def squash(text: str) -> str:
    """PDF text with whitespace (line wraps too) collapsed, for phrase searches."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RenderResult, str]]:
    """The sample report rendered once on the shipped template, plus its PDF text."""
    out = tmp_path_factory.mktemp("docx") / "Sample – report.docx"
    result = render_docx(sample_report(), out)
    yield result, converted_text(out)


# ---------------------------------------------------------------- structure


def test_returns_the_path_and_no_warnings_on_the_shipped_template(rendered) -> None:
    result, _ = rendered
    assert result.path.is_file()
    assert result.warnings == ()


def test_headings_use_heading_styles_in_document_order(rendered) -> None:
    result, _ = rendered
    document = docx.Document(str(result.path))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings == [
        ("Heading 1", "Introduction"),
        ("Heading 2", "Method"),
        ("Heading 3", "Sampling"),
        ("Heading 4", "Weights"),
        ("Heading 1", "Findings"),
        ("Heading 1", "Notes"),  # the notes come before the appendices, as in the PDF
        ("Heading 1", "Appendix A: Method and definitions"),
    ]
    # LibreOffice and Word's navigation pane read the outline level from the style.
    styles = xml_part(result.path, "word/styles.xml")
    for level in range(1, 5):
        outline = styles.find(f".//w:style[@w:styleId='Heading{level}']/w:pPr/w:outlineLvl", NS)
        assert outline is not None and outline.get(f"{W}val") == str(level - 1)


def test_title_page_then_sections_in_the_pdf(rendered) -> None:
    _, text = rendered
    flat = squash(text)
    for phrase in (
        "Northfield Council for Voluntary Service".upper(),  # the style sets capitals
        f"Review for {VIETNAMESE}",
        "Annual report to members",
        "25 November 2026",
        f"Prepared by {VIETNAMESE}",
        "Version 1.2",
        "Appendix A: Method and definitions",
        "Percentages may not sum to 100 because of rounding.",
        "Source: Counts under 5 are suppressed.",
    ):
        assert phrase in flat, phrase
    pages = text.split("\f")
    assert "Introduction" not in pages[0]  # the title page stands alone
    assert "Page 2 of" in pages[1]


def test_table_header_repeats_rows_do_not_split_and_widths_follow_weights(rendered) -> None:
    result, text = rendered
    body = xml_part(result.path)
    tables = report_tables(body)
    assert len(tables) == 2
    usable = docx_theme.USABLE_WIDTH
    for table in tables:
        rows = table.findall("w:tr", NS)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
        assert all(row.find("w:trPr/w:cantSplit", NS) is not None for row in rows)
        assert all(row.find("w:trPr/w:tblHeader", NS) is None for row in rows[1:])
    widths = [int(c.get(f"{W}w")) for c in tables[0].findall("w:tblGrid/w:gridCol", NS)]
    assert sum(widths) == usable
    assert widths[0] == pytest.approx(3 * widths[1], abs=3)
    # The 90-row table runs over a page break and LibreOffice repeats its header row.
    pages_with_rows = [p for p in text.split("\f") if "Member row" in p]
    assert len(pages_with_rows) >= 2
    assert all("Headcount" in page for page in pages_with_rows)


def test_cells_are_formatted_aligned_grouped_and_totalled(rendered) -> None:
    result, text = rendered
    table = report_tables(xml_part(result.path))[0]
    rows = table.findall("w:tr", NS)

    def cell_text(row: etree._Element) -> list[str]:
        return ["".join(tc.itertext()) for tc in row.findall("w:tc", NS)]

    assert cell_text(rows[1]) == ["Asian, Asian British or Asian Welsh"]
    group_cell = rows[1].find("w:tc/w:tcPr", NS)
    assert group_cell.find("w:gridSpan", NS).get(f"{W}val") == "4"
    assert group_cell.find("w:shd", NS) is not None
    assert cell_text(rows[2]) == ["Bangladeshi", "1,204", "25.0%", "25/11/2026"]
    assert cell_text(rows[3]) == ["Chinese", "<5", "[c]", ""]  # suppressed cells pass through
    jcs = [tc.find("w:p/w:pPr/w:jc", NS).get(f"{W}val") for tc in rows[3].findall("w:tc", NS)]
    assert jcs == ["left", "right", "right", "left"]
    total = rows[-1]
    assert cell_text(total)[:2] == ["Total", "1,254"]
    assert all(r.find("w:rPr/w:b", NS) is not None for r in total.iter(f"{W}r"))
    assert re.search(r"Chinese\s+<5\s+\[c\]", text)
    assert re.search(r"Bangladeshi\s+1,204\s+25.0%\s+25/11/2026", text)


def test_rows_of_the_wrong_length_and_markup_characters_in_cells(tmp_path: Path) -> None:
    """Each row's cells are written from the same texts the column widths were fitted to."""
    table = Table(
        (Column("Name", weight=3), Column("People", ColumnKind.COUNT),
         Column("Share", ColumnKind.PERCENT)),
        (
            Row((TRICKY, 1234, 0.5)),
            RowGroup("Group", (Row(("short",)), Row(("long", 2, 0.25, "extra")))),
            Row(("Total", 1236, 1.0), is_total=True),
        ),
    )
    out = render_docx(Report(TitlePage("Cells"), (Section("S", (table,)),)), tmp_path / "c.docx")
    rows = report_tables(xml_part(out.path))[0].findall("w:tr", NS)
    texts = [["".join(tc.itertext()) for tc in row.findall("w:tc", NS)] for row in rows]
    assert texts == [
        ["Name", "People", "Share"],
        [TRICKY, "1,234", "50.0%"],
        ["Group"],
        ["short", "", ""],  # missing cells are blank
        ["long", "2", "25.0%"],  # extra cells are left out
        ["Total", "1,236", "100.0%"],
    ]


def test_hyperlinks_are_real_relationships_and_survive_conversion(rendered) -> None:
    result, _ = rendered
    links = xml_part(result.path).findall(".//w:hyperlink", NS)
    assert len(links) == 1
    assert "".join(links[0].itertext()) == "the census table"
    rid = links[0].get(f"{{{NS['r']}}}id")
    document = docx.Document(str(result.path))
    rel = document.part.rels[rid]
    assert rel.is_external and rel.target_ref == LINK
    pdf = convert_with_libreoffice(result.path, "pdf")
    with pikepdf.open(pdf) as opened:
        uris = [
            str(annot.A.URI)
            for page in opened.pages
            for annot in page.get("/Annots", [])
            if "/A" in annot and "/URI" in annot.A
        ]
    assert LINK in uris


def test_bold_italic_and_awkward_characters_in_runs(rendered) -> None:
    result, text = rendered
    runs = xml_part(result.path).findall(".//w:body/w:p/w:r", NS)
    by_text = {"".join(r.itertext()): r for r in runs}
    assert by_text["this is bold"].find("w:rPr/w:b", NS) is not None
    assert by_text["this is italic"].find("w:rPr/w:i", NS) is not None
    assert TRICKY in squash(text)


def test_lists_use_list_styles_and_each_numbered_list_restarts(rendered) -> None:
    result, text = rendered
    document = docx.Document(str(result.path))
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles[f"Bullet for {TURKISH}"] == "List Bullet"
    assert styles["Alpha step"] == "List Number"
    flat = squash(text)
    for item in ("1. Alpha step", "2. Beta step", "1. Gamma step", "2. Delta step"):
        assert item in flat, item
    assert f"• Bullet for {TURKISH}" in flat


def test_key_figures_and_notes(rendered) -> None:
    result, text = rendered
    document = docx.Document(str(result.path))
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["Source: Counts under 5 are suppressed."] == "Note"
    values = [
        p.text
        for t in document.tables
        for cell in t._cells
        for p in cell.paragraphs
        if p.style.name == "Key Figure Value"
    ]
    assert values == ["1,254", "0.42"]
    assert "1.00 means proportional" in text


def test_chart_is_a_crisp_image_with_alt_text(rendered) -> None:
    result, text = rendered
    body = xml_part(result.path)
    doc_prs = body.findall(".//wp:docPr", NS)
    assert len(doc_prs) == 1
    chart = bar_chart()
    assert doc_prs[0].get("descr") == chart.alt_text
    assert doc_prs[0].get("title") == chart.title
    extent = body.find(".//wp:inline/wp:extent", NS)
    width_inches = int(extent.get("cx")) / 914400
    document = docx.Document(str(result.path))
    image = document.inline_shapes[0]
    blob = document.part.related_parts[
        image._inline.graphic.graphicData.pic.blipFill.blip.embed
    ].blob
    from PIL import Image

    with Image.open(io.BytesIO(blob)) as png:
        assert png.width / width_inches >= 200
    assert chart.title in text


def test_core_properties_language_and_page_setup(rendered) -> None:
    result, _ = rendered
    props = docx.Document(str(result.path)).core_properties
    assert props.title == f"Review for {VIETNAMESE}"
    assert props.author == VIETNAMESE
    assert props.subject == "Representation review"
    assert props.language == "en-GB"
    styles = xml_part(result.path, "word/styles.xml")
    default_lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert default_lang.get(f"{W}val") == "en-GB"
    normal_lang = styles.find(".//w:style[@w:styleId='Normal']/w:rPr/w:lang", NS)
    assert normal_lang.get(f"{W}val") == "en-GB"
    sect = xml_part(result.path).find(".//w:body/w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")  # A4


def test_running_header_and_page_x_of_y_footer(rendered) -> None:
    result, text = rendered
    section = docx.Document(str(result.path)).sections[0]
    assert section.different_first_page_header_footer  # a clean title page
    assert section.header.paragraphs[0].text == f"Review for {VIETNAMESE}"
    instructions = " ".join(section.footer._element.itertext())
    assert "PAGE" in instructions and "NUMPAGES" in instructions
    pages = text.split("\f")
    last = len([p for p in pages if p.strip()])
    assert f"Page {last} of {last}" in pages[last - 1]
    assert f"Review for {VIETNAMESE}" in pages[1].splitlines()[0]


def test_diacritics_survive_in_xml_and_pdf(rendered) -> None:
    result, text = rendered
    with zipfile.ZipFile(result.path) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    for name in (POLISH, TURKISH, VIETNAMESE):
        assert name in xml
        assert name in squash(text), name


def test_another_language_is_marked_on_the_document(tmp_path: Path) -> None:
    out = render_docx(sample_report(language="cy-GB"), tmp_path / "Cymraeg.docx").path
    styles = xml_part(out, "word/styles.xml")
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(f"{W}val") == "cy-GB"
    assert docx.Document(str(out)).core_properties.language == "cy-GB"
    assert VIETNAMESE in squash(converted_text(out))


# ---------------------------------------------------------------- the shipped template


def test_shipped_template_is_generated_deterministically() -> None:
    assert docx_template.build_template_bytes() == docx_template.build_template_bytes()
    assert docx_template.TEMPLATE_PATH.read_bytes() == docx_template.build_template_bytes(), (
        "resources/templates/report.docx is stale: run python -m app.reports.render.docx.template"
    )


def test_shipped_template_has_the_styles_users_expect() -> None:
    document = docx.Document(str(docx_template.TEMPLATE_PATH))
    names = {style.name for style in document.styles}
    expected = {
        "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4",
        "Caption", "List Bullet", "List Number", "Note", "Report Table", "Hyperlink",
    }  # fmt: skip
    assert expected <= names
    for level in range(1, 5):
        assert document.styles[f"Heading {level}"].paragraph_format.keep_with_next
    assert document.styles["Normal"].font.name == "DejaVu Sans"  # as the PDF and charts
    assert document.styles["Normal"].font.size.pt == 9.5  # the PDF body size: DejaVu is wide
    converted_text(docx_template.TEMPLATE_PATH)  # opens on its own too


# ---------------------------------------------------------------- user templates


def python_docx_default_template(path: Path) -> Path:
    """An organisation template: python-docx's default, with old body text and a header."""
    document = docx.Document()
    document.add_paragraph("Old letterhead body text that must not survive")
    document.sections[0].header.paragraphs[0].text = "ACME Charity letterhead"
    document.save(str(path))
    return path


def test_user_template_missing_styles_gives_warnings_not_a_crash(tmp_path: Path) -> None:
    template = python_docx_default_template(tmp_path / "Organisation.docx")
    result = render_docx(sample_report(), tmp_path / "Out.docx", template=template)
    warnings = "\n".join(result.warnings)
    assert "Your template has no 'Note' style, so notes use Normal." in warnings
    assert "Your template has no 'Report Table' style" in warnings
    assert "Your template has no 'Hyperlink' style" in warnings
    assert all(w.endswith(".") and "\n" not in w for w in result.warnings)
    assert "Heading 1" not in warnings  # the template has it, so nothing to say
    text = squash(converted_text(result.path))
    assert "Old letterhead body text" not in text
    assert "ACME Charity letterhead" in text  # the organisation's header is kept
    assert "Findings" in text and "Bangladeshi" in text
    # Fallback tables still have borders and a header row.
    first = docx.Document(str(result.path)).tables[1]._tbl
    assert first.find("w:tblPr/w:tblBorders", NS) is not None


def test_bare_template_gets_builtin_heading_styles_added(tmp_path: Path) -> None:
    """A template with nothing but Normal: headings still work in the navigation pane."""
    source = python_docx_default_template(tmp_path / "source.docx")
    bare = tmp_path / "Bare.docx"
    normal_only = (
        f'<w:styles xmlns:w="{NS["w"]}"><w:style w:type="paragraph" w:default="1" '
        'w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>'
    )
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(bare, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/styles.xml":
                data = normal_only.encode()
            if name == "word/_rels/document.xml.rels":
                data = re.sub(rb'<Relationship [^>]*/numbering"[^>]*/>', b"", data)
            if name != "word/numbering.xml":
                dst.writestr(name, data)
    result = render_docx(sample_report(), tmp_path / "Out.docx", template=bare)
    assert any("no 'Heading 2' style, so the toolkit's own" in w for w in result.warnings)
    document = docx.Document(str(result.path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["Method"]
    text = squash(converted_text(result.path))
    assert "1. Gamma step" in text  # numbering was created for a template without any


def test_dotx_template_is_accepted(tmp_path: Path) -> None:
    source = python_docx_default_template(tmp_path / "source.docx")
    dotx = tmp_path / "Organisation.dotx"
    document_type = "wordprocessingml.document.main+xml"
    template_type = "wordprocessingml.template.main+xml"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(dotx, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(document_type.encode(), template_type.encode())
            dst.writestr(name, data)
    result = render_docx(tiny_report(), tmp_path / "From dotx.docx", template=dotx)
    with zipfile.ZipFile(result.path) as package:
        assert document_type in package.read("[Content_Types].xml").decode()
    assert POLISH in squash(converted_text(result.path))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"PK\x03\x04 this zip is cut short", "is not a Word document or is damaged"),
        (b"Dear trustees, this is a plain text letter.", "is not a Word document or is damaged"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "older Word (.doc) file"),
    ],
    ids=["damaged-zip", "text-file", "ole-doc"],
)
def test_unusable_template_raises_a_plain_sentence(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    template = tmp_path / "Letterhead.docx"
    template.write_bytes(content)
    existing = tmp_path / "Out.docx"
    existing.write_bytes(b"previous export")
    with pytest.raises(ReportTemplateError) as caught:
        render_docx(tiny_report(), existing, template=template)
    message = str(caught.value)
    assert expected in message
    assert "Letterhead.docx" in message
    assert message.count(".") >= 1 and message.endswith(".")
    assert "Traceback" not in message and "Error" not in message and "\n" not in message
    assert existing.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Letterhead.docx", "Out.docx"]


def test_zip_that_is_not_a_word_file_and_missing_template(tmp_path: Path) -> None:
    spreadsheet = tmp_path / "Budget.docx"
    with zipfile.ZipFile(spreadsheet, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReportTemplateError, match=r"Budget\.docx” is not a Word document"):
        render_docx(tiny_report(), tmp_path / "Out.docx", template=spreadsheet)
    with pytest.raises(ReportTemplateError, match="could not be found"):
        render_docx(tiny_report(), tmp_path / "Out.docx", template=tmp_path / "Gone.docx")
    assert not (tmp_path / "Out.docx").exists()


def test_template_with_broken_xml_inside_a_good_zip(tmp_path: Path) -> None:
    source = python_docx_default_template(tmp_path / "source.docx")
    broken = tmp_path / "Broken styles.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(broken, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/styles.xml":
                data = data[: len(data) // 2]  # cut off mid-element
            dst.writestr(name, data)
    with pytest.raises(ReportTemplateError, match=r"Broken styles\.docx” is not a Word"):
        render_docx(tiny_report(), tmp_path / "Out.docx", template=broken)
    assert not (tmp_path / "Out.docx").exists()


def test_template_with_an_entity_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    source = python_docx_default_template(tmp_path / "source.docx")
    hostile = tmp_path / "Laughs.docx"
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:style>&lol3;</w:style></w:styles>"
    )
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(hostile, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, bomb if name == "word/styles.xml" else src.read(name))
    with pytest.raises(ReportTemplateError, match=r"Laughs\.docx” contains XML that Word"):
        render_docx(tiny_report(), tmp_path / "Out.docx", template=hostile)
    assert not (tmp_path / "Out.docx").exists()


# ---------------------------------------------------------------- layout edge cases


def test_tables_without_captions_are_kept_apart_and_the_body_ends_with_a_paragraph(
    tmp_path: Path,
) -> None:
    """Word merges adjacent tables into one, and expects a paragraph before sectPr."""
    bare_table = Table((Column("Name"), Column("People", ColumnKind.COUNT)), (Row(("A", 1)),))
    figures = KeyFigures((KeyFigure("Members", "12"),))
    report = Report(
        TitlePage("Adjacent tables"),
        (Section("Tables", (figures, bare_table, bare_table, PageBreak(), bare_table)),),
    )
    result = render_docx(report, tmp_path / "Adjacent.docx")
    body = xml_part(result.path).find("w:body", NS)
    tags = [etree.QName(child).localname for child in body]
    assert "tbl" in tags
    assert all(not (a == "tbl" and b == "tbl") for a, b in itertools.pairwise(tags))
    assert tags[-2:] == ["p", "sectPr"]
    text = converted_text(result.path)
    assert text.count("People") == 3
    assert "People" not in text.split("\f")[1].split("Members")[0]  # page 2 starts with tiles
    assert "People" in text.split("\f")[2]  # the page break put the last table on page 3


# ---------------------------------------------------------------- cancel, errors, progress


def test_cancel_before_start_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(ExportCancelled):
        render_docx(tiny_report(), tmp_path / "Out.docx", is_cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("after_checks", [3, 10, 10_000])
def test_cancel_part_way_leaves_an_existing_file_untouched(
    tmp_path: Path, after_checks: int
) -> None:
    """Cancel at the nth check: mid-body, later, or at the very last moment before saving."""
    existing = tmp_path / "Report.docx"
    existing.write_bytes(b"last week's export")
    calls = 0
    total_checks = 0

    def count_only() -> bool:
        nonlocal total_checks
        total_checks += 1
        return False

    counted = render_docx(sample_report(), tmp_path / "Count.docx", is_cancelled=count_only)
    converted_text(counted.path)
    counted.path.unlink()
    limit = min(after_checks, total_checks)  # 10_000 means "the final check"

    def cancel_at_limit() -> bool:
        nonlocal calls
        calls += 1
        return calls >= limit

    with pytest.raises(ExportCancelled):
        render_docx(sample_report(), existing, is_cancelled=cancel_at_limit)
    assert existing.read_bytes() == b"last week's export"
    assert [p.name for p in tmp_path.iterdir()] == ["Report.docx"]  # no temporary file


def test_failure_mid_render_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_save(self, stream) -> None:
        stream.write(b"PK half a file")
        raise OSError("disk full")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    existing = tmp_path / "Report.docx"
    existing.write_bytes(b"keep me")
    with pytest.raises(OSError, match="disk full"):
        render_docx(tiny_report(), existing)
    assert existing.read_bytes() == b"keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["Report.docx"]


def test_progress_rises_to_one(tmp_path: Path) -> None:
    seen: list[float] = []
    render_docx(sample_report(), tmp_path / "Out.docx", progress=seen.append)
    assert seen == sorted(seen)
    assert seen[-1] == 1.0
    assert len(seen) >= 5 and 0 < seen[0] < 0.5
    converted_text(tmp_path / "Out.docx")


def test_without_the_charts_module_charts_are_described_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "app.reports.charts.drawing", None)  # import now fails
    result = render_docx(sample_report(), tmp_path / "No charts.docx")
    assert any("described in words" in w for w in result.warnings)
    assert xml_part(result.path).find(".//wp:docPr", NS) is None
    assert bar_chart().alt_text in squash(converted_text(result.path))


def test_benchmark_report_renders_and_opens(tmp_path: Path) -> None:
    from bench.report_fixture import build_benchmark_report

    report = build_benchmark_report()
    result = render_docx(report, tmp_path / "Benchmark.docx")
    assert result.warnings == ()
    body = xml_part(result.path)
    headers = body.findall(".//w:tr/w:trPr/w:tblHeader", NS)
    assert len(headers) == len(report.tables())
    assert len(body.findall(".//wp:docPr", NS)) == len(report.charts())
    ids = [d.get("id") for d in body.findall(".//wp:docPr", NS)]
    assert len(set(ids)) == len(ids)  # drawing ids must be unique or Word repairs the file
    text = squash(converted_text(result.path))
    assert "Table 200: people by ethnic group" in text
    assert "Appendix A: method and definitions" in text
