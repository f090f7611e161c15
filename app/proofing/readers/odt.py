"""Reading an .odt draft: headings with outline levels, paragraphs, lists, tables, text
boxes and footnotes, in body order; tracked changes as accepted.

In ODF, inserted text already sits in the body (between change marks) and deleted text is
kept apart in text:tracked-changes, so the accepted view is the body without that block.
Notes and frames inside a paragraph become paragraphs of their own: a footnote is read
after the paragraph that cites it, a text box before it.
"""

from __future__ import annotations

from typing import Any

from app.proofing.document import Document, DocumentBuilder, Kind
from app.proofing.errors import DraftRefused
from app.proofing.readers import xmlsafe
from app.proofing.readers.package import DraftFile, open_package

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"

_SKIPPED_BLOCKS = frozenset({
    TEXT + "tracked-changes", TEXT + "table-of-content", TEXT + "alphabetical-index",
    TEXT + "illustration-index", TEXT + "table-index", TEXT + "object-index",
    TEXT + "user-index", TEXT + "bibliography", TEXT + "sequence-decls",
    TEXT + "variable-decls", TEXT + "user-field-decls", OFFICE + "forms",
})
_TEXT_MIMETYPES = (b"application/vnd.oasis.opendocument.text",
                   b"application/vnd.oasis.opendocument.text-template")


def read_odt(draft: DraftFile) -> Document:
    parts = open_package(draft, ("mimetype", "content.xml", "META-INF/manifest.xml"))
    if parts.get("mimetype", b"").strip() not in _TEXT_MIMETYPES or "content.xml" not in parts:
        raise DraftRefused(
            f"“{draft.name}” is not an OpenDocument text document, so it was not read. Save "
            "it from LibreOffice as .odt or from Word as .docx and try again."
        )
    manifest = parts.get("META-INF/manifest.xml", b"")
    if b"encryption-data" in manifest:
        raise DraftRefused(
            f"“{draft.name}” is password-protected, so it cannot be read. Save a copy "
            "without the password and try again."
        )
    root = xmlsafe.parse(parts["content.xml"], draft.name)
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    builder = DocumentBuilder(draft.name, "odt")
    if body is not None:
        _blocks(body, builder, Kind.PARAGRAPH, -1)
    return builder.build()


def _blocks(element: Any, builder: DocumentBuilder, context: Kind, list_level: int) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED_BLOCKS:
            continue
        if tag == TEXT + "h":
            _paragraph(child, builder, Kind.HEADING if context is Kind.PARAGRAPH else context,
                       _level(child.get(TEXT + "outline-level")))
        elif tag == TEXT + "p":
            kind = Kind.LIST_ITEM if list_level >= 0 and context is Kind.PARAGRAPH else context
            _paragraph(child, builder, kind, max(list_level, 0))
        elif tag == TEXT + "list":
            _blocks(child, builder, context, list_level + 1)
        elif tag in (TABLE + "table-cell", TABLE + "covered-table-cell"):
            _blocks(child, builder, Kind.TABLE_CELL if context is Kind.PARAGRAPH else context,
                    -1)
        else:  # sections, list items, tables and rows, headers of lists...
            _blocks(child, builder, context, list_level)


def _paragraph(element: Any, builder: DocumentBuilder, kind: Kind, level: int) -> None:
    parts: list[str] = []
    notes: list[Any] = []
    boxes: list[Any] = []
    _inline(element, parts, notes, boxes)
    for box in boxes:  # a text box is anchored in the paragraph; read it first
        _blocks(box, builder, Kind.TEXT_BOX, -1)
    builder.add(kind, "".join(parts), level=level)
    for note in notes:
        _blocks(note, builder, Kind.FOOTNOTE, -1)


def _inline(element: Any, parts: list[str], notes: list[Any], boxes: list[Any]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        tag = child.tag
        if tag == TEXT + "s":
            count = child.get(TEXT + "c", "1")
            parts.append(" " * (int(count) if count.isdigit() else 1))
        elif tag == TEXT + "tab":
            parts.append("\t")
        elif tag == TEXT + "line-break":
            parts.append("\n")
        elif tag == TEXT + "note":
            body = child.find(TEXT + "note-body")
            if body is not None:
                notes.append(body)
        elif tag == DRAW + "frame":
            boxes.extend(child.iter(DRAW + "text-box"))
        elif isinstance(tag, str) and tag not in (TEXT + "change", TEXT + "change-start",
                                                  TEXT + "change-end"):
            _inline(child, parts, notes, boxes)
        if child.tail:
            parts.append(child.tail)


def _level(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 1
