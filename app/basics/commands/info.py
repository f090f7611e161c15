"""`rrt info PATH`: a workbook's details, format and counts as JSON (plain SQL, no ORM)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.workbook import fileformat


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path")


def run(args: argparse.Namespace) -> int:
    from app.workbook import Workbook

    with Workbook.open(Path(args.path), read_only=True) as workbook:
        overview = workbook.overview()
        header = fileformat.read_header(workbook.path)
    report = {
        "path": str(workbook.path),
        "application_id": header.application_id,
        "schema_version": header.schema_version,
        "title": overview.title,
        "organisation": overview.organisation,
        "area": overview.area,
        "owner": overview.owner,
        "created_at": overview.created_at.isoformat(),
        "updated_at": overview.updated_at.isoformat(),
        "counts": overview.counts,
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0
