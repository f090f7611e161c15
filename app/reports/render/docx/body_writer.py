"""Writes a report's body as WordprocessingML text in reading order: paragraphs, lists,
notes, tables (turning pages to landscape for wide ones), key figures and charts.

Pieces go to the body stream as soon as nothing before them waits for a chart still being
drawn; the title page, headings' bookmarks and contents come from `front_matter`.
"""

from __future__ import annotations

from collections import deque

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from app.reports.model.formatting import note_label, table_texts
from app.reports.model.outline import (
    CONTENTS_DEPTH,
    CONTENTS_TITLE,
    headings,
    reading_order,
    wants_contents,
)
from app.reports.model.report import (
    BulletList,
    Chart,
    KeyFigures,
    Note,
    PageBreak,
    Paragraph,
    Report,
    Section,
    Table,
)
from app.reports.render.docx.body_stream import start_part
from app.reports.render.docx.charts import ChartImages, ImageInserter
from app.reports.render.docx.front_matter import (
    bookmark_names,
    bookmarked,
    contents_paragraphs,
    heading_style,
    title_page_lines,
)
from app.reports.render.docx.layout import (
    fit_key_figures,
    fitted_widths,
    landscape_width,
    section_properties,
    wants_landscape,
)
from app.reports.render.docx.numbering import ListNumbering
from app.reports.render.docx.progress import Progress
from app.reports.render.docx.styles import StyleSheet
from app.reports.render.docx.tables import TableStyles, key_figures_xml, table_xml_pieces
from app.reports.render.docx.xml import W_NS, WP_NS, hyperlink, paragraph, ppr, run, safe_url

_SPACE_AFTER_TABLE = '<w:spacing w:before="200"/>'  # Normal has no space before: add some
_TITLE_PAGE_DROP = '<w:spacing w:before="2880"/>'  # two inches down the title page
_SPACER_PPR = (
    '<w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr>'
)


class BodyWriter:
    """Walks the report and writes the body XML in order into the document part's text."""

    def __init__(
        self,
        document: Document,
        sheet: StyleSheet,
        width: int,
        charts: ChartImages,
        ticker: Progress,
    ) -> None:
        self._document = document
        self.document = document  # replaced by the one parsed tree in _finish
        self._part = document.part
        self._sheet = sheet
        self._width = width
        self._charts = charts
        self._ticker = ticker
        self._numbering = ListNumbering(self._part, sheet.element)
        self._images = ImageInserter(self._part, _first_free_shape_id(document))
        self._links: dict[str, str] = {}
        self._pending_charts: deque[tuple[int, Chart]] = deque()
        # The template's page setup, read before its body leaves the part's tree: landscape
        # sections copy it, and it stays last in the body as the final section.
        self._sect = document.element.body.find(f"{{{W_NS}}}sectPr")
        # Body XML pieces in order; each is fed to the parser (and emptied) once nothing
        # before it waits for a chart, so the body never exists whole as text. The last
        # piece is held back while a landscape table may still take it along (a heading,
        # or the end of a landscape section another landscape table continues).
        self._out: list[str] = []
        self._fed = 0
        self._body = start_part(document)
        self._break_pending = False  # a page break to put before the next paragraph
        self._after_table = False
        self._bookmarks: list[str] = []  # for the contents' links, in heading order
        self._sections = 0  # section breaks written (landscape tables)
        self._last_heading_at = -1  # where in _out the latest heading is
        self._landscape_end_at = -1  # where the latest landscape section ends
        self._headings_seen = 0
        self._done = 0
        self._total = 1
        self.warnings: list[str] = []

    # ------------------------------------------------------------ driving

    def write(self, report: Report) -> None:
        self._total = max(1, len(report.walk()) + 1)
        self._title_page(report)
        if wants_contents(report):
            self._contents(headings(report, CONTENTS_DEPTH))
        for part in reading_order(report):
            if part.appendix:
                self._break_pending = True  # each appendix starts on a new page
            if part.notes:
                self._heading(part.title, 1)
                for note in report.notes:
                    self._note(note, under_notes_heading=True)
                continue
            self._section(part.section, 1, title=part.title)
        if not self._charts.available and report.charts():
            self.warnings.append(
                "Charts could not be drawn on this computer, so each chart is described in "
                "words instead."
            )
        if self._after_table:  # end the body with a paragraph, as Word itself does
            self._out.append("<w:p/>")
        self._flush(wait=True)
        self._finish()
        if self._sections:  # the title page is in the first section now, not the last
            # The part's tree is small now (the final sectPr and a marker for the body).
            sect = self.document.element.body.find(f"{{{W_NS}}}sectPr")
            for title_pg in sect.findall(f"{{{W_NS}}}titlePg") if sect is not None else []:
                sect.remove(title_pg)

    def _tick(self) -> None:
        self._ticker.check()
        self._done += 1
        self._ticker.report(0.8 * self._done / self._total)
        self._flush(wait=False)

    def _flush(self, *, wait: bool) -> None:
        """Feed the parser every piece not held back by a chart still being drawn, nor (until
        the end) a last piece a landscape table may still take along."""
        out, pending = self._out, self._pending_charts
        limit = len(out)
        if not wait and limit - 1 in (self._last_heading_at, self._landscape_end_at):
            limit -= 1
        while self._fed < limit:
            if pending and pending[0][0] == self._fed:
                slot, chart = pending[0]
                if not wait and not self._charts.ready(chart):
                    return  # keep writing; the picture is fed once it is drawn
                self._ticker.check()
                pending.popleft()
                self._place_chart(slot, chart)
            self._body.add(out[self._fed])
            out[self._fed] = ""
            self._fed += 1

    def _finish(self) -> None:
        """Hand the finished body to the document part."""
        self.document = self._body.finish(self._document)

    # ------------------------------------------------------------ paragraphs

    def _para(
        self,
        style_name: str | None,
        content: str,
        *,
        keep_next: bool = False,
        spacing: str = "",
        num_id: int | None = None,
        jc: str | None = None,
        body_text: bool = False,
    ) -> None:
        """Append one paragraph; consumes a pending page break and post-table spacing."""
        resolved = self._sheet.resolve(style_name) if style_name else None
        if body_text and self._after_table and not spacing:
            spacing = _SPACE_AFTER_TABLE
        props = ppr(
            resolved.style_id if resolved else None,
            keep_next=keep_next,
            page_break=self._break_pending,
            num_id=num_id,
            spacing=spacing,
            jc=jc,
        )
        self._out.append(paragraph(props, content))
        self._break_pending = False
        self._after_table = False

    def _inline(self, block: Paragraph) -> str:
        parts = []
        link_style: str | None = None
        for span in block.spans:
            if not span.text:
                continue
            if span.link:
                link_style = link_style or self._sheet.style_id("Hyperlink")
                parts.append(hyperlink(span, self._link_rid(span.link), link_style))
            else:
                parts.append(run(span.text, bold=span.bold, italic=span.italic))
        return "".join(parts)

    def _link_rid(self, url: str) -> str | None:
        """Relationship id for an external link; None for an internal '#bookmark'."""
        if url.startswith("#"):
            return None
        rid = self._links.get(url)
        if rid is None:
            rid = self._part.relate_to(safe_url(url), RT.HYPERLINK, is_external=True)
            self._links[url] = rid
        return rid

    # ------------------------------------------------------------ title page and headings

    def _title_page(self, report: Report) -> None:
        for index, (style, text) in enumerate(title_page_lines(report.title_page)):
            extra = self._sheet.resolve(style).fallback_rpr  # e.g. bold when falling back
            self._para(
                style, run(text, extra_rpr=extra), spacing=_TITLE_PAGE_DROP if index == 0 else ""
            )
        self._break_pending = True

    def _heading(self, title: str, level: int) -> None:
        content = run(title)
        if self._bookmarks and level <= CONTENTS_DEPTH:
            index = self._headings_seen
            self._headings_seen += 1
            if index < len(self._bookmarks):
                content = bookmarked(content, index, self._bookmarks[index])
        self._para(heading_style(level), content)
        self._last_heading_at = len(self._out) - 1

    def _contents(self, entries: list[tuple[int, str]]) -> None:
        """A real TOC field listing the headings (see `contents_paragraphs`)."""
        if not entries:
            return
        self._bookmarks = bookmark_names(len(entries))
        self._para("TOC Heading", run(CONTENTS_TITLE))
        for style, content in contents_paragraphs(entries, self._bookmarks):
            self._para(style, content)
        self._break_pending = True

    def _section(self, section: Section, level: int, *, title: str | None = None) -> None:
        self._tick()
        self._heading(section.title if title is None else title, level)
        for block in section.blocks:
            if isinstance(block, Section):
                self._section(block, level + 1)
            else:
                self._tick()
                self._block(block)

    # ------------------------------------------------------------ blocks

    def _block(self, block: object) -> None:
        if isinstance(block, Paragraph):
            self._para(None, self._inline(block), body_text=True)
        elif isinstance(block, BulletList):
            self._list(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, KeyFigures):
            self._key_figures(block)
        elif isinstance(block, Chart):
            self._chart(block)
        elif isinstance(block, Note):
            self._note(block)
        elif isinstance(block, PageBreak):
            self._break_pending = True

    def _list(self, block: BulletList) -> None:
        style = "List Number" if block.numbered else "List Bullet"
        style_id = self._sheet.style_id(style)
        if block.numbered:
            num_id: int | None = self._numbering.new_numbered_list(style_id)
        else:
            num_id = self._numbering.bullet_num_id(style_id)
        for item in block.items:
            self._para(style, self._inline(item), num_id=num_id, body_text=True)

    def _note(self, note: Note, *, under_notes_heading: bool = False) -> None:
        words = note_label(note, under_notes_heading=under_notes_heading)
        label = run(f"{words}: ", bold=True) if words else ""
        self._para("Note", label + run(note.text), body_text=True)

    def _caption(self, text: str) -> None:
        if text:  # keepNext directly too, in case the template's caption style lacks it
            self._para("caption", run(text), keep_next=True)

    def _spacer(self, *, always: bool) -> None:
        """A 6 pt empty paragraph: room above a callout, or a page break before a table.

        Word ignores pageBreakBefore inside tables, so a pending break goes on this.
        """
        if always or self._break_pending:
            brk = "<w:pageBreakBefore/>" if self._break_pending else ""
            self._out.append(f"<w:p><w:pPr>{brk}{_SPACER_PPR}</w:pPr></w:p>")
            self._break_pending = False
            self._after_table = False

    def _table(self, table: Table) -> None:
        sect = self._sect
        texts = table_texts(table)  # what each cell reads: for the widths and the cells
        turn = sect is not None and wants_landscape(table, self._width, texts)
        width = self._width
        if turn and sect is not None:
            width = landscape_width(sect, self._width)
            self._begin_landscape(sect)
        self._caption(table.caption)
        # Word joins two tables with nothing between them into one: keep them apart.
        self._spacer(always=self._after_table)
        styles = TableStyles(
            self._sheet.style_id("Report Table"), self._sheet.resolve("Table Text")
        )
        widths = fitted_widths(table, width, texts)
        for piece in table_xml_pieces(table, width, styles, widths, texts):
            self._out.append(piece)
            self._flush(wait=False)  # a long table is parsed as it is written
        self._after_table = True
        if turn and sect is not None:
            self._out.append(
                f"<w:p><w:pPr>{section_properties(sect, landscape=True, first=False)}"
                "</w:pPr></w:p>"
            )
            self._landscape_end_at = len(self._out) - 1
            self._after_table = False

    def _begin_landscape(self, sect: etree._Element) -> None:
        """End the portrait section here; the heading just written moves with the table.

        Only the last piece is ever taken back, and _flush holds such a piece until more
        follows, so nothing already fed to the parser moves.
        """
        if self._landscape_end_at == len(self._out) - 1:
            assert self._fed < len(self._out), "a piece already fed cannot be taken back"
            self._out.pop()  # straight after another landscape table: carry on with it
            self._landscape_end_at = -1
            return
        moved = []
        if self._last_heading_at == len(self._out) - 1:
            assert self._fed < len(self._out), "a piece already fed cannot be taken back"
            moved.append(self._out.pop())
        first = self._sections == 0
        self._out.append(
            f"<w:p><w:pPr>{section_properties(sect, landscape=False, first=first)}</w:pPr></w:p>"
        )
        self._sections += 1
        self._out.extend(moved)
        self._break_pending = False  # the new section starts on a new page anyway
        self._after_table = False

    def _key_figures(self, block: KeyFigures) -> None:
        if not block.figures:
            return
        self._spacer(always=True)
        value = self._sheet.resolve("Key Figure Value")
        label = self._sheet.resolve("Key Figure Label")
        value = fit_key_figures(block, self._width, value)
        self._out.append(key_figures_xml(block, self._width, value, label))
        self._after_table = True

    def _chart(self, chart: Chart) -> None:
        self._caption(chart.title)
        if not self._charts.available:  # no picture: the description says what it shows
            self._para(None, run(chart.alt_text, italic=True), body_text=True)
            return
        # The picture is still being drawn on a worker: leave a slot and fill it at the end,
        # so tables are written while charts render instead of waiting for each one.
        self._para(None, "", jc="center")
        self._pending_charts.append((len(self._out) - 1, chart))

    def _place_chart(self, slot: int, chart: Chart) -> None:
        png = self._charts.png(chart)
        if png is None:
            return
        drawing = self._images.drawing(png, self._charts.width_inches, chart.title, chart.alt_text)
        self._out[slot] = self._out[slot].replace("</w:p>", f"<w:r>{drawing}</w:r></w:p>")


def _first_free_shape_id(document: Document) -> int:
    """Drawing ids must be unique in the whole document, headers and footers included."""
    highest = 0
    for rel in document.part.rels.values():
        if rel.is_external or rel.reltype not in (RT.HEADER, RT.FOOTER):
            continue
        for doc_pr in rel.target_part.element.iter(f"{{{WP_NS}}}docPr"):
            try:
                highest = max(highest, int(doc_pr.get("id", "0")))
            except ValueError:
                continue
    return highest + 1
