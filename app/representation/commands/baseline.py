"""`rrt baseline`: import an area's population by ethnic group from a CSV or Excel file
(such as an ONS census area table), type one in, list or remove a workbook's baselines."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UsageError
from app.representation.vocabulary import DEFAULT_CLASSIFICATION

if TYPE_CHECKING:
    from app.representation.store import BaselineRow


def add_arguments(parser: argparse.ArgumentParser) -> None:
    verbs = parser.add_subparsers(dest="verb", required=True,
                                  metavar="import|add|list|remove")
    imp = verbs.add_parser("import", help="read a baseline from a CSV or .xlsx file")
    imp.add_argument("path", help="the workbook")
    imp.add_argument("file", help="the CSV or Excel file, e.g. an ONS table such as TS021")
    imp.add_argument("--area", help="the area's code or name, when the file holds several")
    imp.add_argument("--classification", default=DEFAULT_CLASSIFICATION,
                     help="the categories the file uses (ons2001, ons2011, ons2021)")
    imp.add_argument("--map", action="append", default=[], metavar="ROLE=COLUMN",
                     help="which column holds what: area_code, area_name, category_code, "
                          "category or count (repeat for each)")
    imp.add_argument("--name", help="what to call the baseline (default: the area's name)")
    imp.add_argument("--valid-only", action="store_true",
                     help="import the valid rows even though others have problems")
    imp.add_argument("--check", action="store_true",
                     help="only check the file and report; import nothing")
    add = verbs.add_parser("add", help="type in a baseline: a count for each category")
    add.add_argument("path", help="the workbook")
    add.add_argument("counts", nargs="+", metavar="CATEGORY=COUNT",
                     help="a count by category code, id or label, such as 1=3150 or "
                          "indian=12400")
    add.add_argument("--area", default="", help="the area's code, such as E06000001")
    add.add_argument("--area-name", default="", help="the area's name")
    add.add_argument("--name", default="", help="what to call the baseline (default: the "
                                                 "area's name or code)")
    add.add_argument("--classification", default=DEFAULT_CLASSIFICATION,
                     help="the categories the counts use (ons2001, ons2011, ons2021)")
    add.add_argument("--source", default="Typed in", help="where the figures come from")
    remove = verbs.add_parser("remove", help="remove a baseline no audit uses")
    remove.add_argument("path")
    remove.add_argument("baseline", help="its number in `rrt baseline list`, name or code")
    listing = verbs.add_parser("list", help="the workbook's baselines")
    listing.add_argument("path")
    listing.add_argument("--json", action="store_true", help="print JSON")


def parse_map(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        role, sep, column = item.partition("=")
        if not sep or not role.strip() or not column.strip():
            raise UsageError(f"--map takes ROLE=COLUMN, such as count=Observation; not “{item}”")
        out[role.strip()] = column.strip()
    return out


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from app.representation.baselines import read_baseline_file
    from app.representation.operations import CreateBaseline
    from app.representation.store import list_baselines
    from app.workbook import Workbook
    from app.workbook.operations import run_operation

    if args.verb == "list":
        with Workbook.open(Path(args.path), read_only=True) as workbook, \
                workbook.session() as session:
            rows = list_baselines(session)
        if args.json:
            print(json.dumps([_as_json(n, r) for n, r in enumerate(rows, 1)], indent=2,
                             ensure_ascii=False))
        else:
            for number, row in enumerate(rows, 1):
                total = sum(n for _, n in row.counts)
                print(f"{number}. {row.name} [{row.area_code or 'no code'}, {row.classification},"
                      f" {total:,} people]")
            if not rows:
                print("No baselines yet.")
        return 0
    if args.verb in ("add", "remove"):
        return _add_or_remove(args)
    column_map = parse_map(args.map)
    with Workbook.open(Path(args.path)) as workbook:  # refuse a locked workbook before reading
        found = read_baseline_file(Path(args.file), classification=args.classification,
                                   area=args.area, column_map=column_map)
        for note in found.notes:
            print(f"Note: {note}")
        if args.check:
            for problem in found.problems:
                print(f"Problem: {problem}")
            print("The file is valid." if found.valid else
                  f"{len(found.problems)} problems; nothing was imported.")
            return 0 if found.valid else 3
        baseline: BaselineRow = found.to_baseline(valid_only=args.valid_only)
        if args.name:
            baseline = replace(baseline, name=args.name)
        run_operation(workbook, CreateBaseline(baseline))
    for problem in found.problems:
        print(f"Left out: {problem}")
    print(f"Baseline “{baseline.name}” imported: {len(baseline.counts)} categories, "
          f"{sum(n for _, n in baseline.counts):,} people.")
    return 0


def _add_or_remove(args: argparse.Namespace) -> int:
    import uuid

    from app.representation.commands.audit import parse_pairs, pick_baseline
    from app.representation.operations import CreateBaseline, DeleteBaseline
    from app.representation.store import BaselineRow, list_baselines
    from app.workbook import Workbook
    from app.workbook.operations import run_operation

    with Workbook.open(Path(args.path)) as workbook:
        if args.verb == "remove":
            with workbook.session() as session:
                baseline_id = pick_baseline(list_baselines(session), args.baseline)
            run_operation(workbook, DeleteBaseline(baseline_id))
            print("Baseline removed.")
            return 0
        counts = parse_pairs(args.counts)  # checked, and read as numbers, when it is added
        row = BaselineRow(uuid.uuid4(), args.name, args.area, args.area_name,
                          args.classification, args.source, tuple(counts))  # type: ignore[arg-type]
        run_operation(workbook, CreateBaseline(row))
        with workbook.session() as session:
            added = next(b for b in list_baselines(session) if b.id == row.id)
    print(f"Baseline “{added.name}” added: {len(added.counts)} categories, "
          f"{sum(n for _, n in added.counts):,} people.")
    return 0


def _as_json(number: int, row: BaselineRow) -> dict[str, object]:
    return {
        "number": number,
        "id": str(row.id),
        "name": row.name,
        "area_code": row.area_code,
        "area_name": row.area_name,
        "classification": row.classification,
        "source": row.source,
        "counts": dict(row.counts),
    }
