"""The style definitions (styles.xml) of the shipped Word template.

Style names follow Word's built-in names ("heading 1", "caption", "List Bullet") so Word's
navigation pane, style gallery and "update styles" behave as users expect; the renderer
looks styles up by these names, never by id. Sizes are in points, spacing in twips
(1/20 pt). Properties are written in schema order because Word rejects other orders.
"""

from __future__ import annotations

from app.reports.render.docx.theme import (
    BORDER,
    FONT,
    GREY_TEXT,
    HEADER_FILL,
    LANGUAGE,
    NAVY,
    USABLE_WIDTH,
    XML_DECL,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _rpr(
    *,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    colour: str | None = None,
    caps: bool = False,
    underline: bool = False,
) -> str:
    """Run properties in the order the schema requires (Word rejects other orders)."""
    parts = []
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if caps:
        parts.append("<w:caps/>")
    if colour:
        parts.append(f'<w:color w:val="{colour}"/>')
    if size is not None:
        half_points = round(size * 2)
        parts.append(f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>')
    if underline:
        parts.append('<w:u w:val="single"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def _ppr(
    *,
    keep_next: bool = False,
    keep_lines: bool = False,
    num_id: int | None = None,
    border_bottom: str | None = None,
    tabs: tuple[tuple[str, int], ...] = (),
    before: int | None = None,
    after: int | None = None,
    line: int | None = None,
    indent: tuple[int, int] | None = None,
    contextual: bool = False,
    outline: int | None = None,
) -> str:
    """Paragraph properties, schema order. Spacing is in twips (1/20 pt)."""
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    if keep_lines:
        parts.append("<w:keepLines/>")
    if num_id is not None:
        parts.append(f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    if border_bottom:
        parts.append(
            f'<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="4" w:color="{border_bottom}"/>'
            "</w:pBdr>"
        )
    if tabs:
        # A kind of "right.dot" is a right tab with a dotted leader (contents lines).
        stops = "".join(
            f'<w:tab w:val="{kind.split(".")[0]}"'
            + (f' w:leader="{kind.split(".")[1]}"' if "." in kind else "")
            + f' w:pos="{pos}"/>'
            for kind, pos in tabs
        )
        parts.append(f"<w:tabs>{stops}</w:tabs>")
    spacing = []
    if before is not None:
        spacing.append(f'w:before="{before}"')
    if after is not None:
        spacing.append(f'w:after="{after}"')
    if line is not None:
        spacing.append(f'w:line="{line}" w:lineRule="auto"')
    if spacing:
        parts.append(f"<w:spacing {' '.join(spacing)}/>")
    if indent:
        parts.append(f'<w:ind w:left="{indent[0]}" w:hanging="{indent[1]}"/>')
    if contextual:
        parts.append("<w:contextualSpacing/>")
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def _para_style(
    style_id: str,
    name: str,
    *,
    ppr: str = "",
    rpr: str = "",
    based_on: str | None = "Normal",
    next_id: str | None = None,
    priority: int = 10,
    default: bool = False,
) -> str:
    attrs = ' w:default="1"' if default else ""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{next_id}"/>' if next_id else ""
    return (
        f'<w:style w:type="paragraph"{attrs} w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>{based}{nxt}<w:uiPriority w:val="{priority}"/><w:qFormat/>'
        f"{ppr}{rpr}</w:style>"
    )


def _heading_styles() -> list[str]:
    # (size pt, space before, space after, italic) per level: clear steps down the hierarchy.
    levels = (
        (16, 360, 120, False),
        (13, 280, 100, False),
        (11.5, 220, 80, False),
        (10.5, 200, 60, True),
    )
    styles = []
    for level, (size, before, after, italic) in enumerate(levels, start=1):
        styles.append(
            _para_style(
                f"Heading{level}",
                f"heading {level}",
                ppr=_ppr(
                    keep_next=True,
                    keep_lines=True,
                    before=before,
                    after=after,
                    line=240,
                    outline=level - 1,
                ),
                rpr=_rpr(size=size, bold=True, italic=italic, colour=NAVY),
                next_id="Normal",
                priority=9,
            )
        )
    return styles


def _table_style() -> str:
    """Thin grey borders everywhere; the header row bold on a pale fill."""
    line = f'w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"'
    borders = "".join(
        f"<w:{edge} {line}/>" for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        '<w:style w:type="table" w:customStyle="1" w:styleId="ReportTable">'
        '<w:name w:val="Report Table"/><w:basedOn w:val="TableNormal"/>'
        '<w:uiPriority w:val="40"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"{_rpr(size=9)}"
        f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>"
        '<w:tblStylePr w:type="firstRow">'
        f"{_rpr(bold=True)}"
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>'
        '<w:vAlign w:val="bottom"/></w:tcPr>'
        "</w:tblStylePr></w:style>"
    )


def _base_styles() -> list[str]:
    return [
        # Word expects these four defaults to exist; LibreOffice is happier with them too.
        _para_style(
            "Normal",
            "Normal",
            ppr=_ppr(after=140, line=264),
            rpr=(
                f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" '
                f'w:cs="{FONT}"/><w:sz w:val="19"/><w:szCs w:val="19"/>'
                f'<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA"/></w:rPr>'
            ),
            based_on=None,
            priority=0,
            default=True,
        ),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList">'
        '<w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
    ]


def _document_styles() -> list[str]:
    return [
        _para_style(
            "Title",
            "Title",
            ppr=_ppr(after=240, line=240, border_bottom=NAVY, keep_next=True),
            rpr=_rpr(size=26, bold=True, colour=NAVY),
            next_id="Subtitle",
        ),
        _para_style(
            "Subtitle",
            "Subtitle",
            ppr=_ppr(after=480, line=240),
            rpr=_rpr(size=15, colour=GREY_TEXT),
            next_id="Normal",
            priority=11,
        ),
        _para_style(
            "TitlePageOrganisation",
            "Title Page Organisation",
            ppr=_ppr(after=200, keep_next=True),
            rpr=_rpr(size=12, bold=True, caps=True, colour=GREY_TEXT),
            priority=12,
        ),
        _para_style(
            "TitlePageDetail",
            "Title Page Detail",
            ppr=_ppr(after=60),
            rpr=_rpr(size=11, colour=GREY_TEXT),
            priority=12,
        ),
        *_heading_styles(),
        _para_style(
            "Caption",
            "caption",
            ppr=_ppr(keep_next=True, before=200, after=80, line=240),
            rpr=_rpr(size=9.5, bold=True, colour=NAVY),
            priority=35,
        ),
        _para_style(
            "ListBullet",
            "List Bullet",
            ppr=_ppr(num_id=1, after=60, indent=(357, 357), contextual=True),
            priority=36,
        ),
        _para_style(
            "ListNumber",
            "List Number",
            ppr=_ppr(num_id=2, after=60, indent=(357, 357), contextual=True),
            priority=37,
        ),
        _para_style(
            "TOCHeading",
            "TOC Heading",
            ppr=_ppr(keep_next=True, before=0, after=200, line=240),
            rpr=_rpr(size=16, bold=True, colour=NAVY),
            priority=39,
        ),
        _para_style(
            "TOC1",
            "toc 1",
            ppr=_ppr(tabs=(("right.dot", USABLE_WIDTH),), before=80, after=0, line=240),
            rpr=_rpr(bold=True),
            priority=39,
        ),
        _para_style(
            "TOC2",
            "toc 2",
            ppr=_ppr(
                tabs=(("right.dot", USABLE_WIDTH),), before=0, after=0, line=240,
                indent=(280, 0),
            ),
            priority=39,
        ),
        _para_style(
            "Note",
            "Note",
            ppr=_ppr(before=60, after=140, line=240),
            rpr=_rpr(size=8.5, colour=GREY_TEXT),
            priority=38,
        ),
        _para_style(
            "TableText",
            "Table Text",
            ppr=_ppr(before=0, after=0, line=240),
            rpr=_rpr(size=9),
            priority=39,
        ),
        _para_style(
            "KeyFigureValue",
            "Key Figure Value",
            ppr=_ppr(before=40, after=0, line=240, keep_next=True),
            rpr=_rpr(size=20, bold=True, colour=NAVY),
            priority=39,
        ),
        _para_style(
            "KeyFigureLabel",
            "Key Figure Label",
            ppr=_ppr(before=20, after=40, line=240),
            rpr=_rpr(size=9, colour=GREY_TEXT),
            priority=39,
        ),
        _para_style(
            "Header",
            "header",
            ppr=_ppr(
                tabs=(("center", USABLE_WIDTH // 2), ("right", USABLE_WIDTH)),
                after=0,
                line=240,
                border_bottom=BORDER,
            ),
            rpr=_rpr(size=8, colour=GREY_TEXT),
            priority=99,
        ),
        _para_style(
            "Footer",
            "footer",
            ppr=_ppr(
                tabs=(("center", USABLE_WIDTH // 2), ("right", USABLE_WIDTH)), after=0, line=240
            ),
            rpr=_rpr(size=8, colour=GREY_TEXT),
            priority=99,
        ),
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>'
        '<w:unhideWhenUsed/><w:rPr><w:color w:val="0B57A4"/><w:u w:val="single"/></w:rPr>'
        "</w:style>",
        _table_style(),
    ]


def styles_xml() -> str:
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        '<w:sz w:val="19"/><w:szCs w:val="19"/>'
        f'<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault>"
        '<w:pPrDefault><w:pPr><w:spacing w:after="140" w:line="264" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    body = "".join(_base_styles() + _document_styles())
    return f'{XML_DECL}<w:styles xmlns:w="{W_NS}">{defaults}{body}</w:styles>'
