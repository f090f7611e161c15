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
    add_sample_appraisal(session)


def add_sample_appraisal(session: Session) -> None:
    """An options appraisal with four workshop tables' rankings (two partial, one tied)."""
    from app.plans.appraisal.store import add_appraisal, add_option, add_participant, set_ranks

    appraisal = uuid.uuid4()
    add_appraisal(session, appraisal, "How should BME-led groups get the funding advice they "
                                      "need?")
    options = [add_option(session, appraisal, uuid.uuid4(), values).id for values in (
        {"title": "Outreach worker", "description": "A funding adviser who visits groups.",
         "strengths": "Reaches groups that never come to the office.",
         "weaknesses": "One person; costly to sustain after the first year."},
        {"title": "Surgeries with the network",
         "description": "Monthly advice surgeries held with the BME infrastructure network.",
         "strengths": "Builds on a trusted partner; cheap to run.",
         "weaknesses": "Depends on the network's capacity."},
        {"title": "Online guide", "description": "A plain-English guide to local funders.",
         "strengths": "Always available; low cost.",
         "weaknesses": "Does not reach groups without confident English or online access."},
    )]
    for name, ranks, why, lead in (
        ("Table 1", (1, 2, 3), "Visits build the trust that advice needs.", "Anytown CVS"),
        ("Table 2", (2, 1, 3), "The network already has the relationships.",
         "Anytown BME Network"),
        ("Table 3", (2, 1, None), "Surgeries first; we could not agree on the guide.",
         "Anytown BME Network"),
        ("Table 4", (1, 1, None), "Both reach people in person; a guide alone would not.",
         "Anytown CVS"),
    ):
        person = add_participant(session, appraisal, uuid.uuid4(), {
            "name": name, "justification": why, "lead_agency": lead})
        set_ranks(session, person.id, dict(zip(options, ranks, strict=True)))
