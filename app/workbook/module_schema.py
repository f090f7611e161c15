"""Where each module's tables stand in a workbook file, read with plain SQL.

The core's format is the file header's `user_version`. Each module with tables has its
own Alembic branch, whose revision ids are "<module>_<NNNN>"; Alembic's `alembic_version`
table holds one row per branch head. Comparing those rows with the modules this build
has tells whether a file needs upgrading (a module is new, or its tables are older) or
was made by a newer build (a module this build lacks, or a newer step of one it has).
"""

import re
import sqlite3
from pathlib import Path
from typing import NamedTuple

from app.modules import modules
from app.workbook.errors import WorkbookTooNew

_MODULE_REVISION = re.compile(r"(?P<module>[a-z][a-z0-9_-]*)_(?P<step>\d{4})")


class ModuleStep(NamedTuple):
    module: str
    step: int


def parse_revision(revision: str) -> ModuleStep | None:
    """A module revision id as (module, step); None for a core revision ("0002")."""
    match = _MODULE_REVISION.fullmatch(revision)
    return ModuleStep(match["module"], int(match["step"])) if match else None


def expected_steps() -> dict[str, int]:
    """The newest step of each module this build has, by module name."""
    expected: dict[str, int] = {}
    for module in modules():
        if module.migrations is None:
            continue
        step = parse_revision(module.migrations.head)
        if step is None or step.module != module.name:
            raise ValueError(
                f"Module {module.name!r}: migration ids must read '{module.name}_0001' and so on."
            )
        expected[module.name] = step.step
    return expected


def stored_steps(connection: sqlite3.Connection) -> dict[str, int]:
    """The module steps a file records (empty for a file with no module tables yet)."""
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if not has_table:
        return {}
    stored: dict[str, int] = {}
    for (revision,) in connection.execute("SELECT version_num FROM alembic_version"):
        step = parse_revision(str(revision))
        if step is not None:
            stored[step.module] = step.step
    return stored


def modules_need_upgrade(connection: sqlite3.Connection, path: Path, core_version: int
                         ) -> bool:
    """True when some module's tables are missing or older; refuses a newer file."""
    expected, stored = expected_steps(), stored_steps(connection)
    for module, step in stored.items():
        if module not in expected or step > expected[module]:
            raise WorkbookTooNew(path, core_version, core_version, part=module)
    return any(stored.get(module, 0) < step for module, step in expected.items())
