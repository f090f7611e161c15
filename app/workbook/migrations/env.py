"""Alembic environment: always run on a connection the app hands over.

Batch mode lets SQLite alter tables by copying them, the way Alembic recommends.
"""

from __future__ import annotations

from alembic import context

from app.workbook.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
