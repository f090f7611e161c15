"""`rrt workshop pack WORKBOOK OUT_DIR`: the facilitator's Word pack, the action plan on
A3 landscape and the Excel tracker, written into one folder."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="pack")
    pack = verbs.add_parser("pack", help="write the workshop pack into a folder")
    pack.add_argument("path", help="the workbook")
    pack.add_argument("out_dir", help="the folder to write the three files into")
    pack.add_argument("--force", action="store_true", help="replace the pack's files if "
                                                           "they are already there")


def run(args: argparse.Namespace) -> int:
    from app.plans.workshop.pack import take_workshop_snapshot, write_pack
    from app.workbook import Workbook

    with Workbook.open(Path(args.path), read_only=True) as workbook, \
            workbook.session() as session:
        snapshot = take_workshop_snapshot(session)
    for written in write_pack(snapshot, Path(args.out_dir), overwrite=args.force):
        print(f"Wrote {written}")
    return 0
