"""`rrt check PATH`: SQLite's full integrity check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path")


def one_line(problems: list[str]) -> str:
    """SQLite's report as one line: its first problem and how many more there are (a
    row may hold several lines, headed by a "*** in database main ***" marker)."""
    lines = [line.strip() for problem in problems for line in problem.splitlines()]
    lines = [line for line in lines if line and not line.startswith("***")]
    if not lines:
        return "the integrity check failed"
    more = len(lines) - 1
    return lines[0] + (f" (and {more} more problem{'s' if more != 1 else ''})" if more else "")


def run(args: argparse.Namespace) -> int:
    from app.workbook import Workbook

    # The full check below reads every page: the quick one on opening would read them twice.
    with Workbook.open(Path(args.path), read_only=True, quick_check=False) as workbook:
        problems = workbook.integrity_problems(thorough=True)
    if problems:
        print(f"rrt: {Path(args.path).name} is damaged: {one_line(problems)}", file=sys.stderr)
        return 3
    print(f"{Path(args.path).name} is sound (integrity check passed).")
    return 0
