"""An equality scheme: the commitments a draft is proofed against.

A scheme is the institution's race equality commitments or equality objectives, each with
an id, a title, its text and keywords, plus by default the three limbs of the general
equality duty (Equality Act 2010 s.149; before it, s.71 of the Race Relations Act as
amended in 2000). Schemes come from a Word document (numbered headings or list items) or
a spreadsheet (columns id, title, text, keywords); the records screens will also let
users type them in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from app.proofing.document import Document, Kind, Paragraph
from app.proofing.errors import SchemeRefused


@dataclass(frozen=True)
class Commitment:
    id: str
    title: str
    text: str = ""
    keywords: tuple[str, ...] = ()
    general_duty: bool = False  # one of the three limbs, added by default


@dataclass(frozen=True)
class Scheme:
    name: str
    commitments: tuple[Commitment, ...] = field(default_factory=tuple)


GENERAL_DUTY = (
    Commitment(
        "duty-1", "Eliminate discrimination, harassment and victimisation",
        "Due regard to the need to eliminate unlawful racial discrimination, harassment and "
        "victimisation, and any other conduct the Equality Act 2010 prohibits.",
        ("discrimination", "harassment", "victimisation", "racism", "hate crime",
         "complaints", "unlawful"), general_duty=True),
    Commitment(
        "duty-2", "Advance equality of opportunity",
        "Remove or minimise disadvantage suffered by people of particular ethnic groups, meet "
        "their different needs, and encourage participation where it is disproportionately "
        "low.",
        ("equality of opportunity", "disadvantage", "different needs", "participation",
         "access", "outcomes", "under-represented", "targets"), general_duty=True),
    Commitment(
        "duty-3", "Foster good relations",
        "Tackle prejudice and promote understanding between people from different ethnic "
        "groups.",
        ("good relations", "prejudice", "understanding", "cohesion", "community cohesion",
         "integration"), general_duty=True),
)

# "1. Access", "2.3 Recruitment", "b) Housing", "Objective 4: Health". A lone letter needs
# its mark, so a heading such as "A fair deal" is not read as commitment "A".
_NUMBER = re.compile(r"^\s*(?:(?:objective|commitment|aim|priority)\s+)?"
                     r"(\d{1,3}(?:\.\d{1,3})*|[A-Za-z](?=[.):]))[.):]?\s+(.*)$",
                     re.IGNORECASE | re.S)
_KEYWORDS = re.compile(r"^\s*keywords?\s*:\s*(.*)$", re.IGNORECASE | re.S)
MAX_COMMITMENTS = 500


def with_general_duty(scheme: Scheme) -> Scheme:
    """The scheme with the three limbs of the general duty added (unless present)."""
    known = {c.id for c in scheme.commitments}
    extra = tuple(c for c in GENERAL_DUTY if c.id not in known)
    return Scheme(scheme.name, (*scheme.commitments, *extra))


def load_scheme(path: Path | str) -> Scheme:
    """A scheme from a .docx/.odt/.md/.txt (numbered headings or list items) or a .xlsx."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from app.proofing.scheme_xlsx import read_scheme_xlsx

        return read_scheme_xlsx(path)
    from app.proofing.readers import read_draft

    return scheme_from_document(read_draft(path))  # refusals name the file already


def scheme_from_document(document: Document) -> Scheme:
    """Each heading at the commitments' level starts a commitment; without such headings,
    each top-level list item does; without either, each numbered paragraph does."""
    blocks: list[tuple[str, list[str]]] = []
    level = _commitment_level([p for p in document.paragraphs if p.kind is Kind.HEADING])
    items = [p for p in document.paragraphs if p.kind is Kind.LIST_ITEM and p.level == 0]
    if level is not None:
        current: list[str] | None = None
        for paragraph in document.paragraphs:
            if paragraph.kind is Kind.HEADING and paragraph.level <= level:
                # A heading above the commitments (a title or a part) ends the one before.
                current = [] if paragraph.level == level else None
                if current is not None:
                    blocks.append((paragraph.text, current))
            elif current is not None:
                current.append(paragraph.text)
    elif items:
        current = None
        for paragraph in document.paragraphs:
            if paragraph.kind is Kind.LIST_ITEM and paragraph.level == 0:
                current = []
                blocks.append((paragraph.text, current))
            elif paragraph.kind is Kind.LIST_ITEM and current is not None:
                current.append(paragraph.text)
    else:
        current = None
        for paragraph in document.paragraphs:
            if _NUMBER.match(paragraph.text) and paragraph.kind is not Kind.HEADING:
                current = []
                blocks.append((paragraph.text, current))
            elif current is not None:
                current.append(paragraph.text)
    if not blocks:
        raise SchemeRefused(
            f"“{document.name}” has no numbered headings or list items, so no commitments "
            "were found. Give each commitment its own heading or numbered item and try again."
        )
    if len(blocks) > MAX_COMMITMENTS:
        raise SchemeRefused(f"“{document.name}” has more than {MAX_COMMITMENTS} commitments, "
                            "more than any real scheme; check it is the right file.")
    commitments = []
    for number, (head, body) in enumerate(blocks, 1):
        commitment_id, title = _split_number(head, number)
        keywords: tuple[str, ...] = ()
        text_lines = []
        for line in body:
            found = _KEYWORDS.match(line)
            if found:
                keywords = split_keywords(found.group(1))
            else:
                text_lines.append(line)
        if not body and ":" in title:  # "1. Access: every resident can use ..."
            title, rest = title.split(":", 1)
            text_lines.append(rest.strip())
        commitments.append(Commitment(commitment_id, title.strip(), "\n".join(text_lines),
                                      keywords))
    refuse_duplicate_ids(commitments, document.name)
    return Scheme(document.title(), tuple(commitments))


def _commitment_level(headings: list[Paragraph]) -> int | None:
    """The heading level commitments sit at, or None when headings do not mark them.

    Numbered headings set the level, so a title ("# Race Equality Scheme") above
    "## 1. Access" is not a commitment. Without numbers, a lone top heading is the
    document's title and the level below it holds the commitments."""
    headings = [h for h in headings if h.level >= 1 and h.text.strip()]
    numbered = [h.level for h in headings if _NUMBER.match(h.text)]
    if numbered:
        return min(numbered)
    levels = sorted({h.level for h in headings})
    if not levels:
        return None
    if sum(1 for h in headings if h.level == levels[0]) == 1:
        return levels[1] if len(levels) > 1 else None
    return levels[0]


def _split_number(head: str, number: int) -> tuple[str, str]:
    found = _NUMBER.match(head)
    if found and found.group(2).strip():
        return found.group(1), found.group(2).strip()
    return str(number), head.strip()


def split_keywords(text: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in re.split(r"[;,\n]", text) if k.strip())


def refuse_duplicate_ids(commitments: list[Commitment], name: str) -> None:
    seen: set[str] = set()
    for commitment in commitments:
        if commitment.id in seen:
            raise SchemeRefused(
                f"“{name}” numbers two commitments “{commitment.id}”; give each its own "
                "number and try again."
            )
        seen.add(commitment.id)
