"""The printed table of contents, laid out in a single pass.

reportlab's TableOfContents needs the whole document laid out two or three times before
its page numbers settle, which is most of the export time. We know every heading before
layout starts, so each contents line is drawn straight away with a dotted leader and a
reserved number column; the page number itself is stamped in by `NumberedCanvas` when the
document is saved and every heading's page is known (the same trick as "Page n of N").
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from app.reports.render.pdf.markup import escape
from app.reports.render.pdf.styles import MUTED
from app.reports.render.safe_text import fit

# A contents line and a bookmark show at most this much of a heading: a line that never
# breaks across pages must stay shorter than a page, and a bookmark is a label.
MAX_ENTRY = 200
NUMBER_COLUMN = 26.0  # points reserved on the right for page numbers up to four digits
LEVEL_INDENT = 14.0


class ContentsLine(Flowable):
    """One contents entry: title (wrapping if long), dotted leader, page number, link."""

    def __init__(self, level: int, title: str, key: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.level = level
        self.key = key
        self.style = style
        self.indent = LEVEL_INDENT * level
        self.paragraph = Paragraph(escape(fit(title, MAX_ENTRY)), style)
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        text_width = max(avail_width - self.indent - NUMBER_COLUMN - 8, 40.0)
        _, height = self.paragraph.wrap(text_width, avail_height)
        self.width, self.height = avail_width, height
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []  # a contents line never breaks across pages

    def draw(self) -> None:
        canv = self.canv
        self.paragraph.drawOn(canv, self.indent, 0)
        lines = self.paragraph.getActualLineWidths0()
        leading = self.style.leading
        baseline = self.height - self.style.fontSize - (len(lines) - 1) * leading
        start = self.indent + (lines[-1] if lines else 0) + 4
        end = self.width - NUMBER_COLUMN
        if end - start > 6:
            canv.saveState()
            canv.setStrokeColor(MUTED)
            canv.setLineWidth(0.9)
            canv.setLineCap(1)
            canv.setDash(0.01, 3.2)  # round caps turn the short dashes into dots
            canv.line(start, baseline + 1, end, baseline + 1)
            canv.restoreState()
        x, y = canv.absolutePosition(self.width, baseline)
        mark = getattr(canv, "mark_contents_number", None)
        if mark is not None:
            mark(x, y, self.key, self.style.fontName, self.style.fontSize)
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)
