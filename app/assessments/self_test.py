"""The assessments part of `rrt --self-test`: start an assessment against a shipped
framework, rate a few criteria, score it and export its report in each format.

It goes through the same operations and exporters as the app and `rrt assess`, so a
bundle that passes has the frameworks, the scoring and every renderer it needs.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import UserError
from app.modules import SelfTestOutcome
from app.workbook.store import Workbook

FRAMEWORK = "bme-engagement"  # shipped in resources/frameworks
RATED = 3  # criteria to rate: enough to give a score, quick to run


def self_test(workbook: Workbook, folder: Path) -> SelfTestOutcome:
    from app.assessments.frameworks.catalogue import load_catalogue
    from app.assessments.operations import CreateAssessment, RateCriterion
    from app.assessments.records import list_assessments, load_assessment
    from app.assessments.report import build_assessment_report, take_snapshot_of
    from app.assessments.scoring import score_assessment
    from app.reports.export.exporters import ExportFormat, ExportOptions, export_report
    from app.workbook.operations import run_operation

    entry = load_catalogue().find(FRAMEWORK)
    if entry is None:
        raise UserError(f"The shipped framework “{FRAMEWORK}” was not found.")
    framework = entry.framework
    run_operation(workbook, CreateAssessment.of(framework, name="Self-test"))
    with workbook.session() as session:
        assessment_id = list_assessments(session)[-1].id
    levels = [level.id for level in framework.scale.levels]
    refs = [criterion.ref for _place, criterion in framework.criteria()][:RATED]
    for index, ref in enumerate(refs):
        run_operation(workbook, RateCriterion(assessment_id, ref, levels[index % len(levels)]))
    with workbook.session() as session:
        data = load_assessment(session, assessment_id)
        snapshot = take_snapshot_of(session, Path(workbook.path), assessment_id)
    scores = score_assessment(data.framework, data.responses)
    if scores.overall.value is None or scores.progress.answered != len(refs):
        raise UserError("The self-test assessment did not score the criteria it rated.")
    report = build_assessment_report(snapshot)
    files = []
    for export_format in (ExportFormat.DOCX, ExportFormat.PDF, ExportFormat.XLSX):
        out = folder / f"assessment.{export_format.value}"
        files.append(export_report(report, ExportOptions(export_format, out)).path)
    return SelfTestOutcome(f"scored a self-assessment ({scores.overall.value:.2f})",
                           tuple(files))
