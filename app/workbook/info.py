"""The workbook's own details: title, organisation, area and owner.

The fields' labels and rules live in `app.workbook.details` (no database layer) and are
re-exported here for the domain's callers.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.workbook.changelog import record_change
from app.workbook.details import EDITABLE_FIELDS, MAX_LENGTH, validate_field
from app.workbook.errors import InvalidValue
from app.workbook.models import WorkbookInfo
from app.workbook.types import utcnow

__all__ = [
    "EDITABLE_FIELDS",
    "MAX_LENGTH",
    "FieldChange",
    "get_info",
    "update_field",
    "validate_field",
]


@dataclass(frozen=True)
class FieldChange:
    """What an edit changed, so the caller can redraw and undo it."""

    field: str
    old: str
    new: str


def get_info(session: Session) -> WorkbookInfo:
    info = session.scalars(select(WorkbookInfo).limit(1)).first()
    if info is None:  # only a hand-made file could lack it
        raise InvalidValue("This workbook has no details record; it may be incomplete.")
    return info


def update_field(session: Session, field: str, value: str) -> FieldChange:
    """Change one detail; raises InvalidValue (changing nothing) for an impossible value."""
    value = validate_field(field, value)
    info = get_info(session)
    old = getattr(info, field)
    if old == value:
        return FieldChange(field, old, value)
    setattr(info, field, value)
    info.updated_at = utcnow()
    label = EDITABLE_FIELDS[field]
    record_change(
        session,
        action="info.update",
        entity="workbook",
        entity_id=str(info.id),
        summary=f"{label} changed from “{old}” to “{value}”",
    )
    return FieldChange(field, old, value)
