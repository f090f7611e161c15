"""The workbook's editable details (title, organisation, area, owner) and their rules.

Plain Python with no database layer, so a form can label and check its fields before
SQLAlchemy has been loaded; `app.workbook.info` applies them to the stored record.
"""

from __future__ import annotations

from app.text_policy import TextRefused, clean_text
from app.workbook.errors import InvalidValue

# Field name → label the user sees.
EDITABLE_FIELDS: dict[str, str] = {
    "title": "Title",
    "organisation": "Organisation",
    "area": "Area",
    "owner": "Owner",
}
MAX_LENGTH = 200


def validate_field(field: str, value: str) -> str:
    """The value as it would be stored; raises InvalidValue with a sentence if it cannot be."""
    if field not in EDITABLE_FIELDS:
        raise InvalidValue(f"“{field}” is not a workbook detail that can be changed.")
    label = EDITABLE_FIELDS[field]
    if field == "title" and isinstance(value, str) and not value.strip():
        raise InvalidValue("A workbook needs a title. Type a short name for this piece of work.")
    try:
        return clean_text(value, label=label, max_length=MAX_LENGTH)
    except TextRefused as refused:
        raise InvalidValue(str(refused)) from None
