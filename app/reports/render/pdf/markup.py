"""Turn model text into reportlab's paragraph mini-markup, safely.

reportlab parses paragraph text as XML-ish markup, so a user's "Smith & Sons <Ltd>" would
either raise or vanish. Everything from the model goes through `escape` first; only the tags
we add ourselves (<b>, <i>, <a>, <br/>) are markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

from reportlab.platypus import Paragraph

from app.reports.model.report import Span
from app.reports.render.fonts import normalise_text
from app.reports.render.pdf.styles import LINK

# Control characters have no glyph and make reportlab's parser unhappy; tabs become spaces.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
_SAFE_SCHEMES = {"http", "https", "mailto"}
_LINK_COLOUR = LINK.hexval().replace("0x", "#")


def clean_text(text: str) -> str:
    """User text as it is printed: NFC-normalised, tabs as spaces, no control characters."""
    text = normalise_text(text).replace("\r\n", "\n").replace("\t", " ")
    return _CONTROL.sub("", text)


def escape(text: str) -> str:
    """User text as literal markup text: escaped, NFC-normalised, newlines as line breaks."""
    return clean_text(text).translate(_ESCAPES).replace("\n", "<br/>")


def safe_url(url: str) -> str | None:
    """A link target a PDF viewer may follow, or None (the text is still shown).

    Only web and e-mail links: a "javascript:" or "file:" link in a shared report is a trap.
    """
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    if scheme not in _SAFE_SCHEMES:
        return None
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def safe_href(url: str) -> str | None:
    """`safe_url`, escaped for an href attribute in paragraph markup."""
    target = safe_url(url)
    return target.translate(_ESCAPES) if target is not None else None


def span_markup(span: Span) -> str:
    text = escape(span.text)
    if not text:
        return ""
    if span.bold:
        text = f"<b>{text}</b>"
    if span.italic:
        text = f"<i>{text}</i>"
    href = safe_href(span.link) if span.link else None
    if href:
        text = f'<a href="{href}" color="{_LINK_COLOUR}"><u>{text}</u></a>'
    return text


def inline_markup(spans: Iterable[Span]) -> str:
    return "".join(span_markup(span) for span in spans)


class Para(Paragraph):
    """A Paragraph that remembers its last line breaking.

    platypus asks a paragraph for its size several times at the same width (to place it,
    to keep a heading with it, to split a page); breaking lines is the dearest step of the
    whole export, and its result depends only on the width.
    """

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # Splitting deletes blPara to force a fresh break, so the cache checks for it too.
        if getattr(self, "_wrapped_at", None) == avail_width and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(avail_width, avail_height)
        self._wrapped_at = avail_width
        return size
