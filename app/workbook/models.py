"""Typed SQLAlchemy models for the core tables of a workbook.

Nothing here is SQLite-only: keys are UUIDs, timestamps are UTC and constraints carry
names from one convention, so the same models run on PostgreSQL for a team database.
Modules add their own tables in their own model files and migrations.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.workbook.types import StoredText, StoredUuid, UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        datetime: UTCDateTime(),
        uuid.UUID: StoredUuid(),
        str: StoredText(),
    }


class WorkbookInfo(Base):
    """The one row describing the workbook: what the work is and whose it is."""

    __tablename__ = "workbook_info"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    title: Mapped[str] = mapped_column(StoredText(200))
    organisation: Mapped[str] = mapped_column(StoredText(200), default="")
    area: Mapped[str] = mapped_column(StoredText(200), default="")
    owner: Mapped[str] = mapped_column(StoredText(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ChangeLogEntry(Base):
    """What changed, when and by whom: the workbook's own audit trail."""

    __tablename__ = "change_log"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(StoredText(200))
    action: Mapped[str] = mapped_column(StoredText(80))
    entity: Mapped[str] = mapped_column(StoredText(80))
    entity_id: Mapped[str | None] = mapped_column(StoredText(64), default=None)
    summary: Mapped[str] = mapped_column(StoredText())


class EvidenceBlob(Base):
    """File contents, stored once per SHA-256 however often the file is attached."""

    __tablename__ = "evidence_blob"

    sha256: Mapped[str] = mapped_column(StoredText(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class EvidenceFile(Base):
    """A named evidence document attached to the workbook."""

    __tablename__ = "evidence_file"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    sha256: Mapped[str] = mapped_column(ForeignKey("evidence_blob.sha256"), index=True)
    name: Mapped[str] = mapped_column(StoredText(255))
    media_type: Mapped[str] = mapped_column(StoredText(120))
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(StoredText(), default="")

    blob: Mapped[EvidenceBlob] = relationship(lazy="raise")
