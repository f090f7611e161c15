"""Exporting a named report of an open workbook: shared by the CLI and the export dialog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.reports.export.exporters import CancelCheck, ExportOptions, ProgressCallback, export_report
from app.reports.export.result import RenderResult
from app.reports.model.catalogue import ReportEntry, get_report
from app.workbook.snapshot import PlainSnapshotTaker
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
    """Look up the report and take its snapshot in one short read-only session.

    A taker that reads plain SQL gets a plain read-only connection instead, so exporting
    such a report never loads SQLAlchemy.
    """
    entry = get_report(report_name)
    taker = entry.snapshot
    path = Path(workbook.path)
    if isinstance(taker, PlainSnapshotTaker):
        snapshot = workbook.read(lambda connection: taker.read(connection, path))
    else:
        with workbook.session() as session:
            snapshot = taker(session, path)
    return PreparedExport(entry, snapshot)
