"""The proofing module's tables: equality schemes and their commitments, proofing records
with their stored draft, findings and checklist answers, and the workbook's allow-list and
user rules.

Structured answers that are only ever read whole (the screening, the coverage result) are
kept as JSON text on the record: nothing queries inside them.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.workbook.models import Base
from app.workbook.types import StoredDate, StoredText, utcnow


class ProofScheme(Base):
    """An equality scheme: the commitments drafts are proofed against."""

    __tablename__ = "proof_scheme"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(StoredText(200))
    general_duty: Mapped[bool] = mapped_column(Boolean, default=True)  # add the three limbs
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProofCommitment(Base):
    __tablename__ = "proof_commitment"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    scheme_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("proof_scheme.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(StoredText(40))  # the scheme's own number: "2.1"
    title: Mapped[str] = mapped_column(StoredText(300))
    text: Mapped[str] = mapped_column(StoredText(), default="")
    keywords: Mapped[str] = mapped_column(StoredText(), default="")  # "; "-separated


class ProofDraft(Base):
    """A draft's bytes, stored once per content hash."""

    __tablename__ = "proof_draft"

    sha256: Mapped[str] = mapped_column(StoredText(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ProofRecord(Base):
    """One proofing of one version of a draft."""

    __tablename__ = "proof_record"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    title: Mapped[str] = mapped_column(StoredText(300))
    version: Mapped[str] = mapped_column(StoredText(40), default="")
    author: Mapped[str] = mapped_column(StoredText(200), default="")
    team: Mapped[str] = mapped_column(StoredText(200), default="")
    drafted_on: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    proofed_at: Mapped[datetime] = mapped_column(default=utcnow)
    scheme_name: Mapped[str] = mapped_column(StoredText(200), default="")
    draft_name: Mapped[str] = mapped_column(StoredText(255))
    draft_sha256: Mapped[str] = mapped_column(ForeignKey("proof_draft.sha256"), index=True)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    screening: Mapped[str] = mapped_column(StoredText(), default="{}")  # JSON: field → text
    coverage: Mapped[str] = mapped_column(StoredText(), default="[]")  # JSON list
    decision: Mapped[str] = mapped_column(StoredText(20), default="")
    rationale: Mapped[str] = mapped_column(StoredText(), default="")
    signed_by: Mapped[str] = mapped_column(StoredText(200), default="")
    signed_role: Mapped[str] = mapped_column(StoredText(200), default="")
    signed_on: Mapped[date | None] = mapped_column(StoredDate(), default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProofFinding(Base):
    __tablename__ = "proof_finding"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    record_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("proof_record.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    rule_id: Mapped[str] = mapped_column(StoredText(64))
    severity: Mapped[str] = mapped_column(StoredText(10))
    message: Mapped[str] = mapped_column(StoredText())
    suggestion: Mapped[str] = mapped_column(StoredText(), default="")
    source: Mapped[str] = mapped_column(StoredText(), default="")
    link: Mapped[str] = mapped_column(StoredText(500), default="")
    paragraph: Mapped[int] = mapped_column(Integer)
    heading_path: Mapped[str] = mapped_column(StoredText(), default="[]")  # JSON list
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    excerpt: Mapped[str] = mapped_column(StoredText())
    document_level: Mapped[bool] = mapped_column(Boolean, default=False)
    context: Mapped[str] = mapped_column(StoredText(64))  # hash of the paragraph's words
    triage: Mapped[str] = mapped_column(StoredText(20), default="open")
    reason: Mapped[str] = mapped_column(StoredText(), default="")


class ProofCheck(Base):
    """An answer to one item of the proofing protocol's checklist."""

    __tablename__ = "proof_check"
    __table_args__ = (UniqueConstraint("record_id", "item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("proof_record.id", ondelete="CASCADE"), index=True)
    item: Mapped[str] = mapped_column(StoredText(40))
    answer: Mapped[str] = mapped_column(StoredText(10), default="")  # yes | no | partly
    note: Mapped[str] = mapped_column(StoredText(), default="")


class ProofAllow(Base):
    """Wording the rules leave alone in this workbook (an organisation's name, say)."""

    __tablename__ = "proof_allow"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    term: Mapped[str] = mapped_column(StoredText(200), unique=True)


class ProofRuleFile(Base):
    """A user rule file kept in the workbook: adds, overrides or disables shipped rules."""

    __tablename__ = "proof_rule_file"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(StoredText(200), unique=True)
    text: Mapped[str] = mapped_column(StoredText())
