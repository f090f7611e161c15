"""Exporting a named report of an open workbook: shared by the CLI and the export dialog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.reports.export.exporters import CancelCheck, ExportOptions, ProgressCallback, export_report
from app.reports.export.result import RenderResult
from app.reports.model.catalogue import ReportEntry, get_report
from app.workbook.store import Workbook


@dataclass(frozen=True)
class PreparedExport:
    """A report's snapshot, taken on the caller's thread; rendering it can run elsewhere."""

    entry: ReportEntry
    snapshot: Any

    def run(
        self,
        options: ExportOptions,
        *,
        progress: ProgressCallback | None = None,
        is_cancelled: CancelCheck | None = None,
        overwrite: bool = False,
    ) -> RenderResult:
        report = self.entry.builder(self.snapshot)
        return export_report(
            report, options, progress=progress, is_cancelled=is_cancelled, overwrite=overwrite
        )


def prepare_export(workbook: Workbook, report_name: str) -> PreparedExport:
    """Look up the report and take its snapshot in one short read-only session."""
    entry = get_report(report_name)
    with workbook.session() as session:
        snapshot = entry.snapshot(session, Path(workbook.path))
    return PreparedExport(entry, snapshot)
