"""An action's fields, their labels and their rules (plain Python, no database layer).

The shape follows the seed's tables: Weakness → Delivery action → Outcome, with a lead
partner "whose role is to initiate and co-ordinate delivery", partners with roles, start and
due dates, a status and a priority, and a note of what raised the action.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.text_policy import TextRefused, clean_text

STATUSES: dict[str, str] = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "done": "Done",
    "blocked": "Blocked",
    "dropped": "Dropped",
}
# Statuses whose work is over: such an action is never overdue.
CLOSED = frozenset({"done", "dropped"})
# What a partner other than the lead does (the lead "initiates and co-ordinates").
PARTNER_ROLES: dict[str, str] = {
    "delivers": "Delivers",
    "funds": "Funds",
    "supports": "Supports",
    "advises": "Advises",
}
PRIORITIES: dict[str, str] = {"high": "High", "medium": "Medium", "low": "Low"}


@dataclass(frozen=True)
class TextField:
    label: str
    max_length: int
    multiline: bool = False
    required: bool = False


TEXT_FIELDS: dict[str, TextField] = {
    "weakness": TextField("Weakness", 2000, multiline=True),
    "action": TextField("Delivery action", 2000, multiline=True, required=True),
    "outcome": TextField("Outcome", 2000, multiline=True),
    "lead_partner": TextField("Lead partner", 200),
    "raised_by": TextField("Raised by", 300),
}
CHOICE_FIELDS: dict[str, tuple[str, dict[str, str]]] = {
    "status": ("Status", STATUSES),
    "priority": ("Priority", PRIORITIES),
}
DATE_FIELDS: dict[str, str] = {"start": "Start date", "due": "Due date"}
EDITABLE = (*TEXT_FIELDS, *CHOICE_FIELDS, *DATE_FIELDS)
FieldValue = str | date | None


def label_of(field: str) -> str:
    if field in TEXT_FIELDS:
        return TEXT_FIELDS[field].label
    if field in CHOICE_FIELDS:
        return CHOICE_FIELDS[field][0]
    return DATE_FIELDS.get(field, field)


def validate(field: str, value: FieldValue) -> FieldValue:
    """The value as it would be stored, or a `TextRefused` sentence (nothing changed)."""
    if field in TEXT_FIELDS:
        rule = TEXT_FIELDS[field]
        return clean_text(str(value or ""), label=rule.label, max_length=rule.max_length,
                          multiline=rule.multiline, required=rule.required)
    if field in CHOICE_FIELDS:
        label, choices = CHOICE_FIELDS[field]
        return choice(value, label, choices)
    if field in DATE_FIELDS:
        return parse_date(value)
    raise TextRefused(f"“{field}” is not part of an action.")


def choice(value: object, label: str, choices: dict[str, str]) -> str:
    """`value` if it is one of `choices` (by key or by label), else a sentence."""
    for key, shown in choices.items():
        if value in (key, shown):
            return key
    raise TextRefused(f"{label} must be one of: {', '.join(choices.values())}.")


def parse_date(value: FieldValue) -> date | None:
    """A date from a date, an ISO date (2027-03-31) or a UK date (31/03/2027)."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise TextRefused(
            f"“{text}” is not a date. Type it as 31/03/2027 (day/month/year)."
        ) from None


parse_due = parse_date  # the name the assessment and representation modules import
