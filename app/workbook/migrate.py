"""Running the workbook's Alembic migrations on a connection the app owns."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def upgrade_to_latest(connection: Connection, target: str = "head") -> None:
    """Bring the schema on `connection` up to `target` (imported lazily: start-up cost)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    command.upgrade(config, target)
