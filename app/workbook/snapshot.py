"""A read-only picture of a workbook, taken in one session, for reports and exports.

Exports run off the UI thread; handing them plain frozen values rather than live ORM
objects means they can never trigger lazy loads or see half of a later edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from app.workbook import fileformat
from app.workbook.changelog import recent_changes
from app.workbook.counting import read_counts
from app.workbook.evidence import list_evidence
from app.workbook.info import get_info


@dataclass(frozen=True)
class EvidenceSummary:
    name: str
    media_type: str
    size: int
    added_at: datetime


@dataclass(frozen=True)
class ChangeSummary:
    at: datetime
    actor: str
    summary: str


@dataclass(frozen=True)
class WorkbookSnapshot:
    file_name: str
    title: str
    organisation: str
    area: str
    owner: str
    created_at: datetime
    updated_at: datetime
    schema_version: int
    evidence: tuple[EvidenceSummary, ...]
    recent_changes: tuple[ChangeSummary, ...]
    counts: dict[str, int]  # by the modules' count names, as the overview has them


def take_snapshot(session: Session, path: Path, change_limit: int = 200) -> WorkbookSnapshot:
    info = get_info(session)
    return WorkbookSnapshot(
        file_name=path.name,
        title=info.title,
        organisation=info.organisation,
        area=info.area,
        owner=info.owner,
        created_at=info.created_at,
        updated_at=info.updated_at,
        schema_version=fileformat.read_header(path).schema_version,
        evidence=tuple(
            EvidenceSummary(e.name, e.media_type, e.size, e.added_at)
            for e in list_evidence(session)
        ),
        recent_changes=tuple(
            ChangeSummary(c.at, c.actor, c.summary) for c in recent_changes(session, change_limit)
        ),
        counts=read_counts(session.connection().exec_driver_sql),
    )
