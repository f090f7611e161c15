"""Running the workbook's Alembic migrations on a connection the app owns."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def upgrade_to_latest(connection: Connection, target: str = "head") -> None:
    """Bring the schema on `connection` up to `target` (imported lazily: start-up cost)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    command.upgrade(config, target)


def engine_for(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on a workbook file whose connections carry the workbook's settings."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import QueuePool

    from app.workbook import fileformat

    return create_engine(
        "sqlite+pysqlite://",
        creator=lambda: fileformat.connect(path, read_only=read_only),
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=2,
    )


def build_schema(path: Path, target: str = "head") -> Engine:
    """Make `path` an empty workbook at schema `target`; the caller disposes the engine."""
    import sqlite3

    from app.workbook import fileformat

    raw = sqlite3.connect(path)
    raw.execute("PRAGMA journal_mode = DELETE")
    fileformat.stamp_new_file(raw)
    raw.commit()
    raw.close()
    engine = engine_for(path)
    try:
        with engine.begin() as connection:
            upgrade_to_latest(connection, target)
    except BaseException:
        engine.dispose()
        raise
    return engine
