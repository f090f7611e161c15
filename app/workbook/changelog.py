"""The change log: every domain edit records one line of what changed.

While an operation runs (see app/workbook/operations.py), `record_change` collects what
the domain functions report instead of writing it, and the operation writes one line for
the whole edit.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.workbook.bulk import bulk_read
from app.workbook.lock import current_user
from app.workbook.models import ChangeLogEntry
from app.workbook.types import utcnow

_COLLECTING = "rrt.collected_changes"


@dataclass(frozen=True)
class PendingChange:
    action: str
    entity: str
    summary: str
    entity_id: str | None


@contextlib.contextmanager
def collect_changes(session: Session) -> Iterator[list[PendingChange]]:
    """Within the block, `record_change` on `session` collects instead of writing."""
    collected: list[PendingChange] = []
    outer = session.info.get(_COLLECTING)
    session.info[_COLLECTING] = collected
    try:
        yield collected
    finally:
        if outer is None:
            session.info.pop(_COLLECTING, None)
        else:  # an operation run inside another reports to the outer one
            session.info[_COLLECTING] = outer
            outer.extend(collected)


def record_change(
    session: Session, *, action: str, entity: str, summary: str, entity_id: str | None = None
) -> ChangeLogEntry | None:
    collecting = session.info.get(_COLLECTING)
    if collecting is not None:
        collecting.append(PendingChange(action, entity, summary, entity_id))
        return None
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
    with bulk_read():  # the whole log may be asked for
        return list(session.scalars(query))


def count_changes(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0
