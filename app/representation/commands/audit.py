"""`rrt audit`: record a body's make-up by ethnic group (counts only) and compare it with
its area's population, through the same undoable operations the desktop app runs."""

from __future__ import annotations

import argparse
import json
import uuid
from pathlib import Path
from typing import Any

from app.errors import UsageError
from app.representation.vocabulary import BODY_KINDS, DEFAULT_CLASSIFICATION, ROLES

CHANGEABLE = ("body_kind", "body_name", "role", "audit_date", "notes", "baseline")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    verbs = parser.add_subparsers(dest="verb", required=True,
                                  metavar="new|set|change|remove|show|list|raise")
    new = verbs.add_parser("new", help="record a new audit of a body")
    new.add_argument("path")
    new.add_argument("--body", required=True, choices=BODY_KINDS, help="the kind of body")
    new.add_argument("--name", default="", help="the body's name, or the named role")
    new.add_argument("--date", required=True, help="the date the figures describe")
    new.add_argument("--classification", default=DEFAULT_CLASSIFICATION)
    new.add_argument("--baseline", help="the baseline's number in `rrt baseline list`")
    new.add_argument("--role", choices=ROLES, help="the role of engagement it audits")
    new.add_argument("--notes", default="")
    new.add_argument("--count", action="append", default=[], metavar="CATEGORY=N",
                     help="a count by category code, id or label (repeat for each)")
    change = verbs.add_parser("set", help="set counts of an audit")
    change.add_argument("path")
    change.add_argument("number", type=int, help="the audit's number in `rrt audit list`")
    change.add_argument("counts", nargs="+", metavar="CATEGORY=N",
                        help="N empty clears the count")
    detail = verbs.add_parser("change", help="change a detail of an audit")
    detail.add_argument("path")
    detail.add_argument("number", type=int)
    detail.add_argument("field", choices=CHANGEABLE)
    detail.add_argument("value")
    remove = verbs.add_parser("remove", help="remove an audit and its counts")
    remove.add_argument("path")
    remove.add_argument("number", type=int)
    show = verbs.add_parser("show", help="an audit compared with its baseline (exact counts)")
    show.add_argument("path")
    show.add_argument("number", type=int)
    show.add_argument("--json", action="store_true", help="print JSON")
    raising = verbs.add_parser("raise", help="add an action to the plan for a group with "
                                             "fewer members than its share of the area")
    raising.add_argument("path")
    raising.add_argument("number", type=int, help="the audit's number in `rrt audit list`")
    raising.add_argument("group", help="the group's key (as `rrt audit show --json` gives "
                                       "it, e.g. asian or ethnic-minorities) or its name")
    listing = verbs.add_parser("list", help="the workbook's audits")
    listing.add_argument("path")
    listing.add_argument("--json", action="store_true", help="print JSON")


def parse_pairs(items: list[str]) -> list[tuple[str, str]]:
    out = []
    for item in items:
        category, sep, count = item.rpartition("=")
        if not sep or not category.strip():
            raise UsageError(f"counts are written CATEGORY=N, such as indian=2; not “{item}”")
        out.append((category.strip(), count.strip()))
    return out


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from app.representation.analysis import compare
    from app.representation.operations import ChangeAudit, CreateAudit, DeleteAudit, SetCount
    from app.representation.store import (
        AuditRow,
        check_audit_field,
        get_baseline,
        list_audits,
        list_baselines,
        list_expanded,
    )
    from app.workbook import Workbook
    from app.workbook.operations import run_operation

    path = Path(args.path)
    if args.verb in ("list", "show"):
        with Workbook.open(path, read_only=True) as workbook, workbook.session() as session:
            audits = list_audits(session)
            if args.verb == "list":
                rows = [_audit_json(n, a) for n, a in enumerate(audits, 1)]
                if args.json:
                    print(json.dumps(rows, indent=2, ensure_ascii=False))
                else:
                    for row in rows:
                        print(f"{row['number']}. {row['body']} ({row['kind']}), {row['date']}:"
                              f" {row['total']} people")
                    if not rows:
                        print("No audits yet.")
                return 0
            audit = _pick(audits, args.number)
            baseline = get_baseline(session, audit.baseline_id) if audit.baseline_id else None
            comparison = compare(audit, baseline, list_expanded(session))
        data = _comparison_json(comparison)
        if args.json:
            print(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            _print_comparison(data)
        return 0

    with Workbook.open(path) as workbook:
        with workbook.session() as session:
            audits = list_audits(session)
            baselines = list_baselines(session)
        if args.verb == "new":
            baseline_id = None
            if args.baseline:
                baseline_id = pick_baseline(baselines, args.baseline)
            when = check_audit_field("audit_date", args.date)
            assert isinstance(when, date)
            counts: Any = tuple(parse_pairs(args.count))  # checked and read as numbers on adding
            new_row = AuditRow(uuid.uuid4(), args.body, args.name, args.role or "", when,
                               args.classification, baseline_id, args.notes, counts)
            run_operation(workbook, CreateAudit(new_row))
            print(f"Audit added as number {_number_of(workbook, new_row.id)}.")
            return 0
        audit = _pick(audits, args.number)
        if args.verb == "set":
            for category, count in parse_pairs(args.counts):
                run_operation(workbook, SetCount(audit.id, category, count or None))
            print("Counts set.")
        elif args.verb == "raise":
            from app.plans.plan import read_plan
            from app.representation.raise_action import RaiseGroupAction

            operation = RaiseGroupAction(audit.id, args.group)
            run_operation(workbook, operation)
            with workbook.session() as session:
                plan = read_plan(session)
            number = plan.number_of(operation.action_id)
            print(f"Action {number} added to the plan: "
                  f"{plan.actions[number - 1].raised_by}.")
        elif args.verb == "change":
            field, value = args.field, args.value
            if field == "baseline":
                field, value = "baseline_id", pick_baseline(baselines, value) if value else None
            run_operation(workbook, ChangeAudit(audit.id, field, value))
            print("Audit changed.")
        else:
            run_operation(workbook, DeleteAudit(audit.id))
            print("Audit removed.")
    return 0


def _pick(audits: list[Any], number: int) -> Any:
    if not 1 <= number <= len(audits):
        raise UsageError(f"there is no audit number {number}; the workbook has {len(audits)}")
    return audits[number - 1]


def pick_baseline(baselines: list[Any], text: str) -> uuid.UUID:
    if text.isdigit() and 1 <= int(text) <= len(baselines):
        return baselines[int(text) - 1].id
    for baseline in baselines:
        if text.casefold() in (baseline.name.casefold(), baseline.area_code.casefold()):
            return baseline.id
    raise UsageError(f"there is no baseline “{text}”; see 'rrt baseline list'")


def _number_of(workbook: Any, audit_id: uuid.UUID) -> int:
    from app.representation.store import list_audits

    with workbook.session() as session:
        return [a.id for a in list_audits(session)].index(audit_id) + 1


def _audit_json(number: int, audit: Any) -> dict[str, Any]:
    return {
        "number": number,
        "id": str(audit.id),
        "kind": audit.body_kind,
        "body": audit.body_label,
        "role": audit.role or None,
        "date": audit.audit_date.isoformat(),
        "classification": audit.classification,
        "baseline": str(audit.baseline_id) if audit.baseline_id else None,
        "counts": dict(audit.counts),
        "total": sum(n for _, n in audit.counts),
    }


def _line_json(line: Any) -> dict[str, Any]:
    m = line.metrics
    return {
        "key": line.key,
        "label": line.label,
        "count": m.count,
        "share": m.share,
        "baseline_share": m.baseline_share,
        "ratio": m.ratio,
        "interval": list(m.interval) if m.interval else None,
        "p_value": m.p_value,
        "verdict": m.verdict.value,
        "parity_gap": m.parity_gap,
        "explanation": m.explanation,
        "match": line.match,
    }


def _comparison_json(c: Any) -> dict[str, Any]:
    return {
        "body": c.audit.body_label,
        "date": c.audit.audit_date.isoformat(),
        "classification": c.classification.id,
        "baseline": c.baseline.name if c.baseline else None,
        "stated": c.stated,
        "not_stated": dict(c.not_stated),
        "groups": [_line_json(line) for line in c.groups],
        "ethnic_minorities": _line_json(c.minorities),
        "categories": [_line_json(line) for line in c.categories],
        "notes": list(c.notes),
        "warning": "Contains small numbers — do not publish.",
    }


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _print_comparison(data: dict[str, Any]) -> None:
    print(f"{data['body']}, {data['date']} ({data['classification']}), against "
          f"{data['baseline'] or 'no baseline'}")
    print(f"Stated their ethnic group: {data['stated']}; not stated: "
          + ", ".join(f"{k} {v}" for k, v in data["not_stated"].items()))
    for line in [*data["groups"], data["ethnic_minorities"]]:
        interval = line["interval"]
        span = f"{_pct(interval[0])}–{_pct(interval[1])}" if interval else "–"
        ratio = "–" if line["ratio"] is None else f"{line['ratio']:.2f}"
        print(f"  {line['label']}: {line['count']} ({_pct(line['share'])}; area "
              f"{_pct(line['baseline_share'])}; ratio {ratio}; 95% interval {span}; "
              f"parity gap {line['parity_gap']}) — {line['verdict']}. {line['explanation']}")
    for note in data["notes"]:
        print(f"Note: {note}")
    print(data["warning"])
