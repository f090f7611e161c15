"""`rrt export`: export a workbook's report to Word, PDF or Excel from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.errors import UsageError, UserError
from app.progress import TerminalProgress

FORMATS = {"docx": "DOCX", "pdf": "PDF", "accessible-pdf": "ACCESSIBLE_PDF", "xlsx": "XLSX"}
PRESETS = {
    "none": "NONE",
    "fewer-than-5": "FEWER_THAN_5",
    "hide-1-7-round-5": "SUPPRESS_1_TO_7_ROUND_5",
    "hide-under-10": "SUPPRESS_UNDER_10",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workbook", help="the .rrwb workbook to export from")
    parser.add_argument("--format", required=True, choices=sorted(FORMATS))
    parser.add_argument("--out", required=True, help="the file to write")
    parser.add_argument("--report", default="summary", help="which report (default: summary)")
    parser.add_argument(
        "--subject",
        help="for a report about one thing in the workbook (the assessment report is about "
        "one self-assessment): its name or id; default the most recent",
    )
    parser.add_argument("--template", help="a Word .docx template for docx and accessible-pdf")
    parser.add_argument(
        "--suppress",
        choices=sorted(PRESETS),
        help="small-number rule; the default hides 1 to 7 and rounds the rest to 5",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace the output file if it exists"
    )


def run(args: argparse.Namespace) -> int:
    from app.reports.disclosure.control import DisclosurePreset
    from app.reports.export.exporters import ExportFormat, ExportOptions
    from app.reports.model.catalogue import UnknownReportError
    from app.reports.model.subjects import UnknownSubjectError
    from app.reports.workbook_export import prepare_export
    from app.workbook import Workbook

    template = Path(args.template) if args.template else None
    if template is not None and not template.is_file():
        raise UserError(f"There is no template at {template}. Check the name and folder.")
    options = ExportOptions(
        format=ExportFormat[FORMATS[args.format]],
        out_path=Path(args.out).expanduser().absolute(),
        template=template,
        suppression=DisclosurePreset[PRESETS[args.suppress]] if args.suppress else None,
    )
    bar = TerminalProgress()
    with Workbook.open(Path(args.workbook), read_only=True) as workbook:
        try:
            prepared = prepare_export(workbook, args.report, args.subject)
        except (UnknownReportError, UnknownSubjectError) as error:
            raise UsageError(str(error)) from None
    try:
        result = prepared.run(options, progress=bar, overwrite=args.force)
    finally:
        bar.finish()
    for warning in result.warnings:
        print(f"rrt: note: {warning}", file=sys.stderr)
    print(f"Exported {result.path}")
    return 0

