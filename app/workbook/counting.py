"""One way to count what a workbook holds.

Each module declares its counts (`CountSpec`: a name and the table counted); the
overview (plain sqlite3, for the first paint and `rrt info`) and the report snapshot (a
session) both run the single statement built here, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.modules import CountSpec, all_counts


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def count_statement(specs: Sequence[CountSpec]) -> str:
    """One SELECT returning every count, so all come from the same moment in the file."""
    parts = [f"(SELECT count(*) FROM {_quoted(spec.table)})" for spec in specs]
    return "SELECT " + ", ".join(parts) if parts else "SELECT 0"


def counts_from_row(specs: Sequence[CountSpec], row: Sequence[Any]) -> dict[str, int]:
    return {spec.name: int(value) for spec, value in zip(specs, row, strict=False)}


def read_counts(execute: Any, specs: Sequence[CountSpec] | None = None) -> dict[str, int]:
    """Counts through `execute(sql)` → a row (a sqlite3 cursor's or SQLAlchemy's)."""
    specs = tuple(all_counts() if specs is None else specs)
    row = execute(count_statement(specs)).fetchone()
    return counts_from_row(specs, row) if specs else {}
