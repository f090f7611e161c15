"""Assessments as plain values (no database layer): what scoring, reports, comparisons
and roll-ups read."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from app.assessments.fields import AREA_LEVELS
from app.assessments.frameworks import Framework


@dataclass(frozen=True)
class AssessmentRow:
    """An assessment as plain values, for screens, reports and commands."""

    id: uuid.UUID
    framework_row_id: uuid.UUID
    framework_id: str
    framework_version: str
    framework_title: str
    name: str
    round_label: str
    assessed_on: date | None
    assessor: str
    respondent_group: str
    area_local: str
    area_subregional: str
    area_regional: str
    created_at: datetime
    updated_at: datetime

    def area(self, level: str) -> str:
        """The area name at "local", "sub-regional" or "regional" level ("" if not given)."""
        return str(getattr(self, AREA_LEVELS[level]))

    @property
    def when(self) -> tuple[date, datetime]:
        """The order rounds are taken in: the assessment date, else the day it was made."""
        return (self.assessed_on or self.created_at.date(), self.created_at)


@dataclass(frozen=True)
class ResponseData:
    """One criterion's answer and what supports it."""

    answer: str | None = None  # a level id, NOT_APPLICABLE, or None: not answered
    notes: str = ""
    confidence: str = ""  # "", "high", "medium" or "low"
    comment: str = ""
    evidence: tuple[str, ...] = ()  # names of the linked evidence files

    @property
    def has_evidence(self) -> bool:
        return bool(self.notes.strip()) or bool(self.evidence)


@dataclass(frozen=True)
class AssessmentData:
    """An assessment with its framework and every response: what scoring reads."""

    row: AssessmentRow
    framework: Framework
    responses: Mapping[str, ResponseData] = field(default_factory=dict)
