"""The platypus document template: pages, running header, "Page 3 of 40", outline.

The document is laid out once. `NumberedCanvas` holds each finished page back until the
document is complete and then stamps every footer with the real page total and every
contents line with its heading's page number.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.pagesizes import landscape
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, PageTemplate
from reportlab.platypus.doctemplate import BaseDocTemplate

from app.reports.export.result import ExportCancelled
from app.reports.model.report import Report
from app.reports.render.fonts import normalise_text, register_fonts
from app.reports.render.pdf.contents import MAX_ENTRY
from app.reports.render.pdf.styles import (
    ACCENT,
    INK,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    PAGE_SIZE,
    RULE,
)
from app.reports.render.safe_text import fit

CREATOR = "Rights & Responsibilities Toolkit"
FOOTER_SIZE = 8.0


class NumberedCanvas(Canvas):
    """Defers each page so numbers known only at the end can be drawn on it."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict] = []
        self._heading_pages: dict[str, int] = {}  # shared by all pages
        # Per page (each held page keeps its own lists):
        self._contents_marks: list[tuple[float, float, str, str, float]] = []
        self._bookmarks: list[tuple[str, float]] = []
        # (font, size, leading, text) -> (its width, its code after the position).
        self._string_code: dict[tuple, tuple[float, str]] = {}

    # ------------------------------------------------------------ repeated strings

    def drawString(self, x, y, text, *args, **kwargs) -> None:
        if args or kwargs:  # text render mode, spacing, direction...: reportlab's own way
            super().drawString(x, y, text, *args, **kwargs)
        else:
            self._draw_cached(x, y, text, 0.0)

    def drawRightString(self, x, y, text, *args, **kwargs) -> None:
        if args or kwargs:
            super().drawRightString(x, y, text, *args, **kwargs)
        else:
            self._draw_cached(x, y, text, 1.0)

    def drawCentredString(self, x, y, text, *args, **kwargs) -> None:
        if args or kwargs:
            super().drawCentredString(x, y, text, *args, **kwargs)
        else:
            self._draw_cached(x, y, text, 0.5)

    def _draw_cached(self, x: float, y: float, text: str, anchor: float) -> None:
        """Draw a string (anchored left, right or centre), reusing its PDF code if this
        document has drawn it before.

        Table cells, footers and chart labels repeat the same few thousand strings; making
        their code (mapping each character into the embedded font subset, escaping) is most
        of their cost. The code after the text position depends only on the font, size,
        leading and text, so it is kept from the first time reportlab draws it; the result
        is byte-for-byte what reportlab writes.
        """
        key = (self._fontname, self._fontsize, self._leading, text)
        found = self._string_code.get(key)
        if found is None:
            code = self._code
            before = len(code)
            # Let reportlab draw it once, then keep what follows the position.
            if anchor == 0.0:
                Canvas.drawString(self, x, y, text)
            elif anchor == 1.0:
                Canvas.drawRightString(self, x, y, text)
            else:
                Canvas.drawCentredString(self, x, y, text)
            head, sep, tail = code[-1].partition(" Tm ") if len(code) == before + 1 else ("",) * 3
            if sep and head.startswith("BT 1 0 0 1 "):  # else: not kept, drawn anew each time
                width = stringWidth(text, self._fontname, self._fontsize)
                self._string_code[key] = (width, tail)
            return
        width, tail = found
        self._code.append(f"BT 1 0 0 1 {fp_str(x - width * anchor, y)} Tm {tail}")

    # ------------------------------------------------------------ numbers known at the end

    def bookmark_heading(self, key: str, page: int, top: float) -> None:
        """Make `key` a destination at height `top` on the current page.

        A bookmark refers to the PDF page object being written, and pages are only written
        in `save`, so the bookmark is bound then.
        """
        self._heading_pages[key] = page
        self._bookmarks.append((key, top))

    def mark_contents_number(self, x: float, y: float, key: str, font: str, size: float) -> None:
        """Right-align heading `key`'s page number at (x, y) once it is known."""
        self._contents_marks.append((x, y, key, font, size))

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._contents_marks, self._bookmarks = [], []  # the held page keeps its own lists
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            for key, top in self._bookmarks:  # jump to the heading, keeping the reader's zoom
                self.bookmarkPage(key, fit="XYZ", left=0, top=top)
            self._page_number(number, total)
            for x, y, key, font, size in self._contents_marks:
                page = self._heading_pages.get(key)
                if page is not None:
                    self.setFont(font, size)
                    self.setFillColor(INK)
                    self.drawRightString(x, y, str(page))
            super().showPage()
        super().save()

    def _page_number(self, number: int, total: int) -> None:
        fonts = register_fonts()
        width = self._pagesize[0]
        self.saveState()
        self.setFont(fonts.regular, FOOTER_SIZE)
        self.setFillColor(MUTED)
        self.drawRightString(width - MARGIN_RIGHT, MARGIN_BOTTOM - 12, f"Page {number} of {total}")
        self.restoreState()


class ReportDocTemplate(BaseDocTemplate):
    """Title and body page templates, plus hooks for the outline, progress and cancel."""

    def __init__(
        self,
        filename: str,
        report: Report,
        *,
        progress: Callable[[float], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
        page_size: tuple[float, float] | None = None,
    ) -> None:
        tp = report.title_page
        page_size = page_size or PAGE_SIZE
        super().__init__(
            filename,
            pagesize=page_size,
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=tp.title,
            author=tp.author or tp.organisation,
            subject=report.subject or tp.subtitle,
            creator=CREATOR,
            producer=CREATOR,
            lang=report.language or "en-GB",
            displayDocTitle=1,
            pageCompression=1,
            # Every page starts by selecting a font; the default is Helvetica, which is not
            # embedded and would break "all fonts embedded" checks (PDF/A, print shops).
            initialFontName=register_fonts().regular,
            initialFontSize=9.5,
        )
        self._report = report
        self._progress = progress
        self._is_cancelled = is_cancelled
        self._story_size = 0
        self._reported = 0.0
        body = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        cover = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height - 20,
            id="cover",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        wide = landscape(page_size)
        self.landscape_width = wide[0] - self.leftMargin - self.rightMargin
        self.landscape_height = wide[1] - self.topMargin - self.bottomMargin
        turned = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.landscape_width,
            self.landscape_height,
            id="landscape",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate("title", [cover], onPage=self._decorate_title_page),
                PageTemplate("body", [body], onPage=self._decorate_body_page),
                # Tables too wide for a portrait page (see render.columns.needs_landscape).
                PageTemplate(
                    "landscape", [turned], onPage=self._decorate_body_page, pagesize=wide
                ),
            ]
        )

    # ------------------------------------------------------------ page furniture

    def _decorate_title_page(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        canv.saveState()
        canv.setFillColor(ACCENT)
        canv.rect(0, height - 14, width, 14, stroke=0, fill=1)
        canv.restoreState()

    def _decorate_body_page(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        from app.reports.charts.common import truncate

        fonts = register_fonts()
        width, height = canv._pagesize  # landscape pages too
        header_y = height - MARGIN_TOP + 10
        canv.saveState()
        canv.setFont(fonts.regular, FOOTER_SIZE)
        canv.setFillColor(MUTED)
        room = width - MARGIN_LEFT - MARGIN_RIGHT
        title = truncate(self._report.title, fonts.regular, FOOTER_SIZE, room)
        canv.drawString(MARGIN_LEFT, header_y, title)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_LEFT, header_y - 4, width - MARGIN_RIGHT, header_y - 4)
        organisation = self._report.title_page.organisation
        if organisation:
            footer = truncate(organisation, fonts.regular, FOOTER_SIZE, room * 0.7)
            canv.drawString(MARGIN_LEFT, MARGIN_BOTTOM - 12, footer)
        canv.restoreState()

    # ------------------------------------------------------------ outline

    def afterFlowable(self, flowable) -> None:
        """Bookmark every heading as it lands on a page; note its page for the contents."""
        heading = getattr(flowable, "outline_entry", None)
        if heading is None:
            return
        level, text, key = heading
        # The frame's _y is the bottom of what was just placed; the heading's top is above it.
        bottom = getattr(self.frame, "_y", self.pagesize[1])
        top = min(bottom + flowable.height + flowable.getSpaceBefore(), self.pagesize[1])
        top = min(top, self.canv._pagesize[1])
        self.canv.bookmark_heading(key, self.page, top)
        label = normalise_text(fit(text, MAX_ENTRY))
        self.canv.addOutlineEntry(label, key, level=level, closed=level >= 1)

    # ------------------------------------------------------------ progress and cancel

    def beforeDocument(self) -> None:
        self._story_size = 0
        self.canv.showOutline()

    def handle_flowable(self, flowables: list) -> None:
        if self._is_cancelled is not None and self._is_cancelled():
            raise ExportCancelled()
        if self._progress is not None:
            self._story_size = max(self._story_size, len(flowables))
            fraction = min(0.98, 1 - len(flowables) / max(self._story_size, 1))
            if fraction - self._reported >= 0.01:
                self._reported = fraction
                self._progress(fraction)
        super().handle_flowable(flowables)
