"""The annotated Word copy of a stored proofing record's draft: a comment on each finding
still to act on (open or accepted), written from the bytes kept in the workbook."""

from __future__ import annotations

import tempfile
from pathlib import Path

from app.proofing.records import FindingRow, RecordData
from app.proofing.rules.rule import Citation, Finding, Severity

TO_ACT_ON = frozenset({"open", "accepted"})


def as_finding(row: FindingRow) -> Finding:
    return Finding(row.rule_id, Severity(row.severity), row.message, row.suggestion,
                   Citation(row.source, row.link), row.start, row.end, row.paragraph,
                   row.excerpt, row.heading_path, row.document_level)


def annotate_record(record: RecordData, destination: Path | str, *,
                    overwrite: bool = False) -> Path:
    """Write the annotated copy; a `UserError` says why not (not Word, say)."""
    from app.proofing.annotate import write_annotated
    from app.proofing.errors import DraftRefused
    from app.proofing.readers import read_draft_bytes

    if not record.draft_name.lower().endswith(".docx"):
        raise DraftRefused(f"The draft of “{record.title}” is “{record.draft_name}”, not a "
                           "Word document, so it cannot carry Word comments.")
    document = read_draft_bytes(record.draft, record.draft_name)
    findings = [as_finding(f) for f in record.findings if f.triage in TO_ACT_ON]
    with tempfile.TemporaryDirectory(prefix="rrt-annotate-") as folder:
        source = Path(folder) / record.draft_name
        source.write_bytes(record.draft)
        return write_annotated(source, document, findings, destination, overwrite=overwrite)
