"""The proofing register: every proofing record in the workbook, with its findings still
open, its decision and its sign-off."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.proofing.fields import DECISIONS
from app.proofing.records import RecordRow, list_records
from app.reports.model.report import (
    Column,
    ColumnKind,
    Paragraph,
    Report,
    Row,
    Section,
    Table,
    TitlePage,
)
from app.workbook.info import get_info

REPORT_TITLE = "Proofing register"


@dataclass(frozen=True)
class RegisterSnapshot:
    title: str
    organisation: str
    owner: str
    records: tuple[RecordRow, ...]


def take_snapshot(session: Session, path: Path) -> RegisterSnapshot:
    info = get_info(session)
    return RegisterSnapshot(info.title, info.organisation, info.owner,
                            tuple(list_records(session)))


def register_table(records: tuple[RecordRow, ...]) -> Table:
    return Table(
        (Column("Document", weight=2.4), Column("Version", weight=0.8),
         Column("Owning team", weight=1.4), Column("Proofed", ColumnKind.DATE, weight=1),
         Column("Findings", ColumnKind.NUMBER, weight=0.9),
         Column("Open", ColumnKind.NUMBER, weight=0.7), Column("Decision", weight=1.3),
         Column("Signed off", weight=1.5)),
        tuple(Row((r.title, r.version, r.team, r.proofed_at.date(), r.findings,
                   r.open_findings, DECISIONS.get(r.decision, "Not yet decided"),
                   r.signed_by + (f" ({r.signed_on:%d/%m/%Y})" if r.signed_on else "")))
              for r in records),
        caption="Proofing records, most recent first", sheet_name="Register")


def build_register_report(snapshot: RegisterSnapshot, today: date | None = None) -> Report:
    body = (register_table(snapshot.records),) if snapshot.records else \
        (Paragraph.of("No drafts have been proofed in this workbook yet."),)
    return Report(
        TitlePage(title=snapshot.title, organisation=snapshot.organisation,
                  subtitle=REPORT_TITLE, report_date=today or date.today(),
                  author=snapshot.owner),
        (Section("Register", body),), subject=REPORT_TITLE)
