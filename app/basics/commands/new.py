"""`rrt new PATH --title T`: create a workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.workbook import fileformat


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="where to create the .rrwb file")
    parser.add_argument("--title", required=True, help="the workbook's title")
    parser.add_argument("--organisation", default="", help="organisation name")
    parser.add_argument("--area", default="", help="the area covered")
    parser.add_argument("--owner", default="", help="who looks after this workbook")


def run(args: argparse.Namespace) -> int:
    from app.workbook import Workbook

    path = Path(args.path)
    if not path.suffix and path.name:  # "rrt new Audit" makes Audit.rrwb; other names must match
        path = path.with_name(path.name + fileformat.SUFFIX)
    workbook = Workbook.create(
        path, title=args.title, organisation=args.organisation, area=args.area, owner=args.owner
    )
    workbook.close()
    print(f"Created {path}")
    return 0
