"""What a tracker file looks like: its sheets, its columns and its stamp (shared by the
writer and the reader, so the two can never disagree)."""

from __future__ import annotations

from dataclasses import dataclass

from app.plans.fields import label_of

KIND = "Rights & Responsibilities Toolkit action tracker"
FORMAT = 1
ACTIONS_SHEET = "Actions"
ABOUT_SHEET = "About this tracker"
ID_HEADING = "ID (do not change)"
NUMBER_HEADING = "No."
NOTE = "note"
NOTE_HEADING = "New progress note"
# Rows left unlocked under the actions, so people can add actions in the sheet.
SPARE_ROWS = 200
DATE_FORMAT = "DD/MM/YYYY"


@dataclass(frozen=True)
class TrackerColumn:
    field: str  # an action field, or "" for the id and number columns
    heading: str
    width: int  # characters
    editable: bool = True


# The number first, for reading; the id last, out of the way (it is what the import
# matches on, so it is locked).
COLUMNS: tuple[TrackerColumn, ...] = (
    TrackerColumn("number", NUMBER_HEADING, 6, editable=False),
    *(TrackerColumn(field, label_of(field), width) for field, width in (
        ("weakness", 40), ("action", 48), ("outcome", 40), ("lead_partner", 22),
        ("start", 13), ("due", 13), ("status", 14), ("priority", 11))),
    TrackerColumn(NOTE, NOTE_HEADING, 40),
    TrackerColumn("id", ID_HEADING, 38, editable=False),
)
# The action's own fields; the note column is not one (it adds a dated progress note).
FIELDS = tuple(c.field for c in COLUMNS if c.editable and c.field != NOTE)

# The About sheet: one (label, value) per row; the reader finds values by label.
STAMP_KIND = "What this file is"
STAMP_FORMAT = "Tracker format"
STAMP_WORKBOOK_ID = "Workbook id"
STAMP_WORKBOOK_TITLE = "Workbook title"
STAMP_EXPORT_ID = "Export id"
STAMP_EXPORTED_AT = "Exported at (UTC)"
TEXT_COLUMNS = frozenset({"weakness", "action", "outcome", "lead_partner", NOTE})
