"""The proofing module's first tables: schemes, records, findings, checklist, allow-list
and user rules.

Revision ID: proofing_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.workbook.types import UTCDateTime

revision = "proofing_0001"
down_revision = None
branch_labels = ("proofing",)
depends_on = "0002"


def upgrade() -> None:
    op.create_table(
        "proof_scheme",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("general_duty", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proof_scheme")),
    )
    op.create_table(
        "proof_commitment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("scheme_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("keywords", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["scheme_id"], ["proof_scheme.id"], ondelete="CASCADE",
                                name=op.f("fk_proof_commitment_scheme_id_proof_scheme")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proof_commitment")),
    )
    op.create_index(op.f("ix_proof_commitment_scheme_id"), "proof_commitment", ["scheme_id"])
    op.create_table(
        "proof_draft",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_proof_draft")),
    )
    op.create_table(
        "proof_record",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("team", sa.String(200), nullable=False),
        sa.Column("drafted_on", sa.Date(), nullable=True),
        sa.Column("proofed_at", UTCDateTime(), nullable=False),
        sa.Column("scheme_name", sa.String(200), nullable=False),
        sa.Column("draft_name", sa.String(255), nullable=False),
        sa.Column("draft_sha256", sa.String(64), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("screening", sa.Text(), nullable=False),
        sa.Column("coverage", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("signed_by", sa.String(200), nullable=False),
        sa.Column("signed_role", sa.String(200), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["draft_sha256"], ["proof_draft.sha256"],
                                name=op.f("fk_proof_record_draft_sha256_proof_draft")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proof_record")),
    )
    op.create_index(op.f("ix_proof_record_draft_sha256"), "proof_record", ["draft_sha256"])
    op.create_table(
        "proof_finding",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.String(64), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("suggestion", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("link", sa.String(500), nullable=False),
        sa.Column("paragraph", sa.Integer(), nullable=False),
        sa.Column("heading_path", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.Column("document_level", sa.Boolean(), nullable=False),
        sa.Column("context", sa.String(64), nullable=False),
        sa.Column("triage", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["record_id"], ["proof_record.id"], ondelete="CASCADE",
                                name=op.f("fk_proof_finding_record_id_proof_record")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proof_finding")),
    )
    op.create_index(op.f("ix_proof_finding_record_id"), "proof_finding", ["record_id"])
    op.create_table(
        "proof_check",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("item", sa.String(40), nullable=False),
        sa.Column("answer", sa.String(10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["record_id"], ["proof_record.id"], ondelete="CASCADE",
                                name=op.f("fk_proof_check_record_id_proof_record")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proof_check")),
        sa.UniqueConstraint("record_id", "item", name=op.f("uq_proof_check_record_id")),
    )
    op.create_index(op.f("ix_proof_check_record_id"), "proof_check", ["record_id"])
    op.create_table(
        "proof_allow",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("term", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proof_allow")),
        sa.UniqueConstraint("term", name=op.f("uq_proof_allow_term")),
    )
    op.create_table(
        "proof_rule_file",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proof_rule_file")),
        sa.UniqueConstraint("name", name=op.f("uq_proof_rule_file_name")),
    )


def downgrade() -> None:
    for table in ("proof_rule_file", "proof_allow", "proof_check", "proof_finding",
                  "proof_record", "proof_draft", "proof_commitment", "proof_scheme"):
        op.drop_table(table)
