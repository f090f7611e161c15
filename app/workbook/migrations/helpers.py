"""Small helpers shared by migration steps."""

from __future__ import annotations

from alembic import op


def set_schema_version(version: int) -> None:
    """Record the workbook format in the file header, where it is read without SQL.

    Only SQLite has PRAGMA user_version; a team database keeps Alembic's table alone.
    """
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"PRAGMA user_version = {int(version)}")
