"""The action table."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Integer
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
    due: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    status: Mapped[str] = mapped_column(StoredText(20), default="not_started")
    priority: Mapped[str] = mapped_column(StoredText(10), default="medium")
    raised_by: Mapped[str] = mapped_column(StoredText(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
