"""The representation module's tables: baselines, audits (aggregate counts only),
expanded categories and the representation questionnaire."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.workbook.models import Base
from app.workbook.types import StoredDate, StoredText, utcnow


class RepBaseline(Base):
    """The population of an area by ethnic group: what a body is compared with."""

    __tablename__ = "rep_baseline"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(StoredText(200))
    area_code: Mapped[str] = mapped_column(StoredText(40), default="")
    area_name: Mapped[str] = mapped_column(StoredText(200), default="")
    classification: Mapped[str] = mapped_column(StoredText(40))
    source: Mapped[str] = mapped_column(StoredText(), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RepBaselineCount(Base):
    __tablename__ = "rep_baseline_count"
    __table_args__ = (UniqueConstraint("baseline_id", "category"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    baseline_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("rep_baseline.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(StoredText(64))
    count: Mapped[int] = mapped_column(Integer)


class RepAudit(Base):
    """A body's make-up on a date: counts by category, never records of people."""

    __tablename__ = "rep_audit"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    body_kind: Mapped[str] = mapped_column(StoredText(30))
    body_name: Mapped[str] = mapped_column(StoredText(200))
    role: Mapped[str] = mapped_column(StoredText(30), default="")  # one of the five roles
    audit_date: Mapped[date] = mapped_column(StoredDate())
    classification: Mapped[str] = mapped_column(StoredText(40))
    baseline_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    notes: Mapped[str] = mapped_column(StoredText(), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class RepAuditCount(Base):
    __tablename__ = "rep_audit_count"
    __table_args__ = (UniqueConstraint("audit_id", "category"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    audit_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("rep_audit.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(StoredText(64))  # census or expanded category id
    count: Mapped[int] = mapped_column(Integer)


class RepExpandedCategory(Base):
    """A local category nested under a census one (ONS guidance allows these)."""

    __tablename__ = "rep_expanded_category"
    __table_args__ = (UniqueConstraint("classification", "key"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    classification: Mapped[str] = mapped_column(StoredText(40))
    key: Mapped[str] = mapped_column(StoredText(64))
    parent: Mapped[str] = mapped_column(StoredText(64))
    label: Mapped[str] = mapped_column(StoredText(200))


class RepAnswer(Base):
    """One answer to the representation questionnaire."""

    __tablename__ = "rep_answer"

    question: Mapped[str] = mapped_column(StoredText(40), primary_key=True)
    rating: Mapped[str] = mapped_column(StoredText(30), default="")
    narrative: Mapped[str] = mapped_column(StoredText(), default="")
    evidence: Mapped[str] = mapped_column(StoredText(), default="")  # evidence ids, one a line
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
