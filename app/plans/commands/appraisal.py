"""`rrt appraisal`: start an options appraisal, add its options, record each participant's
ranking, and show the result, through the same undoable operations the desktop app runs."""

from __future__ import annotations

import argparse
import json
import uuid
from pathlib import Path
from typing import Any

from app.errors import UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="new|option|rank|show")
    new = verbs.add_parser("new", help="start an options appraisal")
    new.add_argument("path")
    new.add_argument("question", help="the question or recommendation being appraised")
    option = verbs.add_parser("option", help="add an option to an appraisal")
    option.add_argument("path")
    option.add_argument("number", type=int, help="the appraisal's number")
    option.add_argument("title", help="a short name for the option")
    for name in ("description", "strengths", "weaknesses"):
        option.add_argument(f"--{name}", default="", help=f"the option's {name}")
    rank = verbs.add_parser(
        "rank", help="record a participant's ranking (replaces any earlier one)",
        description="Each OPTION=RANK names an option by number or title; 1 is first, "
                    "equal ranks tie, and options left out stay unranked.")
    rank.add_argument("path")
    rank.add_argument("number", type=int, help="the appraisal's number")
    rank.add_argument("participant", help="the participant's name (a person or a group)")
    rank.add_argument("ranks", nargs="*", metavar="OPTION=RANK")
    rank.add_argument("--justification", help="why they ranked the options so")
    rank.add_argument("--lead-agency", dest="lead_agency", help="who they suggest should lead")
    show = verbs.add_parser("show", help="the options, rankings and the recommended option")
    show.add_argument("path")
    show.add_argument("number", type=int, nargs="?", help="the appraisal's number (all if "
                                                          "left out)")
    show.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from app.workbook import Workbook

    if args.verb == "show":
        with Workbook.open(Path(args.path), read_only=True) as workbook:
            shown = _read(workbook, args.number)
        if args.json:
            print(json.dumps([_as_json(n, d) for n, d in shown], indent=2,
                             ensure_ascii=False))
        else:
            for number, data in shown:
                print(_as_text(number, data))
            if not shown:
                print("No options appraisals yet.")
        return 0
    with Workbook.open(Path(args.path)) as workbook:
        print(_edit(workbook, args))
    return 0


def _edit(workbook: Any, args: argparse.Namespace) -> str:
    from app.plans.appraisal import operations as ops
    from app.plans.appraisal.store import list_appraisals
    from app.workbook.operations import run_operation

    if args.verb == "new":
        run_operation(workbook, ops.AddAppraisal(args.question))
        with workbook.session() as session:
            count = len(list_appraisals(session))
        return f"Options appraisal {count} started."
    ((_, data),) = _read(workbook, args.number)
    if args.verb == "option":
        run_operation(workbook, ops.AddOption.of(
            data.appraisal.id, title=args.title, description=args.description,
            strengths=args.strengths, weaknesses=args.weaknesses))
        return f"Option {len(data.options) + 1} added."
    return _rank(workbook, data, args)


def _rank(workbook: Any, data: Any, args: argparse.Namespace) -> str:
    from app.plans.appraisal import operations as ops
    from app.plans.operations import Steps
    from app.workbook.operations import Operation, run_operation

    ranks = {option.id: None for option in data.options} | _parse_ranks(data, args.ranks)
    same = next((p for p in data.participants
                 if p.name.casefold() == args.participant.strip().casefold()), None)
    steps: list[Operation] = []
    if same is None:
        values = {"name": args.participant}
        values |= {k: getattr(args, k) for k in ("justification", "lead_agency")
                   if getattr(args, k) is not None}
        add = ops.AddParticipant.of(data.appraisal.id, **values)
        steps.append(add)
        person = add.participant_id
    else:
        person = same.id
        steps += [ops.UpdateText("participant", person, k, getattr(args, k))
                  for k in ("justification", "lead_agency") if getattr(args, k) is not None]
    steps.append(ops.SetRanks(person, tuple(ranks.items())))
    run_operation(workbook, Steps(tuple(steps), "Record ranking"))  # one step, all or nothing
    return f"Ranking of “{args.participant.strip()}” recorded."


def _parse_ranks(data: Any, given: list[str]) -> dict[uuid.UUID, int]:
    by_name = {o.title.casefold(): o.id for o in data.options}
    by_number = {str(n): o.id for n, o in enumerate(data.options, 1)}
    parsed: dict[uuid.UUID, int] = {}
    for item in given:
        name, sep, value = item.rpartition("=")
        option = by_number.get(name.strip()) or by_name.get(name.strip().casefold())
        if not sep or option is None:
            raise UsageError(f"“{item}” does not name an option: write OPTION=RANK, with the "
                             f"option's number (1 to {len(data.options)}) or title")
        if not value.strip().isdigit():
            raise UsageError(f"the rank in “{item}” must be a whole number (1 is first)")
        parsed[option] = int(value)
    return parsed


def _read(workbook: Any, number: int | None) -> list[tuple[int, Any]]:
    from app.plans.appraisal.store import list_appraisals, read_appraisal

    with workbook.session() as session:
        rows = list_appraisals(session)
        if number is not None and not 1 <= number <= len(rows):
            raise UsageError(f"there is no options appraisal number {number}; the workbook "
                             f"has {len(rows)}")
        wanted = range(1, len(rows) + 1) if number is None else (number,)
        return [(n, read_appraisal(session, rows[n - 1].id)) for n in wanted]


def _as_json(number: int, data: Any) -> dict[str, Any]:
    result = data.aggregate()
    titles = {o.id: o.title for o in data.options}
    return {
        "number": number,
        "question": data.appraisal.question,
        "notes": data.appraisal.notes,
        "options": [{
            "number": n, "title": o.title, "description": o.description,
            "strengths": o.strengths, "weaknesses": o.weaknesses,
            "borda": result.score_of(o.id).borda,
            "mean_rank": result.score_of(o.id).mean_rank,
            "first_places": result.score_of(o.id).first_places,
            "ranked_by": result.score_of(o.id).ranked_by,
        } for n, o in enumerate(data.options, 1)],
        "participants": [{
            "name": p.name, "justification": p.justification, "lead_agency": p.lead_agency,
            "ranks": {titles[o]: r for o, r in data.ranking_of(p.id).items()},
        } for p in data.participants],
        "raters": result.raters,
        "max_borda": result.max_borda,
        "kendalls_w": result.w,
        "agreement": result.agreement,
        "recommended": [titles[o] for o in result.recommended],
        "rationale": data.rationale(),
        "lead_agencies": [{"name": name, "suggested_by": count}
                          for name, count in data.lead_agencies()],
    }


def _as_text(number: int, data: Any) -> str:
    from app.plans.appraisal.aggregate import number as shown

    result = data.aggregate()
    lines = [f"{number}. {data.appraisal.question}"]
    for n, option in enumerate(data.options, 1):
        score = result.score_of(option.id)
        mean = shown(score.mean_rank) if score.mean_rank is not None else "–"
        lines.append(f"   {n}. {option.title}: Borda {shown(score.borda)}, mean rank {mean}")
    lines.append(f"   {data.rationale()}")
    return "\n".join(lines)
