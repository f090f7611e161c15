"""Reading .txt and .md drafts.

Blocks are separated by blank lines. In Markdown, `#` lines (and underlined lines) are
headings, `-`/`*`/`+`/`1.` lines are list items, `|` rows are table cells, fenced code is
skipped and the markers themselves are left out of the text. Plain text has no markup,
so a short single-line block that is numbered ("2.1 Consultation") or in capitals reads as
a heading, which gives findings a heading path there too.
"""

from __future__ import annotations

import re

from app.proofing.document import Document, DocumentBuilder, Kind
from app.proofing.errors import DraftRefused
from app.proofing.readers.package import DraftFile

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_MD_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TXT_NUMBERED = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s+\S.{0,100}$")


def decode(draft: DraftFile) -> str:
    data = draft.data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        if b"\0" in data[:65536]:
            raise DraftRefused(
                f"“{draft.name}” is not a text file (it holds binary data), so it was not read."
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")  # Windows Notepad's old default
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(draft: DraftFile) -> Document:
    builder = DocumentBuilder(draft.name, "txt")
    for block in _blocks(decode(draft).split("\n")):
        lines = [line.rstrip() for line in block]
        if len(lines) == 1 and _txt_heading(lines[0]) is not None:
            builder.add(Kind.HEADING, lines[0].strip(), level=_txt_heading(lines[0]) or 1)
        else:
            builder.add(Kind.PARAGRAPH, "\n".join(lines).strip())
    return builder.build()


def _txt_heading(line: str) -> int | None:
    stripped = line.strip()
    if not stripped or stripped[-1] in ".,;:!?" or len(stripped) > 100:
        return None
    numbered = _TXT_NUMBERED.match(stripped)
    if numbered:
        return numbered.group(1).count(".") + 1
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters):
        return 1
    return None


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def read_markdown(draft: DraftFile) -> Document:
    builder = DocumentBuilder(draft.name, "md")
    paragraph: list[str] = []
    item: tuple[int, list[str]] | None = None
    fenced = False

    def flush() -> None:
        nonlocal item
        if paragraph:
            builder.add(Kind.PARAGRAPH, "\n".join(paragraph).strip())
            paragraph.clear()
        if item is not None:
            builder.add(Kind.LIST_ITEM, "\n".join(item[1]).strip(), level=item[0])
            item = None

    lines = decode(draft).split("\n")
    for number, raw in enumerate(lines):
        line = raw.rstrip()
        if line.lstrip().startswith(("```", "~~~")):
            flush()
            fenced = not fenced
            continue
        if fenced:
            continue
        if not line.strip():
            flush()
            continue
        if line.lstrip().startswith(">"):
            line = line.lstrip()[1:].lstrip()
        heading = _MD_HEADING.match(line)
        if heading:
            flush()
            builder.add(Kind.HEADING, heading.group(2), level=len(heading.group(1)))
            continue
        following = lines[number + 1].strip() if number + 1 < len(lines) else ""
        if paragraph == [] and item is None and following and set(following) <= {"="} | {"-"} \
                and len(following) >= 3 and not _MD_RULE.match(line):
            builder.add(Kind.HEADING, line.strip(), level=1 if following[0] == "=" else 2)
            continue
        if set(line.strip()) <= {"=", "-"} and len(line.strip()) >= 3:
            continue  # a heading's underline, or a rule
        if _MD_RULE.match(line):
            flush()
            continue
        if line.lstrip().startswith("|"):
            flush()
            if not _MD_TABLE_SEPARATOR.match(line):
                for cell in line.strip().strip("|").split("|"):
                    builder.add(Kind.TABLE_CELL, cell.strip())
            continue
        listed = _MD_ITEM.match(line)
        if listed:
            flush()
            item = (len(listed.group(1).expandtabs(4)) // 2, [listed.group(2)])
            continue
        if item is not None:
            item[1].append(line.strip())
        else:
            paragraph.append(line.strip())
    flush()
    return builder.build()
