"""Actions gain a start date, the "blocked" status, partners with roles, dependencies and
dated progress notes.

Revision ID: plans_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.workbook.types import UTCDateTime

revision = "plans_0002"
down_revision = "plans_0001"
branch_labels = None
depends_on = None

# Statuses as an older build or a hand edit may have left them; anything else unknown
# becomes "not started" so that every action shows a status the app knows.
_OLD_STATUSES = {
    "Not started": "not_started", "not started": "not_started", "open": "not_started",
    "In progress": "in_progress", "in progress": "in_progress", "started": "in_progress",
    "Done": "done", "complete": "done", "completed": "done",
    "Dropped": "dropped", "cancelled": "dropped", "Blocked": "blocked",
}
_KNOWN = ("not_started", "in_progress", "done", "blocked", "dropped")


def _action_fk(table: str, column: str = "action_id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["plan_action.id"], ondelete="CASCADE",
                                   name=op.f(f"fk_{table}_{column}_plan_action"))


def upgrade() -> None:
    with op.batch_alter_table("plan_action") as batch:
        batch.add_column(sa.Column("start", sa.Date(), nullable=True))
    action = sa.table("plan_action", sa.column("status", sa.String()))
    for old, new in _OLD_STATUSES.items():
        op.execute(action.update().where(action.c.status == old).values(status=new))
    op.execute(action.update().where(action.c.status.not_in(_KNOWN))
               .values(status="not_started"))
    op.create_table(
        "plan_action_partner",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        _action_fk("plan_action_partner"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_action_partner")),
    )
    op.create_index(op.f("ix_plan_action_partner_action_id"), "plan_action_partner",
                    ["action_id"])
    op.create_table(
        "plan_dependency",
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("depends_on_id", sa.Uuid(), nullable=False),
        _action_fk("plan_dependency"),
        _action_fk("plan_dependency", "depends_on_id"),
        sa.PrimaryKeyConstraint("action_id", "depends_on_id", name=op.f("pk_plan_dependency")),
    )
    op.create_index(op.f("ix_plan_dependency_depends_on_id"), "plan_dependency",
                    ["depends_on_id"])
    op.create_table(
        "plan_progress_note",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _action_fk("plan_progress_note"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_progress_note")),
    )
    op.create_index(op.f("ix_plan_progress_note_action_id"), "plan_progress_note",
                    ["action_id"])


def downgrade() -> None:
    op.drop_table("plan_progress_note")
    op.drop_table("plan_dependency")
    op.drop_table("plan_action_partner")
    with op.batch_alter_table("plan_action") as batch:
        batch.drop_column("start")
    op.execute("UPDATE plan_action SET status = 'not_started' WHERE status = 'blocked'")
