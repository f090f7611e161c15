"""`rrt note WORKBOOK TEXT`: the example module's command, running its undoable edit."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path")
    parser.add_argument("text")


def run(args: argparse.Namespace) -> int:
    from app.workbook import Workbook
    from app.workbook.operations import run_operation
    from tests.example_module.operations import AddNote

    with Workbook.open(Path(args.path)) as workbook:
        run_operation(workbook, AddNote(args.text))
    print("Note added.")
    return 0
