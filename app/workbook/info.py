"""The workbook's own details: title, organisation, area and owner."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.workbook.changelog import record_change
from app.workbook.errors import InvalidValue
from app.workbook.models import WorkbookInfo
from app.workbook.types import utcnow

# Field name → label the user sees.
EDITABLE_FIELDS: dict[str, str] = {
    "title": "Title",
    "organisation": "Organisation",
    "area": "Area",
    "owner": "Owner",
}
MAX_LENGTH = 200


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


def validate_field(field: str, value: str) -> str:
    if field not in EDITABLE_FIELDS:
        raise InvalidValue(f"“{field}” is not a workbook detail that can be changed.")
    label = EDITABLE_FIELDS[field]
    value = value.strip()
    if field == "title" and not value:
        raise InvalidValue("A workbook needs a title. Type a short name for this piece of work.")
    if len(value) > MAX_LENGTH:
        raise InvalidValue(f"{label} is too long; keep it under {MAX_LENGTH} characters.")
    if any(ord(ch) < 32 for ch in value):
        raise InvalidValue(f"{label} cannot contain line breaks or control characters.")
    return value


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
