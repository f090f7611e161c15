"""Finding where any rule pattern could start, in one fast pass.

Python's regular expressions try every alternative at every position, so one alternation
of hundreds of patterns with a word-boundary check is slow on a long draft. Instead, each
pattern's possible leading letters (its *prefixes*: "bme", "bame", "consult", "target") are
worked out from its parsed form, and all prefixes of all rules go into one trie-shaped
expression of plain letters, which the regex engine scans quickly. Only where a prefix
starts a word is the full pattern tried. A pattern whose start cannot be pinned down (say,
it begins with `\\w`) is scanned the plain way instead.
"""

from __future__ import annotations

import re
from re import _constants as _c  # type: ignore[attr-defined]  # the parser behind `re`
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

MAX_PREFIXES = 64  # per pattern: beyond this, scanning the plain way is simpler
_MAX_CLASS = 12  # characters in a class expanded into prefixes


def lower_pattern(pattern: str) -> str:
    """`pattern` with its letters in lower case, escapes (\\S, \\W, \\B) left as written."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            out.append(pattern[index:index + 2])
            index += 2
            continue
        out.append(char.lower())
        index += 1
    return "".join(out)


def prefixes(pattern: str) -> frozenset[str] | None:
    """Word-character strings one of which every match of `pattern` starts with; None when
    that cannot be worked out (or would be the empty string)."""
    try:
        parsed = _p.parse(pattern)
    except re.error:
        return None
    step = _sequence(list(parsed))
    if step is None:
        return None
    found = step[0]
    # The finder looks only at word starts, so each prefix must begin with a letter; a
    # space or hyphen it ends on is dropped, since the word after is what narrows it.
    trimmed = {prefix.rstrip(" -'./") for prefix in found}
    if "" in trimmed or not all(_is_word(prefix[0]) for prefix in trimmed):
        return None
    return frozenset(trimmed)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _literal_char(char: str) -> bool:
    # Letters, and the marks between and inside words: a prefix may run on past them.
    return _is_word(char) or char in " -'./"


_Step = tuple[set[str], bool]  # (strings it can start with, whether they are all of it)


def _sequence(items: list[tuple[Any, Any]]) -> _Step | None:
    """Prefixes of a sequence of parsed items, as far as they are plain letters."""
    results = {""}
    for op, av in items:
        step = _item(op, av)
        if step is None:  # cannot say what comes next: the prefixes end here
            return (results, False) if results != {""} else None
        letters, complete = step
        longer = {r + s for r in results for s in letters}
        if len(longer) > MAX_PREFIXES:  # enough letters to narrow it down already
            return (results, False) if results != {""} else None
        results = longer
        if not complete:
            return results, False
    return results, True


def _item(op: Any, av: Any) -> _Step | None:
    if op is _c.LITERAL:
        char = chr(av)
        return ({char}, True) if _literal_char(char) else None
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):  # zero-width: adds no letters
        return {""}, True
    if op is _c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is _c.LITERAL:
                chars.add(chr(value))
            elif kind is _c.RANGE and value[1] - value[0] < _MAX_CLASS:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:
                return None
        if not chars or len(chars) > _MAX_CLASS or not all(_literal_char(c) for c in chars):
            return None
        return chars, True
    if op is _c.SUBPATTERN:
        return _checked(_sequence(list(av[-1])))
    if op is _c.BRANCH:
        options: set[str] = set()
        complete = True
        for branch in av[1]:
            step = _sequence(list(branch))
            if step is None:
                return None
            options |= step[0]
            complete = complete and step[1]
        return _checked((options, complete))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, high, item = av
        step = _sequence(list(item))
        if step is None:
            return None
        if low == 0 and high == 1 and step[1]:  # something optional: both spellings
            return step[0] | {""}, True
        if low >= 1:
            return _checked((step[0], low == high == 1 and step[1]))
    return None


def _checked(step: _Step | None) -> _Step | None:
    """Refuse a mix of zero-width and lettered options (the letters would not be sure)."""
    if step is None:
        return None
    if "" in step[0] and step[0] != {""}:
        return None
    return step


def trie_pattern(words: set[str]) -> str:
    """One expression matching any of `words` (plain letters), shaped as a trie so the
    engine decides letter by letter instead of trying each word in turn."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items())
                    if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)
