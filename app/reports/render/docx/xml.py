"""Small WordprocessingML string builders shared by the Word renderer's modules.

The renderer writes body XML as strings and parses them once: python-docx's object API
costs about 5 ms per table, which is a second for a 200-table report. Every builder here
returns a well-formed fragment with text escaped, so the single parse never fails on user
text. Property elements are emitted in schema order because Word reports a damaged file
(and offers a repair) when they are not.
"""

from __future__ import annotations

from urllib.parse import quote

from app.reports.model.formatting import column_format, format_value
from app.reports.model.report import CellValue, ColumnKind, Span
from app.reports.render.safe_text import XML_ILLEGAL

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"

# Declared once on the wrapper element that the whole body fragment is parsed inside.
NSDECLS = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:wp="{WP_NS}" xmlns:a="{A_NS}" xmlns:pic="{PIC_NS}"'
)

TWIPS_PER_INCH = 1440
EMU_PER_INCH = 914400


# XML 1.0 forbids most control characters; a stray one pasted from another program must not
# make the whole export fail, so they are dropped.
_INVALID_XML = XML_ILLEGAL
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})

BOLD = "<w:b/><w:bCs/>"
ITALIC = "<w:i/><w:iCs/>"


def esc(text: str) -> str:
    """Escape text for element content or a double-quoted attribute."""
    if "&" in text or "<" in text or ">" in text or '"' in text:  # (most text has none)
        text = text.translate(_ESCAPES)
    if _INVALID_XML.search(text):
        text = _INVALID_XML.sub("", text)
    return text



def safe_url(url: str) -> str:
    """Percent-encode characters (spaces, quotes) that make Word reject a relationship."""
    return quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~")


# ---------------------------------------------------------------- runs and paragraphs


def _text_runs(text: str, rpr: str) -> str:
    """One run, with line breaks and tabs turned into Word's own elements."""
    body = esc(text)
    if "\n" in body or "\t" in body:
        body = body.replace("\r\n", "\n").replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
        body = body.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    return f'<w:r>{rpr}<w:t xml:space="preserve">{body}</w:t></w:r>'


def run(text: str, *, bold: bool = False, italic: bool = False, extra_rpr: str = "") -> str:
    props = (BOLD if bold else "") + (ITALIC if italic else "") + extra_rpr
    return _text_runs(text, f"<w:rPr>{props}</w:rPr>" if props else "")


def hyperlink(span: Span, rid: str | None, link_style: str | None) -> str:
    """A real w:hyperlink: external by relationship id, internal ('#name') by anchor."""
    props = (f'<w:rStyle w:val="{link_style}"/>' if link_style else "") + (
        (BOLD if span.bold else "") + (ITALIC if span.italic else "")
    )
    if not link_style:  # no Hyperlink style in the template: still look like a link
        props += '<w:color w:val="0B57A4"/><w:u w:val="single"/>'
    inner = _text_runs(span.text, f"<w:rPr>{props}</w:rPr>")
    if rid is None:
        anchor = esc((span.link or "").lstrip("#"))
        return f'<w:hyperlink w:anchor="{anchor}" w:history="1">{inner}</w:hyperlink>'
    return f'<w:hyperlink r:id="{rid}" w:history="1">{inner}</w:hyperlink>'


def ppr(
    style: str | None = None,
    *,
    keep_next: bool = False,
    page_break: bool = False,
    num_id: int | None = None,
    shading: str | None = None,
    spacing: str = "",
    indent: int | None = None,
    jc: str | None = None,
) -> str:
    """Paragraph properties in schema order; empty string when there are none."""
    parts = []
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        parts.append("<w:keepNext/>")
    if page_break:
        parts.append("<w:pageBreakBefore/>")
    if num_id is not None:
        parts.append(f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    if shading:
        parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{shading}"/>')
    if spacing:
        parts.append(spacing)
    if indent is not None:
        parts.append(f'<w:ind w:left="{indent}"/>')
    if jc:
        parts.append(f'<w:jc w:val="{jc}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def paragraph(props: str, content: str) -> str:
    return f"<w:p>{props}{content}</w:p>"


# ---------------------------------------------------------------- table cell values


def format_cell(value: CellValue, kind: ColumnKind) -> str:
    """One cell's text on its own (tables format whole columns with `column_formats`)."""
    return format_value(value, column_format(kind, [value]))
