"""Reading a roll-up's source workbooks: only read, and only what the roll-up needs.

A coordinator may roll up hundreds of workbooks sent in by others, so each is read the
light way, with plain `sqlite3` and no database layer:

- the file header is read directly: a file that is not a workbook, or is from a newer
  format, is turned away before SQLite touches it;
- the file is opened read-only (`mode=ro`): no lock file is written beside it and nothing
  in it can change, not even its modification time. A journal left by a crash is not
  rolled back (that would write to the file): the file is listed with a sentence instead;
- only the three assessment tables are looked at. Each must be a plain table with the
  columns this build's migrations give it at the step the file records, and SQLite's own
  check (`quick_check`) runs on those tables alone, so a file holding large evidence files
  costs no more to check than one without;
- every query runs under a step and time budget (`guard`), so no file can hang the roll-up.

A file whose other parts are damaged or from a newer version still rolls up, because
nothing the roll-up reads depends on them; opening it in the app would refuse it.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.assessments.data import AssessmentData, AssessmentRow, ResponseData
from app.assessments.pinned import framework_from_pinned
from app.errors import UserError
from app.workbook import fileformat
from app.workbook.errors import (
    DamagedWorkbook,
    InvalidValue,
    WorkbookNeedsRecovery,
    WorkbookNeedsUpgrade,
    WorkbookTooNew,
)
from app.workbook.overview import parse_utc
from app.workbook.schema_check import (
    Snapshot,
    WorkbookAltered,
    WorkbookTooSlowToRead,
    compare,
    expected_structures,
    guard,
    was_interrupted,
)

MODULE = "assessments"
TABLES = ("assessment_framework", "assessment", "assessment_response")
SECONDS = 20.0  # the most one file may take before it is given up as unreadable
MAX_STEPS = 5_000_000  # of the progress handler (1,000 SQLite instructions each)
_READONLY_ROLLBACK = 776  # SQLite: "a journal from a crash must be rolled back first"


@dataclass(frozen=True)
class Expected:
    """What this build expects of a source: taken once per roll-up, not once per file."""

    step: int  # the assessments module's newest migration step
    tables: Snapshot  # the assessment tables at that step, as `read_structure` gives them


def expected() -> Expected:
    from app.workbook.module_schema import expected_steps

    step = expected_steps()[MODULE]
    part = expected_structures()["modules"][MODULE][str(step)]
    return Expected(step, _only(part["tables"]))


def _only(tables: dict[str, Any]) -> Snapshot:
    return {"tables": {name: tables[name] for name in TABLES if name in tables},
            "indexes": {}, "triggers": {}, "views": {}, "virtual": []}


@dataclass(frozen=True)
class FrameworkFound:
    framework_id: str
    title: str
    version: str
    assessments: int


# ---------------------------------------------------------------- opening


@contextmanager
def _opened(path: Path, want: Expected) -> Iterator[sqlite3.Connection | None]:
    """A checked read-only connection inside one read transaction; None when the file
    has no assessment tables yet (so it holds no assessments)."""
    header = fileformat.read_header(path)
    if header.schema_version > fileformat.SCHEMA_VERSION:
        raise WorkbookTooNew(path, header.schema_version, fileformat.SCHEMA_VERSION)
    if header.schema_version < fileformat.SCHEMA_VERSION:
        raise WorkbookNeedsUpgrade(path)
    try:
        connection = fileformat.connect(path, read_only=True)
    except sqlite3.Error as error:
        raise DamagedWorkbook(path) from error
    try:
        connection.execute("PRAGMA query_only = ON")
        with guard(connection, seconds=SECONDS, max_steps=MAX_STEPS):
            connection.execute("BEGIN")  # one snapshot of the file, whoever saves meanwhile
            try:
                yield connection if _checked(connection, path, want) else None
            finally:
                connection.rollback()
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", None) == _READONLY_ROLLBACK:
            raise WorkbookNeedsRecovery(path) from error
        if was_interrupted(error):
            raise WorkbookTooSlowToRead(path) from error
        raise DamagedWorkbook(path) from error
    except UnicodeDecodeError as error:  # its structure holds text that is not UTF-8
        raise DamagedWorkbook(path) from error
    finally:
        connection.close()


def _checked(connection: sqlite3.Connection, path: Path, want: Expected) -> bool:
    """Refuse (with a sentence) assessment tables this build cannot trust; False when the
    file has none."""
    kinds = {str(name): (str(kind), " ".join(str(sql or "").split()).upper())
             for kind, name, sql in connection.execute(
                 "SELECT type, name, sql FROM sqlite_master WHERE name IN (?, ?, ?, ?)",
                 ("alembic_version", *TABLES))}
    for name, (kind, sql) in kinds.items():
        if kind != "table" or sql.startswith("CREATE VIRTUAL TABLE"):
            what = kind if kind != "table" else "virtual table"
            raise WorkbookAltered(path, f"“{name}” is a {what} where a table belongs")
    step = _stored_step(connection) if "alembic_version" in kinds else None
    if step is None:
        if any(name in kinds for name in TABLES):
            raise DamagedWorkbook(path)  # the tables without the record of their version
        return False
    if step > want.step:
        raise WorkbookTooNew(path, fileformat.SCHEMA_VERSION, fileformat.SCHEMA_VERSION,
                             part=MODULE)
    if step < want.step:
        raise WorkbookNeedsUpgrade(path)
    found: Snapshot = {"tables": {}, "indexes": {}, "triggers": {}, "views": {},
                       "virtual": []}
    for table in TABLES:
        if table in kinds:
            found["tables"][table] = [
                [str(column), str(declared or "").upper(), int(notnull), int(pk)]
                for _cid, column, declared, notnull, _default, pk, *_hidden
                in connection.execute(f"PRAGMA table_xinfo({table})")]
    compare(path, found, want.tables)
    for table in TABLES:  # SQLite's own check, of these tables and their indexes only
        rows = connection.execute(f"PRAGMA quick_check({table})").fetchall()
        if [str(row[0]) for row in rows] != ["ok"]:
            raise DamagedWorkbook(path)
    return True


def _stored_step(connection: sqlite3.Connection) -> int | None:
    from app.workbook.module_schema import stored_steps

    return stored_steps(connection).get(MODULE)


# ---------------------------------------------------------------- reading


_FRAMEWORKS_SQL = """
SELECT f.framework_id, f.title, f.version, count(a.id)
FROM assessment_framework AS f JOIN assessment AS a ON a.framework_row_id = f.id
GROUP BY f.id ORDER BY f.framework_id, f.version
"""

_ASSESSMENTS_SQL = """
SELECT a.id, a.framework_row_id, f.framework_id, f.version, f.title, f.fingerprint,
       a.name, a.round_label, a.assessed_on, a.assessor, a.respondent_group,
       a.area_local, a.area_subregional, a.area_regional, a.created_at, a.updated_at
FROM assessment AS a JOIN assessment_framework AS f ON f.id = a.framework_row_id
WHERE f.framework_id = ?
"""

_CONTENT_SQL = "SELECT content FROM assessment_framework WHERE fingerprint = ?"

_ANSWERS_SQL = """
SELECT r.assessment_id, r.criterion_ref, r.answer
FROM assessment_response AS r JOIN assessment AS a ON a.id = r.assessment_id
JOIN assessment_framework AS f ON f.id = a.framework_row_id
WHERE f.framework_id = ?
"""


def read_frameworks(path: Path, want: Expected) -> list[FrameworkFound]:
    """The frameworks the workbook's assessments were made against, and how many each."""
    with _opened(path, want) as connection:
        if connection is None:
            return []
        return [FrameworkFound(_text(path, fid), _text(path, title), _text(path, version),
                               int(count))
                for fid, title, version, count in connection.execute(_FRAMEWORKS_SQL)]


def read_assessments(path: Path, framework_id: str, want: Expected) -> list[AssessmentData]:
    """The workbook's assessments of `framework_id`, oldest round first, each with its
    pinned framework and its answers (the roll-up reads nothing else of a response)."""
    with _opened(path, want) as connection:
        if connection is None:
            return []
        rows = connection.execute(_ASSESSMENTS_SQL, (framework_id,)).fetchall()
        if not rows:
            return []
        # Keyed by the stored id as it is: each assessment's id is checked once, below.
        answers: dict[object, dict[str, ResponseData]] = {}
        for assessment_id, ref, answer in connection.execute(_ANSWERS_SQL, (framework_id,)):
            if answer is not None:
                answers.setdefault(assessment_id, {})[_text(path, ref)] = \
                    ResponseData(_text(path, answer))
        frameworks = {}
        found = []
        for row in rows:
            print_, title = _text(path, row[5]), _text(path, row[4])
            if print_ not in frameworks:
                content = connection.execute(_CONTENT_SQL, (print_,)).fetchone()
                frameworks[print_] = framework_from_pinned(
                    print_, content[0] if content else "", title)
            assessment = _row(path, row)
            found.append(AssessmentData(assessment, frameworks[print_],
                                        answers.get(row[0], {})))
    return sorted(found, key=lambda data: (data.row.when, data.row.name))


def _row(path: Path, row: tuple[Any, ...]) -> AssessmentRow:
    (assessment_id, framework_row_id, framework_id, version, title, _print, name, round_label,
     assessed_on, assessor, group, local, subregional, regional, created, updated) = row
    return AssessmentRow(
        id=_id(path, assessment_id), framework_row_id=_id(path, framework_row_id),
        framework_id=_text(path, framework_id), framework_version=_text(path, version),
        framework_title=_text(path, title), name=_text(path, name),
        round_label=_text(path, round_label), assessed_on=_date(path, assessed_on),
        assessor=_text(path, assessor), respondent_group=_text(path, group),
        area_local=_text(path, local), area_subregional=_text(path, subregional),
        area_regional=_text(path, regional), created_at=_when(path, created),
        updated_at=_when(path, updated))


# The same rules as the database layer's column types (app/workbook/types.py): a value
# that does not read as its column's type is a sentence naming the file, never a traceback.

def _unreadable(path: Path, kind: str) -> InvalidValue:
    return InvalidValue(f"“{path.name}” holds {kind} that cannot be read; it may be "
                        "damaged. Ask whoever sent it for a fresh copy.")


def _text(path: Path, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    raise _unreadable(path, "a value that is not text where text belongs")


def _id(path: Path, value: object) -> uuid.UUID:
    if not isinstance(value, str):  # stored as 32 hex digits
        raise _unreadable(path, "an identifier")
    try:
        return uuid.UUID(value)
    except ValueError:
        raise _unreadable(path, "an identifier") from None


def _date(path: Path, value: object) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _unreadable(path, "a date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _unreadable(path, "a date") from None


def _when(path: Path, value: object) -> datetime:
    try:
        return parse_utc(value)
    except UserError:
        raise _unreadable(path, "a time") from None
