"""The facilitator pack (a report, so Word, PDF and Excel all carry it): the workshop's
purpose, each question's options with their strengths and weaknesses, a blank
prioritisation grid for every participant (and a spare one), and the action plan so far."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.plans.appraisal.store import AppraisalData, list_appraisals, read_appraisal
from app.plans.plan import Plan, read_plan
from app.plans.report import actions_table
from app.reports.model.report import (
    Block,
    BulletList,
    Column,
    ColumnKind,
    PageBreak,
    Paragraph,
    Report,
    Row,
    Section,
    Span,
    Table,
    TitlePage,
)
from app.workbook.info import get_info

REPORT_TITLE = "Workshop pack for the facilitator"
SPARE_OPTIONS = 5  # rows of a grid when no options have been written down yet
# A few empty lines give each grid cell room to write in by hand.
WRITING_ROOM = "\n\n\n"

PURPOSE = (
    "This workshop turns what the review found into actions that partners agree to carry "
    "out. Participants weigh the options for each question, rank them in order of "
    "priority, say why, and suggest which agency should lead. Their rankings are then "
    "entered in the toolkit, which works out the group's preferred option."
)
STEPS = (
    "Go through each question and its options, with their strengths and weaknesses.",
    "Hand each participant their prioritisation grid. Rank 1 is the option they would "
    "do first; two options may share a rank, and an option may be left unranked.",
    "Collect the grids and type the rankings into the options appraisal screen.",
    "Agree the actions, and who leads each, in the action plan tracker (the Excel "
    "file in this pack); import it back into the workbook afterwards.",
)


@dataclass(frozen=True)
class PackSnapshot:
    title: str
    organisation: str
    area: str
    owner: str
    plan: Plan
    appraisals: tuple[AppraisalData, ...]


def take_snapshot(session: Session, path: Path | None = None) -> PackSnapshot:
    info = get_info(session)
    return PackSnapshot(info.title, info.organisation, info.area, info.owner,
                        read_plan(session),
                        tuple(read_appraisal(session, a.id) for a in list_appraisals(session)))


def _options_table(number: int, data: AppraisalData) -> Table:
    return Table(
        (Column("No.", ColumnKind.NUMBER, weight=0.45), Column("Option", weight=1.6),
         Column("Description", weight=2.4), Column("Strengths", weight=2.4),
         Column("Weaknesses", weight=2.4)),
        tuple(Row((n, o.title, o.description, o.strengths, o.weaknesses))
              for n, o in enumerate(data.options, 1)),
        caption=f"Options for question {number}, with their strengths and weaknesses",
        sheet_name=f"Q{number} options")


def _grid(number: int, options: tuple[str, ...], who: str) -> Table:
    """A blank grid: one row per option; rank, justification and lead agency to fill in."""
    rows = options or tuple(WRITING_ROOM for _ in range(SPARE_OPTIONS))
    return Table(
        (Column("Option", weight=2), Column("Rank (1 = first)", weight=1),
         Column("Justification", weight=3.5), Column("Suggested lead agency", weight=2)),
        tuple(Row((option, "", WRITING_ROOM, "")) for option in rows),
        caption=f"Prioritisation grid for question {number}: {who}",
        sheet_name=f"Q{number} grid {who}"[:31])


def _question(number: int, data: AppraisalData) -> list[Section]:
    options = tuple(o.title for o in data.options)
    blocks: list[Block] = [Paragraph.of(Span("Question: ", bold=True), data.appraisal.question)]
    blocks.append(_options_table(number, data) if data.options else Paragraph.of(
        "No options have been written down yet: agree them at the start of the session."))
    grids: list[Block] = []
    # One grid per participant, each on its own page to hand out, and a spare.
    for name in [p.name for p in data.participants] + [""]:
        if grids:
            grids.append(PageBreak())
        grids += [Paragraph.of(Span(f"Question {number}: ", bold=True),
                               data.appraisal.question),
                  Paragraph.of(Span("Name or group: ", bold=True),
                               name or "______________________________"),
                  _grid(number, options, name or "spare copy")]
    return [Section(f"Question {number}: the options", tuple(blocks)),
            Section(f"Question {number}: prioritisation grids", tuple(grids))]


def _warnings(plan: Plan) -> tuple[Block, ...]:
    return (Paragraph.of(Span("Dates to look at: ", bold=True)),
            BulletList(tuple(Paragraph.of(w.text) for w in plan.warnings)))


def build_pack(snapshot: PackSnapshot, today: date | None = None) -> Report:
    purpose: list[Block] = [Paragraph.of(PURPOSE)]
    where = ", ".join(p for p in (snapshot.organisation, snapshot.area) if p)
    if where:
        purpose.append(Paragraph.of(Span("For: ", bold=True), where))
    purpose.append(BulletList(tuple(Paragraph.of(step) for step in STEPS), numbered=True))
    sections = [Section("Purpose of the workshop", tuple(purpose))]
    for number, data in enumerate(snapshot.appraisals, 1):
        sections += _question(number, data)
    if not snapshot.appraisals:
        sections.append(Section("Prioritisation grid", (
            Paragraph.of("No options appraisal has been set up in the workbook yet, so this "
                         "grid is blank: write the options in its first column."),
            _grid(1, (), "spare copy"))))
    plan = snapshot.plan
    so_far: tuple[Block, ...] = (
        (Paragraph.of("The actions agreed so far. Depends on gives the numbers of the "
                      "actions that must end first."), actions_table(plan),
         *(_warnings(plan) if plan.warnings else (Paragraph.of(
             "No action is due to start before an action it depends on ends."),)))
        if plan.actions else (Paragraph.of("No actions have been agreed yet."),))
    sections.append(Section("The action plan so far", so_far))
    return Report(
        title_page=TitlePage(title=snapshot.title, organisation=snapshot.organisation,
                             subtitle=REPORT_TITLE, report_date=today or date.today(),
                             author=snapshot.owner),
        sections=tuple(sections),
        subject=REPORT_TITLE,
    )
