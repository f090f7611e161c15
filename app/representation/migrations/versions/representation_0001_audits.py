"""The representation module's first tables: baselines, audits, expanded categories and
the representation questionnaire.

Revision ID: representation_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.workbook.types import UTCDateTime

revision = "representation_0001"
down_revision = None
branch_labels = ("representation",)
depends_on = "0002"


def upgrade() -> None:
    op.create_table(
        "rep_baseline",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("area_code", sa.String(40), nullable=False),
        sa.Column("area_name", sa.String(200), nullable=False),
        sa.Column("classification", sa.String(40), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rep_baseline")),
    )
    op.create_table(
        "rep_baseline_count",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("baseline_id", sa.Uuid(), nullable=False),
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["baseline_id"], ["rep_baseline.id"], ondelete="CASCADE",
                                name=op.f("fk_rep_baseline_count_baseline_id_rep_baseline")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rep_baseline_count")),
        sa.UniqueConstraint("baseline_id", "category",
                            name=op.f("uq_rep_baseline_count_baseline_id")),
    )
    op.create_index(op.f("ix_rep_baseline_count_baseline_id"), "rep_baseline_count",
                    ["baseline_id"])
    op.create_table(
        "rep_audit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("body_kind", sa.String(30), nullable=False),
        sa.Column("body_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(30), nullable=False),
        sa.Column("audit_date", sa.Date(), nullable=False),
        sa.Column("classification", sa.String(40), nullable=False),
        sa.Column("baseline_id", sa.Uuid(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rep_audit")),
    )
    op.create_table(
        "rep_audit_count",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("audit_id", sa.Uuid(), nullable=False),
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["audit_id"], ["rep_audit.id"], ondelete="CASCADE",
                                name=op.f("fk_rep_audit_count_audit_id_rep_audit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rep_audit_count")),
        sa.UniqueConstraint("audit_id", "category", name=op.f("uq_rep_audit_count_audit_id")),
    )
    op.create_index(op.f("ix_rep_audit_count_audit_id"), "rep_audit_count", ["audit_id"])
    op.create_table(
        "rep_expanded_category",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("classification", sa.String(40), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("parent", sa.String(64), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rep_expanded_category")),
        sa.UniqueConstraint("classification", "key",
                            name=op.f("uq_rep_expanded_category_classification")),
    )
    op.create_table(
        "rep_answer",
        sa.Column("question", sa.String(40), nullable=False),
        sa.Column("rating", sa.String(30), nullable=False),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("question", name=op.f("pk_rep_answer")),
    )


def downgrade() -> None:
    op.drop_table("rep_answer")
    op.drop_table("rep_expanded_category")
    op.drop_index(op.f("ix_rep_audit_count_audit_id"), "rep_audit_count")
    op.drop_table("rep_audit_count")
    op.drop_table("rep_audit")
    op.drop_index(op.f("ix_rep_baseline_count_baseline_id"), "rep_baseline_count")
    op.drop_table("rep_baseline_count")
    op.drop_table("rep_baseline")
