"""Reading a .docx draft: body order, headings with levels, lists, tables, text boxes and
footnotes, tracked changes as accepted (see `wordml.py` for a paragraph's text).

Fast by design: document.xml is streamed through lxml's pull parser and each finished
top-level element is dropped, rather than building python-docx objects for the whole document.
Headings come from the paragraph style's outline level (or a "heading N" style name) or a
direct outline level; list items from numbering on the paragraph or its style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.proofing.document import Document, DocumentBuilder, Kind, Source
from app.proofing.errors import DraftRefused
from app.proofing.readers import xmlsafe
from app.proofing.readers.package import DraftFile, open_package
from app.proofing.readers.wordml import (
    MC_FALLBACK,
    W_FOOTNOTE,
    W_P,
    W_TC,
    W_TXBX,
    TextReader,
    W,
)

DOCUMENT = "word/document.xml"
STYLES = "word/styles.xml"
FOOTNOTES = "word/footnotes.xml"
W_BODY = W + "body"
W_VAL = W + "val"
W_PPR = W + "pPr"
W_PSTYLE = W + "pStyle"
W_OUTLINE = W + "outlineLvl"
W_NUMPR = W + "numPr"
_HEADING_NAME = re.compile(r"heading\s*([1-9])", re.IGNORECASE)


@dataclass(frozen=True)
class _Style:
    heading: int | None  # 0 for Title, 1.. for Heading 1..
    listed: bool


def read_docx(draft: DraftFile) -> Document:
    parts = open_package(draft, (DOCUMENT, STYLES, FOOTNOTES, "word/document2.xml"))
    if DOCUMENT not in parts:
        raise DraftRefused(
            f"“{draft.name}” is not a Word document (it has no main text), so it was not "
            "read. Save it from Word or LibreOffice as a .docx and try again."
        )
    styles = _styles(parts[STYLES], draft.name) if STYLES in parts else {}
    builder = DocumentBuilder(draft.name, "docx")
    _read_body(parts[DOCUMENT], draft.name, styles, builder)
    if FOOTNOTES in parts:
        _read_footnotes(parts[FOOTNOTES], draft.name, builder)
    return builder.build()


def _read_body(data: bytes, name: str, styles: dict[str, _Style],
               builder: DocumentBuilder) -> None:
    open_ordinals: list[int] = []  # paragraphs nest (a text box inside a paragraph)
    count = 0
    reader = TextReader(data)
    for event, element in xmlsafe.iterparse(data, name, events=("start", "end"), tag=W_P):
        if event == "start":
            open_ordinals.append(count)
            count += 1
            continue
        ordinal = open_ordinals.pop()
        kind, fallback = _context(element)
        if not fallback:
            text = reader.text(element)
            heading, list_level = _paragraph_style(element, styles)
            source = Source(DOCUMENT, ordinal)
            if heading is not None and kind is Kind.PARAGRAPH:
                builder.add(Kind.HEADING, text, level=heading, source=source)
            elif list_level is not None and kind is Kind.PARAGRAPH:
                builder.add(Kind.LIST_ITEM, text, level=list_level, source=source)
            else:
                builder.add(kind, text, source=source)
        parent = element.getparent()
        if parent is not None and parent.tag == W_BODY:
            # Done with this top-level paragraph and everything before it (tables too).
            element.clear()
            while element.getprevious() is not None:
                del parent[0]


def _context(paragraph: Any) -> tuple[Kind, bool]:
    """What kind of paragraph its place makes it, and whether it is in a fallback copy."""
    kind = Kind.PARAGRAPH
    parent = paragraph.getparent()
    if parent is not None and parent.tag == W_BODY:  # most paragraphs: nothing to look up
        return kind, False
    for ancestor in paragraph.iterancestors():
        tag = ancestor.tag
        if tag == MC_FALLBACK:
            return kind, True
        if tag == W_TXBX:
            kind = Kind.TEXT_BOX
        elif tag == W_TC and kind is Kind.PARAGRAPH:
            kind = Kind.TABLE_CELL
        elif tag == W_BODY:
            break
    return kind, False


def _paragraph_style(paragraph: Any, styles: dict[str, _Style]) -> tuple[int | None, int | None]:
    """(heading level or None, list level or None) from the paragraph's properties."""
    # w:pPr is always the first child; its few children are read in one go.
    if not len(paragraph) or paragraph[0].tag != W_PPR:
        return None, None
    heading: int | None = None
    listed = False
    outline = numbering = None
    for child in paragraph[0]:
        tag = child.tag
        if tag == W_PSTYLE:
            info = styles.get(child.get(W_VAL, ""))
            if info is not None:
                heading, listed = info.heading, info.listed
        elif tag == W_OUTLINE:
            outline = child
        elif tag == W_NUMPR:
            numbering = child
    if outline is not None:
        heading = _outline(outline.get(W_VAL))
    level: int | None = 0 if listed else None
    if numbering is not None:
        number_id = numbering.find(W + "numId")
        if number_id is not None and number_id.get(W_VAL) == "0":  # numbering switched off
            return heading, None
        ilvl = numbering.find(W + "ilvl")
        level = int(ilvl.get(W_VAL, "0")) if ilvl is not None and \
            (ilvl.get(W_VAL) or "").isdigit() else 0
    return heading, level


def _outline(value: str | None) -> int | None:
    # Outline level 9 means body text; 0-8 are heading levels 1-9.
    if value is None or not value.isdigit() or int(value) > 8:
        return None
    return int(value) + 1


def _styles(data: bytes, name: str) -> dict[str, _Style]:
    root = xmlsafe.parse(data, name)
    raw: dict[str, tuple[str | None, int | None, bool, str]] = {}
    for style in root.iter(W + "style"):
        if style.get(W + "type") not in (None, "paragraph"):
            continue
        style_id = style.get(W + "styleId") or ""
        style_name = (style.findtext(W + "name") or "")
        name_node = style.find(W + "name")
        if name_node is not None:
            style_name = name_node.get(W_VAL, "")
        based = style.find(W + "basedOn")
        properties = style.find(W + "pPr")
        outline = numbered = None
        if properties is not None:
            node = properties.find(W + "outlineLvl")
            outline = _outline(node.get(W_VAL)) if node is not None else None
            numbered = properties.find(W + "numPr") is not None
        heading = outline
        match = _HEADING_NAME.fullmatch(style_name.strip())
        if heading is None and match:
            heading = int(match.group(1))
        if heading is None and style_name.strip().lower() == "title":
            heading = 0
        raw[style_id] = (based.get(W_VAL) if based is not None else None, heading,
                         bool(numbered), style_name)

    def resolve(style_id: str, depth: int = 0) -> _Style:
        based, heading, numbered, _ = raw[style_id]
        if based in raw and depth < 20 and (heading is None or not numbered):
            parent = resolve(based, depth + 1)
            heading = heading if heading is not None else parent.heading
            numbered = numbered or parent.listed
        return _Style(heading, numbered)

    return {style_id: resolve(style_id) for style_id in raw}


def _read_footnotes(data: bytes, name: str, builder: DocumentBuilder) -> None:
    root = xmlsafe.parse(data, name)
    reader = TextReader(data)
    builder.close_headings()  # footnotes sit under no heading of the body
    for ordinal, paragraph in enumerate(root.iter(W_P)):
        footnote = next(paragraph.iterancestors(W_FOOTNOTE), None)
        if footnote is None or footnote.get(W + "type") in ("separator",
                                                           "continuationSeparator",
                                                           "continuationNotice"):
            continue
        if any(a.tag == MC_FALLBACK for a in paragraph.iterancestors()):
            continue
        text = reader.text(paragraph)
        builder.add(Kind.FOOTNOTE, text, source=Source(FOOTNOTES, ordinal))
