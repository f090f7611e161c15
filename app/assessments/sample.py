"""The self-assessments in the bundled sample workbook: Anytown CVS rating itself against
the ISO performance framework in 2025 and again in 2026, with notes, evidence files,
confidence, a few gaps and improvement actions raised from the lowest ratings."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.assessments.frameworks import load_framework
from app.assessments.improvement import actions_to_raise, propose_actions, raised_origins
from app.assessments.operations import RaiseActions
from app.assessments.records import (
    create_assessment,
    find_evidence,
    link_evidence,
    load_assessment,
    set_answer,
    set_response_field,
)

SURVEY = "Annual members survey 2025 summary.txt"
MINUTES = "Board minutes extract - equality item.txt"
_AREAS: dict[str, Any] = {"area_local": "Anytown", "area_subregional": "Black Country",
                          "area_regional": "West Midlands", "assessor": "Sample user"}

# ref: (answer, evidence notes, confidence, linked files)
_2025: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "1.1": ("developing", "Development worker visits logged; no written standard yet.",
            "medium", ()),
    "1.2": ("not-in-place", "", "low", ()),
    "1.3": ("not-in-place", "We do not follow up groups after support.", "medium", ()),
    "2.1": ("established", "Room hire and equipment loan policy reviewed in 2024.", "high", ()),
    "2.2": ("developing", "", "medium", (SURVEY,)),
    "3.1": ("established", "Funding advice standard agreed with the funding team.", "high",
            ()),
    "3.2": ("developing", "Members survey: few BME-led groups use funding advice.", "medium",
            (SURVEY,)),
    "7.1": ("developing", "Two BME forum seats on the LSP board; no briefing routine.",
            "medium", (MINUTES,)),
    "18.1": ("not-in-place", "Service records do not say who leads each group.", "high", ()),
}
_2026: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    **_2025,
    "1.2": ("developing", "Outreach sessions with the BME infrastructure network.", "medium",
            ()),
    "1.3": ("developing", "", "low", ()),
    "3.2": ("established", "Listening sessions held; funding clinic moved to evenings.",
            "medium", (SURVEY,)),
    "18.1": ("developing", "Monitoring form now asks who leads the group.", "medium", ()),
    "19.1": ("developing", "Representatives meet the BME network before each board.",
             "low", (MINUTES,)),
    "19.3": ("not-in-place", "", "", ()),
    "2.3": ("not-in-place", "Volunteer brokerage does not yet reach BME-led groups.", "medium",
            ()),
    "18.2": ("not-in-place", "", "low", ()),
}


def add_sample(session: Session) -> None:
    from app.evidence.sample import add_sample as add_evidence
    from app.paths import resource

    add_evidence(session)  # the evidence files the answers cite (added once: same content)
    framework = load_framework(resource("frameworks", "iso-performance.yaml"))
    rounds = (("ISO self-assessment 2025", "2025", date(2025, 3, 28), _2025),
              ("ISO self-assessment 2026", "2026", date(2026, 3, 27), _2026))
    for name, label, when, answers in rounds:
        row = create_assessment(session, framework, {"name": name, "round_label": label,
                                                     "assessed_on": when, **_AREAS})
        for ref, (answer, notes, confidence, files) in answers.items():
            set_answer(session, row.id, ref, answer)
            if notes:
                set_response_field(session, row.id, ref, "notes", notes)
            if confidence:
                set_response_field(session, row.id, ref, "confidence", confidence)
            for file_name in files:
                link_evidence(session, row.id, ref, find_evidence(session, file_name))
    latest = load_assessment(session, row.id)
    existing = raised_origins(session, row.id)
    RaiseActions(actions_to_raise(propose_actions(latest), existing)).apply(session)
