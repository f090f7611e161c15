"""`rrt rollup WORKBOOK... --framework ID --by local|sub-regional|regional --out FILE`:
the assessments of one framework across many workbooks, collated by area, written as a
Word, PDF or Excel report. The workbooks are only read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.errors import UsageError

SUFFIXES = {".docx": "DOCX", ".pdf": "PDF", ".xlsx": "XLSX"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workbooks", nargs="+", metavar="WORKBOOK", help="the .rrwb workbooks")
    parser.add_argument("--framework", required=True, help="the framework id to collate")
    parser.add_argument("--by", default="local", choices=("local", "sub-regional", "regional"),
                        help="the area level to group by (default: local)")
    parser.add_argument("--out", required=True, help="the .xlsx, .docx or .pdf file to write")
    parser.add_argument("--force", action="store_true", help="replace the file if it exists")


def run(args: argparse.Namespace) -> int:
    from app.assessments.rollup import NothingToRollUp, roll_up
    from app.assessments.rollup_report import build_rollup_report
    from app.progress import TerminalProgress
    from app.reports.export.exporters import ExportFormat, ExportOptions, export_report

    out = Path(args.out).expanduser().absolute()
    fmt = SUFFIXES.get(out.suffix.lower())
    if fmt is None:
        raise UsageError(f"“{out.name}” does not end in .xlsx, .docx or .pdf")
    bar = TerminalProgress()
    try:
        rollup = roll_up([Path(p) for p in args.workbooks], args.framework, args.by,
                         progress=bar)
    finally:
        bar.finish()
    for problem in rollup.problems:
        print(f"rrt: note: {' '.join(problem.problem.split())}", file=sys.stderr)
    if not rollup.assessments:
        raise NothingToRollUp(f"None of the workbooks read holds an assessment against the "
                              f"framework “{args.framework}”, so nothing was written.")
    options = ExportOptions(ExportFormat[fmt], out, for_publication=False)
    result = export_report(build_rollup_report(rollup), options, overwrite=args.force)
    for warning in result.warnings:
        print(f"rrt: note: {warning}", file=sys.stderr)
    print(f"Rolled up {rollup.assessments} assessments from "
          f"{len(rollup.sources) - len(rollup.problems)} workbooks to {result.path}")
    return 0
