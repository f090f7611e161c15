"""The plans module's first table: the workbook's actions.

Revision ID: plans_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.workbook.types import UTCDateTime

revision = "plans_0001"
down_revision = None
branch_labels = ("plans",)
depends_on = "0002"


def upgrade() -> None:
    op.create_table(
        "plan_action",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("weakness", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("lead_partner", sa.String(200), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("raised_by", sa.String(300), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_action")),
    )
    op.create_index(op.f("ix_plan_action_position"), "plan_action", ["position"])


def downgrade() -> None:
    op.drop_index(op.f("ix_plan_action_position"), "plan_action")
    op.drop_table("plan_action")
