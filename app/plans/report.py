"""The action plan report: every action in the seed's shape (weakness → delivery action →
outcome) with its lead partner, partners, dates, status, priority and dependencies; the
date warnings; and each action's progress notes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.plans.actions import ActionRow
from app.plans.fields import PRIORITIES, STATUSES
from app.plans.plan import Plan, read_plan
from app.reports.model.formatting import format_long_date
from app.reports.model.report import (
    Block,
    BulletList,
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
from app.workbook.info import get_info

REPORT_TITLE = "Action plan"


@dataclass(frozen=True)
class PlanSnapshot:
    title: str
    organisation: str
    owner: str
    plan: Plan

    @property
    def actions(self) -> tuple[ActionRow, ...]:
        return self.plan.actions


def take_snapshot(session: Session, path: Path) -> PlanSnapshot:
    info = get_info(session)
    return PlanSnapshot(info.title, info.organisation, info.owner, read_plan(session))


def actions_table(plan: Plan) -> Table:
    """The plan as one table, a row per action (the report and the workshop pack)."""
    columns = (
        # Short columns get room for their longest word; the prose columns wrap.
        Column("No.", ColumnKind.NUMBER, weight=0.45),
        Column("Weakness", weight=2),
        Column("Delivery action", weight=2.2),
        Column("Outcome", weight=1.8),
        Column("Lead partner", weight=1.4),
        Column("Partners", weight=1.6),
        Column("Start", ColumnKind.DATE, weight=1.25),
        Column("Due", ColumnKind.DATE, weight=1.25),
        Column("Status", weight=1.1),
        Column("Priority", weight=1),
        Column("Depends on", weight=0.9),
    )
    rows = tuple(
        Row((number, a.weakness, a.action, a.outcome, a.lead_partner,
             plan.partners_text(a.id), a.start, a.due, STATUSES.get(a.status, a.status),
             PRIORITIES.get(a.priority, a.priority),
             ", ".join(str(n) for n in plan.depends_on(a.id))))
        for number, a in enumerate(plan.actions, start=1)
    )
    return Table(columns, rows, caption="Actions in the order agreed", sheet_name="Actions")


def _notes_table(plan: Plan) -> Table:
    columns = (Column("Action", ColumnKind.NUMBER, weight=0.6),
               Column("Date", ColumnKind.DATE, weight=1.2),
               Column("Progress note", weight=6))
    rows = tuple(Row((number, note.noted_on, note.text))
                 for number, action in enumerate(plan.actions, start=1)
                 for note in plan.notes.get(action.id, ()))
    return Table(columns, rows, caption="Progress notes by action and date",
                 sheet_name="Progress notes")


def build_action_plan(snapshot: PlanSnapshot, today: date | None = None) -> Report:
    today = today or date.today()
    plan = snapshot.plan
    statuses = Counter(action.status for action in plan.actions)
    overdue = sum(1 for action in plan.actions if action.overdue(today))
    figures = KeyFigures((
        *(KeyFigure(label, str(statuses.get(key, 0))) for key, label in STATUSES.items()),
        KeyFigure("Overdue", str(overdue),
                  note=f"due before {format_long_date(today)} and not done or dropped"),
    ))
    sections: list[Section] = []
    if plan.actions:
        sections.append(Section("Actions", (
            Paragraph.of(
                "Each action answers a weakness. The lead partner starts and co-ordinates "
                "the work; they need not do it all or pay for it. Partners are listed with "
                "the part they play; “Depends on” gives the numbers of the actions that "
                "must end first."
            ),
            figures,
            actions_table(plan),
        )))
        order: tuple[Block, ...] = (
            (BulletList(tuple(Paragraph.of(w.text) for w in plan.warnings)),)
            if plan.warnings else
            (Paragraph.of("No action is due to start before an action it depends on is due "
                          "to end."),))
        sections.append(Section("Order and dates", order))
        if plan.notes:
            sections.append(Section("Progress", (_notes_table(plan),)))
    else:
        sections.append(Section("Actions", (Paragraph.of("No actions have been agreed yet."),)))
    return Report(
        title_page=TitlePage(
            title=snapshot.title,
            organisation=snapshot.organisation,
            subtitle=REPORT_TITLE,
            report_date=today,
            author=snapshot.owner,
        ),
        sections=tuple(sections),
        subject=REPORT_TITLE,
    )
