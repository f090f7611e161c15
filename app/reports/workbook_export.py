"""Exporting a named report of an open workbook: shared by the CLI and the export dialog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.reports.export.exporters import CancelCheck, ExportOptions, ProgressCallback, export_report
from app.reports.export.result import RenderResult
from app.reports.model.catalogue import ReportEntry, get_report
from app.reports.model.subjects import ReportSubject, UnknownSubjectError, choose_subject
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


def prepare_export(workbook: Workbook, report_name: str,
                   subject: str | None = None) -> PreparedExport:
    """Look up the report and take its snapshot in one short read-only session.

    `subject` names what a report with subjects is about (its id or name; by default the
    most recent). A taker that reads plain SQL gets a plain read-only connection instead,
    so exporting such a report never loads SQLAlchemy.
    """
    entry = get_report(report_name)
    taker = entry.snapshot
    path = Path(workbook.path)
    if entry.has_subjects:
        with workbook.session() as session:
            choices = entry.subjects(session)
            chosen = choose_subject(choices, subject, entry.spec.subject_noun) \
                if subject is not None else (choices[0] if choices else None)
            snapshot = entry.subject_snapshot(session, path, chosen.id if chosen else None)
        return PreparedExport(entry, snapshot)
    if subject is not None:
        raise UnknownSubjectError(f"The report “{entry.title}” covers the whole workbook; "
                                  "it has no subject to choose.")
    if isinstance(taker, PlainSnapshotTaker):
        snapshot = workbook.read(lambda connection: taker.read(connection, path))
    else:
        with workbook.session() as session:
            snapshot = taker(session, path)
    return PreparedExport(entry, snapshot)


def report_subjects(workbook: Workbook, report_name: str) -> tuple[ReportSubject, ...]:
    """What a report can be about, most recent first; () for a whole-workbook report."""
    entry = get_report(report_name)
    if not entry.has_subjects:
        return ()
    with workbook.session() as session:
        return tuple(entry.subjects(session))
