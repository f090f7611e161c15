"""The action plan report: every action in the seed's shape (weakness → delivery action →
outcome) with its lead partner, due date, status and priority."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.plans.actions import ActionRow, list_actions
from app.plans.fields import PRIORITIES, STATUSES
from app.reports.model.report import (
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
    actions: tuple[ActionRow, ...]


def take_snapshot(session: Session, path: Path) -> PlanSnapshot:
    info = get_info(session)
    return PlanSnapshot(info.title, info.organisation, info.owner,
                        tuple(list_actions(session)))


def _table(actions: tuple[ActionRow, ...]) -> Table:
    columns = (
        # Short columns get room for their longest word; the prose columns wrap.
        Column("No.", ColumnKind.NUMBER, weight=0.45),
        Column("Weakness", weight=2),
        Column("Delivery action", weight=2.2),
        Column("Outcome", weight=1.8),
        Column("Lead partner", weight=1.6),
        Column("Due", ColumnKind.DATE, weight=1.3),
        Column("Status", weight=1.2),
        Column("Priority", weight=1.1),
    )
    rows = tuple(
        Row((number, a.weakness, a.action, a.outcome, a.lead_partner, a.due,
             STATUSES.get(a.status, a.status), PRIORITIES.get(a.priority, a.priority)))
        for number, a in enumerate(actions, start=1)
    )
    return Table(columns, rows, caption="Actions in the order agreed", sheet_name="Actions")


def build_action_plan(snapshot: PlanSnapshot, today: date | None = None) -> Report:
    statuses = Counter(action.status for action in snapshot.actions)
    figures = KeyFigures(tuple(
        KeyFigure(label, str(statuses.get(key, 0))) for key, label in STATUSES.items()
    ))
    if snapshot.actions:
        body: tuple[Paragraph | KeyFigures | Table, ...] = (
            Paragraph.of(
                "Each action answers a weakness. The lead partner starts and co-ordinates "
                "the work; they need not do it all or pay for it."
            ),
            figures,
            _table(snapshot.actions),
        )
    else:
        body = (Paragraph.of("No actions have been agreed yet."),)
    return Report(
        title_page=TitlePage(
            title=snapshot.title,
            organisation=snapshot.organisation,
            subtitle=REPORT_TITLE,
            report_date=today or date.today(),
            author=snapshot.owner,
        ),
        sections=(Section("Actions", body),),
        subject=REPORT_TITLE,
    )
