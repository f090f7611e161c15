"""Render a Report as a Word document (.docx) on the shipped or a user's template.

The body is written in reading order as WordprocessingML text, checked by a parser a
bounded piece at a time, and saved as text into the template's document part (never built
as one tree, which cost time and memory), with python-docx handling the package (styles,
relationships, images). Contents, bookmarks, landscape sections and charts are written into
that text in order; only the small tree left in the part (the final sectPr) is edited after.
Helpers live in the other `docx_*` modules: XML builders, styles, numbering, tables,
charts and the package-level work.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.parts.document import DocumentPart
from lxml import etree

from app.errors import UserError
from app.logging_setup import get_logger
from app.reports.export.result import ExportCancelled, RenderResult
from app.reports.model.formatting import UNTITLED, note_label, table_texts, title_page_details
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
from app.reports.render.docx import package
from app.reports.render.docx.charts import ChartImages, ImageInserter
from app.reports.render.docx.layout import (
    fit_key_figures,
    fitted_widths,
    landscape_width,
    section_properties,
    wants_landscape,
)
from app.reports.render.docx.numbering import ListNumbering
from app.reports.render.docx.styles import StyleSheet
from app.reports.render.docx.tables import (
    TABLE_END,
    TableStyles,
    key_figures_xml,
    table_xml_pieces,
)
from app.reports.render.docx.xml import (
    NSDECLS,
    TWIPS_PER_INCH,
    W_NS,
    WP_NS,
    hyperlink,
    paragraph,
    ppr,
    run,
    safe_url,
)
from app.reports.render.safe_text import clean_report

__all__ = ["render_docx"]

log = get_logger("reports.docx")

_BOOKMARK_ID_BASE = 9000  # clear of any bookmark ids a user's template may hold
MAX_HEADING_LEVEL = 4  # the template defines Heading 1–4; deeper sections use Heading 4
_SPACE_AFTER_TABLE = '<w:spacing w:before="200"/>'  # Normal has no space before: add some
_TITLE_PAGE_DROP = '<w:spacing w:before="2880"/>'  # two inches down the title page
_SPACER_PPR = (
    '<w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr>'
)


def render_docx(
    report: Report,
    out_path: Path,
    *,
    template: Path | None = None,
    progress: Callable[[float], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> RenderResult:
    """Write `report` to `out_path` as .docx and say what had to be adjusted.

    `template` is a user's .docx/.dotx (None: the shipped one); its styles, page setup,
    headers and footers are kept and its body is replaced. Raises ReportTemplateError for
    an unusable template and ExportCancelled when `is_cancelled` turns true; in both cases
    no file is written and an existing file at `out_path` is untouched.
    """
    out_path = Path(out_path)
    report = clean_report(report)  # no character the store accepts may break the file
    ticker = _Progress(progress, is_cancelled)
    ticker.check()
    document, sheet, width = _prepare(template, report.language)
    charts = ChartImages(report.charts(), width / TWIPS_PER_INCH)
    try:
        # The writer reads the template's parts (numbering, images, header) as it goes.
        with _template_faults(template):
            writer = _BodyWriter(document, sheet, width, charts, ticker)
            writer.write(report)
            document = writer.document
            ticker.report(0.85)
            header_style = sheet.style_id("header") if sheet.has("header") else None
            package.fill_running_header(document, report.title, header_style)
            package.fill_footer_organisation(document, report.title_page.organisation)
            package.set_core_properties(document, report)
            ticker.check()
            package.save_atomically(document, out_path, is_cancelled)
    finally:
        charts.close()
    ticker.report(1.0)
    return RenderResult(out_path, tuple(sheet.warnings + writer.warnings))


@contextmanager
def _template_faults(template: Path | None) -> Iterator[None]:
    """A user's template that python-docx opened but that breaks later is a damaged file."""
    try:
        yield
    except (UserError, ExportCancelled, OSError):
        raise  # already a sentence, a cancel, or a file that could not be written
    except Exception as exc:
        if template is None:  # the shipped template is ours: a failure here is a bug
            raise
        # Logged in full: were it our bug rather than the file's, the log shows it.
        log.warning("Word template %s could not be used", template, exc_info=True)
        raise package.template_damaged(Path(template)) from exc


def _prepare(template: Path | None, language: str) -> tuple[Document, StyleSheet, int]:
    """Open the template, empty it and read its styles and text width."""
    document = package.open_template(template)
    try:
        package.clear_body(document)
        sheet = StyleSheet(document.styles.element)
        sheet.set_language(language)
        width = package.usable_width_twips(document)
    except Exception as exc:
        if template is None:  # the shipped template is ours: a failure here is a bug
            raise
        # A file python-docx could open but whose parts are malformed in some other way.
        raise package.template_damaged(Path(template)) from exc
    return document, sheet, width


class _Progress:
    """Throttled progress reports and cancel checks for one render."""

    def __init__(
        self, progress: Callable[[float], None] | None, is_cancelled: Callable[[], bool] | None
    ) -> None:
        self._progress = progress
        self._is_cancelled = is_cancelled
        self._last = -1.0

    def check(self) -> None:
        if self._is_cancelled is not None and self._is_cancelled():
            raise ExportCancelled()

    def report(self, fraction: float) -> None:
        # A Qt signal per block would flood the UI; one per percent is plenty.
        if self._progress is not None and (fraction - self._last >= 0.01 or fraction >= 1.0):
            self._last = fraction
            self._progress(min(1.0, fraction))


class _BodyWriter:
    """Walks the report and writes the body XML in order into the document part's text."""

    def __init__(
        self,
        document: Document,
        sheet: StyleSheet,
        width: int,
        charts: ChartImages,
        ticker: _Progress,
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
        self._body = _start_part(document)
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
        page = report.title_page
        lines: list[tuple[str, str]] = []
        if page.organisation:
            lines.append(("Title Page Organisation", page.organisation))
        lines.append(("Title", page.title or UNTITLED))
        if page.subtitle:
            lines.append(("Subtitle", page.subtitle))
        lines.extend(("Title Page Detail", line) for line in title_page_details(page))
        for index, (style, text) in enumerate(lines):
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
                mark = _BOOKMARK_ID_BASE + index
                content = (
                    f'<w:bookmarkStart w:id="{mark}" w:name="{self._bookmarks[index]}"/>'
                    f'{content}<w:bookmarkEnd w:id="{mark}"/>'
                )
        self._para(f"heading {min(level, MAX_HEADING_LEVEL)}", content)
        self._last_heading_at = len(self._out) - 1

    def _contents(self, entries: list[tuple[int, str]]) -> None:
        """A real TOC field whose cached result already lists the headings.

        Word (References › Update Table, or F9) and LibreOffice (Update Index) refresh it and
        add page numbers; until then it still names every heading and links to it, because
        page numbers depend on Word's own layout and a guessed number would mislead.
        """
        if not entries:
            return
        self._bookmarks = [f"_Toc{_BOOKMARK_ID_BASE + i}" for i in range(len(entries))]
        self._para("TOC Heading", run(CONTENTS_TITLE))
        field_start = (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> TOC \\o "1-{CONTENTS_DEPTH}" \\h \\z \\u '
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        )
        for index, ((level, title), name) in enumerate(zip(entries, self._bookmarks, strict=True)):
            page_ref = (
                '<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF {name} \\h </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            )
            link = (
                f'<w:hyperlink w:anchor="{name}" w:history="1">{run(title)}{page_ref}'
                "</w:hyperlink>"
            )
            end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if index == len(entries) - 1 else ""
            self._para(f"toc {level}", (field_start if index == 0 else "") + link + end)
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


_MARKER = etree.ProcessingInstruction("rrt-body")
_MARKER_TEXT = etree.tostring(_MARKER, encoding="unicode")
_TABLE_START = "<w:tbl>"
_CHECK_BYTES = 256 * 1024  # text checked per parse: bounds the tree that check builds


class _BodyStream:
    """The body as UTF-8 text, checked by a parser as it comes and never kept as a tree.

    The body used to be parsed into a tree and moved into the template's (quadratic in a
    table's rows in lxml), and a long report's tree costs several times its text. Here the
    text is kept, checked to be well formed a few hundred KB at a time (a table's pieces
    each wrapped to be whole elements), and the part writes the text when it is saved.
    """

    def __init__(self, head: str, body_open: str, end: str) -> None:
        self._head, self._body_open, self._end = head, body_open, end
        self._chunks: list[bytes] = []
        self._pending: list[str] = []
        self._pending_size = 0
        self.checks = 0  # how many parses checked the body (tests count them)

    def add(self, piece: str) -> None:
        self._chunks.append(piece.encode("utf-8"))
        if piece == TABLE_END:
            return  # the opening was checked with this closing tag already
        if piece.startswith(_TABLE_START):
            whole = piece if piece.endswith(TABLE_END) else piece + TABLE_END
        elif piece.startswith("<w:tr>"):  # rows of a table being written
            whole = f"{_TABLE_START}{piece}{TABLE_END}"
        else:
            whole = piece
        self._pending.append(whole)
        self._pending_size += len(whole)
        if self._pending_size >= _CHECK_BYTES:
            self._check()

    def _check(self) -> None:
        if self._pending:
            # Raises XMLSyntaxError if a builder ever wrote a malformed fragment.
            etree.fromstring(f"{self._body_open}{''.join(self._pending)}</w:body>")
            self.checks += 1
        self._pending, self._pending_size = [], 0

    def finish(self, document: Document) -> Document:
        self._check()
        # The part keeps a small tree (the final sectPr, which headers and page setup are
        # read from and written to) with a marker where the body's text goes.
        part = document.part
        shell = f"{self._head}{self._body_open}{_MARKER_TEXT}{self._end}"
        part._element = parse_xml(shell)  # python-docx has no public setter for a part's root
        assert type(part) is DocumentPart, "python-docx gives the main part this class"
        part.__class__ = _StreamedBodyPart  # the same part, saved from the body's text
        cast(_StreamedBodyPart, part)._body_chunks = self._chunks
        return part.document


class _StreamedBodyPart(DocumentPart):
    """The document part, writing the body's text in place of the marker when saved."""

    _body_chunks: list[bytes]

    @property
    def blob(self) -> bytes:
        xml = serialize_part_xml(self._element)
        head, found, rest = xml.partition(_MARKER_TEXT.encode("utf-8"))
        assert found, "the body marker must survive serialisation"
        return b"".join([head, *self._body_chunks, rest])


def _start_part(document: Document) -> _BodyStream:
    """The template's document part split where the body's content goes."""
    root = document.element
    body = root.body
    sect = body.find(f"{{{W_NS}}}sectPr")
    # sectPr serialises with its own namespace declarations, so it survives the splice.
    tail = etree.tostring(sect, encoding="unicode") if sect is not None else ""
    marker = etree.ProcessingInstruction("rrt-body")
    body.addprevious(marker)
    root.remove(body)
    shell = etree.tostring(root, encoding="unicode")
    head, found, after = shell.partition(_MARKER_TEXT)
    assert found, "the body marker must survive serialisation"
    # The body declares our prefixes itself, whatever prefixes the template's root uses.
    return _BodyStream(head, f"<w:body {NSDECLS}>", f"{tail}</w:body>{after}")


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
