"""Render a Report as a Word document (.docx) on the shipped or a user's template.

This module runs one export: it opens and empties the template, has `body_writer` write the
body, fills the running header, footer and properties, and saves the file atomically.

The body is written in reading order as WordprocessingML text, checked by a parser a
bounded piece at a time, and saved as text into the template's document part (never built
as one tree, which cost time and memory; see `body_stream`), with python-docx handling the
package (styles, relationships, images). Contents, bookmarks, landscape sections and charts
are written into that text in order; only the small tree left in the part (the final
sectPr) is edited after. Other helpers: XML builders, styles, numbering, tables, charts,
the title page and contents (`front_matter`) and the package-level work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from docx.document import Document

from app.errors import UserError
from app.logging_setup import get_logger
from app.reports.export.result import ExportCancelled, RenderResult
from app.reports.model.report import Report
from app.reports.render.docx import package
from app.reports.render.docx.body_writer import BodyWriter
from app.reports.render.docx.charts import ChartImages
from app.reports.render.docx.progress import Progress
from app.reports.render.docx.styles import StyleSheet
from app.reports.render.docx.xml import TWIPS_PER_INCH
from app.reports.render.safe_text import clean_report

__all__ = ["render_docx"]

log = get_logger("reports.docx")


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
    ticker = Progress(progress, is_cancelled)
    ticker.check()
    document, sheet, width = _prepare(template, report.language)
    charts = ChartImages(report.charts(), width / TWIPS_PER_INCH)
    try:
        # The writer reads the template's parts (numbering, images, header) as it goes.
        with _template_faults(template):
            writer = BodyWriter(document, sheet, width, charts, ticker)
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
