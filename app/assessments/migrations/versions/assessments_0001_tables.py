"""The assessments module's first tables: pinned frameworks, assessments, responses and
the evidence that supports them.

Revision ID: assessments_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.workbook.types import UTCDateTime

revision = "assessments_0001"
down_revision = None
branch_labels = ("assessments",)
depends_on = "0002"


def upgrade() -> None:
    op.create_table(
        "assessment_framework",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("framework_id", sa.String(64), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("fingerprint", sa.String(80), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("pinned_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_framework")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_assessment_framework_fingerprint")),
    )
    op.create_index(op.f("ix_assessment_framework_framework_id"), "assessment_framework",
                    ["framework_id"])
    op.create_table(
        "assessment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("framework_row_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("round_label", sa.String(100), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=True),
        sa.Column("assessor", sa.String(200), nullable=False),
        sa.Column("respondent_group", sa.String(64), nullable=False),
        sa.Column("area_local", sa.String(200), nullable=False),
        sa.Column("area_subregional", sa.String(200), nullable=False),
        sa.Column("area_regional", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["framework_row_id"], ["assessment_framework.id"],
                                name=op.f("fk_assessment_framework_row_id_assessment_framework")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
    )
    op.create_index(op.f("ix_assessment_framework_row_id"), "assessment", ["framework_row_id"])
    op.create_table(
        "assessment_response",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("criterion_ref", sa.String(40), nullable=False),
        sa.Column("answer", sa.String(64), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("confidence", sa.String(10), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessment.id"],
                                name=op.f("fk_assessment_response_assessment_id_assessment")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_response")),
        sa.UniqueConstraint("assessment_id", "criterion_ref",
                            name=op.f("uq_assessment_response_assessment_id")),
    )
    op.create_index(op.f("ix_assessment_response_assessment_id"), "assessment_response",
                    ["assessment_id"])
    op.create_table(
        "response_evidence",
        sa.Column("response_id", sa.Uuid(), nullable=False),
        sa.Column("evidence_file_id", sa.Uuid(), nullable=False),
        sa.Column("linked_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"], ["assessment_response.id"],
            name=op.f("fk_response_evidence_response_id_assessment_response")),
        sa.PrimaryKeyConstraint("response_id", "evidence_file_id",
                                name=op.f("pk_response_evidence")),
    )
    op.create_index(op.f("ix_response_evidence_evidence_file_id"), "response_evidence",
                    ["evidence_file_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_response_evidence_evidence_file_id"), "response_evidence")
    op.drop_table("response_evidence")
    op.drop_index(op.f("ix_assessment_response_assessment_id"), "assessment_response")
    op.drop_table("assessment_response")
    op.drop_index(op.f("ix_assessment_framework_row_id"), "assessment")
    op.drop_table("assessment")
    op.drop_index(op.f("ix_assessment_framework_framework_id"), "assessment_framework")
    op.drop_table("assessment_framework")
