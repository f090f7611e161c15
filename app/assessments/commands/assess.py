"""`rrt assess`: self-assessments in a workbook from the command line, through the same
undoable operations the desktop app runs.

- `list WORKBOOK [--json]`: the assessments, numbered, oldest round first;
- `new WORKBOOK --framework ID --name N --round R [--date D] [--assessor A] [--group G]
  [--local AREA] [--sub-regional AREA] [--regional AREA]`;
- `rate WORKBOOK ASSESSMENT REF LEVEL`: LEVEL is a level's id or label, `n/a`, or `none`;
- `scores WORKBOOK ASSESSMENT [--json]`: section and overall scores, progress, warnings;
- `compare WORKBOOK A B [--json]`: round B against round A, criterion by criterion;
- `raise WORKBOOK ASSESSMENT [--levels N]`: improvement actions for the lowest ratings;
- `export WORKBOOK ASSESSMENT --format F --out FILE`: the assessment report of that one;
- `upgrade WORKBOOK ASSESSMENT [--to-version V] [--dry-run] [--json]`: move it to a newer
  version of its framework (default the newest), carrying responses over by reference id;
  `--dry-run` only says what would change.

ASSESSMENT is a number from `list` or an assessment's name.
"""

from __future__ import annotations

import argparse
import json
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import UsageError, UserError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.assessments.data import AssessmentData, AssessmentRow
    from app.assessments.frameworks import Framework
    from app.assessments.scoring import RoundComparison, Scores
    from app.assessments.versions import MovePlan

FORMATS = {"docx": "DOCX", "pdf": "PDF", "xlsx": "XLSX"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    verbs = parser.add_subparsers(dest="verb", required=True,
                                  metavar="list|new|rate|scores|compare|raise|export|upgrade")
    listing = verbs.add_parser("list", help="the assessments, numbered")
    listing.add_argument("path")
    listing.add_argument("--json", action="store_true", help="print JSON")
    new = verbs.add_parser("new", help="start an assessment")
    new.add_argument("path")
    new.add_argument("--framework", required=True, help="the framework's id")
    new.add_argument("--name", required=True)
    new.add_argument("--round", required=True, help="the round, e.g. 2026")
    new.add_argument("--date", help="the date of the assessment (31/03/2026)")
    new.add_argument("--assessor")
    new.add_argument("--group", help="the respondent group")
    new.add_argument("--local", help="the local area, for roll-ups")
    new.add_argument("--sub-regional", dest="sub_regional", help="the sub-regional area")
    new.add_argument("--regional", help="the region")
    rate = verbs.add_parser("rate", help="rate a criterion")
    rate.add_argument("path")
    rate.add_argument("assessment", help="its number from 'list', or its name")
    rate.add_argument("ref", help="the criterion's reference, e.g. 1.2")
    rate.add_argument("level", help="a level's id or label, n/a, or none to clear it")
    scores = verbs.add_parser("scores", help="scores, progress and warnings")
    scores.add_argument("path")
    scores.add_argument("assessment")
    scores.add_argument("--json", action="store_true", help="print JSON")
    compare = verbs.add_parser("compare", help="compare two rounds")
    compare.add_argument("path")
    compare.add_argument("earlier", help="the earlier round's number or name")
    compare.add_argument("later", help="the later round's number or name")
    compare.add_argument("--json", action="store_true", help="print JSON")
    raising = verbs.add_parser("raise", help="raise improvement actions for low ratings")
    raising.add_argument("path")
    raising.add_argument("assessment")
    raising.add_argument("--levels", type=int, default=1,
                         help="how many of the lowest levels raise an action (default 1)")
    export = verbs.add_parser("export", help="export one assessment's report")
    export.add_argument("path")
    export.add_argument("assessment")
    export.add_argument("--format", required=True, choices=sorted(FORMATS))
    export.add_argument("--out", required=True)
    export.add_argument("--force", action="store_true", help="replace the file if it exists")
    upgrade = verbs.add_parser("upgrade", help="move an assessment to a newer framework version")
    upgrade.add_argument("path")
    upgrade.add_argument("assessment")
    upgrade.add_argument("--to-version", dest="to_version",
                         help="the version to move to (default: the newest there is)")
    upgrade.add_argument("--dry-run", dest="dry_run", action="store_true",
                         help="only show what would change")
    upgrade.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from app.workbook import Workbook

    path = Path(args.path)
    if args.verb in ("list", "scores", "compare", "export"):
        with Workbook.open(path, read_only=True) as workbook, workbook.session() as session:
            return int(_READERS[args.verb](session, args, path))
    with Workbook.open(path) as workbook:
        return int(_WRITERS[args.verb](workbook, args))


def find_assessment(session: Session, text: str) -> AssessmentRow:
    """An assessment by its number in the list, or by its name (ignoring case)."""
    from app.assessments.records import list_assessments

    rows = list_assessments(session)
    wanted = text.strip()
    if wanted.isdigit():
        number = int(wanted)
        if not 1 <= number <= len(rows):
            raise UsageError(f"there is no assessment number {number}; the workbook has "
                             f"{len(rows)}")
        return rows[number - 1]
    matches = [row for row in rows if row.name.casefold() == wanted.casefold()]
    if not matches:
        raise UsageError(f"there is no assessment called “{wanted}” ('rrt assess list' shows "
                         "them)")
    return matches[-1]


# ---------------------------------------------------------------- reading


def _list(session: Session, args: argparse.Namespace, path: Path) -> int:
    from app.assessments.records import list_assessments, load_assessment
    from app.assessments.scoring import score_assessment

    listed = []
    for number, row in enumerate(list_assessments(session), 1):
        data = load_assessment(session, row.id)
        listed.append((number, row, score_assessment(data.framework, data.responses)))
    if args.json:
        print(json.dumps([_row_json(n, row, s) for n, row, s in listed], indent=2,
                         ensure_ascii=False))
        return 0
    for number, row, scores in listed:
        when = f", {row.assessed_on:%d/%m/%Y}" if row.assessed_on else ""
        round_ = f" [{row.round_label}{when}]" if row.round_label or when else ""
        print(f"{number}. {row.name}{round_} — {row.framework_title} {row.framework_version}, "
              f"{scores.progress.answered} of {scores.progress.shown} answered")
    if not listed:
        print("No assessments yet.")
    return 0


def _row_json(number: int, row: AssessmentRow, scores: Scores) -> dict[str, Any]:
    return {
        "number": number, "name": row.name, "round": row.round_label,
        "date": row.assessed_on.isoformat() if row.assessed_on else None,
        "assessor": row.assessor, "group": row.respondent_group,
        "areas": {"local": row.area_local, "sub-regional": row.area_subregional,
                  "regional": row.area_regional},
        "framework": {"id": row.framework_id, "version": row.framework_version,
                      "title": row.framework_title},
        "answered": scores.progress.answered, "shown": scores.progress.shown,
        "overall": scores.overall.as_json(),
    }


def _scores(session: Session, args: argparse.Namespace, path: Path) -> int:
    from app.assessments.records import load_assessment
    from app.assessments.scoring import max_score, score_assessment

    row = find_assessment(session, args.assessment)
    data = load_assessment(session, row.id)
    scores = score_assessment(data.framework, data.responses)
    if args.json:
        print(json.dumps({
            "assessment": row.name, "scale_maximum": max_score(data.framework),
            "overall": scores.overall.as_json(),
            "progress": {"answered": scores.progress.answered, "shown": scores.progress.shown},
            "sections": [{"key": s.key, "title": s.title, "depth": s.depth,
                          **s.score.as_json(), "answered": s.answered, "shown": s.shown}
                         for s in scores.sections],
            "warnings": [{"kind": w.kind, "ref": w.ref, "message": w.message}
                         for w in scores.warnings],
        }, indent=2, ensure_ascii=False))
        return 0
    top = max_score(data.framework)
    print(f"{row.name}: overall {_fmt(scores.overall.value)} of {top:g} "
          f"(rests on {scores.overall.based_on} criteria); "
          f"{scores.progress.answered} of {scores.progress.shown} answered")
    for s in scores.sections:
        print(f"{'  ' * s.depth}{s.label}: {_fmt(s.score.value)} "
              f"({s.score.based_on} scored, {s.answered} of {s.shown} answered)")
    if scores.warnings:
        print(f"Warnings ({len(scores.warnings)}):")
        for warning in scores.warnings:
            print(f"  {warning.message}")
    return 0


def _fmt(value: float | None) -> str:
    return "no score" if value is None else f"{value:.2f}"


def _compare(session: Session, args: argparse.Namespace, path: Path) -> int:
    from app.assessments.records import load_assessment
    from app.assessments.scoring import compare_rounds

    earlier = load_assessment(session, find_assessment(session, args.earlier).id)
    later = load_assessment(session, find_assessment(session, args.later).id)
    if earlier.row.framework_id != later.row.framework_id:
        raise UserError(f"“{earlier.row.name}” and “{later.row.name}” use different "
                        "frameworks, so they cannot be compared.")
    comparison = compare_rounds(earlier.framework, earlier.responses, later.framework,
                                later.responses)
    if args.json:
        print(json.dumps(_comparison_json(earlier.row, later.row, comparison), indent=2,
                         ensure_ascii=False))
        return 0
    counts = comparison.counts()
    print(f"“{later.row.name}” against “{earlier.row.name}”: "
          + ", ".join(f"{n} {k}" for k, n in counts.items()))
    print(f"Overall: {_fmt(comparison.overall.before.value)} → "
          f"{_fmt(comparison.overall.after.value)}")
    for s in comparison.sections:
        if s.depth == 1 and (s.before.value, s.after.value) != (None, None):
            print(f"  {s.title}: {_fmt(s.before.value)} → {_fmt(s.after.value)} ({s.status})")
    for c in comparison.criteria:
        if c.status != "unchanged":
            print(f"  {c.ref} {c.title}: {c.before or '—'} → {c.after or '—'} ({c.status})")
    return 0


def _comparison_json(earlier: AssessmentRow, later: AssessmentRow,
                     comparison: RoundComparison) -> dict[str, Any]:
    return {
        "earlier": earlier.name, "later": later.name, "counts": comparison.counts(),
        "overall": {"before": comparison.overall.before.value,
                    "after": comparison.overall.after.value,
                    "status": comparison.overall.status},
        "sections": [{"key": s.key, "title": s.title, "depth": s.depth,
                      "before": s.before.value, "after": s.after.value, "status": s.status}
                     for s in comparison.sections],
        "criteria": [{"ref": c.ref, "title": c.title, "before": c.before, "after": c.after,
                      "status": c.status} for c in comparison.criteria],
    }


def _export(session: Session, args: argparse.Namespace, path: Path) -> int:
    from app.assessments.report import build_assessment_report, take_snapshot_of
    from app.reports.export.exporters import ExportFormat, ExportOptions, export_report

    row = find_assessment(session, args.assessment)
    snapshot = take_snapshot_of(session, path, row.id)
    options = ExportOptions(ExportFormat[FORMATS[args.format]],
                            Path(args.out).expanduser().absolute())
    result = export_report(build_assessment_report(snapshot), options, overwrite=args.force)
    print(f"Exported {result.path}")
    return 0


_READERS = {"list": _list, "scores": _scores, "compare": _compare, "export": _export}


# ---------------------------------------------------------------- changing


def _framework(workbook: Any, framework_id: str) -> Framework:
    from app.assessments.frameworks.catalogue import load_catalogue
    from app.assessments.records import pinned_frameworks

    entry = load_catalogue().find(framework_id)
    if entry is not None:
        return entry.framework
    with workbook.session() as session:
        pinned = [f for f in pinned_frameworks(session) if f.id == framework_id]
    if pinned:
        return max(pinned, key=lambda f: f.version_key)
    raise UserError(f"There is no framework with the id “{framework_id}”. "
                    "'rrt frameworks list' shows the ids.")


def _new(workbook: Any, args: argparse.Namespace) -> int:
    from app.assessments.operations import CreateAssessment
    from app.workbook.operations import run_operation

    framework = _framework(workbook, args.framework)
    values = {"name": args.name, "round_label": args.round, "assessed_on": args.date,
              "assessor": args.assessor, "respondent_group": args.group,
              "area_local": args.local, "area_subregional": args.sub_regional,
              "area_regional": args.regional}
    run_operation(workbook, CreateAssessment.of(
        framework, **{k: v for k, v in values.items() if v is not None}))
    print(f"Assessment “{args.name.strip()}” started against {framework.title} "
          f"{framework.version}.")
    return 0


def _id(workbook: Any, text: str) -> uuid.UUID:
    with workbook.session() as session:
        return find_assessment(session, text).id


def _rate(workbook: Any, args: argparse.Namespace) -> int:
    from app.assessments.operations import RateCriterion
    from app.workbook.operations import run_operation

    level = None if args.level.strip().lower() == "none" else args.level
    run_operation(workbook, RateCriterion(_id(workbook, args.assessment), args.ref, level))
    print(f"{args.ref} cleared." if level is None else f"{args.ref} rated.")
    return 0


def _raise(workbook: Any, args: argparse.Namespace) -> int:
    from app.assessments.improvement import actions_to_raise, propose_actions, raised_origins
    from app.assessments.operations import RaiseActions
    from app.assessments.records import load_assessment
    from app.workbook.operations import run_operation

    if args.levels < 1:
        raise UsageError("--levels must be 1 or more")
    assessment_id = _id(workbook, args.assessment)
    with workbook.session() as session:
        proposals = propose_actions(load_assessment(session, assessment_id), args.levels)
        existing = raised_origins(session, assessment_id)
    actions = actions_to_raise(proposals, existing)
    if actions:
        run_operation(workbook, RaiseActions(actions))
    print(f"{len(actions)} improvement action{'s' if len(actions) != 1 else ''} raised.")
    return 0


def _target(session: Session, data: AssessmentData, version: str | None) -> Framework | None:
    """The framework version to move to: the one asked for, else the newest newer one."""
    from app.assessments.frameworks.model import VERSION_PATTERN, version_key
    from app.assessments.moving import known_versions, newer_versions

    framework = data.framework
    if version is None:
        newer = newer_versions(session, framework.id, framework.version)
        return newer[0] if newer else None
    if not VERSION_PATTERN.fullmatch(version.strip()):
        raise UsageError(f"“{version}” is not a version number (versions look like 1.2)")
    found = known_versions(session, framework.id).get(version_key(version.strip()))
    if found is None:
        newer = newer_versions(session, framework.id, framework.version)
        offered = ", ".join(f.version for f in newer) or "none"
        raise UserError(f"There is no version {version.strip()} of {framework.title} on this "
                        f"computer or in the workbook. Newer versions there are: {offered}.")
    return found


def _upgrade(workbook: Any, args: argparse.Namespace) -> int:
    from app.assessments.operations import MoveAssessmentToFrameworkVersion
    from app.assessments.records import load_assessment
    from app.assessments.versions import check_move, plan_move
    from app.workbook.operations import run_operation

    with workbook.session() as session:
        data = load_assessment(session, find_assessment(session, args.assessment).id)
        target = _target(session, data, args.to_version)
    name, current = data.row.name, data.framework
    if target is None:
        print(f"“{name}” already uses the newest version ({current.version}) of "
              f"{current.title}.")
        return 0
    problem = check_move(current, target, name)
    if problem:
        raise UserError(problem)
    plan = plan_move(data, target)
    if not args.dry_run:
        run_operation(workbook, MoveAssessmentToFrameworkVersion(data.row.id, target))
    if args.json:
        print(json.dumps({"assessment": name, "moved": not args.dry_run, **plan.as_json()},
                         indent=2, ensure_ascii=False))
        return 0
    for line in plan_lines(plan):
        print(line)
    print(f"Moved “{name}” to version {target.version}." if not args.dry_run else
          "Nothing was changed (--dry-run).")
    return 0


def plan_lines(plan: MovePlan) -> list[str]:
    """The changes and what happens to each response, as lines of text."""
    changes = plan.changes
    lines = [f"{changes.title}: version {changes.old_version} → {changes.new_version}"]
    if changes.is_empty:
        lines.append("The criteria and the rating scale are unchanged.")
    for heading, items in (("Added", changes.added), ("Removed", changes.removed)):
        if items:
            lines.append(f"{heading} ({len(items)}):")
            lines += [f"  {c.ref} {c.title} ({c.section})" for c in items]
    if changes.changed:
        lines.append(f"Changed ({len(changes.changed)}):")
        lines += [f"  {c.ref} {c.title}: {' '.join(c.changes)}" for c in changes.changed]
    for heading, said in (("Rating scale", changes.scale),
                          ("Respondent groups", changes.groups)):
        if said:
            lines.append(f"{heading}:")
            lines += [f"  {line}" for line in said]
    lines.append(f"Responses: {plan.summary()}.")
    lines += [f"  {c.ref} {c.title}: rating “{c.rating}” cleared (kept in its comment)"
              for c in plan.cleared]
    lines += [f"  {d.ref} {d.title}: dropped (kept in the change log): {d.held}"
              for d in plan.dropped]
    return lines


_WRITERS = {"new": _new, "rate": _rate, "raise": _raise, "upgrade": _upgrade}
