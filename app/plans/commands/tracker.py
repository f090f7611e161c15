"""`rrt tracker export WORKBOOK FILE` and `rrt tracker import WORKBOOK FILE [--dry-run]`:
the action plan as an Excel tracker, and what came back merged in as one undoable step."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the parser is built on every `rrt` call: keep it light
    from sqlalchemy.orm import Session

    from app.plans.tracker.export import TrackerSource


def add_arguments(parser: argparse.ArgumentParser) -> None:
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="export|import")
    export = verbs.add_parser("export", help="write the action plan as an Excel tracker")
    export.add_argument("path", help="the workbook")
    export.add_argument("out", help="the .xlsx file to write")
    export.add_argument("--overwrite", action="store_true", help="replace an existing file")
    read = verbs.add_parser("import", help="apply the changes made in a tracker")
    read.add_argument("path", help="the workbook")
    read.add_argument("file", help="the filled-in tracker (.xlsx)")
    read.add_argument("--dry-run", action="store_true",
                      help="only list what would change; change nothing")


def run(args: argparse.Namespace) -> int:
    from app.workbook import Workbook

    if args.verb == "export":
        from app.destinations import check_destination
        from app.plans.tracker.export import write_tracker

        with Workbook.open(Path(args.path), read_only=True) as workbook:
            out = check_destination(args.out, suffix=".xlsx", forbidden=[workbook.path],
                                    overwrite=args.overwrite)
            with workbook.session() as session:
                source = _source(session)
        write_tracker(source, out)
        print(f"Exported a tracker of {len(source.plan.actions)} actions to {out}")
        return 0
    from app.plans.tracker.read import read_tracker
    from app.workbook.operations import run_operation

    with Workbook.open(Path(args.path), read_only=args.dry_run) as workbook:
        with workbook.session() as session:
            source = _source(session)
        found = read_tracker(Path(args.file), source.plan, source.workbook_id)
        lines = found.preview()
        if not lines:
            print("The tracker matches the action plan; nothing to change.")
            return 0
        print("\n".join(lines))
        if args.dry_run:
            print(f"{_changes(len(lines))} would be made (dry run: nothing changed).")
            return 0
        run_operation(workbook, found.operation())
    print(f"{_changes(len(lines))} made.")
    return 0


def _source(session: Session) -> TrackerSource:
    from app.plans.plan import read_plan
    from app.plans.tracker.export import TrackerSource
    from app.workbook.info import get_info

    info = get_info(session)
    return TrackerSource(info.id, info.title, read_plan(session))


def _changes(count: int) -> str:
    return f"{count} change" if count == 1 else f"{count} changes"
