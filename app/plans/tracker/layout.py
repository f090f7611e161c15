"""The tracker's columns and marks, shared by the writer and the reader."""

from __future__ import annotations

from dataclasses import dataclass

FORMAT_MARK = "rrt action tracker 1"
ACTIONS_SHEET = "Actions"
ABOUT_SHEET = "About"


@dataclass(frozen=True)
class TrackerColumn:
    title: str
    field: str  # the action's field, or "" for a column that is only shown
    editable: bool
    width: float


COLUMNS = (
    TrackerColumn("Id", "id", False, 12),
    TrackerColumn("No.", "", False, 5),
    TrackerColumn("Weakness", "weakness", True, 40),
    TrackerColumn("Delivery action", "action", True, 40),
    TrackerColumn("Outcome", "outcome", True, 36),
    TrackerColumn("Lead partner", "lead_partner", True, 20),
    TrackerColumn("Start", "start", True, 12),
    TrackerColumn("Due", "due", True, 12),
    TrackerColumn("Status", "status", True, 13),
    TrackerColumn("Priority", "priority", True, 10),
    TrackerColumn("New progress note", "note", True, 40),
    TrackerColumn("Partners", "", False, 28),
    TrackerColumn("Depends on", "", False, 10),
)
TITLES = tuple(column.title for column in COLUMNS)
