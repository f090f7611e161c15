"""`rrt check PATH`: SQLite's full integrity check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path")


def run(args: argparse.Namespace) -> int:
    from app.workbook import Workbook

    # The full check below reads every page: the quick one on opening would read them twice.
    with Workbook.open(Path(args.path), read_only=True, quick_check=False) as workbook:
        problems = workbook.integrity_problems(thorough=True)
    if problems:
        print(f"rrt: {Path(args.path).name} is damaged: {problems[0]}", file=sys.stderr)
        return 3
    print(f"{Path(args.path).name} is sound (integrity check passed).")
    return 0
