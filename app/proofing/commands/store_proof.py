"""`rrt proof DRAFT --workbook WB`: proof one draft with the workbook's scheme, allow-list
and rules, and keep it as a proofing record (a new version of an earlier record with the
same title carries the triage of unchanged findings over)."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from app.errors import UsageError


def next_version(previous: str) -> str:
    """"2" after "1", "0.4" after "0.3"; otherwise the earlier version with " (next)"."""
    head, dot, tail = previous.rpartition(".")
    if tail.isdigit():
        return f"{head}{dot}{int(tail) + 1}"
    return f"{previous} (next)" if previous else "2"


def store_proof(args: argparse.Namespace) -> int:
    from app.proofing.operations import StoreRecord
    from app.proofing.proofing import expand_drafts
    from app.proofing.readers import read_draft_bytes
    from app.proofing.records import build_record, carry_triage, latest_with_title
    from app.proofing.scheme import load_scheme
    from app.proofing.schemes_store import find_scheme
    from app.proofing.workbook_rules import proof_settings
    from app.workbook import Workbook
    from app.workbook.evidence import read_evidence_file
    from app.workbook.operations import run_operation

    drafts = list(expand_drafts(args.drafts))
    if len(drafts) != 1:
        raise UsageError("--workbook keeps one draft at a time; name a single file")
    if args.rules:
        raise UsageError("--rules is for proofing without a workbook; add rule files to "
                         "the workbook instead")
    path = drafts[0]
    data = read_evidence_file(path)
    document = read_draft_bytes(data, path.name)
    with Workbook.open(Path(args.workbook)) as workbook:
        with workbook.session() as session:
            settings = proof_settings(session)
            scheme = None
            if args.scheme and not Path(args.scheme).is_file():
                scheme = find_scheme(session, args.scheme).as_scheme()
            title = (args.title or document.title()).strip()
            previous = latest_with_title(session, title)
        if args.scheme and scheme is None:
            scheme = load_scheme(args.scheme)
        proofer = settings.proofer(scheme, capitals=args.capitals)
        for term in args.allow:
            proofer.allow = (*proofer.allow, term)
        result = proofer.proof(document)
        version = args.draft_version or (next_version(previous.version) if previous else "1")
        record = build_record(result, data, path.name, title=title, version=version,
                              author=args.author, team=args.team)
        if previous is not None:
            record = replace(record, findings=carry_triage(previous.findings, record.findings))
        run_operation(workbook, StoreRecord(record))
    carried = sum(1 for f in record.findings if f.triage != "open")
    print(f"Proofed “{record.title}” version {record.version}: {len(record.findings)} "
          f"findings, {sum(1 for c in record.coverage if not c.addressed)} of "
          f"{len(record.coverage)} commitments not addressed. Kept in {args.workbook}.")
    if previous is not None:
        print(f"Triage carried over from version {previous.version or '(none)'} for "
              f"{carried} unchanged findings.")
    return 0
