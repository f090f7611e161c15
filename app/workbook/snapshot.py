"""A read-only picture of a workbook, taken in one read, for reports and exports.

Exports run off the UI thread; handing them plain frozen values rather than live ORM
objects means they can never trigger lazy loads or see half of a later edit.

The picture is read with plain SQL (as the overview is), so `rrt export` and the first
export in the app need not load SQLAlchemy; the values are the ones the models give.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.workbook import fileformat
from app.workbook.errors import InvalidValue
from app.workbook.overview import parse_utc, read_overview

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

@dataclass(frozen=True)
class EvidenceSummary:
    name: str
    media_type: str
    size: int
    added_at: datetime


@dataclass(frozen=True)
class ChangeSummary:
    at: datetime
    actor: str
    summary: str


@dataclass(frozen=True)
class WorkbookSnapshot:
    file_name: str
    title: str
    organisation: str
    area: str
    owner: str
    created_at: datetime
    updated_at: datetime
    schema_version: int
    evidence: tuple[EvidenceSummary, ...]
    recent_changes: tuple[ChangeSummary, ...]
    counts: dict[str, int]  # by the modules' count names, as the overview has them


_EVIDENCE_SQL = "SELECT name, media_type, size, added_at FROM evidence_file ORDER BY name"
_CHANGES_SQL = "SELECT at, actor, summary FROM change_log ORDER BY at DESC LIMIT ?"


def read_snapshot(
    connection: sqlite3.Connection, path: Path, change_limit: int = 200
) -> WorkbookSnapshot:
    """The snapshot from a plain connection, in one read transaction."""
    in_transaction = connection.in_transaction
    if not in_transaction:
        connection.execute("BEGIN")
    try:
        overview = read_overview(connection)  # details and counts; joins this transaction
        evidence = connection.execute(_EVIDENCE_SQL).fetchall()
        changes = connection.execute(_CHANGES_SQL, (change_limit,)).fetchall()
    finally:
        if not in_transaction:
            connection.execute("COMMIT")
    return WorkbookSnapshot(
        file_name=path.name,
        title=overview.title,
        organisation=overview.organisation,
        area=overview.area,
        owner=overview.owner,
        created_at=overview.created_at,
        updated_at=overview.updated_at,
        schema_version=fileformat.read_header(path).schema_version,
        evidence=tuple(
            EvidenceSummary(_text(name), _text(kind), _integer(size), parse_utc(added))
            for name, kind, size, added in evidence
        ),
        recent_changes=tuple(
            ChangeSummary(parse_utc(at), _text(actor), _text(summary))
            for at, actor, summary in changes
        ),
        counts=overview.counts,
    )


@dataclass(frozen=True)
class PlainSnapshotTaker:
    """A snapshot taker that needs only a plain read-only connection, never the ORM.

    Called with a session (as every report's taker may be) it reads through the
    session's own connection; `prepare_export` sees the type and skips the session.
    """

    read: Callable[[sqlite3.Connection, Path], Any]

    def __call__(self, session: Session, path: Path) -> Any:
        raw = session.connection().connection.driver_connection
        assert isinstance(raw, sqlite3.Connection), "plain snapshots read SQLite workbooks"
        return self.read(raw, path)


# The summary report's taker (the manifest's default `snapshot`).
take_snapshot = PlainSnapshotTaker(read_snapshot)


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    raise InvalidValue(
        "This workbook holds a value that is not text where text belongs that cannot be "
        "read; it may be damaged. Ask whoever sent it for a fresh copy."
    )


def _integer(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise InvalidValue(
        "This workbook holds a file size that is not a number; it may be damaged. "
        "Ask whoever sent it for a fresh copy."
    )
