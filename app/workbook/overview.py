"""What a workbook is, read with plain SQL: its details and how much it holds.

The desktop app paints an opened workbook from this (the window title, the navigator's
counts, the Details form) and `rrt info` prints it, so neither has to load SQLAlchemy
just to look. Everything that changes a workbook still goes through the domain
services and their sessions.

The queries read the core tables the models in `app.workbook.models` define; the
timestamps there are UTC, stored by SQLAlchemy as 'YYYY-MM-DD HH:MM:SS.ffffff' text.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from app.workbook.errors import InvalidValue

# Tables that belong to SQLite or to the migration tool rather than to the workbook.
_INTERNAL_TABLES = ("alembic_version",)

# One statement, so the details and the counts come from the same moment in the file.
_OVERVIEW_SQL = """
SELECT title, organisation, area, owner, created_at, updated_at,
       (SELECT count(*) FROM evidence_file),
       (SELECT count(*) FROM change_log)
FROM workbook_info
LIMIT 1
"""


@dataclass(frozen=True)
class WorkbookOverview:
    """The workbook's details and counts, as plain values (never live ORM objects)."""

    title: str
    organisation: str
    area: str
    owner: str
    created_at: datetime  # aware, UTC
    updated_at: datetime  # aware, UTC
    evidence_count: int
    change_count: int


def read_overview(connection: sqlite3.Connection) -> WorkbookOverview:
    """The overview of the workbook on `connection` (which it only reads)."""
    row = connection.execute(_OVERVIEW_SQL).fetchone()
    if row is None:  # only a hand-made file could lack it
        raise InvalidValue("This workbook has no details record; it may be incomplete.")
    title, organisation, area, owner, created_at, updated_at, evidence, changes = row
    return WorkbookOverview(
        title=_text(title),
        organisation=_text(organisation),
        area=_text(area),
        owner=_text(owner),
        created_at=parse_utc(created_at),
        updated_at=parse_utc(updated_at),
        evidence_count=int(evidence),
        change_count=int(changes),
    )


def read_table_counts(connection: sqlite3.Connection) -> dict[str, int]:
    """Rows in every table of the workbook (modules' tables included), by table name."""
    names = [
        str(name)
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
        if not str(name).startswith("sqlite_") and name not in _INTERNAL_TABLES
    ]
    counts: dict[str, int] = {}
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        (counts[name],) = connection.execute(f"SELECT count(*) FROM {quoted}").fetchone()
    return counts


def parse_utc(value: object) -> datetime:
    """A stored timestamp as an aware UTC datetime.

    Accepts SQLAlchemy's SQLite text ('2026-11-25 14:51:32.097429', taken as UTC, which is
    how the app stores every time) and any ISO 8601 text with or without an offset.
    """
    parsed: datetime | None = None
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            parsed = None
    if parsed is not None:
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=UTC)
        try:
            return parsed.astimezone(UTC)
        except (OverflowError, ValueError):  # a year-1 or year-9999 time pushed past the range
            pass
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "…"
    raise InvalidValue(
        f"This workbook holds a date that cannot be read ({shown}); it may be damaged."
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    raise InvalidValue(
        "This workbook holds a value that is not text where its details belong; "
        "it may be damaged. Ask whoever sent it for a fresh copy."
    )
