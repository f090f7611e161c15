"""A Word document's body kept as text: checked as it comes, spliced into the part on save."""

from __future__ import annotations

from typing import cast

from docx.document import Document
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.parts.document import DocumentPart
from lxml import etree

from app.reports.render.docx.tables import TABLE_END
from app.reports.render.docx.xml import NSDECLS, W_NS

_MARKER = etree.ProcessingInstruction("rrt-body")
_MARKER_TEXT = etree.tostring(_MARKER, encoding="unicode")
_TABLE_START = "<w:tbl>"
_CHECK_BYTES = 256 * 1024  # text checked per parse: bounds the tree that check builds


class BodyStream:
    """The body as UTF-8 text, checked by a parser as it comes and never kept as a tree.

    The body used to be parsed into a tree and moved into the template's (quadratic in a
    table's rows in lxml), and a long report's tree costs several times its text. Here the
    text is kept, checked to be well formed a few hundred KB at a time (a table's pieces
    each wrapped to be whole elements), and the part writes the text when it is saved.
    """

    def __init__(self, head: str, body_open: str, end: str) -> None:
        self._head, self._body_open, self._end = head, body_open, end
        self._chunks: list[bytes] = []
        self._pending: list[str] = []
        self._pending_size = 0
        self.checks = 0  # how many parses checked the body (tests count them)

    def add(self, piece: str) -> None:
        self._chunks.append(piece.encode("utf-8"))
        if piece == TABLE_END:
            return  # the opening was checked with this closing tag already
        if piece.startswith(_TABLE_START):
            whole = piece if piece.endswith(TABLE_END) else piece + TABLE_END
        elif piece.startswith("<w:tr>"):  # rows of a table being written
            whole = f"{_TABLE_START}{piece}{TABLE_END}"
        else:
            whole = piece
        self._pending.append(whole)
        self._pending_size += len(whole)
        if self._pending_size >= _CHECK_BYTES:
            self._check()

    def _check(self) -> None:
        if self._pending:
            # Raises XMLSyntaxError if a builder ever wrote a malformed fragment.
            etree.fromstring(f"{self._body_open}{''.join(self._pending)}</w:body>")
            self.checks += 1
        self._pending, self._pending_size = [], 0

    def finish(self, document: Document) -> Document:
        self._check()
        # The part keeps a small tree (the final sectPr, which headers and page setup are
        # read from and written to) with a marker where the body's text goes.
        part = document.part
        shell = f"{self._head}{self._body_open}{_MARKER_TEXT}{self._end}"
        part._element = parse_xml(shell)  # python-docx has no public setter for a part's root
        assert type(part) is DocumentPart, "python-docx gives the main part this class"
        part.__class__ = StreamedBodyPart  # the same part, saved from the body's text
        cast(StreamedBodyPart, part)._body_chunks = self._chunks
        return part.document


class StreamedBodyPart(DocumentPart):
    """The document part, writing the body's text in place of the marker when saved."""

    _body_chunks: list[bytes]

    @property
    def blob(self) -> bytes:
        xml = serialize_part_xml(self._element)
        head, found, rest = xml.partition(_MARKER_TEXT.encode("utf-8"))
        assert found, "the body marker must survive serialisation"
        return b"".join([head, *self._body_chunks, rest])


def start_part(document: Document) -> BodyStream:
    """The template's document part split where the body's content goes."""
    root = document.element
    body = root.body
    sect = body.find(f"{{{W_NS}}}sectPr")
    # sectPr serialises with its own namespace declarations, so it survives the splice.
    tail = etree.tostring(sect, encoding="unicode") if sect is not None else ""
    marker = etree.ProcessingInstruction("rrt-body")
    body.addprevious(marker)
    root.remove(body)
    shell = etree.tostring(root, encoding="unicode")
    head, found, after = shell.partition(_MARKER_TEXT)
    assert found, "the body marker must survive serialisation"
    # The body declares our prefixes itself, whatever prefixes the template's root uses.
    return BodyStream(head, f"<w:body {NSDECLS}>", f"{tail}</w:body>{after}")
