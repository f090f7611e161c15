"""Checking a received workbook's structure before anything else reads it.

Workbooks arrive by e-mail from other people, so a file may have been edited with other
tools, damaged, or built to trip the app up. Before the app reads a table, it compares the
file's structure with what a workbook of the same format version must have:

- every table and column the app's migrations create must be there, with the same declared
  types, and no unknown indexes or columns on them (they could make saving fail);
- no trigger, view or virtual table that the app did not make: a trigger would run hidden
  code on the next save (deleting change-log rows, say) and a view can be made to loop.

The expected structure is never listed by hand. It is derived by building a fresh workbook
with the migrations (`app.workbook.migrate`), one snapshot per format version, and cached on
disk keyed by a fingerprint of the migration files, so looking at a workbook does not load
SQLAlchemy once the cache exists.

Every query on a file being checked runs under `guard`, a progress handler with a step and
time budget, so no file can hang the app.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from app import paths
from app.checksums import short_key
from app.workbook.errors import DamagedWorkbook, NotAWorkbook, WorkbookError

Snapshot = dict[str, Any]

# SQLite result code for a statement stopped by the progress handler.
SQLITE_INTERRUPT = 9
_PROGRESS_EVERY = 1000  # virtual-machine instructions between calls of the handler

CACHE_ENV = paths.CACHE_ENV
_memory: dict[str, dict[str, Any]] = {}
_memory_lock = threading.Lock()


class WorkbookTooSlowToRead(WorkbookError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"“{path.name}” could not be read in a reasonable time, so it may be damaged or "
            "made to trip up programs. Ask whoever sent it for a fresh copy."
        )


class WorkbookIncomplete(WorkbookError):
    def __init__(self, path: Path, part: str) -> None:
        super().__init__(
            f"“{path.name}” is missing part of its structure ({part}), so it cannot be opened. "
            "Open a backup copy, or ask whoever sent it for a fresh copy."
        )


class WorkbookAltered(WorkbookError):
    def __init__(self, path: Path, part: str) -> None:
        super().__init__(
            f"“{path.name}” has been changed outside the app ({part}), so it is not opened "
            "in case that change does harm. Ask whoever sent it for a fresh copy."
        )


def was_interrupted(error: BaseException) -> bool:
    return getattr(error, "sqlite_errorcode", None) == SQLITE_INTERRUPT


@contextlib.contextmanager
def guard(
    connection: sqlite3.Connection, *, seconds: float, max_steps: int | None = None
) -> Iterator[None]:
    """Stop any statement run inside this block once it takes too long or too many steps.

    A stopped statement raises `sqlite3.OperationalError` (see `was_interrupted`).
    """
    deadline = time.monotonic() + seconds
    steps = 0

    def handler() -> int:
        nonlocal steps
        steps += 1
        if max_steps is not None and steps > max_steps:
            return 1
        return 1 if time.monotonic() > deadline else 0

    connection.set_progress_handler(handler, _PROGRESS_EVERY)
    try:
        yield
    finally:
        connection.set_progress_handler(None, 0)


# ------------------------------------------------------------------ reading a structure


def _normalise_sql(sql: object) -> str:
    return " ".join(str(sql or "").split())


def _pragma_rows(
    connection: sqlite3.Connection, pragma: str, columns: tuple[str, ...], names: Iterable[str]
) -> dict[str, list[tuple[Any, ...]]]:
    """`PRAGMA pragma(name)`'s `columns` for every name, each name's rows in the pragma's
    order (its first column). One statement for all the names: opening a workbook runs
    this for every table and index, and a statement each cost more than the rows."""
    names = list(names)
    found: dict[str, list[tuple[Any, ...]]] = {name: [] for name in names}
    if not names:
        return found
    wanted = ", ".join(f'p."{column}"' for column in columns)
    try:
        rows = connection.execute(
            f"SELECT j.value, {wanted} FROM json_each(?) AS j, pragma_{pragma}(j.value) AS p "
            "ORDER BY j.key, 2", (json.dumps(names),)).fetchall()
    except sqlite3.OperationalError as error:
        if "json_each" not in str(error):
            raise
        # An SQLite built without its JSON functions: one statement per name.
        rows = [(name, *row) for name in names for row in connection.execute(
            f"SELECT {wanted} FROM pragma_{pragma}(?) AS p ORDER BY 1", (name,))]
    for name, *row in rows:
        found[name].append(tuple(row))
    return found


def read_structure(connection: sqlite3.Connection) -> Snapshot:
    """Tables (columns), indexes, triggers, views and virtual tables, as plain JSON values."""
    tables: dict[str, list[list[Any]]] = {}
    indexes: dict[str, list[Any]] = {}
    triggers: dict[str, str] = {}
    views: dict[str, str] = {}
    virtual: list[str] = []
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    for kind, name, table, sql in rows:
        name, table = str(name), str(table)
        if kind == "table":
            if _normalise_sql(sql).upper().startswith("CREATE VIRTUAL TABLE"):
                virtual.append(name)
            elif not name.startswith("sqlite_"):
                tables[name] = []
        elif kind == "index":
            indexes[name] = [table]
        elif kind == "trigger":
            triggers[name] = _normalise_sql(sql)
        elif kind == "view":
            views[name] = _normalise_sql(sql)
    # Only plain tables are looked into: a view or virtual table is never prepared here.
    columns = _pragma_rows(connection, "table_xinfo", ("cid", "name", "type", "notnull", "pk"),
                           tables)
    for name in tables:
        tables[name] = [
            [str(column), str(declared or "").upper(), int(notnull), int(pk)]
            for _cid, column, declared, notnull, pk in columns[name]
        ]
    indexed = {entry[0] for entry in indexes.values() if entry[0] in tables}
    listed = _pragma_rows(connection, "index_list", ("seq", "name", "unique"), indexed)
    unique = {str(name) for rows in listed.values() for _seq, name, flag in rows if int(flag)}
    wanted = [name for name, entry in indexes.items() if entry[0] in tables]
    index_columns = _pragma_rows(connection, "index_info", ("seqno", "name"), wanted)
    for name in wanted:
        indexes[name].extend(
            [int(name in unique), [str(column) for _seqno, column in index_columns[name]]]
        )
    return {
        "tables": tables,
        "indexes": indexes,
        "triggers": triggers,
        "views": views,
        "virtual": sorted(virtual),
    }


def compare(path: Path, found: Snapshot, expected: Snapshot) -> None:
    """Raise a sentence for the first thing that makes `found` unsafe or unusable."""
    for name in found["virtual"]:
        if name not in expected["virtual"]:
            raise WorkbookAltered(path, f"it holds a virtual table “{name}” the app did not make")
    for name, sql in found["triggers"].items():
        if expected["triggers"].get(name) != sql:
            raise WorkbookAltered(path, f"it holds a trigger “{name}” the app did not make")
    for name, sql in found["views"].items():
        if expected["views"].get(name) != sql:
            raise WorkbookAltered(path, f"it holds a view “{name}” the app did not make")
    for table, columns in expected["tables"].items():
        if table not in found["tables"]:
            raise WorkbookIncomplete(path, f"the table {table}")
        have = {column[0]: column for column in found["tables"][table]}
        for column in columns:
            if column[0] not in have:
                raise WorkbookIncomplete(path, f"the column {column[0]} of the table {table}")
            if have[column[0]] != column:
                raise WorkbookAltered(
                    path, f"the column {column[0]} of the table {table} has been redefined"
                )
        known = {column[0] for column in columns}
        for column_name in have:
            if column_name not in known:
                raise WorkbookAltered(
                    path, f"the table {table} has an extra column {column_name}"
                )
    for name, entry in found["indexes"].items():
        if entry[0] in expected["tables"] and expected["indexes"].get(name) != entry:
            raise WorkbookAltered(path, f"the index {name} is not one the app made")
    for name, entry in expected["indexes"].items():
        if name not in found["indexes"]:
            raise WorkbookIncomplete(path, f"the index {name} of the table {entry[0]}")


def verify_structure(connection: sqlite3.Connection, path: Path, version: int) -> None:
    """Refuse, with a sentence, a workbook whose structure is not what it must have: the
    core's at format `version`, plus each module's at the step the file records."""
    known = expected_structures()
    expected = known["core"].get(version)
    if expected is None:
        raise NotAWorkbook(path, f"its format number {version} is not one this app has made")
    try:
        with guard(connection, seconds=10, max_steps=200_000):
            found = read_structure(connection)
            steps = _stored_module_steps(connection, found)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        if was_interrupted(error):
            raise WorkbookTooSlowToRead(path) from error
        raise DamagedWorkbook(path) from error
    for module, step in steps.items():
        # A module or step this build lacks is refused as "too new" once the file is open.
        part = known["modules"].get(module, {}).get(str(step))
        if part is not None:
            expected = _merged(expected, part)
    compare(path, found, expected)


def _stored_module_steps(connection: sqlite3.Connection, found: Snapshot) -> dict[str, int]:
    # Read only once the structure shows it is a plain table of ours (never a view).
    if "alembic_version" not in found["tables"]:
        return {}
    from app.workbook.module_schema import stored_steps

    return stored_steps(connection)


def _merged(base: Snapshot, part: Snapshot) -> Snapshot:
    merged: Snapshot = {key: dict(base[key]) for key in ("tables", "indexes", "triggers", "views")}
    for key in merged:
        merged[key].update(part[key])
    merged["virtual"] = sorted({*base["virtual"], *part["virtual"]})
    return merged


# ------------------------------------------------------------------ the expected structure


def _migration_files() -> list[tuple[str, Path]]:
    """Every migration step of the core and of each module, with a stable name."""
    from app.workbook.migrate import MIGRATIONS_DIR, version_locations

    files = [(str(f.relative_to(MIGRATIONS_DIR)), f) for f in sorted(MIGRATIONS_DIR.rglob("*.py"))]
    for folder in version_locations()[1:]:
        files += [(f"{folder.parent.name}/{f.name}", f) for f in sorted(folder.glob("*.py"))]
    return files


def fingerprint() -> str:
    """Changes whenever the migrations (and so the expected structures) can have changed."""
    from app import __version__

    return short_key((f"{__version__}\n".encode(), *(
        piece for name, source in _migration_files()
        for piece in (name.encode("utf-8"), source.read_bytes())
    )))


cache_dir = paths.cache_dir  # where derived data is kept between runs


def expected_structures() -> dict[str, Any]:
    """What workbooks hold, derived from the migrations (cached): {"core": {version:
    structure}, "modules": {module: {step: the structure its tables add}}}."""
    key = fingerprint()
    with _memory_lock:
        known = _memory.get(key)
        if known is None:
            known = _load_cached(key)
            if known is None:
                known = build_expected_structures()
                _save_cached(key, known)
            _memory[key] = known
    return known


def _cache_file(key: str) -> Path:
    return cache_dir() / f"workbook-structure-{key}.json"


def _load_cached(key: str) -> dict[str, Any] | None:
    try:
        raw = json.loads(_cache_file(key).read_text(encoding="utf-8"))
        return {"core": {int(version): snapshot for version, snapshot in raw["core"].items()},
                "modules": dict(raw["modules"])}
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return None


def _save_cached(key: str, known: dict[str, Any]) -> None:
    target = _cache_file(key)
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(known), encoding="utf-8")
        os.replace(temporary, target)


def build_expected_structures() -> dict[str, Any]:
    """Build fresh workbooks one migration at a time and record their structures: the core
    at each format version, then each module's tables at each of its steps."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from app.workbook.migrate import MIGRATIONS_DIR, build_schema, upgrade_to_latest

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))  # the core's steps only
    script = ScriptDirectory.from_config(config)
    revisions = [entry.revision for entry in reversed(list(script.walk_revisions()))]
    core: dict[int, Snapshot] = {}
    modules: dict[str, dict[str, Snapshot]] = {}
    import tempfile  # (only when the cache has to be built)

    with tempfile.TemporaryDirectory(prefix="rrt-structure-") as folder:
        path = Path(folder) / "expected.rrwb"
        engine = build_schema(path, revisions[0])
        try:
            for index, revision in enumerate(revisions):
                if index:
                    with engine.begin() as connection:
                        upgrade_to_latest(connection, revision)
                raw = sqlite3.connect(path)
                try:
                    (version,) = raw.execute("PRAGMA user_version").fetchone()
                    core[int(version)] = read_structure(raw)
                finally:
                    raw.close()
            for module, steps in _module_steps().items():
                modules[module] = {}
                for step in steps:
                    with engine.begin() as connection:
                        upgrade_to_latest(connection, f"{module}_{step:04d}")
                    raw = sqlite3.connect(path)
                    try:
                        modules[module][str(step)] = _only_tables(
                            read_structure(raw), _module_tables(module))
                    finally:
                        raw.close()
        finally:
            engine.dispose()
    return {"core": core, "modules": modules}


def _module_steps() -> dict[str, range]:
    from app.workbook.module_schema import expected_steps

    return {module: range(1, head + 1) for module, head in expected_steps().items()}


def _module_tables(name: str) -> set[str]:
    from app.modules import modules

    return {table for module in modules() if module.name == name for table in module.tables}


def _only_tables(structure: Snapshot, tables: set[str]) -> Snapshot:
    """The part of a structure that belongs to these tables (their indexes and triggers)."""
    return {
        "tables": {n: c for n, c in structure["tables"].items() if n in tables},
        "indexes": {n: e for n, e in structure["indexes"].items() if e[0] in tables},
        "triggers": {},
        "views": {},
        "virtual": [],
    }
