"""Render a Report to PDF with reportlab platypus.

The output has a title page, a table of contents, bookmarks for every heading, "Page n of N"
footers, a running header, embedded fonts and document metadata. The file is written to a
temporary name beside the target and moved into place only when complete, so a cancelled
or failed export never leaves a half-written file or touches an existing one.

Charts are drawn as vector graphics from the same definition as the Word images.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.reports.export.atomic_file import atomic_output
from app.reports.export.result import RenderResult
from app.reports.model.report import Report
from app.reports.render.safe_text import clean_report


def render_pdf(
    report: Report,
    out_path: Path,
    *,
    progress: Callable[[float], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    page_size: tuple[float, float] | None = None,
) -> RenderResult:
    """Write `report` to `out_path` as PDF (on A4 unless `page_size`, in points, says
    otherwise: the workshop pack's wall chart is A3 landscape).

    `progress` receives fractions from 0 to 1; `is_cancelled` is polled between flowables
    and, when it returns True, the export stops with `ExportCancelled` and writes nothing.
    """
    # Imported here: reportlab takes a noticeable share of a second to import.
    from app.reports.export.result import ExportCancelled
    from app.reports.render.pdf.story import StoryBuilder
    from app.reports.render.pdf.styles import build_styles
    from app.reports.render.pdf.template import NumberedCanvas, ReportDocTemplate

    out_path = Path(out_path)
    report = clean_report(report)  # no character the store accepts may break the file
    if is_cancelled is not None and is_cancelled():
        raise ExportCancelled()
    if progress is not None:
        progress(0.0)
    directory = out_path.parent
    if not directory.is_dir():
        raise FileNotFoundError(
            f"The folder {directory} does not exist. Choose another folder and export again."
        )

    with atomic_output(out_path) as temp_path:
        doc = ReportDocTemplate(
            str(temp_path), report, progress=progress, is_cancelled=is_cancelled,
            page_size=page_size,
        )
        builder = StoryBuilder(
            build_styles(), doc.width, doc.height, landscape_width=doc.landscape_width
        )
        story = builder.build(report)
        doc.build(story, canvasmaker=NumberedCanvas)
    if progress is not None:
        progress(1.0)
    return RenderResult(out_path, tuple(dict.fromkeys(builder.warnings)))
