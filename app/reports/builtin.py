"""Reports every workbook offers, registered with the catalogue on import."""

from __future__ import annotations

from app.reports.model.catalogue import available_reports, register_report
from app.reports.workbook_summary import REPORT_NAME, REPORT_TITLE, build_workbook_summary


def register_builtin_reports() -> None:
    if REPORT_NAME not in {entry.name for entry in available_reports()}:
        register_report(REPORT_NAME, REPORT_TITLE, build_workbook_summary)
