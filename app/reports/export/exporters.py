"""The exporter registry: what each format can do, and one entry point that exports a report.

A dialog reads `EXPORTERS` to show formats and enable options (template, charts, whether
LibreOffice is needed); the CLI and the GUI both call `export_report`, which drops the
appendices if asked, applies disclosure control, refuses to overwrite silently and then
hands over to the renderer. Renderers are imported only when used: importing this module
must not load python-docx, reportlab or openpyxl, so the app starts quickly.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from pathlib import Path

from app.destinations import check_destination
from app.errors import UserError
from app.reports.disclosure.control import DisclosurePreset, apply_disclosure
from app.reports.export.result import ExportCancelled, RenderResult
from app.reports.model.dates import long_date
from app.reports.model.report import Report

ProgressCallback = Callable[[float], None]  # fraction done, 0.0 to 1.0
CancelCheck = Callable[[], bool]

# What a report meant for publication gets unless the user picks another rule.
PUBLICATION_DEFAULT = DisclosurePreset.SUPPRESS_1_TO_7_ROUND_5


class ExportFormat(Enum):
    DOCX = "docx"
    PDF = "pdf"
    ACCESSIBLE_PDF = "accessible_pdf"
    XLSX = "xlsx"


@dataclass(frozen=True)
class Exporter:
    """One format as the export dialog sees it."""

    format: ExportFormat
    label: str
    file_suffix: str
    description: str
    supports_template: bool = False
    supports_charts: bool = True
    needs_libreoffice: bool = False

    def available(self) -> bool:
        """False when a tool this format needs (LibreOffice) is not installed."""
        if not self.needs_libreoffice:
            return True
        from app.reports.render.accessible_pdf import libreoffice_available

        return libreoffice_available()


EXPORTERS: dict[ExportFormat, Exporter] = {
    ExportFormat.DOCX: Exporter(
        ExportFormat.DOCX, "Word document", ".docx",
        "An editable Word document with real headings, table header rows and chart "
        "descriptions, built on your template if you choose one.",
        supports_template=True,
    ),
    ExportFormat.PDF: Exporter(
        ExportFormat.PDF, "PDF", ".pdf",
        "A PDF with bookmarks, page numbers and selectable text, ready to print or publish.",
    ),
    ExportFormat.ACCESSIBLE_PDF: Exporter(
        ExportFormat.ACCESSIBLE_PDF, "Accessible (tagged) PDF", ".pdf",
        "A tagged PDF for screen readers, made from the Word version by LibreOffice.",
        supports_template=True, needs_libreoffice=True,
    ),
    ExportFormat.XLSX: Exporter(
        ExportFormat.XLSX, "Excel workbook", ".xlsx",
        "The tables and chart data as an Excel workbook, one sheet per table, with a summary.",
    ),
}


@dataclass(frozen=True)
class ExportOptions:
    format: ExportFormat
    out_path: Path
    template: Path | None = None  # Word template; used by DOCX and ACCESSIBLE_PDF only
    suppression: DisclosurePreset | None = None  # None: chosen from `for_publication`
    include_appendices: bool = True
    for_publication: bool = True  # privacy by default: small counts are hidden

    @property
    def exporter(self) -> Exporter:
        return EXPORTERS[self.format]

    @property
    def effective_preset(self) -> DisclosurePreset:
        if self.suppression is not None:
            return self.suppression
        return PUBLICATION_DEFAULT if self.for_publication else DisclosurePreset.NONE


class ExportError(UserError):
    """An export that cannot go ahead; the message is a plain sentence for the user."""


class ExportFileExistsError(UserError, FileExistsError):
    """The chosen file already exists and the user has not agreed to replace it.

    Still a FileExistsError, so code that asks "does it exist?" by catching that keeps working.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"“{path.name}” already exists in {path.parent}. Choose another name, "
            "or confirm that you want to replace it."
        )
        self.path = path


def export_report(
    report: Report,
    options: ExportOptions,
    *,
    progress: ProgressCallback | None = None,
    is_cancelled: CancelCheck | None = None,
    overwrite: bool = False,
) -> RenderResult:
    """Export `report` as `options` say and return where it went, with any warnings.

    Raises ExportFileExistsError if the file exists and `overwrite` is False, ExportError
    for a missing folder or tool, and ExportCancelled if `is_cancelled` turns true.
    """
    exporter = options.exporter
    out_path = Path(options.out_path)
    if out_path.is_file() and not overwrite:
        raise ExportFileExistsError(out_path)
    # Resolved and checked before anything is written: never a folder, a device, a
    # workbook or its lock or journal, and the name must end as the format does.
    out_path = check_destination(out_path, suffix=exporter.file_suffix, overwrite=True)
    if not exporter.available():
        raise ExportError(
            f"{exporter.label} export needs LibreOffice, which is not installed. "
            "Install LibreOffice, or export as an ordinary PDF instead."
        )

    warnings: list[str] = []
    if not options.include_appendices:
        report = replace(report, appendices=())
    preset = options.effective_preset
    if options.for_publication and not preset.suppresses:
        warnings.append(
            "This export is marked for publication but small counts are not hidden: "
            "check that no one can be identified before you share it."
        )
    report = apply_disclosure(report, preset)
    template = options.template if exporter.supports_template else None
    if options.template is not None and template is None:
        warnings.append(f"{exporter.label} does not use a template, so it was ignored.")

    result = _DISPATCH[options.format](report, out_path, template, progress, is_cancelled)
    return RenderResult(result.path, (*warnings, *result.warnings))


# ---------------------------------------------------------------- dispatch


Renderer = Callable[
    [Report, Path, "Path | None", "ProgressCallback | None", "CancelCheck | None"], RenderResult
]


def _docx(report: Report, out: Path, template: Path | None,
          progress: ProgressCallback | None, is_cancelled: CancelCheck | None) -> RenderResult:
    from app.reports.render.docx.renderer import render_docx

    return render_docx(report, out, template=template, progress=progress,
                       is_cancelled=is_cancelled)


def _pdf(report: Report, out: Path, template: Path | None,
         progress: ProgressCallback | None, is_cancelled: CancelCheck | None) -> RenderResult:
    from app.reports.render.pdf.renderer import render_pdf

    return render_pdf(report, out, progress=progress, is_cancelled=is_cancelled)


def _xlsx(report: Report, out: Path, template: Path | None,
          progress: ProgressCallback | None, is_cancelled: CancelCheck | None) -> RenderResult:
    from app.reports.render.xlsx.renderer import render_xlsx

    return render_xlsx(report, out, progress=progress, is_cancelled=is_cancelled)


def _accessible_pdf(report: Report, out: Path, template: Path | None,
                    progress: ProgressCallback | None,
                    is_cancelled: CancelCheck | None) -> RenderResult:
    """Word first (into a private temporary folder), then LibreOffice makes the tagged PDF."""
    from app.reports.render.accessible_pdf import render_accessible_pdf

    # Word takes the first half of the bar; LibreOffice's conversion the rest.
    halfway = None if progress is None else (lambda fraction: progress(fraction / 2))
    with tempfile.TemporaryDirectory(prefix="rrt-export-") as folder:
        docx = _docx(report, Path(folder) / "report.docx", template, halfway, is_cancelled)
        if is_cancelled is not None and is_cancelled():
            raise ExportCancelled()
        result = render_accessible_pdf(docx.path, out, is_cancelled=is_cancelled)
    if progress is not None:
        progress(1.0)
    return RenderResult(result.path, (*docx.warnings, *result.warnings))


_DISPATCH: dict[ExportFormat, Renderer] = {
    ExportFormat.DOCX: _docx,
    ExportFormat.PDF: _pdf,
    ExportFormat.ACCESSIBLE_PDF: _accessible_pdf,
    ExportFormat.XLSX: _xlsx,
}


# ---------------------------------------------------------------- file names

_WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
MAX_STEM = 150  # leaves room for a long folder path within Windows' 260-character limit



def default_file_name(title: str, report_name: str, when: date, fmt: ExportFormat,
                      subject: str = "") -> str:
    """"<title> – <report> – 25 November 2026.<ext>", safe to use as a Windows file name.

    A report about one subject (one self-assessment) adds the subject's name, so exports
    about different subjects differ; the report's title is left out when the subject's
    name already says it ("ISO self-assessment 2026" for the "Self-assessment" report).
    """
    report = _clean_part(report_name)
    about = _clean_part(subject)
    if about and _words(report) <= _words(about):
        report = ""
    parts = [_clean_part(title), report, about, long_date(when)]
    stem = " – ".join(part for part in parts if part)
    if len(stem) > MAX_STEM:
        stem = stem[:MAX_STEM].rstrip(" .–")
    if _WINDOWS_RESERVED.match(stem):
        stem = f"{stem}_"
    return stem + EXPORTERS[fmt].file_suffix


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _clean_part(text: str) -> str:
    text = _WINDOWS_FORBIDDEN.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip().strip(".").strip()
