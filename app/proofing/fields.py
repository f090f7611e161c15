"""The fixed parts of a proofing record: triage states, the protocol checklist, the
impact-assessment screening questions, decisions, and the record's editable fields.

Plain data (no SQLAlchemy), so screens, commands and reports share one wording.
"""

from __future__ import annotations

TRIAGE = {
    "open": "Open",
    "accepted": "Accepted",
    "dismissed": "Dismissed",
    "fixed": "Fixed",
}

# The proofing protocol: what the officer confirms was done before a draft is adopted.
CHECKLIST = {
    "referred": "The equality scheme was referred to while drafting",
    "validated": "Proposals were validated against the scheme's commitments",
    "proofread": "Proof-read for sensitivity and compliance with the duty",
    "checked": "The strategy, policy or guidance as a whole was checked",
}
ANSWERS = {"yes": "Yes", "partly": "Partly", "no": "No"}

# Screening, in the order of an equality impact assessment (see REFERENCE.md).
SCREENING = {
    "relevance_discrimination": "Relevance: eliminating discrimination, harassment and "
                                "victimisation",
    "relevance_opportunity": "Relevance: advancing equality of opportunity",
    "relevance_relations": "Relevance: fostering good relations",
    "evidence": "Evidence used",
    "consultation": "Consultation",
    "adverse_impact": "Adverse impact",
    "mitigation": "Mitigation or justification",
    "monitoring": "Monitoring arrangements",
}

DECISIONS = {
    "adopt": "Adopt",
    "adopt_with_changes": "Adopt with changes",
    "revise": "Revise",
    "stop": "Stop",
}

# Fields of a record a user can change: (label, longest length, several lines allowed).
TEXT_FIELDS = {
    "title": ("Title", 300, False),
    "version": ("Version", 40, False),
    "author": ("Author", 200, False),
    "team": ("Owning team", 200, False),
    "rationale": ("Rationale", 10_000, True),
    "signed_by": ("Signed off by", 200, False),
    "signed_role": ("Role", 200, False),
}
DATE_FIELDS = {"drafted_on": "Draft date", "signed_on": "Sign-off date"}
MAX_REASON = 2_000
MAX_NOTE = 10_000
MAX_SCREENING = 10_000


def label_of(field: str) -> str:
    if field in TEXT_FIELDS:
        return TEXT_FIELDS[field][0]
    if field in DATE_FIELDS:
        return DATE_FIELDS[field]
    if field == "decision":
        return "Decision"
    return SCREENING.get(field, field)
