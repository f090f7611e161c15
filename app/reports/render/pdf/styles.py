"""Paragraph styles, colours and page geometry for the PDF renderer.

One restrained house style: DejaVu Sans throughout, dark-blue headings, light table rules.
Sizes follow the Word export so the two look like the same document.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from app.reports.render.fonts import register_fonts

PAGE_SIZE = A4
MARGIN_LEFT = MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 24 * mm  # leaves room for the running header
MARGIN_BOTTOM = 20 * mm  # and for the footer

ACCENT = colors.HexColor("#1F4E79")
INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#595959")
RULE = colors.HexColor("#BFC9D4")
ZEBRA = colors.HexColor("#F2F5F8")
GROUP_FILL = colors.HexColor("#DCE6F0")
CALLOUT_FILL = colors.HexColor("#EEF3F8")
LINK = colors.HexColor("#0B57A4")

HEADING_SIZES = (16.0, 13.0, 11.5, 10.5)  # level 1..4; deeper levels reuse the last
TOC_DEPTH = 2  # headings deeper than this are in the PDF outline but not the printed contents


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    list_item: ParagraphStyle
    note: ParagraphStyle
    caption: ParagraphStyle
    headings: tuple[ParagraphStyle, ...]
    cell: ParagraphStyle
    header_cell: ParagraphStyle
    figure_value: ParagraphStyle
    figure_label: ParagraphStyle
    figure_note: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    organisation: ParagraphStyle
    title_meta: ParagraphStyle
    contents_heading: ParagraphStyle
    toc_levels: tuple[ParagraphStyle, ...]

    def heading(self, level: int) -> ParagraphStyle:
        return self.headings[min(level, len(self.headings)) - 1]


def build_styles() -> Styles:
    fonts = register_fonts()
    base = ParagraphStyle(
        "Body",
        fontName=fonts.regular,
        fontSize=9.5,
        leading=13.5,
        textColor=INK,
        spaceAfter=6,
        allowWidows=0,
        allowOrphans=0,
        splitLongWords=1,
        hyphenationLang="",
    )

    def derive(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    headings = tuple(
        derive(
            f"Heading{i + 1}",
            fontName=fonts.bold,
            fontSize=size,
            leading=size * 1.25,
            textColor=ACCENT,
            spaceBefore=14 if i == 0 else 10,
            spaceAfter=6 if i == 0 else 4,
            keepWithNext=1,
        )
        for i, size in enumerate(HEADING_SIZES)
    )
    cell = derive("Cell", fontSize=8.5, leading=10.5, spaceAfter=0)
    header = derive(
        "HeaderCell",
        fontName=fonts.bold,
        fontSize=8.5,
        leading=10.5,
        spaceAfter=0,
        textColor=colors.white,
    )
    toc = tuple(
        derive(
            f"TOC{i + 1}",
            fontName=fonts.bold if i == 0 else fonts.regular,
            fontSize=9.5 if i == 0 else 9,
            leading=13 if i == 0 else 11.5,
            leftIndent=14 * i,
            firstLineIndent=0,
            spaceBefore=4 if i == 0 else 0,
            spaceAfter=0,
        )
        for i in range(4)
    )
    return Styles(
        body=base,
        list_item=derive("ListItem", spaceAfter=2),
        note=derive("Note", fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=6),
        caption=derive(
            "Caption",
            fontName=fonts.bold,
            fontSize=9,
            leading=12,
            textColor=INK,
            spaceBefore=6,
            spaceAfter=4,
            keepWithNext=1,
        ),
        headings=headings,
        cell=cell,
        header_cell=header,
        figure_value=derive(
            "FigureValue",
            fontName=fonts.bold,
            fontSize=18,
            leading=22,
            textColor=ACCENT,
            spaceAfter=1,
        ),
        figure_label=derive("FigureLabel", fontSize=8.5, leading=11, spaceAfter=1),
        figure_note=derive("FigureNote", fontSize=7.5, leading=9.5, textColor=MUTED, spaceAfter=0),
        title=derive(
            "Title",
            fontName=fonts.bold,
            fontSize=26,
            leading=32,
            textColor=ACCENT,
            spaceAfter=10,
            alignment=TA_LEFT,
        ),
        subtitle=derive("Subtitle", fontSize=14, leading=19, textColor=MUTED, spaceAfter=18),
        organisation=derive(
            "Organisation",
            fontName=fonts.bold,
            fontSize=12,
            leading=16,
            textColor=INK,
            spaceAfter=28,
        ),
        title_meta=derive("TitleMeta", fontSize=10, leading=15, spaceAfter=0),
        contents_heading=derive(
            "ContentsHeading",
            fontName=fonts.bold,
            fontSize=16,
            leading=20,
            textColor=ACCENT,
            spaceAfter=12,
        ),
        toc_levels=toc,
    )
