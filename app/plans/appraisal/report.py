"""The options appraisal report: for each question, its options with strengths and
weaknesses, the participants' rankings with the Borda count and mean rank, their
justifications and suggested lead agencies, and the recommended option with its rationale."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.plans.appraisal.store import AppraisalData, list_appraisals, read_appraisal
from app.reports.model.report import (
    Column,
    ColumnKind,
    Note,
    Paragraph,
    Report,
    Row,
    Section,
    Span,
    Table,
    TitlePage,
)
from app.workbook.info import get_info

REPORT_TITLE = "Options appraisal"
METHOD = (
    "Each participant ranks the options: 1 first, equal numbers for a tie; options left "
    "out are unranked. Borda count: with m options, an option in position p gets m − p "
    "points; tied options share the points of the places they cover, and unranked options "
    "share the points left after the ranked ones. Mean rank is the average position on the "
    "same reading (lower is better). Kendall's W measures agreement, corrected for ties: "
    "0 means the rankings look unrelated and 1 that everyone put the options in the same "
    "order. The recommended option has the highest Borda count; ties are broken by the "
    "better mean rank, then by more first places."
)


@dataclass(frozen=True)
class AppraisalSnapshot:
    title: str
    organisation: str
    owner: str
    appraisals: tuple[AppraisalData, ...]


def take_snapshot(session: Session, path: Path) -> AppraisalSnapshot:
    info = get_info(session)
    return AppraisalSnapshot(info.title, info.organisation, info.owner, tuple(
        read_appraisal(session, row.id) for row in list_appraisals(session)))


def _section(number: int, data: AppraisalData) -> Section:
    result = data.aggregate()
    options = Table(
        (Column("No.", ColumnKind.NUMBER, weight=0.45), Column("Option", weight=1.6),
         Column("Description", weight=2.4), Column("Strengths", weight=2.4),
         Column("Weaknesses", weight=2.4)),
        tuple(Row((n, o.title, o.description, o.strengths, o.weaknesses))
              for n, o in enumerate(data.options, 1)),
        caption=f"Options for question {number}", sheet_name=f"Q{number} options")
    people = data.participants
    ranks = Table(
        (Column("Option", weight=2.2),
         *(Column(p.name, ColumnKind.NUMBER, weight=1) for p in people),
         Column("Borda count", ColumnKind.NUMBER, weight=1.1),
         Column("Mean rank", ColumnKind.NUMBER, weight=1.1)),
        tuple(Row((o.title, *(data.ranking_of(p.id).get(o.id) for p in people),
                   result.score_of(o.id).borda, result.score_of(o.id).mean_rank))
              for o in data.options),
        caption=f"Rankings for question {number} (blank: not ranked)",
        sheet_name=f"Q{number} rankings")
    reasons = Table(
        (Column("Participant", weight=1.4), Column("Suggested lead agency", weight=1.6),
         Column("Justification", weight=5)),
        tuple(Row((p.name, p.lead_agency, p.justification)) for p in people),
        caption=f"Participants' justifications for question {number}",
        sheet_name=f"Q{number} participants")
    blocks: list[Paragraph | Table] = [Paragraph.of(data.appraisal.question)]
    if data.options:
        blocks.append(options)
    if data.options and people:
        blocks.append(ranks)
    if people:
        blocks.append(reasons)
    blocks.append(Paragraph.of(Span("Recommended: ", bold=True), data.rationale()))
    if data.appraisal.notes:
        blocks.append(Paragraph.of(Span("Facilitator's rationale: ", bold=True),
                                   data.appraisal.notes))
    return Section(f"Question {number}", tuple(blocks))


def build_appraisal_report(snapshot: AppraisalSnapshot, today: date | None = None) -> Report:
    sections = tuple(_section(n, d) for n, d in enumerate(snapshot.appraisals, 1)) or (
        Section("Options appraisal", (Paragraph.of("No options have been appraised yet."),)),)
    return Report(
        title_page=TitlePage(title=snapshot.title, organisation=snapshot.organisation,
                             subtitle=REPORT_TITLE, report_date=today or date.today(),
                             author=snapshot.owner),
        sections=sections,
        notes=(Note(METHOD, label="How the result is worked out"),),
        subject=REPORT_TITLE,
    )
