"""The proofing part of `rrt --self-test`: proof the bundled sample draft with the shipped
rules, keep it as a record, write its annotated copy and export its report in each format.

It goes through the same reader, rules, operations and exporters as the app and
`rrt proof --workbook`, so a bundle that passes carries the rule files, the sample draft
and everything the annotated copy needs.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import UserError
from app.modules import SelfTestOutcome
from app.workbook.store import Workbook


def self_test(workbook: Workbook, folder: Path) -> SelfTestOutcome:
    from app.proofing.operations import StoreRecord
    from app.proofing.record_export import annotate_record
    from app.proofing.records import build_record, list_records, load_record
    from app.proofing.report import build_proofing_report, take_snapshot
    from app.proofing.sample_draft import sample_docx_path
    from app.proofing.workbook_rules import proof_settings
    from app.reports.export.exporters import ExportFormat, ExportOptions, export_report
    from app.workbook.operations import run_operation

    draft = sample_docx_path()
    with workbook.session() as session:
        proofer = proof_settings(session).proofer(None)
    result = proofer.proof_file(draft)
    if not result.findings:
        raise UserError("The self-test proof of the sample draft found nothing; the rule "
                        "files may be missing from this installation.")
    record = build_record(result, draft.read_bytes(), draft.name, title="Self-test draft",
                          version="1")
    run_operation(workbook, StoreRecord(record))
    with workbook.session() as session:
        record_id = list_records(session)[0].id
        stored = load_record(session, record_id)
        snapshot = take_snapshot(session, Path(workbook.path), str(record_id))
    files = [annotate_record(stored, folder / "annotated-draft.docx")]
    report = build_proofing_report(snapshot)
    for export_format in (ExportFormat.DOCX, ExportFormat.PDF, ExportFormat.XLSX):
        out = folder / f"proofing.{export_format.value}"
        files.append(export_report(report, ExportOptions(export_format, out)).path)
    return SelfTestOutcome(f"proofed the sample draft ({len(result.findings)} findings)",
                           tuple(files))
