"""What a workbook is, read with plain SQL: its details and how much it holds.

The desktop app paints an opened workbook from this (the window title, the navigator's
counts, the Details form) and `rrt info` prints it, so neither has to load SQLAlchemy
just to look. Everything that changes a workbook still goes through the domain
services and their sessions.

The queries read the core tables the models in `app.workbook.models` define; the
timestamps there are UTC, stored by SQLAlchemy as 'YYYY-MM-DD HH:MM:SS.ffffff' text.
"""

import sqlite3
from datetime import UTC, datetime
from typing import NamedTuple

from app.workbook.counting import read_counts
from app.workbook.errors import InvalidValue

_DETAILS_SQL = """
SELECT title, organisation, area, owner, created_at, updated_at
FROM workbook_info
LIMIT 1
"""


class WorkbookOverview(NamedTuple):
    """The workbook's details and counts, as plain values (never live ORM objects)."""

    title: str
    organisation: str
    area: str
    owner: str
    created_at: datetime  # aware, UTC
    updated_at: datetime  # aware, UTC
    counts: dict[str, int]  # by the modules' count names ("evidence", "changes")


def read_overview(connection: sqlite3.Connection) -> WorkbookOverview:
    """The overview of the workbook on `connection` (which it only reads).

    The details and the counts are read in one read transaction, so they come from the
    same moment in the file.
    """
    in_transaction = connection.in_transaction
    if not in_transaction:
        connection.execute("BEGIN")
    try:
        row = connection.execute(_DETAILS_SQL).fetchone()
        counts = read_counts(connection.execute)
    finally:
        if not in_transaction:
            connection.execute("COMMIT")
    if row is None:  # only a hand-made file could lack it
        raise InvalidValue("This workbook has no details record; it may be incomplete.")
    title, organisation, area, owner, created_at, updated_at = row
    return WorkbookOverview(
        title=_text(title),
        organisation=_text(organisation),
        area=_text(area),
        owner=_text(owner),
        created_at=parse_utc(created_at),
        updated_at=parse_utc(updated_at),
        counts=counts,
    )


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
