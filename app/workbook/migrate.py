"""Running the workbook's Alembic migrations on a connection the app owns."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def version_locations() -> list[Path]:
    """The core's migration steps, then each module's own branch (its `versions/`)."""
    import importlib.util

    from app.modules import modules

    folders = [MIGRATIONS_DIR / "versions"]
    for module in modules():
        if module.migrations is not None:
            spec = importlib.util.find_spec(module.migrations.package)
            if spec is None or not spec.submodule_search_locations:
                raise ValueError(f"Module {module.name!r}: no package "
                                 f"{module.migrations.package!r} for its migrations.")
            folders.append(Path(next(iter(spec.submodule_search_locations))) / "versions")
    return folders


def upgrade_to_latest(connection: Connection, target: str = "heads") -> None:
    """Bring the schema on `connection` up to `target` (imported lazily: start-up cost).

    "heads" is the core's newest step and every module branch's newest step.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # A space-separated list; the separator is stated so paths with spaces are safe-ish.
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations",
                           os.pathsep.join(str(folder) for folder in version_locations()))
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


def build_schema(path: Path, target: str = "heads") -> Engine:
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
