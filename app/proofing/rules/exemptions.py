"""Where a rule's hit is not a finding, whatever the rule: the context says it is not the
draft's own wording.

- Inside quotation marks (“…”, "…", ‘…’): a quoted source, a historical document, a
  statute or what a participant said.
- Part of a cited title or an organisation's name: a run of three or more capitalised
  words around the hit that is followed by a year ("… Strategy (2004)") or ends in a word
  such as Network, Forum or Partnership ("the BME Infrastructure Forum").
- In a references, bibliography or sources section.
- On the run's allow-list (names the user has said are fine, matched as whole words).

Without these, users switch the rules off (REFERENCE.md, "Writing about ethnicity").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from app.proofing.document import Document, Paragraph

_QUOTED = re.compile(
    r"“[^”\n]{1,1000}”"
    r'|"[^"\n]{1,1000}"'
    r"|(?<!\w)‘[^\n]{1,1000}?’(?!\w)"
    r"|(?<!\w)'[^'\n]{1,1000}'(?!\w)"
)
_WORD = re.compile(r"[\w'’&-]+")
_CONNECTORS = frozenset({"and", "of", "the", "for", "in", "on", "to", "a", "an", "with", "&",
                         "at", "by"})
_ORGANISATION_WORDS = frozenset({
    "network", "networks", "forum", "partnership", "council", "association", "alliance",
    "trust", "group", "centre", "center", "project", "society", "foundation", "federation",
    "consortium", "collective", "coalition", "service", "services", "agency", "panel",
    "board", "committee", "commission", "unit", "office", "programme", "initiative",
    "fund", "union", "club", "college", "university", "school", "limited", "ltd", "cic",
    "housing", "sub-group", "subgroup", "taskforce", "team", "department", "directorate",
})
_WINDOW = 160  # characters either side of a hit
_YEAR_AFTER = re.compile(r"\s*(?:\(|,|:)\s*(?:19|20)\d\d\b")
_REFERENCE_HEADING = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:references|bibliography|sources|further reading|"
    r"endnotes|works cited|citations)\s*$", re.IGNORECASE)


class Exemptions:
    """The exempt places in one document, worked out once and asked per hit."""

    def __init__(self, document: Document, allow: Sequence[str]) -> None:
        self.document = document
        # Quotations are found per paragraph, when a hit there first asks.
        self._quotes: dict[int, list[tuple[int, int]]] = {}
        self._allowed: list[tuple[int, int]] = []
        terms = [t.strip() for t in allow if t.strip()]
        if terms:
            terms.sort(key=len, reverse=True)
            pattern = re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")(?!\w)",
                re.IGNORECASE)
            self._allowed = [(m.start(), m.end()) for m in pattern.finditer(document.text)]
        self._allowed_starts = [start for start, _ in self._allowed]

    def covers(self, start: int, end: int, paragraph: Paragraph) -> bool:
        return (self.quoted(start, end, paragraph) or self.allowed(start, end)
                or _in_references(paragraph) or _in_title_or_name(paragraph, start, end))

    def quoted(self, start: int, end: int, paragraph: Paragraph) -> bool:
        spans = self._quotes.get(paragraph.index)
        if spans is None:
            spans = self._quotes[paragraph.index] = [
                (paragraph.start + m.start(), paragraph.start + m.end())
                for m in _QUOTED.finditer(paragraph.text)]
        return any(s <= start and end <= e for s, e in spans)

    def allowed(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self._allowed_starts, start) - 1
        while index >= 0:
            _, allowed_end = self._allowed[index]
            if allowed_end >= end:
                return True
            if allowed_end <= start:  # earlier entries end earlier still (no overlaps)
                return False
            index -= 1
        return False


def _in_references(paragraph: Paragraph) -> bool:
    return any(_REFERENCE_HEADING.match(heading) for heading in paragraph.heading_path)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _in_title_or_name(paragraph: Paragraph, start: int, end: int) -> bool:
    """A hit inside a run of capitalised words that cites a title or names a body."""
    text = paragraph.text
    local_start, local_end = start - paragraph.start, end - paragraph.start
    # Names and titles are short: a window round the hit is enough to look at.
    window_start = max(0, local_start - _WINDOW)
    window_end = min(len(text), local_end + _WINDOW)
    words = [(m.start(), m.end(), m.group())
             for m in _WORD.finditer(text, window_start, window_end)]
    if words and window_start > 0:
        words = words[1:]  # it may be cut in half
    if words and window_end < len(text):
        words = words[:-1]
    inside = [i for i, (s, e, _) in enumerate(words) if e > local_start and s < local_end]
    if not inside:
        return False
    first, last = inside[0], inside[-1]
    while first > 0 and (_capitalised(words[first - 1][2])
                         or (words[first - 1][2].lower() in _CONNECTORS and first > 1
                             and _capitalised(words[first - 2][2]))):
        if _gap(text, words[first - 1][1], words[first][0]):
            break
        first -= 1
    while last + 1 < len(words) and (_capitalised(words[last + 1][2])
                                     or (words[last + 1][2].lower() in _CONNECTORS
                                         and last + 2 < len(words)
                                         and _capitalised(words[last + 2][2]))):
        if _gap(text, words[last][1], words[last + 1][0]):
            break
        last += 1
    run = words[first:last + 1]
    capitalised = [w for _, _, w in run if _capitalised(w)]
    outside = [w for i, (_, _, w) in enumerate(run, first) if i not in inside and _capitalised(w)]
    if len(capitalised) < 3 or not outside:
        return False
    if _YEAR_AFTER.match(text, run[-1][1]):
        return True
    return run[-1][2].strip(".").lower() in _ORGANISATION_WORDS and last not in inside


def _gap(text: str, left_end: int, right_start: int) -> bool:
    """True when punctuation that ends a name lies between two words."""
    between = text[left_end:right_start]
    return any(mark in between for mark in ".;:!?()[]\n\t\"“”")
