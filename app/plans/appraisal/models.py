"""The options appraisal tables (part of the plans module's migration branch)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from app.workbook.models import Base
from app.workbook.types import StoredText, utcnow


class PlanAppraisal(Base):
    """A question or recommendation whose delivery options a group appraises."""

    __tablename__ = "plan_appraisal"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    position: Mapped[int] = mapped_column(Integer)
    question: Mapped[str] = mapped_column(StoredText())
    notes: Mapped[str] = mapped_column(StoredText(), default="")  # the facilitator's rationale
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PlanAppraisalOption(Base):
    __tablename__ = "plan_appraisal_option"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    appraisal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("plan_appraisal.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(StoredText(200))
    description: Mapped[str] = mapped_column(StoredText(), default="")
    strengths: Mapped[str] = mapped_column(StoredText(), default="")
    weaknesses: Mapped[str] = mapped_column(StoredText(), default="")


class PlanAppraisalParticipant(Base):
    """A person or a group (a table at a workshop) who ranks the options."""

    __tablename__ = "plan_appraisal_participant"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    appraisal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("plan_appraisal.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(StoredText(200))
    justification: Mapped[str] = mapped_column(StoredText(), default="")
    lead_agency: Mapped[str] = mapped_column(StoredText(200), default="")


class PlanAppraisalRank(Base):
    """One participant's place for one option: 1 is first; equal numbers are a tie; an
    option a participant did not rank has no row."""

    __tablename__ = "plan_appraisal_rank"

    participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("plan_appraisal_participant.id", ondelete="CASCADE"), primary_key=True)
    option_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("plan_appraisal_option.id", ondelete="CASCADE"), primary_key=True,
        index=True)
    rank: Mapped[int] = mapped_column(Integer)
