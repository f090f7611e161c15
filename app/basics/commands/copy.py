"""`rrt copy PATH DEST`: a complete, safe copy, even while the workbook is open."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path")
    parser.add_argument("dest")
    parser.add_argument("--force", action="store_true", help="replace DEST if it exists")


def run(args: argparse.Namespace) -> int:
    from app.workbook import Workbook

    with Workbook.open(Path(args.path), read_only=True) as workbook:
        destination = workbook.save_copy(Path(args.dest), overwrite=args.force)
    print(f"Copied to {destination}")
    return 0
