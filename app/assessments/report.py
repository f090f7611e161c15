"""The assessment report: key figures, section scores (table and radar chart), every
criterion with its rating, evidence and confidence, data-quality warnings, the change since
the previous round, and the improvement actions raised.

The report is about one assessment, its subject: `rrt export WORKBOOK --report assessment
--subject NAME` (or the export dialog) chooses it; by default it is the most recent.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.assessments.charts import section_radar
from app.assessments.data import AssessmentData, AssessmentRow
from app.assessments.fields import CONFIDENCE
from app.assessments.improvement import origins_of
from app.assessments.scoring import (
    CHANGE_LABELS,
    WARNING_KINDS,
    RoundComparison,
    Scores,
    compare_rounds,
    max_score,
    score_assessment,
)
from app.plans.actions import ActionRow
from app.plans.fields import PRIORITIES, STATUSES
from app.plans.origins import actions_raised_under
from app.reports.model.report import (
    Block,
    Column,
    ColumnKind,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Report,
    Row,
    Section,
    Table,
    TitlePage,
)
from app.reports.model.subjects import ReportSubject, UnknownSubjectError
from app.workbook.info import get_info

REPORT_TITLE = "Self-assessment"


@dataclass(frozen=True)
class AssessmentSnapshot:
    title: str
    organisation: str
    owner: str
    assessment: AssessmentData | None
    previous: AssessmentData | None
    actions: tuple[ActionRow, ...]


def previous_round(rows: list[AssessmentRow], current: AssessmentRow) -> AssessmentRow | None:
    """The latest earlier assessment of the same framework and respondent group."""
    earlier = [row for row in rows if row.id != current.id and row.when < current.when
               and row.framework_id == current.framework_id
               and row.respondent_group == current.respondent_group]
    return max(earlier, key=lambda row: row.when) if earlier else None


def list_subjects(session: Session) -> list[ReportSubject]:
    """Every assessment, most recent first (by its date, else when it was started)."""
    from app.assessments.records import list_assessments

    subjects = []
    for row in reversed(list_assessments(session)):
        detail = [row.round_label] if row.round_label else []
        if row.assessed_on:
            detail.append(f"{row.assessed_on:%d/%m/%Y}")
        detail.append(f"{row.framework_title} {row.framework_version}")
        subjects.append(ReportSubject(str(row.id), row.name, ", ".join(detail)))
    return subjects


def take_snapshot(session: Session, path: Path, subject: str | None = None
                  ) -> AssessmentSnapshot:
    """The assessment whose id is `subject`; without one, the most recent."""
    try:
        chosen = uuid.UUID(subject) if subject else None
    except ValueError:
        raise UnknownSubjectError(f"“{subject}” is not an assessment's id.") from None
    return take_snapshot_of(session, path, chosen)


def take_snapshot_of(session: Session, path: Path, assessment_id: uuid.UUID | None
                     ) -> AssessmentSnapshot:
    from app.assessments.records import list_assessments, load_assessment

    info = get_info(session)
    rows = list_assessments(session)
    chosen = next((r for r in rows if r.id == assessment_id), None) if assessment_id \
        else (rows[-1] if rows else None)
    if chosen is None:
        return AssessmentSnapshot(info.title, info.organisation, info.owner, None, None, ())
    before = previous_round(rows, chosen)
    actions = tuple(actions_raised_under(session, origins_of(chosen.id)))
    return AssessmentSnapshot(info.title, info.organisation, info.owner,
                              load_assessment(session, chosen.id),
                              load_assessment(session, before.id) if before else None, actions)


# ---------------------------------------------------------------- building


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _summary(data: AssessmentData, scores: Scores, actions: int) -> tuple[Block, ...]:
    row, framework = data.row, data.framework
    top = max_score(framework)
    facts = [f"Framework: {framework.title}, version {framework.version}."]
    if row.round_label:
        facts.append(f"Round: {row.round_label}.")
    if row.assessed_on:
        facts.append(f"Date: {row.assessed_on:%d/%m/%Y}.")
    if row.assessor:
        facts.append(f"Assessor: {row.assessor}.")
    if row.respondent_group:
        group = next((g.label for g in framework.respondent_groups
                      if g.id == row.respondent_group), row.respondent_group)
        facts.append(f"Respondent group: {group}.")
    areas = [a for a in (row.area_local, row.area_subregional, row.area_regional) if a]
    if areas:
        facts.append(f"Area: {', '.join(areas)}.")
    overall = scores.overall
    figures = KeyFigures((
        KeyFigure("Overall score", "—" if overall.value is None else
                  f"{overall.value:.1f} of {top:g}",
                  f"rests on {overall.based_on} criteria"),
        KeyFigure("Answered", f"{scores.progress.answered} of {scores.progress.shown}"),
        KeyFigure("Warnings", str(len(scores.warnings))),
        KeyFigure("Improvement actions", str(actions)),
    ))
    return (Paragraph.of(" ".join(facts)), figures, Paragraph.of(
        "Scores are weighted means of the criteria rated at a level; criteria marked not "
        "applicable, not answered, or hidden by an earlier answer are left out. Each score "
        "says how many criteria it rests on."))


def _sections(data: AssessmentData, scores: Scores) -> Table:
    rows = tuple(Row((s.key if s.key != s.title else "", s.title if s.depth == 1 else
                      "  " * (s.depth - 1) + s.title, _number(s.score.value), s.score.share,
                      s.score.based_on, f"{s.answered} of {s.shown}"))
                 for s in scores.sections)
    return Table(
        (Column("Ref", weight=0.6), Column("Section", weight=3),
         Column("Score", ColumnKind.NUMBER, weight=0.8),
         Column("Share of maximum", ColumnKind.PERCENT, weight=1),
         Column("Criteria scored", ColumnKind.NUMBER, weight=1),
         Column("Answered", weight=1)),
        rows, caption="Scores by section", sheet_name="Section scores")


def _criteria(data: AssessmentData) -> Table:
    scale = data.framework.scale
    rows = []
    for _place, criterion in data.framework.criteria():
        response = data.responses.get(criterion.ref)
        answer = response.answer if response else None
        evidence = ""
        if response is not None:
            parts = [response.notes] if response.notes else []
            parts += [f"File: {name}" for name in response.evidence]
            evidence = "\n".join(parts)
        rows.append(Row((
            criterion.ref, criterion.title,
            scale.label_for(answer) if answer else "Not answered", evidence,
            CONFIDENCE.get(response.confidence, "") if response else "",
            response.comment if response else "")))
    return Table(
        (Column("Ref", weight=0.6), Column("Criterion", weight=2.6),
         Column("Rating", weight=1.2), Column("Evidence", weight=2.4),
         Column("Confidence", weight=1), Column("Comment", weight=1.8)),
        tuple(rows), caption="Every criterion", sheet_name="Criteria")


def _warnings(scores: Scores) -> tuple[Block, ...]:
    if not scores.warnings:
        return (Paragraph.of("No warnings: every criterion shown is answered, with evidence "
                             "and without low confidence."),)
    return (Paragraph.of("Check these before relying on the scores."), Table(
        (Column("Ref", weight=0.6), Column("Warning", weight=1.4), Column("Detail", weight=4)),
        tuple(Row((w.ref, WARNING_KINDS[w.kind], w.message)) for w in scores.warnings),
        caption="Data-quality warnings", sheet_name="Warnings"))


def _comparison(previous: AssessmentData, comparison: RoundComparison) -> tuple[Block, ...]:
    counts = comparison.counts()
    name = previous.row.round_label or previous.row.name
    overall = comparison.overall
    blocks: list[Block] = [
        Paragraph.of(f"Compared with “{previous.row.name}” ({name}), criterion by criterion "
                     "(matched by reference, so a new version of the framework still "
                     "compares)."),
        KeyFigures(tuple(KeyFigure(label, str(counts[key]))
                         for key, label in CHANGE_LABELS.items())),
        Table(
            (Column("Section", weight=3), Column("Before", ColumnKind.NUMBER),
             Column("Now", ColumnKind.NUMBER), Column("Change", ColumnKind.NUMBER),
             Column("Direction", weight=1.2)),
            tuple(Row((s.title if s.depth <= 1 else "  " * (s.depth - 1) + s.title,
                       _number(s.before.value), _number(s.after.value), _number(s.change),
                       CHANGE_LABELS[s.status]))
                  for s in (*comparison.sections, overall)),
            caption="Section scores, previous round and now", sheet_name="Section changes"),
    ]
    changed = [c for c in comparison.criteria if c.status != "unchanged"]
    if changed:
        blocks.append(Table(
            (Column("Ref", weight=0.6), Column("Criterion", weight=3),
             Column("Before", weight=1.2), Column("Now", weight=1.2),
             Column("Direction", weight=1.1)),
            tuple(Row((c.ref, c.title, c.before or "", c.after or "",
                       CHANGE_LABELS[c.status])) for c in changed),
            caption="Criteria that changed", sheet_name="Criteria changes"))
    return tuple(blocks)


def _actions(actions: tuple[ActionRow, ...]) -> tuple[Block, ...]:
    if not actions:
        return (Paragraph.of("No improvement actions have been raised from this assessment "
                             "yet."),)
    return (Table(
        (Column("Weakness", weight=2.4), Column("Delivery action", weight=2.4),
         Column("Lead partner", weight=1.3), Column("Due", ColumnKind.DATE, weight=1),
         Column("Status", weight=1), Column("Priority", weight=0.9)),
        tuple(Row((a.weakness, a.action, a.lead_partner, a.due,
                   STATUSES.get(a.status, a.status), PRIORITIES.get(a.priority, a.priority)))
              for a in actions),
        caption="Improvement actions raised", sheet_name="Actions"),)


def build_assessment_report(snapshot: AssessmentSnapshot, today: date | None = None) -> Report:
    data = snapshot.assessment
    title_page = TitlePage(
        title=snapshot.title, organisation=snapshot.organisation,
        subtitle=f"{REPORT_TITLE}: {data.row.name}" if data else REPORT_TITLE,
        report_date=today or date.today(), author=snapshot.owner)
    if data is None:
        return Report(title_page, (Section("Summary", (Paragraph.of(
            "This workbook has no self-assessments yet."),)),), subject=REPORT_TITLE)
    scores = score_assessment(data.framework, data.responses)
    previous = snapshot.previous
    previous_scores = score_assessment(previous.framework, previous.responses) \
        if previous else None
    current_name = data.row.round_label or data.row.name
    previous_name = (previous.row.round_label or previous.row.name) if previous else ""
    sections = [
        Section("Summary", _summary(data, scores, len(snapshot.actions))),
        Section("Scores by section", (
            _sections(data, scores),
            section_radar(data.framework, scores, previous_scores, current_name, previous_name))),
        Section("Criteria", (_criteria(data),)),
        Section("Warnings", _warnings(scores)),
    ]
    if previous is not None:
        comparison = compare_rounds(previous.framework, previous.responses, data.framework,
                                    data.responses)
        sections.append(Section("Change since the previous round",
                                _comparison(previous, comparison)))
    sections.append(Section("Improvement actions", _actions(snapshot.actions)))
    return Report(title_page, tuple(sections), subject=REPORT_TITLE)
