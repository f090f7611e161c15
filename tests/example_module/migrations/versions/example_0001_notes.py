"""The example module's first table.

Revision ID: example_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "example_0001"
down_revision = None
branch_labels = ("example",)
depends_on = "0002"


def upgrade() -> None:
    op.create_table(
        "example_note",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_example_note")),
    )


def downgrade() -> None:
    op.drop_table("example_note")
