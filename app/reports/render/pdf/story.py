"""Walk a Report and produce the platypus story (the list of flowables) for the PDF."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    Spacer,
)
from reportlab.platypus import Table as PdfTable

from app.reports.charts.drawing import default_height
from app.reports.model import report as model
from app.reports.model.formatting import UNTITLED, note_label, title_page_details
from app.reports.model.outline import CONTENTS_TITLE, reading_order, wants_contents
from app.reports.render.columns import one_line_size
from app.reports.render.fonts import register_fonts
from app.reports.render.pdf.chart import ChartFlowable
from app.reports.render.pdf.contents import ContentsLine
from app.reports.render.pdf.markup import Para, escape, safe_href
from app.reports.render.pdf.measure import Measure
from app.reports.render.pdf.styles import ACCENT, CALLOUT_FILL, TOC_DEPTH, Styles
from app.reports.render.pdf.tables import PagedTable, table_flowable, wants_landscape
from app.reports.render.pdf.text import text_flow

FIGURES_PER_ROW = 3
FIGURE_MIN_SIZE = 11.0  # points: a key figure still stands out at this size
CHART_MAX_HEIGHT_SHARE = 0.5  # of the frame, so a chart and its caption fit with some text


# A table with more rows than this may start at the foot of a page and run on; its heading
# and caption then keep only with its first LEAD_ROWS rows, not with the whole table (which
# would move it all to the next page and leave most of this one blank).
LONG_TABLE_ROWS = 15
LEAD_ROWS = 3


def _keeps_with_next(flowable: Flowable) -> bool:
    return bool(flowable.getKeepWithNext())


class StoryBuilder:
    def __init__(
        self, styles: Styles, width: float, height: float, *, landscape_width: float = 0.0
    ) -> None:
        self.styles = styles
        self.width = width
        self.height = height
        self.landscape_width = landscape_width or width
        self.warnings: list[str] = []
        self._headings = 0
        self._story: list[Flowable] = []
        self._toc_entries: list[tuple[int, str, str]] = []
        self._measure = Measure()  # word widths, shared by every paragraph of the export

    def _text(self, content, style) -> Flowable:
        """A paragraph of plain text or spans (bold, italic, links)."""
        spans = (model.Span(content),) if isinstance(content, str) else content
        return text_flow(spans, style, self._measure)

    def _heading_flowable(self, title: str, style, level: int, key: str) -> Flowable:
        """A heading that the doc template bookmarks and lists in the contents."""
        flowable = self._text(title, style)
        flowable.outline_entry = (level, title, key)
        return flowable

    # ------------------------------------------------------------ document level

    def build(self, report: model.Report) -> list[Flowable]:
        """Title page, contents, body: the body is built first so the contents know it."""
        for part in reading_order(report):
            if part.appendix:
                self._page_break()  # each appendix starts on a new page, as in Word
            if part.notes:
                self._heading(part.title, 0)
                for note in report.notes:
                    self._story.append(self._note(note, under_notes_heading=True))
                continue
            self._section(part.section, 0, title=part.title)
        body, self._story = self._story, []
        self._title_page(report.title_page)
        self._story.append(NextPageTemplate("body"))
        self._story.append(PageBreak())
        if self._toc_entries and wants_contents(report):
            self._contents()
        return self._story + body

    def _title_page(self, tp: model.TitlePage) -> None:
        s = self.styles
        story = self._story
        story.append(Spacer(1, 30 * mm))
        if tp.organisation:
            story.append(self._text(tp.organisation, s.organisation))
        story.append(self._text(tp.title or UNTITLED, s.title))
        if tp.subtitle:
            story.append(self._text(tp.subtitle, s.subtitle))
        story.append(Spacer(1, 20 * mm))
        for line in title_page_details(tp):
            story.append(self._text(line, s.title_meta))

    def _contents(self) -> None:
        self._story.append(
            self._heading_flowable(CONTENTS_TITLE, self.styles.contents_heading, 0, "contents")
        )
        levels = self.styles.toc_levels
        for level, title, key in self._toc_entries:
            self._story.append(ContentsLine(level, title, key, levels[min(level, 3)]))
        self._story.append(PageBreak())

    # ------------------------------------------------------------ blocks

    def _heading(self, title: str, level: int) -> None:
        self._headings += 1
        style = self.styles.heading(level + 1)
        # Start a heading on a new page rather than strand it with one line under it.
        self._story.append(CondPageBreak(style.fontSize * 6))
        key = f"h{self._headings}"
        self._story.append(self._heading_flowable(title, style, level, key))
        if level < TOC_DEPTH:
            self._toc_entries.append((level, title, key))

    def _section(self, section: model.Section, level: int, title: str | None = None) -> None:
        self._heading(section.title if title is None else title, level)
        for block in section.blocks:
            if isinstance(block, model.Section):
                self._section(block, level + 1)
            else:
                self._block(block)

    def _block(self, block) -> None:
        s = self.styles
        if isinstance(block, model.Paragraph):
            self._check_links(block.spans)
            self._story.append(self._text(block.spans, s.body))
        elif isinstance(block, model.BulletList):
            if block.items:  # reportlab cannot lay out an empty list
                self._story.append(self._list(block))
        elif isinstance(block, model.Table):
            self._table(block)
        elif isinstance(block, model.KeyFigures):
            if block.figures:
                self._story.append(self._key_figures(block))
        elif isinstance(block, model.Chart):
            self._chart(block)
        elif isinstance(block, model.Note):
            self._story.append(self._note(block))
        elif isinstance(block, model.PageBreak):
            self._page_break()

    def _page_break(self) -> None:
        # Two breaks in a row (a section's own break, then the appendices') would leave a
        # blank page.
        if self._story and isinstance(self._story[-1], PageBreak):
            return
        self._story.append(PageBreak())

    def _check_links(self, spans: tuple[model.Span, ...]) -> None:
        for span in spans:
            if span.link and safe_href(span.link) is None:
                self.warnings.append(
                    f"The link behind “{span.text}” was left out of the PDF because it is not "
                    "a web or e-mail address."
                )

    def _list(self, block: model.BulletList) -> ListFlowable:
        s = self.styles
        fonts = register_fonts()
        items = []
        for item in block.items:
            self._check_links(item.spans)
            items.append(ListItem(self._text(item.spans, s.list_item)))
        kind = (
            {"bulletType": "1", "bulletFormat": "%s."}
            if block.numbered
            else {"bulletType": "bullet", "start": "•"}
        )
        return ListFlowable(
            items,
            leftIndent=16,
            bulletFontName=fonts.regular,
            bulletFontSize=s.body.fontSize,
            bulletColor=ACCENT,
            spaceAfter=6,
            **kind,
        )

    def _note(self, note: model.Note, *, under_notes_heading: bool = False) -> Flowable:
        spans: tuple[model.Span, ...] = (model.Span(note.text),)
        label = note_label(note, under_notes_heading=under_notes_heading)
        if label:
            spans = (model.Span(f"{label}:", bold=True), model.Span(" "), *spans)
        return self._text(spans, self.styles.note)

    def _table(self, table: model.Table) -> None:
        turn = self.landscape_width > self.width and wants_landscape(
            table, self.styles, self.width
        )
        width = self.landscape_width if turn else self.width
        flowable = table_flowable(table, self.styles, width)
        if flowable is None:
            self.warnings.append(
                f"The table “{table.caption or 'untitled'}” has no columns and "
                "was left out of the PDF."
            )
            return
        lead = self._take_lead()  # the heading(s) just before the table go with it
        caption = self._text(table.caption, self.styles.caption) if table.caption else None
        if turn:
            tail = self._story[-2:]
            if len(tail) == 2 and isinstance(tail[1], PageBreak) and getattr(
                tail[0], "action", None
            ) == ("nextPageTemplate", "body"):
                del self._story[-2:]  # straight after another landscape table: same run
            else:
                self._story += [NextPageTemplate("landscape"), PageBreak()]
        if len(table.iter_rows()) > LONG_TABLE_ROWS:
            if caption is not None:
                caption.keepWithNext = 0  # keep with the first rows only, via the break below
            else:
                for flowable_before in lead:
                    flowable_before.keepWithNext = 0
            needed = self._height_of([*lead, *([caption] if caption else [])], width)
            needed += self._lead_rows_height(flowable, width)
            self._story.append(CondPageBreak(needed))
        self._story += lead
        if caption is not None:
            self._story.append(caption)
        # Space after the table, not a spacer: a spacer that no longer fits under a table
        # ending at the foot of a page would start a blank page of its own.
        flowable.spaceAfter = max(getattr(flowable, "spaceAfter", 0) or 0, 8)
        self._story.append(flowable)
        if turn:
            self._story += [NextPageTemplate("body"), PageBreak()]

    def _take_lead(self) -> list[Flowable]:
        """Take the flowables at the end of the story that must stay with what comes next
        (headings, and the conditional breaks before them)."""
        lead: list[Flowable] = []
        while self._story and (
            isinstance(self._story[-1], CondPageBreak) or _keeps_with_next(self._story[-1])
        ):
            lead.insert(0, self._story.pop())
        return lead

    def _height_of(self, flowables: list[Flowable], width: float) -> float:
        total = 0.0
        for flowable in flowables:
            if isinstance(flowable, CondPageBreak):
                continue
            _, height = flowable.wrap(width, self.height)
            total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        return total

    def _lead_rows_height(self, table: Flowable, width: float) -> float:
        """The header row and the first LEAD_ROWS rows of a laid-out table."""
        if isinstance(table, PagedTable):
            table = table.head(LEAD_ROWS)
        table.wrap(width, self.height)
        heights = getattr(table, "_rowHeights", None) or []
        return float(sum(heights[: 1 + LEAD_ROWS]))

    def _chart(self, chart: model.Chart) -> None:
        height = min(default_height(chart, self.width), self.height * CHART_MAX_HEIGHT_SHARE)
        caption = self._text(chart.title, self.styles.caption) if chart.title else None
        self._story.append(ChartFlowable(chart, caption, height))
        self._story.append(Spacer(1, 8))

    def _key_figures(self, block: model.KeyFigures) -> PdfTable:
        s = self.styles
        per_row = min(FIGURES_PER_ROW, len(block.figures))
        # One size for the whole row of figures, small enough that none of them wraps.
        size = one_line_size(
            [f.value for f in block.figures], s.figure_value.fontName,
            self.width / per_row - 16 - 1, s.figure_value.fontSize, FIGURE_MIN_SIZE,
        )
        value_style = s.figure_value
        if size < value_style.fontSize:
            value_style = ParagraphStyle(
                "FigureValueFitted", parent=value_style, fontSize=size,
                leading=value_style.leading * size / value_style.fontSize,
            )
        cells: list[list[Para] | str] = []
        for figure in block.figures:
            cell = [
                Para(escape(figure.value), value_style),
                Para(escape(figure.label), s.figure_label),
            ]
            if figure.note:
                cell.append(Para(escape(figure.note), s.figure_note))
            cells.append(cell)
        cells += [""] * (-len(cells) % per_row)
        rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
        table = PdfTable(rows, colWidths=[self.width / per_row] * per_row, hAlign="LEFT")
        commands = [
            ("FONT", (0, 0), (-1, -1), register_fonts().regular, 9),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ("INNERGRID", (0, 0), (-1, -1), 4, "white"),  # white gutters between callouts
        ]
        for index, filled in enumerate(cells):
            if filled != "":
                r, c = divmod(index, per_row)
                commands.append(("BACKGROUND", (c, r), (c, r), CALLOUT_FILL))
                commands.append(("LINEBEFORE", (c, r), (c, r), 3, ACCENT))
        table.setStyle(commands)
        table.spaceAfter = 8
        table.keepWithNext = 0
        return table
