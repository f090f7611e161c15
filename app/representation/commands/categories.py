"""`rrt categories`: the expanded local ethnic group categories a workbook records under the
census ones (such as "Somali" under "African"), listed, added or removed undoably."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.errors import UsageError
from app.representation.vocabulary import DEFAULT_CLASSIFICATION


def add_arguments(parser: argparse.ArgumentParser) -> None:
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="list|add|remove")
    listing = verbs.add_parser("list", help="the workbook's expanded categories")
    listing.add_argument("path")
    listing.add_argument("--json", action="store_true", help="print JSON")
    add = verbs.add_parser("add", help="add a local category under a census category")
    add.add_argument("path")
    add.add_argument("label", help="its name, such as Somali")
    add.add_argument("--under", required=True, metavar="CATEGORY",
                     help="the census category it sits under: its code, id or label")
    add.add_argument("--classification", default=DEFAULT_CLASSIFICATION,
                     help="the census categories it extends (ons2001, ons2011, ons2021)")
    remove = verbs.add_parser("remove", help="remove a category no audit counts")
    remove.add_argument("path")
    remove.add_argument("category", help="its key or name, as `rrt categories list` shows")


def run(args: argparse.Namespace) -> int:
    import uuid

    from app.representation.classifications import get_classification
    from app.representation.operations import AddExpandedCategory, RemoveExpandedCategory
    from app.representation.store import ExpandedCategory, list_expanded
    from app.workbook import Workbook
    from app.workbook.operations import run_operation

    path = Path(args.path)
    if args.verb == "list":
        with Workbook.open(path, read_only=True) as workbook, workbook.session() as session:
            rows = list_expanded(session)
        data = [{"key": e.key, "label": e.label, "under": e.parent,
                 "classification": e.classification} for e in rows]
        if args.json:
            print(json.dumps(data, indent=2, ensure_ascii=False))
        for e in [] if args.json else rows:
            parent = get_classification(e.classification).category(e.parent).label
            print(f"{e.key}: {e.label} (under {parent}, {e.classification})")
        if not rows and not args.json:
            print("No expanded categories yet.")
        return 0
    with Workbook.open(path) as workbook:
        if args.verb == "add":
            classification = get_classification(args.classification)
            found_parent = classification.find(args.under)
            if found_parent is None or found_parent not in classification.category_ids:
                raise UsageError(f"“{args.under}” is not a census category of "
                                 f"{classification.title}")
            category = ExpandedCategory(uuid.uuid4(), classification.id, "", found_parent,
                                        args.label)
            run_operation(workbook, AddExpandedCategory(category))
            with workbook.session() as session:
                key = next(e.key for e in list_expanded(session) if e.id == category.id)
            print(f"Category added as “{key}”: use it in counts as {key}=N.")
            return 0
        with workbook.session() as session:
            wanted = args.category.casefold()
            found = [e for e in list_expanded(session)
                     if wanted in (e.key.casefold(), e.label.casefold())]
        if len(found) != 1:
            raise UsageError(f"there is no one category “{args.category}”; see "
                             "'rrt categories list'")
        run_operation(workbook, RemoveExpandedCategory(found[0].id))
    print("Category removed.")
    return 0
