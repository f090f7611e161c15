"""`rrt actions`: list, add, change and remove a workbook's actions, their partners,
dependencies and progress notes from the command line, through the same undoable
operations the desktop app runs."""

from __future__ import annotations

import argparse
import json
import uuid
from pathlib import Path
from typing import Any

from app.errors import UsageError
from app.plans.commands import tracker
from app.plans.fields import CHOICE_FIELDS, DATE_FIELDS, EDITABLE, PARTNER_ROLES, TEXT_FIELDS

VERBS = "list|add|set|remove|partner|depend|note|from-template|tracker"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    verbs = parser.add_subparsers(dest="verb", required=True, metavar=VERBS)
    listing = verbs.add_parser("list", help="the actions, in order, with any date warnings")
    listing.add_argument("path")
    listing.add_argument("--json", action="store_true", help="print JSON")
    add = verbs.add_parser("add", help="add an action")
    add.add_argument("path")
    add.add_argument("--action", required=True, help="what will be done")
    for name in (*TEXT_FIELDS, *CHOICE_FIELDS, *DATE_FIELDS):
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

    partner = verbs.add_parser("partner", help="add a partner to an action, change its role "
                                               "or remove it")
    partner.add_argument("path")
    partner.add_argument("number", type=int, help="the action's number in the list")
    partner.add_argument("name", help="the partner's name")
    partner.add_argument("--role", choices=tuple(PARTNER_ROLES),
                         help="what the partner does (default: supports)")
    partner.add_argument("--remove", action="store_true", help="remove this partner")
    depend = verbs.add_parser("depend", help="say that an action depends on another")
    depend.add_argument("path")
    depend.add_argument("number", type=int, help="the action that waits")
    depend.add_argument("on", type=int, help="the action it depends on")
    depend.add_argument("--remove", action="store_true", help="remove this dependency")
    note = verbs.add_parser("note", help="add a dated progress note to an action")
    note.add_argument("path")
    note.add_argument("number", type=int, help="the action's number in the list")
    note.add_argument("text", help="what happened")
    note.add_argument("--on", dest="noted_on", help="the date (default: today)")
    template = verbs.add_parser("from-template",
                                help="add the actions of a plan template as one step")
    template.add_argument("path")
    template.add_argument("template", nargs="?",
                          help="the template's name; leave out to list them")
    tracker.add_arguments(verbs.add_parser(
        "tracker", help="export the plan as an Excel tracker, or import one filled in"))


def run(args: argparse.Namespace) -> int:
    from app.plans.plan import read_plan
    from app.workbook import Workbook

    if args.verb == "tracker":
        return tracker.run(args)
    if args.verb == "from-template":
        from app.plans.commands.templates import run_from_template

        return run_from_template(args)
    if args.verb == "list":
        with Workbook.open(Path(args.path), read_only=True) as workbook, \
                workbook.session() as session:
            plan = read_plan(session)
        if args.json:
            print(json.dumps(plan.as_json(), indent=2, ensure_ascii=False))
            return 0
        for number, row in enumerate(plan.actions, 1):
            due = f", due {row.due:%d/%m/%Y}" if row.due else ""
            print(f"{number}. {row.action} [{row.status_label}{due}]")
        if not plan.actions:
            print("No actions yet.")
        for warning in plan.warnings:
            print(f"Warning: {warning.text}")
        return 0
    with Workbook.open(Path(args.path)) as workbook:
        print(_edit(workbook, args))
    return 0


def _edit(workbook: Any, args: argparse.Namespace) -> str:
    from app.plans import operations as ops
    from app.workbook.operations import run_operation

    if args.verb == "add":
        values = {name: getattr(args, name) for name in (*TEXT_FIELDS, *CHOICE_FIELDS,
                                                         *DATE_FIELDS)
                  if getattr(args, name, None) is not None}
        run_operation(workbook, ops.AddAction.of(**values))
        return "Action added."
    action_id = _id_of(workbook, args.number)
    if args.verb == "set":
        run_operation(workbook, ops.UpdateAction(action_id, args.field, args.value))
        return "Action changed."
    if args.verb == "remove":
        run_operation(workbook, ops.RemoveAction(action_id))
        return "Action removed."
    if args.verb == "partner":
        return _partner(workbook, action_id, args)
    if args.verb == "depend":
        other = _id_of(workbook, args.on)
        if args.remove:
            run_operation(workbook, ops.RemoveDependency(action_id, other))
            return "Dependency removed."
        run_operation(workbook, ops.AddDependency(action_id, other))
        return f"Action {args.number} now depends on action {args.on}."
    run_operation(workbook, ops.AddNote(action_id, args.text, args.noted_on))
    return "Progress note added."


def _partner(workbook: Any, action_id: uuid.UUID, args: argparse.Namespace) -> str:
    from app.plans import operations as ops
    from app.plans.links import list_partners
    from app.workbook.operations import run_operation

    with workbook.session() as session:
        partners = list_partners(session, action_id)
    same = next((p for p in partners if p.name.casefold() == args.name.strip().casefold()),
                None)
    if args.remove:
        if same is None:
            raise UsageError(f"“{args.name}” is not a partner of action {args.number}")
        run_operation(workbook, ops.RemovePartner(same.id))
        return "Partner removed."
    if same is not None:
        run_operation(workbook, ops.SetPartnerRole(same.id, args.role or same.role))
        return "Partner's role changed."
    run_operation(workbook, ops.AddPartner(action_id, args.name, args.role or "supports"))
    return "Partner added."


def _id_of(workbook: Any, number: int) -> uuid.UUID:
    from app.plans.actions import list_actions

    with workbook.session() as session:
        rows = list_actions(session)
    if not 1 <= number <= len(rows):
        raise UsageError(f"there is no action number {number}; the workbook has {len(rows)}")
    return rows[number - 1].id
