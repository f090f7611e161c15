"""`rrt set PATH FIELD VALUE`: change a detail through the same undoable operation the
desktop app's Details form runs (one change-log line, the same validation)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.workbook.details import EDITABLE_FIELDS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path")
    parser.add_argument("field", choices=sorted(EDITABLE_FIELDS), help="the detail to change")
    parser.add_argument("value", help="its new value")


def run(args: argparse.Namespace) -> int:
    from app.basics.operations import UpdateDetail
    from app.workbook import Workbook
    from app.workbook.operations import run_operation

    with Workbook.open(Path(args.path)) as workbook:
        run_operation(workbook, UpdateDetail(args.field, args.value))
    print(f"{EDITABLE_FIELDS[args.field]} saved.")
    return 0
