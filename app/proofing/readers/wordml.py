"""The one rule for a Word paragraph's text, shared by the reader and the annotated copy.

A paragraph's text is its runs' text in the accepted view of tracked changes: inserted
text (w:ins) is in, deleted or moved-away text (w:del, w:moveFrom) is out. Text boxes
(w:txbxContent) are paragraphs of their own, and Word's fallback copy of a drawing
(mc:Fallback) is skipped so a text box is read once. Tabs read as a tab, line breaks as
a newline, non-breaking hyphens as a hyphen; field codes and footnote marks carry no text.

`pieces` keeps each piece's element, so the annotated copy can find the run that holds any
character offset the reader reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
W_P = W + "p"
W_R = W + "r"
W_T = W + "t"
W_TC = W + "tc"
W_TXBX = W + "txbxContent"
W_FOOTNOTE = W + "footnote"
MC_FALLBACK = MC + "Fallback"

_SKIP = frozenset({
    W + "del", W + "moveFrom", W_TXBX, MC_FALLBACK, W + "pPr", W + "rPr", W + "instrText",
    W + "delText", W + "delInstrText", W + "footnoteReference", W + "endnoteReference",
    W + "commentReference", W + "sym", W + "fldChar", W + "object",
})
_FIXED = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-",
          W + "ptab": "\t"}


_TEXT_TAGS = (W_T, *_FIXED)
_CONTAINERS = (W + "del", W + "moveFrom", W_TXBX, MC_FALLBACK, W + "object")


def pieces(paragraph: Any) -> Iterator[tuple[Any, str]]:
    """(element, text) for every piece of a w:p's accepted-view text, in order."""
    if next(paragraph.iter(*_CONTAINERS), None) is None:
        # Most paragraphs hold nothing to skip: let lxml walk them (much faster).
        for element in paragraph.iter(*_TEXT_TAGS):
            tag = element.tag
            yield element, (element.text or "") if tag == W_T else _FIXED[tag]
        return
    yield from _walk(paragraph)


def _walk(paragraph: Any) -> Iterator[tuple[Any, str]]:
    for child in paragraph:
        tag = child.tag
        if tag == W_T:
            yield child, child.text or ""
        elif tag in _SKIP or not isinstance(tag, str):
            continue
        elif tag in _FIXED:
            yield child, _FIXED[tag]
        else:
            yield from _walk(child)


# Markup that `pieces` treats specially (skips, or reads as a tab or newline), or whose
# text a plain text dump would wrongly include (drawings, maths, ruby), or whitespace
# between elements (pretty-printed XML), which `pieces` leaves out.
_SPECIAL_NAMES = ("del", "moveFrom", "txbxContent", "Fallback", "AlternateContent",
                  "instrText", "delText", "delInstrText", "object", "sym", "tab", "ptab", "br",
                  "cr", "noBreakHyphen", "drawing", "pict", "oMath", "oMathPara", "ruby",
                  "footnoteReference", "endnoteReference", "commentReference", "fldChar")
_SPECIAL = re.compile(rb"<(?:\w+:)?(" + "|".join(_SPECIAL_NAMES).encode() + rb")[\s/>]")
_LOOSE_WHITESPACE = re.compile(rb">\s+<(?!/(?:\w+:)?t>)")


class TextReader:
    """Paragraph texts of one part, exactly as `pieces` would join them, but fast.

    The part's bytes are looked at once: which special elements occur at all. A paragraph
    without any of them (most) gets its text from libxml2 in one call; the rest go through
    `pieces`.
    """

    def __init__(self, part: bytes) -> None:
        from lxml import etree

        self._tostring = etree.tostring
        if _LOOSE_WHITESPACE.search(part, _after_root_tag(part)):
            self._special: Any = True  # pretty-printed: take the careful way throughout
            return
        names = sorted({m.decode() for m in _SPECIAL.findall(part)})
        if not names:
            self._special = False
            return
        tests = [f".//*[local-name()='{name}']" for name in names]
        self._special = etree.XPath("boolean(" + " | ".join(tests) + ")")

    def text(self, paragraph: Any) -> str:
        special = self._special
        if special is True or (special is not False and special(paragraph)):
            return "".join(text for _, text in pieces(paragraph))
        return str(self._tostring(paragraph, method="text", encoding=str, with_tail=False))


def _after_root_tag(part: bytes) -> int:
    """Where the root element's start tag ends (line breaks in the prolog do not count)."""
    position = 0
    while True:
        position = part.find(b"<", position)
        if position < 0:
            return 0
        if part[position + 1:position + 2] not in (b"?", b"!"):
            end = part.find(b">", position)
            return end + 1 if end >= 0 else 0
        position += 1


def text_of(paragraph: Any) -> str:
    """One paragraph's text (see `TextReader` for many)."""
    return "".join(text for _, text in pieces(paragraph))
