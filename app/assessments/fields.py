"""An assessment's fields and a response's fields: labels and rules (plain Python).

Every piece of text goes through `app.text_policy.clean_text`, the one rule for stored text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.plans.fields import parse_due
from app.text_policy import TextRefused, clean_text

FieldValue = str | date | None


@dataclass(frozen=True)
class TextField:
    label: str
    max_length: int
    multiline: bool = False
    required: bool = False


# The three area levels a roll-up can group by (the seed: "local, sub-regional or regional").
AREA_LEVELS: dict[str, str] = {
    "local": "area_local",
    "sub-regional": "area_subregional",
    "regional": "area_regional",
}

ASSESSMENT_TEXT: dict[str, TextField] = {
    "name": TextField("Name", 200, required=True),
    "round_label": TextField("Round", 100),
    "assessor": TextField("Assessor", 200),
    "respondent_group": TextField("Respondent group", 64),
    "area_local": TextField("Local area", 200),
    "area_subregional": TextField("Sub-regional area", 200),
    "area_regional": TextField("Regional area", 200),
}
ASSESSMENT_DATES: dict[str, str] = {"assessed_on": "Date"}
ASSESSMENT_FIELDS = (*ASSESSMENT_TEXT, *ASSESSMENT_DATES)

CONFIDENCE: dict[str, str] = {"high": "High", "medium": "Medium", "low": "Low"}
RESPONSE_TEXT: dict[str, TextField] = {
    "notes": TextField("Evidence notes", 20_000, multiline=True),
    "comment": TextField("Comment", 5_000, multiline=True),
}
RESPONSE_FIELDS = (*RESPONSE_TEXT, "confidence")


def assessment_label(field: str) -> str:
    if field in ASSESSMENT_TEXT:
        return ASSESSMENT_TEXT[field].label
    return ASSESSMENT_DATES.get(field, field)


def response_label(field: str) -> str:
    if field in RESPONSE_TEXT:
        return RESPONSE_TEXT[field].label
    return "Confidence" if field == "confidence" else field


def validate_assessment(field: str, value: FieldValue) -> FieldValue:
    """The value as it would be stored, or a `TextRefused` sentence (nothing changed)."""
    if field in ASSESSMENT_TEXT:
        rule = ASSESSMENT_TEXT[field]
        return clean_text(str(value or ""), label=rule.label, max_length=rule.max_length,
                          multiline=rule.multiline, required=rule.required)
    if field in ASSESSMENT_DATES:
        return parse_due(value)
    raise TextRefused(f"“{field}” is not part of an assessment.")


def validate_response(field: str, value: str | None) -> str:
    if field in RESPONSE_TEXT:
        rule = RESPONSE_TEXT[field]
        return clean_text(value or "", label=rule.label, max_length=rule.max_length,
                          multiline=rule.multiline)
    if field == "confidence":
        text = (value or "").strip().lower()
        if text and text not in CONFIDENCE:
            raise TextRefused("Confidence must be one of: High, Medium, Low (or left empty).")
        return text
    raise TextRefused(f"“{field}” is not part of a response.")
