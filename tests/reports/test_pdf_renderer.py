"""The PDF renderer, checked with real tools: qpdf, poppler's pdftotext and pikepdf."""

from __future__ import annotations

import subprocess
import unicodedata
from datetime import date
from pathlib import Path
from unittest import mock

import pikepdf
import pytest

from app.reports.export.result import ExportCancelled
from app.reports.model import outline
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
from app.reports.render.pdf.renderer import render_pdf
from tests.support.office import pdf_text, qpdf_check, require_tool

POLISH = "Zażółć Gęślą Jaźń"
TURKISH = "Şükrü Ağaoğlu, İstanbul, ığüşöç"
VIETNAMESE = "Nguyễn Thị Hương, Trần Văn Đức"
TRICKY = "Smith & Sons <b>Ltd</b> & <i>not italic</i> a<b"
LONG_ROWS = 90


def long_table() -> Table:
    rows = tuple(
        Row((f"Member row {i:03d}", i, i / LONG_ROWS, date(2026, 11, 25))) for i in range(LONG_ROWS)
    )
    return Table(
        columns=(
            Column("Person name", weight=3),
            Column("Headcount", ColumnKind.COUNT),
            Column("Share of total", ColumnKind.PERCENT),
            Column("Joined on", ColumnKind.DATE),
        ),
        body=(*rows, Row(("Total", sum(range(LONG_ROWS)), 1.0, None), is_total=True)),
        caption="Table 2: every member",
    )


def sample_report() -> Report:
    grouped = Table(
        columns=(
            Column("Ethnic group", weight=3),
            Column("People", ColumnKind.COUNT),
            Column("Ratio", ColumnKind.NUMBER),
        ),
        body=(
            RowGroup(
                "Asian, Asian British or Asian Welsh",
                (Row(("Bangladeshi", 12, 0.8)), Row(("Chinese", "<5", None))),
            ),
            RowGroup("White", (Row(("Irish", "[c]", 1.25)), Row((TRICKY, 40, 2.0)))),
            Row(("Total", 60, None), is_total=True),
        ),
        caption="Table 1: people by ethnic group & role",
    )
    chart = Chart(
        ChartKind.GROUPED_BAR,
        "Figure 1: share by round",
        ("Board", "Staff"),
        (Series("2025", (0.2, 0.3), ((0.1, 0.3), (0.2, 0.4))), Series("2026", (0.25, 0.35))),
        alt_text="Shares by round.",
        value_format="{:.0%}",
    )
    return Report(
        title_page=TitlePage(
            title="Representation Review 2026",
            organisation="Northfield CVS",
            subtitle="Report to members",
            report_date=date(2026, 11, 25),
            author=VIETNAMESE,
            version="1.2",
        ),
        sections=(
            Section(
                "1. Introduction",
                (
                    Paragraph.of(
                        "Plain text, ",
                        Span("bold words", bold=True),
                        ", ",
                        Span("italic words", italic=True),
                        " and ",
                        Span("a link", link="https://www.ons.gov.uk/?a=1&b=2"),
                        ".",
                    ),
                    Paragraph.of(TRICKY),
                    Paragraph.of(f"Names: {POLISH}; {TURKISH}; {VIETNAMESE}."),
                    KeyFigures(
                        (
                            KeyFigure("Members", "1,204"),
                            KeyFigure("Ratio", "0.42", "1.00 means proportional"),
                        )
                    ),
                    BulletList((Paragraph.of("First bullet"), Paragraph.of("Second bullet"))),
                    BulletList((Paragraph.of("Step one"), Paragraph.of("Step two")), numbered=True),
                    Note("Counts under 5 are suppressed."),
                    Section("1.1 Who we counted", (grouped, chart)),
                ),
            ),
            Section(
                "2. Members",
                (long_table(), PageBreak(), Section("2.1 Next steps", (Paragraph.of("Onwards."),))),
            ),
            Section(f"3. {TRICKY}", (Paragraph.of("Heading with markup characters."),)),
        ),
        appendices=(Section("Appendix A: method", (Paragraph.of("How we did it."),)),),
        notes=(Note("Percentages may not sum to 100 because of rounding."),),
        subject="Test report",
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "report.pdf"
    # Short, but these tests check the contents page: treat it as long enough for one.
    with mock.patch.object(outline, "CONTENTS_MIN_PAGES", 0):
        result = render_pdf(sample_report(), out)
    assert result.path == out
    return out


def page_text(pdf: Path, page: int) -> str:
    tool = require_tool("pdftotext")
    return subprocess.run(
        [tool, "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_pdf_is_valid_and_has_the_text(rendered: Path) -> None:
    qpdf_check(rendered)
    text = pdf_text(rendered)
    for expected in (
        "Representation Review 2026",
        "Northfield CVS",
        "Report to members",
        "25 November 2026",
        "Version 1.2",
        "Contents",
        "1. Introduction",
        "bold words",
        "First bullet",
        "Step two",
        "1,204",
        "Bangladeshi",
        "Asian, Asian British or Asian Welsh",
        "Percentages may not sum",
        "Appendix A: method",
        "Table 1: people by ethnic group & role",
        "Figure 1: share by round",
        "25/11/2026",
        "Counts under 5",
    ):
        assert expected in text, expected


def test_outline_has_an_entry_per_heading(rendered: Path) -> None:
    report = sample_report()
    headings = [b.title for _, b in report.walk() if isinstance(b, Section)]
    with pikepdf.open(rendered) as pdf, pdf.open_outline() as outline:
        titles: list[str] = []

        def collect(items, depth: int, depths: list[int]) -> None:
            for item in items:
                titles.append(item.title)
                depths.append(depth)
                collect(item.children, depth + 1, depths)

        depths: list[int] = []
        collect(outline.root, 0, depths)
    assert titles == [
        "Contents",
        *[h for h in headings if not h.startswith("Appendix")],
        "Notes",
        "Appendix A: method",
    ]  # notes before the appendices, as in Word
    assert (
        titles[titles.index("1.1 Who we counted")]
        and depths[titles.index("1.1 Who we counted")] == 1
    )
    assert TRICKY in titles[titles.index(f"3. {TRICKY}")]


def test_contents_lists_each_heading_with_its_page(rendered: Path) -> None:
    import re

    pages = pdf_text(rendered).split("\f")
    contents = pages[1]
    assert "Contents" in [line.strip() for line in contents.splitlines()]
    top_two_levels = [
        "1. Introduction",
        "1.1 Who we counted",
        "2. Members",
        "2.1 Next steps",
        f"3. {TRICKY}",
        "Notes",
        "Appendix A: method",
    ]
    for title in top_two_levels:
        found = re.search(rf"^\s*{re.escape(title)}\s+(\d+)\s*$", contents, re.MULTILINE)
        assert found, f"{title!r} is missing from the contents"
        page = int(found.group(1))
        assert page > 2 and title in pages[page - 1], (title, page)
    with pikepdf.open(rendered) as pdf:
        links = [a for a in pdf.pages[1].get("/Annots", []) if a.Subtype == "/Link"]
    assert len(links) == len(top_two_levels)  # each contents line jumps to its heading


def test_bookmarks_and_contents_links_jump_to_the_heading_page(rendered: Path) -> None:
    pages_text = pdf_text(rendered).split("\f")
    with pikepdf.open(rendered) as pdf:
        number = {page.objgen: i + 1 for i, page in enumerate(pdf.pages)}
        with pdf.open_outline() as outline:
            pending = list(outline.root)
            while pending:
                item = pending.pop()
                pending.extend(item.children)
                page = number[item.destination[0].objgen]
                assert item.title in pages_text[page - 1], (item.title, page)
        targets = [number[a.Dest[0].objgen] for a in pdf.pages[1].Annots]
    assert targets == sorted(targets) and targets[0] == 3


def test_page_numbers_say_page_n_of_total(rendered: Path) -> None:
    with pikepdf.open(rendered) as pdf:
        total = len(pdf.pages)
    assert total >= 4
    assert f"Page 1 of {total}" in page_text(rendered, 1)
    assert f"Page {total} of {total}" in page_text(rendered, total)
    assert "Representation Review 2026" in page_text(rendered, 3).splitlines()[0]


def test_table_header_repeats_on_every_page_it_spans(rendered: Path) -> None:
    text = pdf_text(rendered)
    pages = text.split("\f")
    spanned = [p for p in pages if "Member row" in p]
    assert len(spanned) >= 2, "the long table should split over pages"
    for page in spanned:
        for title in ("Person name", "Headcount", "Share of total", "Joined on"):
            assert title in page


def test_diacritic_names_extract_correctly(rendered: Path) -> None:
    text = nfc(pdf_text(rendered))
    for name in (POLISH, TURKISH, VIETNAMESE):
        assert nfc(name) in text, name


def test_decomposed_vietnamese_is_normalised(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", VIETNAMESE)
    report = Report(TitlePage("Names"), (Section("People", (Paragraph.of(decomposed),)),))
    out = render_pdf(report, tmp_path / "nfd.pdf").path
    assert VIETNAMESE in nfc(pdf_text(out))


def test_all_fonts_are_embedded(rendered: Path) -> None:
    with pikepdf.open(rendered) as pdf:
        seen = 0
        for page in pdf.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                seen += 1
                if font.Subtype == "/Type0":
                    descriptor = font.DescendantFonts[0].FontDescriptor
                else:
                    descriptor = font.get("/FontDescriptor")
                assert descriptor is not None and "/FontFile2" in descriptor, font.BaseFont
        assert seen


def test_user_markup_characters_render_literally(rendered: Path) -> None:
    text = pdf_text(rendered)
    assert TRICKY in text
    assert text.count(TRICKY) >= 3  # paragraph, table cell and heading


def test_metadata_and_language(rendered: Path) -> None:
    with pikepdf.open(rendered) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Representation Review 2026"
        assert str(pdf.docinfo["/Author"]) == VIETNAMESE
        assert str(pdf.docinfo["/Subject"]) == "Test report"
        assert str(pdf.Root.Lang) == "en-GB"


def test_links_are_live_and_unsafe_links_are_dropped(tmp_path: Path, rendered: Path) -> None:
    with pikepdf.open(rendered) as pdf:
        uris = [
            str(a.A.URI)
            for page in pdf.pages
            for a in page.get("/Annots", [])
            if "/A" in a and "/URI" in a.A
        ]
    assert "https://www.ons.gov.uk/?a=1&b=2" in uris
    report = Report(
        TitlePage("Links"),
        (Section("S", (Paragraph.of(Span("click me", link="javascript:alert(1)")),)),),
    )
    result = render_pdf(report, tmp_path / "links.pdf")
    assert "click me" in pdf_text(result.path)
    assert any("click me" in w for w in result.warnings)


def test_cancel_leaves_no_file_and_keeps_an_existing_one(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    calls = {"n": 0}

    def cancel_after_a_while() -> bool:
        calls["n"] += 1
        return calls["n"] > 20

    with pytest.raises(ExportCancelled):
        render_pdf(sample_report(), out, is_cancelled=cancel_after_a_while)
    assert list(tmp_path.iterdir()) == []

    out.write_bytes(b"the user's earlier export")
    calls["n"] = 0
    with pytest.raises(ExportCancelled):
        render_pdf(sample_report(), out, is_cancelled=cancel_after_a_while)
    assert out.read_bytes() == b"the user's earlier export"
    assert list(tmp_path.iterdir()) == [out]


def test_progress_rises_to_one(tmp_path: Path) -> None:
    seen: list[float] = []
    render_pdf(sample_report(), tmp_path / "p.pdf", progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen) and len(seen) > 3


def test_an_error_keeps_the_existing_file(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"keep me")
    from app.reports.charts import drawing as charts

    def boom(*_args, **_kwargs):
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(charts, "chart_drawing", boom)
    with pytest.raises(RuntimeError):
        render_pdf(sample_report(), out)
    assert out.read_bytes() == b"keep me"
    assert list(tmp_path.iterdir()) == [out]


def test_minimal_and_empty_reports(tmp_path: Path) -> None:
    empty = render_pdf(Report(TitlePage(""), ()), tmp_path / "empty.pdf").path
    qpdf_check(empty)
    assert "Placeholder" not in pdf_text(empty)
    odd = Report(
        TitlePage("Odd"),
        (
            Section(
                "Empty things",
                (
                    Table((), ()),
                    Table((Column("Only"),), (), caption="No rows"),
                    KeyFigures(()),
                    BulletList(()),
                    Chart(ChartKind.RADAR, "Nothing", (), (), alt_text="Nothing."),
                    Section(
                        "Deep", (Section("Deeper", (Section("Deepest", (Paragraph.of(""),)),)),)
                    ),
                ),
            ),
        ),
    )
    result = render_pdf(odd, tmp_path / "odd.pdf")
    qpdf_check(result.path)
    assert "No rows to show." in pdf_text(result.path)
    assert result.warnings


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        render_pdf(sample_report(), tmp_path / "nowhere" / "r.pdf")


# ---------------------------------------------------------------- accessible PDF (LibreOffice)


def word_file(path: Path) -> Path:
    """A small .docx built directly, so these tests do not depend on the Word renderer."""
    import docx

    document = docx.Document()
    document.core_properties.title = "Accessible report"
    document.add_heading("Representation review", level=1)
    document.add_paragraph(f"{POLISH}; {TURKISH}; {VIETNAMESE}.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Ethnic group", "People"
    table.cell(1, 0).text, table.cell(1, 1).text = "Irish", "12"
    document.add_heading("Method", level=2)
    document.add_paragraph("How we did it.")
    document.save(path)
    return path


def test_accessible_pdf_is_tagged(tmp_path: Path) -> None:
    from app.reports.render.accessible_pdf import libreoffice_available, render_accessible_pdf
    from tests.support.office import libreoffice

    libreoffice()  # fails (not skips) when LibreOffice is missing
    assert libreoffice_available()
    out = tmp_path / "accessible.pdf"
    result = render_accessible_pdf(word_file(tmp_path / "report.docx"), out)
    assert result.path == out and result.warnings == ()
    qpdf_check(out)
    with pikepdf.open(out) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked) is True
    text = " ".join(nfc(pdf_text(out)).split())  # the name may wrap onto a second line
    assert "Representation review" in text and nfc(VIETNAMESE) in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["accessible.pdf", "report.docx"]


def test_accessible_pdf_timeout_stops_libreoffice_and_writes_nothing(tmp_path: Path) -> None:
    from app.reports.render.accessible_pdf import AccessiblePdfError, render_accessible_pdf

    out = tmp_path / "accessible.pdf"
    out.write_bytes(b"older export")
    with pytest.raises(AccessiblePdfError, match="longer than"):
        render_accessible_pdf(word_file(tmp_path / "report.docx"), out, timeout=0.05)
    assert out.read_bytes() == b"older export"


def test_accessible_pdf_can_be_cancelled(tmp_path: Path) -> None:
    from app.reports.render.accessible_pdf import render_accessible_pdf

    with pytest.raises(ExportCancelled):
        render_accessible_pdf(
            word_file(tmp_path / "report.docx"), tmp_path / "a.pdf", is_cancelled=lambda: True
        )
    assert not (tmp_path / "a.pdf").exists()


def test_accessible_pdf_without_libreoffice_says_how_to_get_it(tmp_path, monkeypatch) -> None:
    from app.reports.render import accessible_pdf

    monkeypatch.setattr(accessible_pdf, "find_libreoffice", lambda: None)
    assert not accessible_pdf.libreoffice_available()
    with pytest.raises(accessible_pdf.LibreOfficeMissingError) as caught:
        accessible_pdf.render_accessible_pdf(word_file(tmp_path / "r.docx"), tmp_path / "r.pdf")
    message = str(caught.value)
    assert "needs LibreOffice" in message and "libreoffice.org" in message
    assert not (tmp_path / "r.pdf").exists()


def test_awkward_tables_fit_the_page(tmp_path: Path) -> None:
    wide = Table(
        tuple(Column(f"Year {2010 + i}", ColumnKind.NUMBER) for i in range(12)),
        (Row(tuple(i * 1000 + 234.56 for i in range(12))),),
        caption="Twelve number columns",
    )
    tall = Table(
        (Column("Notes", weight=3), Column("People", ColumnKind.COUNT)),
        (Row(("word " * 3000, 7)), Row(("https://example.org/" + "a" * 300, 8))),
        caption="A cell longer than a page",
    )
    report = Report(TitlePage("Tables"), (Section("Awkward", (wide, tall)),))
    out = render_pdf(report, tmp_path / "tables.pdf").path
    qpdf_check(out)
    text = pdf_text(out)
    for i in range(12):  # numbers are never broken over two lines
        assert f"{i * 1000 + 234.56:,.2f}" in text
    assert text.count("Notes") >= 3  # the long row continues under repeated headers


# ---------------------------------------------------------------- fast paragraphs (TextFlow)

WORDS = (
    *("the", "of", "and", "a", "to", "in", "representation", "organisations", "volunteers"),
    *("Nguyễn", "Gęślą", "Şükrü", "partnership", "co-ordinated", "interpreting,"),
    *("(provisional).", "2026", "480"),
)


def fuzz_paragraphs(count: int, seed: int = 20261125) -> list[tuple[Span, ...]]:
    """Deterministic paragraphs mixing plain, bold, italic and link runs, spaces at run edges
    and runs that start or end mid-word."""
    import random

    rng = random.Random(seed)
    out = []
    for _ in range(count):
        spans = []
        for _ in range(rng.randint(1, 5)):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 30)))
            text = (" " if rng.random() < 0.3 else "") + text + (" " if rng.random() < 0.5 else "")
            spans.append(
                Span(
                    text,
                    bold=rng.random() < 0.3,
                    italic=rng.random() < 0.3,
                    link="https://example.org/?a=1&b=2" if rng.random() < 0.2 else None,
                )
            )
        out.append(tuple(spans))
    return out


def reportlab_lines(paragraph, width: float) -> list[str]:
    paragraph.wrap(width, 1e6)
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        texts = [" ".join(words) for _, words in lines]
    else:
        texts = ["".join(frag.text for frag in line.words) for line in lines]
    return [" ".join(text.split()) for text in texts]


def test_text_flow_breaks_lines_exactly_like_reportlab() -> None:
    from app.reports.render.pdf.markup import Para, span_markup
    from app.reports.render.pdf.measure import Measure
    from app.reports.render.pdf.styles import build_styles
    from app.reports.render.pdf.text import TextFlow

    styles = build_styles()
    measure = Measure()
    paragraphs = [
        *fuzz_paragraphs(150),
        (Span(f"Names: {POLISH}; {TURKISH}; {VIETNAMESE}. " * 4),),
        (Span(TRICKY),),
        (
            Span("Plain, "),
            Span("bold", bold=True),
            Span(" and "),
            Span("a link", link="https://x.org"),
        ),
    ]
    compared = 0
    for style in (styles.body, styles.note, styles.caption, styles.heading(1)):
        for spans in paragraphs:
            flow = TextFlow.from_spans(spans, style, measure)
            assert flow is not None
            para = Para("".join(span_markup(span) for span in spans), style)
            for width in (481.9, 300.0, 150.5, 90.0):
                if flow._break(width) is None:
                    continue  # a word wider than the line: reportlab's own engine does it
                flow.wrap(width, 1e6)
                ours = [" ".join(flow._texts[a:b]) for a, b, _ in flow._line_ranges()]
                assert ours == reportlab_lines(para, width)
                theirs = [width - w for w in para.getActualLineWidths0()]
                assert flow._spares == pytest.approx(theirs, abs=1e-9)  # incl. shrunk lines
                compared += 1
    assert compared > 1500


def test_text_flow_hands_what_it_does_not_do_to_reportlab() -> None:
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle

    from app.reports.render.pdf.markup import Para
    from app.reports.render.pdf.measure import Measure
    from app.reports.render.pdf.styles import build_styles
    from app.reports.render.pdf.text import TextFlow, text_flow

    styles = build_styles()
    measure = Measure()
    justified = ParagraphStyle("J", parent=styles.body, alignment=TA_JUSTIFY)
    for spans, style in (
        ((Span("two\nlines"),), styles.body),
        ((Span("soft\xadhyphen"),), styles.body),
        ((Span("no\xa0break"),), styles.body),
        ((Span(""),), styles.body),
        ((Span("justified text"),), justified),
    ):
        assert isinstance(text_flow(spans, style, measure), Para), spans
    # A word wider than the line, in text of mixed runs, is still reportlab's to split.
    mixed = TextFlow.from_spans((Span("see "), Span("x" * 300, bold=True)), styles.body, measure)
    _, height = mixed.wrap(200, 1e6)
    assert mixed._para is not None and height > 3 * styles.body.leading
    assert mixed.getPlainText().startswith("see x")


def test_text_flow_cuts_long_words_exactly_like_reportlab() -> None:
    from app.reports.render.pdf.markup import Para, span_markup
    from app.reports.render.pdf.measure import Measure
    from app.reports.render.pdf.styles import build_styles
    from app.reports.render.pdf.text import TextFlow

    style, measure = build_styles().body, Measure()
    for text in ("see " + "x" * 300, "a b c " + "Łódź" * 100 + " tail words here", "W" * 500,
                 "start " + "ab" * 2000 + " end", "https://example.org/" + "q=1&" * 80):
        for width in (200.0, 300.0, 481.9):
            flow = TextFlow.from_spans((Span(text),), style, measure)
            flow.wrap(width, 1e6)
            assert flow._para is None  # no hand-over: reportlab re-measures on every page
            ours = [" ".join(flow._texts[a:b]) for a, b, _ in flow._line_ranges()]
            assert ours == reportlab_lines(Para(span_markup(Span(text)), style), width)
            assert flow.getPlainText() == text
            # wrapped again at another width, the pieces are cut afresh
            flow.wrap(width + 50, 1e6)
            assert flow.getPlainText() == text
            assert all(w <= width + 50 for w in flow._widths)


def test_text_flow_splits_across_pages_like_reportlab() -> None:
    from app.reports.render.pdf.markup import Para, span_markup
    from app.reports.render.pdf.measure import Measure
    from app.reports.render.pdf.styles import build_styles
    from app.reports.render.pdf.text import TextFlow

    styles = build_styles()
    spans = fuzz_paragraphs(1)[0] + (Span(" and more words to fill the lines " * 12),)
    for room in (0.0, 10.0, 14.0, 28.0, 30.0, 41.0, 80.0, 130.0, 1000.0):
        flow = TextFlow.from_spans(spans, styles.body, Measure())
        para = Para("".join(span_markup(span) for span in spans), styles.body)
        flow.wrap(300, room)
        para.wrap(300, room)
        ours, theirs = flow.split(300, room), para.split(300, room)
        assert len(ours) == len(theirs), room
        for part, their_part in zip(ours, theirs, strict=True):
            assert part.wrap(300, 1e6) == their_part.wrap(300, 1e6)
            lines = [" ".join(part._texts[a:b]) for a, b, _ in part._line_ranges()]
            assert lines == reportlab_lines(their_part, 300)


def test_text_flow_draws_what_reportlab_draws(tmp_path: Path) -> None:
    """Same pixels, same text, same clickable links as reportlab's Paragraph."""
    import pypdfium2
    from PIL import ImageChops
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Frame

    from app.reports.render.pdf.markup import Para, span_markup
    from app.reports.render.pdf.measure import Measure
    from app.reports.render.pdf.styles import build_styles
    from app.reports.render.pdf.text import TextFlow

    styles = build_styles()
    paragraphs = [
        *fuzz_paragraphs(40),
        (Span("All of this paragraph is one long link " * 6, link="mailto:a@example.org"),),
        (Span("Note:", bold=True), Span(" "), Span(f"{POLISH} {TURKISH} {VIETNAMESE} " * 3)),
    ]

    def page(make) -> Path:
        out = tmp_path / f"{make.__name__}.pdf"
        canvas = Canvas(str(out), pagesize=A4, initialFontName=styles.body.fontName)
        story = [make(spans) for spans in paragraphs]
        while story:
            frame = Frame(50, 50, 300, 740, showBoundary=0)
            frame.addFromList(story, canvas)
            canvas.showPage()
        canvas.save()
        return out

    def reportlab(spans):
        return Para("".join(span_markup(span) for span in spans), styles.body)

    measure = Measure()

    def ours(spans):
        return TextFlow.from_spans(spans, styles.body, measure)

    def links(pdf_page) -> list:
        annots = pdf_page.get("/Annots", [])
        return [(str(a.A.URI), [round(float(v), 2) for v in a.Rect]) for a in annots]

    theirs_pdf, ours_pdf = page(reportlab), page(ours)
    assert pdf_text(ours_pdf) == pdf_text(theirs_pdf)
    with pikepdf.open(theirs_pdf) as a, pikepdf.open(ours_pdf) as b:
        assert len(a.pages) == len(b.pages) > 1
        for p, q in zip(a.pages, b.pages, strict=True):
            assert links(p) == links(q)
    docs = [pypdfium2.PdfDocument(str(path)) for path in (theirs_pdf, ours_pdf)]
    try:
        for i in range(len(docs[0])):
            images = [doc[i].render(scale=2).to_pil().convert("L") for doc in docs]
            assert ImageChops.difference(*images).getbbox() is None, f"page {i + 1}"
    finally:
        for doc in docs:
            doc.close()


def test_repeated_strings_are_written_byte_for_byte(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from app.reports.render.fonts import register_fonts
    from app.reports.render.pdf.template import NumberedCanvas

    fonts = register_fonts()
    codes = []
    for cls in (Canvas, NumberedCanvas):
        canvas = cls(str(tmp_path / f"{cls.__name__}.pdf"))
        start = len(canvas._code)
        for round_ in range(3):
            for i, text in enumerate(("12.5%", VIETNAMESE, "Total", "(a) \\ b", "12.5%")):
                canvas.setFont(fonts.bold if i % 2 else fonts.regular, 8.5 + round_, 10.5)
                canvas.drawString(10 + i, 700 - i, text)
                canvas.drawRightString(500.25, 600 - i, text)
                canvas.drawCentredString(300, 500 - i, text)
        canvas.drawString(10, 10, "mode", mode=0)  # any option: reportlab's own path
        codes.append(canvas._code[start:])
    assert codes[0] == codes[1]


def test_table_cells_are_styled_as_the_style_commands_would() -> None:
    """The tables set reportlab's cell styles directly; they must match the commands."""
    from reportlab.lib import colors
    from reportlab.platypus import Table as PdfTable

    from app.reports.model.report import Align
    from app.reports.render.fonts import register_fonts
    from app.reports.render.pdf.styles import build_styles
    from app.reports.render.pdf.tables import PAD_X, table_flowable

    styles = build_styles()
    fonts = register_fonts()
    table = Table(
        (
            Column("Ethnic group", weight=3),
            Column("People", ColumnKind.COUNT),
            Column("Centre", align=Align.CENTRE),
        ),
        (
            RowGroup("White", (Row(("Irish", 3, "a")), Row(("Roma", 4, "b")))),
            Row(("Other", 5, "c")),
            Row(("Total", 12, ""), is_total=True),
        ),
    )
    ours = table_flowable(table, styles, 400)
    size, leading = styles.cell.fontSize, styles.cell.leading
    reference = PdfTable(
        [list(row) for row in ours._cellvalues],
        style=[
            ("FONT", (0, 0), (-1, -1), fonts.regular, size, leading),
            ("TEXTCOLOR", (0, 1), (-1, -1), styles.cell.textColor),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
            ("FONT", (0, 0), (-1, 0), fonts.bold, size, leading),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("ALIGN", (0, 0), (0, -1), "LEFT"),
            ("ALIGN", (1, 0), (1, -1), "RIGHT"),
            ("ALIGN", (2, 0), (2, -1), "CENTER"),
            ("FONT", (0, 1), (-1, 1), fonts.bold, size, leading),  # the group row
            ("ALIGN", (0, 1), (-1, 1), "LEFT"),
            ("FONT", (0, 5), (-1, 5), fonts.bold, size, leading),  # the total row
        ],
    )
    attributes = ("fontname", "fontsize", "leading", "color", "alignment", "valign")
    attributes += ("leftPadding", "rightPadding", "topPadding", "bottomPadding")
    for mine, theirs in zip(ours._cellStyles, reference._cellStyles, strict=True):
        for a, b in zip(mine, theirs, strict=True):
            assert [getattr(a, k) for k in attributes] == [getattr(b, k) for k in attributes]
