"""The action plan's tables: actions, their partners, dependencies and progress notes."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from app.workbook.models import Base
from app.workbook.types import StoredDate, StoredText, utcnow


class PlanAction(Base):
    """One action of the workbook's action plan."""

    __tablename__ = "plan_action"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    position: Mapped[int] = mapped_column(Integer, index=True)  # the order the user sees
    weakness: Mapped[str] = mapped_column(StoredText(), default="")
    action: Mapped[str] = mapped_column(StoredText())
    outcome: Mapped[str] = mapped_column(StoredText(), default="")
    lead_partner: Mapped[str] = mapped_column(StoredText(200), default="")
    start: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    due: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    status: Mapped[str] = mapped_column(StoredText(20), default="not_started")
    priority: Mapped[str] = mapped_column(StoredText(10), default="medium")
    raised_by: Mapped[str] = mapped_column(StoredText(300), default="")  # a label; editable
    # What raised the action, as a key its module wrote ("" when typed or from a template):
    # never edited by the user, so "already raised" survives edits of `raised_by`.
    origin: Mapped[str] = mapped_column(StoredText(200), default="", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class PlanActionPartner(Base):
    """A partner of an action besides its lead, with the part it plays."""

    __tablename__ = "plan_action_partner"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    action_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("plan_action.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(StoredText(200))
    role: Mapped[str] = mapped_column(StoredText(20), default="supports")


class PlanDependency(Base):
    """`action_id` depends on `depends_on_id`: that one should end before this one starts
    (the seed's "order in which they are implemented")."""

    __tablename__ = "plan_dependency"

    action_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("plan_action.id", ondelete="CASCADE"), primary_key=True)
    depends_on_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("plan_action.id", ondelete="CASCADE"), primary_key=True, index=True)


class PlanProgressNote(Base):
    """A dated note of how an action is going."""

    __tablename__ = "plan_progress_note"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    action_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("plan_action.id", ondelete="CASCADE"), index=True)
    noted_on: Mapped[date] = mapped_column(StoredDate())
    text: Mapped[str] = mapped_column(StoredText())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# The options appraisal's tables belong to this module's migration branch too; importing
# them here registers them whenever the module's models are loaded.
from app.plans.appraisal.models import (  # noqa: E402
    PlanAppraisal,
    PlanAppraisalOption,
    PlanAppraisalParticipant,
    PlanAppraisalRank,
)

__all__ = [
    "PlanAction",
    "PlanActionPartner",
    "PlanAppraisal",
    "PlanAppraisalOption",
    "PlanAppraisalParticipant",
    "PlanAppraisalRank",
    "PlanDependency",
    "PlanProgressNote",
]
