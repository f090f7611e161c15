"""What a draft is once read: an ordered list of paragraphs over one whole-document text.

Every reader (.docx, .odt, .txt, .md) produces a `Document`. Its `text` is the paragraphs'
texts joined by `PARAGRAPH_BREAK`, and each `Paragraph` knows its exact span in it, so a
finding is just a span of `Document.text`: the excerpt, the paragraph, its heading path and
the place to anchor a Word comment all follow from the two offsets.

Plain frozen data, no Qt and no workbook: the records, triage and screens build on this.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import StrEnum

# Between two paragraphs in `Document.text`: a blank line, so no pattern matches across two
# paragraphs by accident and a plain-text dump of the document still reads naturally.
PARAGRAPH_BREAK = "\n\n"


class Kind(StrEnum):
    """What a paragraph is in the draft's structure."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    TABLE_CELL = "table-cell"
    FOOTNOTE = "footnote"
    TEXT_BOX = "text-box"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a paragraph came from inside the file, for writing back (the annotated copy).

    `part` is the package part ("word/document.xml"), `ordinal` the paragraph element's
    position among that part's paragraph elements in document order (0-based).
    """

    part: str
    ordinal: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int  # position in `Document.paragraphs`
    kind: Kind
    text: str
    start: int  # span in `Document.text`: Document.text[start:end] == text
    end: int
    heading_path: tuple[str, ...] = ()  # the headings above it, outermost first
    level: int = 0  # heading level (0 = title, 1 = top heading), or list nesting (0 = top)
    source: Source | None = None

    @property
    def is_heading(self) -> bool:
        return self.kind is Kind.HEADING


@dataclass(frozen=True)
class Document:
    """A read draft. Build one with `DocumentBuilder`, which keeps the spans right."""

    name: str  # the file name shown in messages and reports
    format: str  # "docx", "odt", "txt", "md"
    paragraphs: tuple[Paragraph, ...]
    text: str
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(p.start for p in self.paragraphs))

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    def paragraph_at(self, offset: int) -> Paragraph:
        """The paragraph whose span holds `offset` (a break belongs to the one before it)."""
        if not self.paragraphs:
            raise IndexError("an empty document has no paragraphs")
        position = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        return self.paragraphs[position]

    def title(self) -> str:
        """The first heading, or the first paragraph, or the file name."""
        for paragraph in self.paragraphs:
            if paragraph.is_heading and paragraph.text.strip():
                return paragraph.text.strip()
        for paragraph in self.paragraphs:
            if paragraph.text.strip():
                return paragraph.text.strip()[:120]
        return self.name


class DocumentBuilder:
    """Collects paragraphs in reading order and keeps the heading path and spans.

    Readers call `heading(...)` and `add(...)`; empty paragraphs are dropped (they carry
    nothing to proof), so indexes count only paragraphs with text.
    """

    def __init__(self, name: str, format: str) -> None:
        self.name = name
        self.format = format
        self._paragraphs: list[Paragraph] = []
        self._pieces: list[str] = []
        self._length = 0
        self._headings: list[tuple[int, str]] = []  # (level, text), the open headings
        self._path: tuple[str, ...] = ()  # their texts, for the paragraphs under them

    def add(self, kind: Kind, text: str, *, level: int = 0,
            source: Source | None = None) -> Paragraph | None:
        if not text.strip():
            return None
        path = self._path
        if kind is Kind.HEADING:
            level = max(level, 0)  # 0: the document's title, above every heading
            while self._headings and self._headings[-1][0] >= level:
                self._headings.pop()
            path = tuple(t for _, t in self._headings)
            self._headings.append((level, " ".join(text.split())))
            self._path = tuple(t for _, t in self._headings)
        if self._pieces:
            self._pieces.append(PARAGRAPH_BREAK)
            self._length += len(PARAGRAPH_BREAK)
        start = self._length
        self._pieces.append(text)
        self._length += len(text)
        paragraph = Paragraph(len(self._paragraphs), kind, text, start, self._length, path,
                              level, source)
        self._paragraphs.append(paragraph)
        return paragraph

    def close_headings(self) -> None:
        """Paragraphs added from now on sit under no heading (footnotes, end matter)."""
        self._headings.clear()
        self._path = ()

    def build(self) -> Document:
        return Document(self.name, self.format, tuple(self._paragraphs), "".join(self._pieces))
