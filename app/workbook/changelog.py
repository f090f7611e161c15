"""The change log: every domain edit records one line of what changed."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.workbook.lock import current_user
from app.workbook.models import ChangeLogEntry
from app.workbook.types import utcnow


def record_change(
    session: Session, *, action: str, entity: str, summary: str, entity_id: str | None = None
) -> ChangeLogEntry:
    entry = ChangeLogEntry(
        at=utcnow(),
        actor=current_user(),
        action=action,
        entity=entity,
        entity_id=entity_id,
        summary=summary,
    )
    session.add(entry)
    return entry


def recent_changes(session: Session, limit: int = 500) -> list[ChangeLogEntry]:
    query = select(ChangeLogEntry).order_by(ChangeLogEntry.at.desc()).limit(limit)
    return list(session.scalars(query))


def count_changes(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0
