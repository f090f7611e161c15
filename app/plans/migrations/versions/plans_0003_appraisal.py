"""Options appraisal: questions, options, participants and their rankings.

Revision ID: plans_0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.workbook.types import UTCDateTime

revision = "plans_0003"
down_revision = "plans_0002"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], ondelete="CASCADE",
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    op.create_table(
        "plan_appraisal",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_appraisal")),
    )
    op.create_table(
        "plan_appraisal_option",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("appraisal_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("strengths", sa.Text(), nullable=False),
        sa.Column("weaknesses", sa.Text(), nullable=False),
        _fk("plan_appraisal_option", "appraisal_id", "plan_appraisal"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_appraisal_option")),
    )
    op.create_index(op.f("ix_plan_appraisal_option_appraisal_id"), "plan_appraisal_option",
                    ["appraisal_id"])
    op.create_table(
        "plan_appraisal_participant",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("appraisal_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("lead_agency", sa.String(200), nullable=False),
        _fk("plan_appraisal_participant", "appraisal_id", "plan_appraisal"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_appraisal_participant")),
    )
    op.create_index(op.f("ix_plan_appraisal_participant_appraisal_id"),
                    "plan_appraisal_participant", ["appraisal_id"])
    op.create_table(
        "plan_appraisal_rank",
        sa.Column("participant_id", sa.Uuid(), nullable=False),
        sa.Column("option_id", sa.Uuid(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        _fk("plan_appraisal_rank", "participant_id", "plan_appraisal_participant"),
        _fk("plan_appraisal_rank", "option_id", "plan_appraisal_option"),
        sa.PrimaryKeyConstraint("participant_id", "option_id",
                                name=op.f("pk_plan_appraisal_rank")),
    )
    op.create_index(op.f("ix_plan_appraisal_rank_option_id"), "plan_appraisal_rank",
                    ["option_id"])


def downgrade() -> None:
    for table in ("plan_appraisal_rank", "plan_appraisal_participant",
                  "plan_appraisal_option", "plan_appraisal"):
        op.drop_table(table)
