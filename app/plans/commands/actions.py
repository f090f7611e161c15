"""`rrt actions`: list, add, change and remove a workbook's actions from the command line,
through the same undoable operations the desktop app runs."""

from __future__ import annotations

import argparse
import json
import uuid
from pathlib import Path
from typing import Any

from app.errors import UsageError
from app.plans.fields import CHOICE_FIELDS, EDITABLE, TEXT_FIELDS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="list|add|set|remove")
    listing = verbs.add_parser("list", help="the actions, in order")
    listing.add_argument("path")
    listing.add_argument("--json", action="store_true", help="print JSON")
    add = verbs.add_parser("add", help="add an action")
    add.add_argument("path")
    add.add_argument("--action", required=True, help="what will be done")
    for name in (*TEXT_FIELDS, *CHOICE_FIELDS, "due"):
        if name != "action":
            flag = "--" + name.replace("_", "-")
            add.add_argument(flag, dest=name, help=f"the action's {name.replace('_', ' ')}")
    change = verbs.add_parser("set", help="change one field of an action")
    change.add_argument("path")
    change.add_argument("number", type=int, help="the action's number in the list")
    change.add_argument("field", choices=EDITABLE)
    change.add_argument("value")
    remove = verbs.add_parser("remove", help="remove an action")
    remove.add_argument("path")
    remove.add_argument("number", type=int, help="the action's number in the list")


def run(args: argparse.Namespace) -> int:
    from app.plans.actions import list_actions
    from app.plans.operations import AddAction, RemoveAction, UpdateAction
    from app.workbook import Workbook
    from app.workbook.operations import run_operation

    if args.verb == "list":
        with Workbook.open(Path(args.path), read_only=True) as workbook, \
                workbook.session() as session:
            rows = list_actions(session)
        if args.json:
            print(json.dumps([_as_json(n, row) for n, row in enumerate(rows, 1)],
                             indent=2, ensure_ascii=False))
        else:
            for number, row in enumerate(rows, 1):
                due = f", due {row.due:%d/%m/%Y}" if row.due else ""
                print(f"{number}. {row.action} [{row.status_label}{due}]")
            if not rows:
                print("No actions yet.")
        return 0
    with Workbook.open(Path(args.path)) as workbook:
        if args.verb == "add":
            values = {name: getattr(args, name) for name in (*TEXT_FIELDS, *CHOICE_FIELDS, "due")
                      if getattr(args, name, None) is not None}
            run_operation(workbook, AddAction.of(**values))
            print("Action added.")
            return 0
        action_id = _id_of(workbook, args.number)
        if args.verb == "set":
            run_operation(workbook, UpdateAction(action_id, args.field, args.value))
            print("Action changed.")
        else:
            run_operation(workbook, RemoveAction(action_id))
            print("Action removed.")
    return 0


def _id_of(workbook: Any, number: int) -> uuid.UUID:
    from app.plans.actions import list_actions

    with workbook.session() as session:
        rows = list_actions(session)
    if not 1 <= number <= len(rows):
        raise UsageError(f"there is no action number {number}; the workbook has {len(rows)}")
    return rows[number - 1].id


def _as_json(number: int, row: Any) -> dict[str, Any]:
    return {
        "number": number,
        "weakness": row.weakness,
        "action": row.action,
        "outcome": row.outcome,
        "lead_partner": row.lead_partner,
        "due": row.due.isoformat() if row.due else None,
        "status": row.status,
        "priority": row.priority,
        "raised_by": row.raised_by,
    }
