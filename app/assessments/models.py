"""The self-assessment tables: pinned frameworks, assessments, responses and their
evidence links."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.workbook.models import Base
from app.workbook.types import StoredDate, StoredText, utcnow


class PinnedFramework(Base):
    """A framework as it was when first used in this workbook, kept whole (its JSON form), so
    the workbook reads the same years later whatever the frameworks on the computer say."""

    __tablename__ = "assessment_framework"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    framework_id: Mapped[str] = mapped_column(StoredText(64), index=True)
    version: Mapped[str] = mapped_column(StoredText(40))
    title: Mapped[str] = mapped_column(StoredText(300))
    fingerprint: Mapped[str] = mapped_column(StoredText(80), unique=True)
    content: Mapped[str] = mapped_column(StoredText())  # the framework's full JSON form
    pinned_at: Mapped[datetime] = mapped_column(default=utcnow)


class Assessment(Base):
    """One self-assessment: a round of answers against a pinned framework."""

    __tablename__ = "assessment"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    framework_row_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("assessment_framework.id"), index=True)
    name: Mapped[str] = mapped_column(StoredText(200))
    round_label: Mapped[str] = mapped_column(StoredText(100), default="")
    assessed_on: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    assessor: Mapped[str] = mapped_column(StoredText(200), default="")
    respondent_group: Mapped[str] = mapped_column(StoredText(64), default="")
    area_local: Mapped[str] = mapped_column(StoredText(200), default="")
    area_subregional: Mapped[str] = mapped_column(StoredText(200), default="")
    area_regional: Mapped[str] = mapped_column(StoredText(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AssessmentResponse(Base):
    """The answer to one criterion: a level id, "not-applicable", or none yet."""

    __tablename__ = "assessment_response"
    __table_args__ = (UniqueConstraint("assessment_id", "criterion_ref"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessment.id"), index=True)
    criterion_ref: Mapped[str] = mapped_column(StoredText(40))
    answer: Mapped[str | None] = mapped_column(StoredText(64), default=None)
    notes: Mapped[str] = mapped_column(StoredText(), default="")
    confidence: Mapped[str] = mapped_column(StoredText(10), default="")
    comment: Mapped[str] = mapped_column(StoredText(), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ResponseEvidence(Base):
    """A stored evidence file supporting a response; one file may support many.

    The evidence file is named by id without a foreign key: removing the file leaves the
    link in place but unused, and undoing that removal (which keeps the file's id) brings
    the link back with it.
    """

    __tablename__ = "response_evidence"

    response_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("assessment_response.id"), primary_key=True)
    evidence_file_id: Mapped[uuid.UUID] = mapped_column(primary_key=True, index=True)
    linked_at: Mapped[datetime] = mapped_column(default=utcnow)
