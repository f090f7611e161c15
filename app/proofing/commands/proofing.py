"""`rrt proofing`: the proofing records in a workbook: list them, show one, triage its
findings, answer the checklist, record the decision and sign-off, write the annotated
copy. Edits run through the same undoable operations as the desktop app.

`raise` adds an action to the workbook's action plan from one finding; `style` shows or
sets how proofs in the workbook capitalise ethnic groups.

A record is named by its number in `rrt proofing list` (1 is the most recent), its id, or
its title; a finding by its number in `rrt proofing show`.
"""

from __future__ import annotations

import argparse
import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from app.errors import UsageError
from app.proofing.rules.styles import CAPITALS

TRIAGE_STATES = ("open", "accepted", "dismissed", "fixed")
DECISION_CHOICES = ("adopt", "adopt-with-changes", "revise", "stop")
CHECK_ITEMS = ("referred", "validated", "proofread", "checked")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    verbs = parser.add_subparsers(
        dest="verb", required=True,
        metavar="list|show|triage|check|decide|sign-off|raise|annotate|style")
    listing = verbs.add_parser("list", help="the register of proofing records")
    listing.add_argument("path", metavar="WORKBOOK")
    listing.add_argument("--json", action="store_true", help="print JSON")
    show = verbs.add_parser("show", help="one record: findings, checklist, coverage")
    _record(show)
    show.add_argument("--json", action="store_true", help="print JSON")
    triage = verbs.add_parser("triage", help="set the triage of findings")
    _record(triage)
    triage.add_argument("findings", nargs="+", type=int, metavar="FINDING",
                        help="finding numbers, as `show` lists them")
    triage.add_argument("--state", required=True, choices=TRIAGE_STATES)
    triage.add_argument("--reason", default="", help="why (needed to dismiss)")
    check = verbs.add_parser("check", help="answer an item of the proofing checklist")
    _record(check)
    check.add_argument("item", choices=CHECK_ITEMS)
    check.add_argument("answer", choices=("yes", "partly", "no"))
    check.add_argument("--note", default="")
    decide = verbs.add_parser("decide", help="record the decision on the draft")
    _record(decide)
    decide.add_argument("decision", choices=DECISION_CHOICES)
    decide.add_argument("--rationale", help="why")
    sign = verbs.add_parser("sign-off", help="sign the record off")
    _record(sign)
    sign.add_argument("--name", required=True)
    sign.add_argument("--role", default="")
    sign.add_argument("--date", dest="signed_on", help="DD/MM/YYYY or YYYY-MM-DD "
                                                       "(default: today)")
    raising = verbs.add_parser("raise", help="raise an action in the action plan from a "
                                             "finding")
    _record(raising)
    raising.add_argument("finding", type=int, metavar="FINDING",
                         help="the finding's number, as `show` lists it")
    annotate = verbs.add_parser("annotate", help="write the draft with a Word comment on "
                                                 "each open or accepted finding")
    _record(annotate)
    annotate.add_argument("out", metavar="OUT.docx")
    annotate.add_argument("--overwrite", action="store_true")
    style = verbs.add_parser("style", help="show or set how ethnic groups are capitalised "
                                           "in this workbook's proofs")
    style.add_argument("path", metavar="WORKBOOK")
    style.add_argument("capitals", nargs="?", choices=tuple(CAPITALS),
                       help="ons: capitalise all, White included (the default); "
                            "lower-colour: white and black in lower case")


def _record(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="WORKBOOK")
    parser.add_argument("record", metavar="RECORD",
                        help="its number in `rrt proofing list`, its id or its title")


def run(args: argparse.Namespace) -> int:
    from app.proofing.records import list_records, load_record
    from app.workbook import Workbook

    read_only = args.verb in ("list", "show", "annotate") or (
        args.verb == "style" and args.capitals is None)
    with Workbook.open(Path(args.path), read_only=read_only) as workbook:
        if args.verb == "style":
            _style(workbook, args.capitals)
            return 0
        if args.verb == "list":
            with workbook.session() as session:
                rows = list_records(session)
            _print_list(rows, args.json)
            return 0
        with workbook.session() as session:
            record = load_record(session, _record_id(list_records(session), args.record))
        if args.verb == "show":
            _print_record(record, args.json)
            return 0
        if args.verb == "annotate":
            from app.proofing.record_export import annotate_record

            out = annotate_record(record, args.out, overwrite=args.overwrite)
            print(f"Annotated copy written to {out}.")
            return 0
        _edit(workbook, record, args)
    return 0


def _edit(workbook: Any, record: Any, args: argparse.Namespace) -> None:
    from app.proofing.operations import SetCheck, TriageFindings, UpdateRecord
    from app.workbook.operations import run_operation

    if args.verb == "triage":
        findings = record.findings
        bad = [n for n in args.findings if not 1 <= n <= len(findings)]
        if bad:
            raise UsageError(f"there is no finding {bad[0]}; this record has "
                             f"{len(findings)} (see `rrt proofing show`)")
        run_operation(workbook, TriageFindings(tuple(
            (findings[n - 1].id, args.state, args.reason) for n in args.findings)))
        print(f"{len(args.findings)} finding(s) marked {args.state}.")
    elif args.verb == "check":
        run_operation(workbook, SetCheck(record.id, args.item, args.answer, args.note))
        print("Checklist answered.")
    elif args.verb == "decide":
        run_operation(workbook, UpdateRecord(record.id, "decision",
                                             args.decision.replace("-", "_")))
        if args.rationale is not None:
            run_operation(workbook, UpdateRecord(record.id, "rationale", args.rationale))
        print("Decision recorded.")
    elif args.verb == "raise":
        from app.proofing.raise_action import RaiseFindingAction

        findings = record.findings
        if not 1 <= args.finding <= len(findings):
            raise UsageError(f"there is no finding {args.finding}; this record has "
                             f"{len(findings)} (see `rrt proofing show`)")
        run_operation(workbook, RaiseFindingAction(findings[args.finding - 1].id))
        print(f"Action raised in the action plan from finding {args.finding}.")
    elif args.verb == "sign-off":
        signed_on = _date(args.signed_on) if args.signed_on else date.today()
        for name, value in (("signed_by", args.name), ("signed_role", args.role),
                            ("signed_on", signed_on)):
            run_operation(workbook, UpdateRecord(record.id, name, value))
        print(f"Signed off by {args.name}.")


def _style(workbook: Any, capitals: str | None) -> None:
    from app.proofing.operations import SetCapitals
    from app.proofing.workbook_rules import get_capitals

    if capitals is not None:
        with workbook.session() as session:
            unchanged = get_capitals(session) == capitals
        if not unchanged:  # choosing the style it has already is not a change to log
            from app.workbook.operations import run_operation

            run_operation(workbook, SetCapitals(capitals))
    with workbook.session() as session:
        current = get_capitals(session)
    print(f"Capitalisation of ethnic groups: {CAPITALS[current]} [{current}].")


def _date(text: str) -> date:
    from datetime import datetime

    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise UsageError(f"“{text}” is not a date; write it as DD/MM/YYYY")


def _record_id(rows: list[Any], wanted: str) -> uuid.UUID:
    text = wanted.strip()
    if text.isdigit() and 1 <= int(text) <= len(rows):
        return rows[int(text) - 1].id
    # By id, else by title: the most recent version of that title (rows are newest first).
    matches = [r for r in rows if str(r.id) == text] or \
        [r for r in rows if r.title.casefold() == text.casefold()]
    if matches:
        return matches[0].id
    if not rows:
        raise UsageError("this workbook has no proofing records yet")
    raise UsageError(f"there is no proofing record “{text}”; give its number in "
                     "`rrt proofing list`, its id or its title")


def _print_list(rows: list[Any], as_json: bool) -> None:
    from app.proofing.fields import DECISIONS

    if as_json:
        print(json.dumps([{
            "number": n, "id": str(r.id), "title": r.title, "version": r.version,
            "team": r.team, "proofed": r.proofed_at.isoformat(), "findings": r.findings,
            "open": r.open_findings, "decision": r.decision, "signed_by": r.signed_by,
        } for n, r in enumerate(rows, 1)], indent=2, ensure_ascii=False))
        return
    for number, r in enumerate(rows, 1):
        decision = DECISIONS.get(r.decision, "no decision yet")
        print(f"{number}. {r.name} ({r.proofed_at:%d/%m/%Y}): {r.findings} findings, "
              f"{r.open_findings} open; {decision.lower()}"
              + (f"; signed off by {r.signed_by}" if r.signed_by else ""))
    if not rows:
        print("No proofing records yet.")


def _print_record(record: Any, as_json: bool) -> None:
    from app.proofing.fields import ANSWERS, CHECKLIST, DECISIONS, TRIAGE

    checks = {item: (answer, note) for item, answer, note in record.checks}
    if as_json:
        print(json.dumps({
            "id": str(record.id), "title": record.title, "version": record.version,
            "author": record.author, "team": record.team, "draft": record.draft_name,
            "sha256": record.sha256, "decision": record.decision,
            "rationale": record.rationale, "signed_by": record.signed_by,
            "signed_role": record.signed_role,
            "signed_on": record.signed_on.isoformat() if record.signed_on else None,
            "findings": [{"number": n, "rule": f.rule_id, "severity": f.severity,
                          "message": f.message, "excerpt": f.excerpt,
                          "paragraph": f.paragraph, "start": f.start, "end": f.end,
                          "triage": f.triage, "reason": f.reason}
                         for n, f in enumerate(record.findings, 1)],
            "checklist": {item: {"answer": a, "note": n} for item, (a, n) in checks.items()},
            "screening": dict(record.screening),
            "coverage": [{"id": c.id, "title": c.title, "addressed": c.addressed,
                          "paragraphs": [p for p, _, _ in c.matches]}
                         for c in record.coverage],
        }, indent=2, ensure_ascii=False))
        return
    print(f"{record.title}" + (f", version {record.version}" if record.version else "")
          + f" ({record.draft_name})")
    for n, f in enumerate(record.findings, 1):
        state = TRIAGE[f.triage] + (f": {f.reason}" if f.reason else "")
        print(f"  {n}. paragraph {f.paragraph + 1}: {f.severity} [{f.rule_id}] “{f.excerpt}” "
              f"— {state}")
        print(f"      {f.message}")
    print("Checklist:")
    for item, label in CHECKLIST.items():
        answer, note = checks.get(item, ("", ""))
        print(f"  {label}: {ANSWERS.get(answer, 'not answered')}" + (f" ({note})" if note
                                                                      else ""))
    print("Coverage:")
    for c in record.coverage:
        print(f"  {'addressed  ' if c.addressed else 'unaddressed'} {c.id} {c.title}")
    print(f"Decision: {DECISIONS.get(record.decision, 'not yet decided')}"
          + (f"; signed off by {record.signed_by}" if record.signed_by else ""))
