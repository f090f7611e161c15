"""`rrt proof DRAFT...`: proof drafts against the rules and an equality scheme.

Exit status: 0 when nothing is at or above `--fail-on` (default: info, so any finding),
1 when something is, 3 when a draft, the scheme or the rules could not be read (in a
batch the other drafts are still proofed). Building the parser imports nothing heavy; a
run imports the readers, the rules and coverage only - never Qt, the workbook store or the
report renderers.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import UsageError, UserError
from app.proofing.rules.styles import CAPITALS, DEFAULT

if TYPE_CHECKING:
    from app.proofing.proofing import ProofResult

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 3
SEVERITIES = ("info", "warning", "error")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("drafts", nargs="+", metavar="DRAFT",
                        help="draft files (.docx, .odt, .txt, .md) or folders of them")
    parser.add_argument("--scheme", metavar="FILE",
                        help="the equality scheme: .docx/.odt/.md/.txt with numbered headings "
                             "or items, or .xlsx with columns id, title, text, keywords")
    parser.add_argument("--rules", metavar="DIR",
                        help="a folder of rule files that add to, replace or disable the "
                             "shipped rules")
    parser.add_argument("--allow", metavar="TERM", action="append", default=[],
                        help="wording to leave alone, such as an organisation's name "
                             "(repeatable)")
    parser.add_argument("--capitals", choices=tuple(CAPITALS), default=None,
                        help="how ethnic groups are capitalised: ons capitalises all, White "
                             "included (the default); lower-colour writes white and black in "
                             "lower case. With --workbook, the workbook's setting is the "
                             "default")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--annotate", metavar="OUT.docx",
                        help="write a copy of the .docx draft with a Word comment on each "
                             "finding (for several drafts: an existing folder)")
    parser.add_argument("--fail-on", choices=SEVERITIES, default="info",
                        help="exit 1 when a finding is at least this severe (default: info)")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace an annotated copy that already exists")
    stored = parser.add_argument_group(
        "keeping the proof in a workbook",
        "with --workbook, the draft, its findings and coverage are stored as a proofing "
        "record; --scheme may then name one of the workbook's schemes, and the workbook's "
        "allow-list and rules apply. A draft with the title of an earlier record is its "
        "new version: the triage of unchanged findings is carried over")
    stored.add_argument("--workbook", metavar="WORKBOOK", help="the .rrwb workbook to keep "
                        "the proofing record in")
    stored.add_argument("--title", help="the document's title (default: its first heading)")
    stored.add_argument("--version", dest="draft_version", metavar="VERSION",
                        help="the draft's version (default: one more than the last record's)")
    stored.add_argument("--author", default="", help="who wrote the draft")
    stored.add_argument("--team", default="", help="the team that owns the document")


def run(args: argparse.Namespace) -> int:
    if args.workbook:
        # Only a stored proof opens the workbook (and imports SQLAlchemy).
        from app.proofing.commands.store_proof import store_proof

        return store_proof(args)
    from app.proofing.proofing import Proofer, expand_drafts
    from app.proofing.rules.rule import Severity
    from app.proofing.scheme import load_scheme

    drafts = list(expand_drafts(args.drafts))
    annotate = Path(args.annotate) if args.annotate else None
    if annotate is not None and len(drafts) > 1 and not annotate.is_dir():
        raise UsageError("--annotate needs an existing folder when proofing several drafts")
    scheme = load_scheme(args.scheme) if args.scheme else None
    proofer = Proofer(rules_dir=args.rules, scheme=scheme, allow=args.allow,
                      capitals=args.capitals or DEFAULT)
    threshold = Severity(args.fail_on)
    results: list[tuple[Path, ProofResult | None, str | None]] = []
    for path in drafts:
        try:
            result = proofer.proof_file(path)
            if annotate is not None:
                _annotate(path, result, annotate, len(drafts) > 1, args.overwrite)
        except UserError as error:
            if len(drafts) == 1:
                raise
            results.append((path, None, str(error)))
            print(f"rrt: {' '.join(str(error).split())}", file=sys.stderr)
            continue
        results.append((path, result, None))
    if args.format == "json":
        print(json.dumps(_as_json(results, threshold), indent=2, ensure_ascii=False))
    else:
        _print_text(results)
    if any(error for _, _, error in results):
        return EXIT_BAD_INPUT
    failing = any(result.at_least(threshold) for _, result, _ in results if result)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _annotate(path: Path, result: ProofResult, target: Path, batch: bool,
              overwrite: bool) -> None:
    from app.proofing.annotate import write_annotated

    if path.suffix.lower() != ".docx":
        if batch:
            return  # only Word drafts can carry Word comments
        raise UsageError("--annotate works on a .docx draft only")
    out = target / f"{path.stem}-annotated.docx" if batch else target
    write_annotated(path, result.document, result.findings, out, overwrite=overwrite)


def _where(result: ProofResult, index: int) -> str:
    paragraph = result.document.paragraphs[index]
    path = " › ".join(paragraph.heading_path[-2:])
    return f"paragraph {index + 1}" + (f" (under {path})" if path else "")


def _print_text(results: list[tuple[Path, ProofResult | None, str | None]]) -> None:
    for path, result, error in results:
        if result is None:
            print(f"{path}: not proofed: {error}")
            continue
        findings = result.findings
        counts = ", ".join(f"{sum(1 for f in findings if f.severity == s)} {s}"
                           for s in reversed(SEVERITIES))
        print(f"{path}: {result.document.word_count:,} words, {len(findings)} findings "
              f"({counts})")
        for finding in findings:
            print(f"  {_where(result, finding.paragraph)}: {finding.severity} "
                  f"[{finding.rule_id}] {finding.message}")
            if finding.suggestion:
                print(f"      suggestion: {finding.suggestion}")
            print(f"      source: {finding.source.text()}")
        covered = result.coverage.commitments
        done = sum(1 for c in covered if c.addressed)
        print(f"  coverage: {done} of {len(covered)} commitments addressed "
              f"({result.coverage.scheme.name})")
        for item in covered:
            commitment = item.commitment
            if item.addressed:
                where = ", ".join(str(m.paragraph + 1) for m in item.matches)
                print(f"    addressed   {commitment.id} {commitment.title}: paragraphs {where}")
            else:
                print(f"    unaddressed {commitment.id} {commitment.title}")


def _as_json(results: list[tuple[Path, ProofResult | None, str | None]],
             threshold: Any) -> dict[str, Any]:
    drafts: list[dict[str, Any]] = []
    for path, result, error in results:
        if result is None:
            drafts.append({"file": str(path), "error": error})
            continue
        drafts.append({
            "file": str(path),
            "title": result.document.title(),
            "words": result.document.word_count,
            "paragraphs": len(result.document.paragraphs),
            "findings": [f.as_dict() for f in result.findings],
            "coverage": [
                {"id": c.commitment.id, "title": c.commitment.title,
                 "general_duty": c.commitment.general_duty, "addressed": c.addressed,
                 "paragraphs": [{"paragraph": m.paragraph, "score": m.score}
                                for m in c.matches]}
                for c in result.coverage.commitments
            ],
            "error": None,
        })
    return {"fail_on": str(threshold), "drafts": drafts}
