"""The actions in the bundled sample workbook."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.orm import Session

from app.plans.actions import add_action
from app.plans.fields import FieldValue
from app.plans.links import add_dependency, add_note, add_partner

_SAMPLE: tuple[dict[str, FieldValue], ...] = (
    {
        "weakness": "Few groups led by people from ethnic minorities use the funding advice "
                    "service, and we do not know why.",
        "action": "Hold two listening sessions with the local BME infrastructure network and "
                  "ask member groups what would help.",
        "outcome": "A short note of what groups need from funding advice, agreed with the "
                   "network.",
        "lead_partner": "Anytown CVS",
        "start": date(2027, 1, 11),
        "due": date(2027, 3, 31),
        "status": "in_progress",
        "priority": "high",
        "raised_by": "Members survey 2025",
    },
    {
        "weakness": "Board papers do not say how decisions affect different communities.",
        "action": "Add an equality section to the board paper template.",
        "outcome": "Every board paper from June states its likely effect on different "
                   "ethnic groups.",
        "lead_partner": "Chief officer",
        "start": date(2027, 4, 1),
        "due": date(2027, 6, 30),
        "status": "not_started",
        "priority": "medium",
        "raised_by": "Board minutes, equality item",
    },
)


def add_sample(session: Session) -> None:
    listening, template = (add_action(session, dict(values)) for values in _SAMPLE)
    add_partner(session, listening.id, "Anytown BME Network", "delivers", uuid.uuid4())
    add_partner(session, listening.id, "Anytown Council community team", "funds",
                uuid.uuid4())
    add_note(session, listening.id, date(2027, 2, 3),
             "First session held with eleven member groups; the second is booked.",
             uuid.uuid4())
    # What the listening sessions find shapes what the template asks.
    add_dependency(session, template.id, listening.id)
