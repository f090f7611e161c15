"""`rrt tracker export WORKBOOK FILE` and `rrt tracker import WORKBOOK FILE [--dry-run]`:
the Excel tracker people fill in offline, and merging it back (a preview first;
`--dry-run` shows it and changes nothing)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="export|import")
    export = verbs.add_parser("export", help="write the action plan as an Excel tracker")
    export.add_argument("path", help="the workbook")
    export.add_argument("out", help="the .xlsx file to write")
    export.add_argument("--force", action="store_true", help="replace the file if it exists")
    importing = verbs.add_parser("import", help="merge a filled-in tracker back into the "
                                                "action plan, after showing what will change")
    importing.add_argument("path", help="the workbook")
    importing.add_argument("file", help="the tracker (.xlsx)")
    importing.add_argument("--dry-run", action="store_true",
                           help="show what would change, and change nothing")


def run(args: argparse.Namespace) -> int:
    from app.destinations import check_destination
    from app.plans.tracker.compare import preview_import
    from app.plans.tracker.export import take_tracker_snapshot, write_tracker
    from app.workbook import Workbook
    from app.workbook.operations import run_operation

    path = Path(args.path)
    if args.verb == "export":
        with Workbook.open(path, read_only=True) as workbook, workbook.session() as session:
            snapshot = take_tracker_snapshot(session)
        out = check_destination(args.out, suffix=".xlsx", forbidden=(path,),
                                overwrite=args.force)
        write_tracker(snapshot, out)
        count = len(snapshot.plan.actions)
        print(f"Wrote {out} ({count} action{'s' if count != 1 else ''}).")
        return 0
    with Workbook.open(path, read_only=args.dry_run) as workbook:
        with workbook.session() as session:
            snapshot = take_tracker_snapshot(session)
        preview = preview_import(Path(args.file), snapshot)
        print("\n".join(preview.lines()))
        if args.dry_run:
            print("Dry run: nothing was changed.")
        elif not preview.is_empty:
            run_operation(workbook, preview.operation())
            print("Imported.")
    return 0
