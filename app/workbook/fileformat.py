"""The .rrwb file format: a SQLite database the app can recognise by its header.

The header is read directly (not through SQLite) so a hostile or unrelated file is
turned away before any database code touches it.
"""

import sqlite3
import struct
from pathlib import Path
from typing import NamedTuple

from app.workbook.errors import NotAWorkbook, WorkbookNotFound

SUFFIX = ".rrwb"
# "RRWB" as a big-endian integer, stored in PRAGMA application_id.
APPLICATION_ID = int.from_bytes(b"RRWB", "big")
# The schema version this build writes; PRAGMA user_version holds a file's version.
SCHEMA_VERSION = 2
SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100


class FileHeader(NamedTuple):
    application_id: int
    schema_version: int


def read_header(path: Path) -> FileHeader:
    """Read the SQLite header; raise NotAWorkbook unless it is one of ours."""
    if not path.exists():
        raise WorkbookNotFound(path)
    if path.is_dir():
        raise NotAWorkbook(path, "it is a folder")
    if not path.is_file():  # a device, pipe or socket: never opened, so it cannot hang us
        raise NotAWorkbook(path, "it is not a regular file")
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER_SIZE)
    except OSError as error:
        raise NotAWorkbook(path, f"it could not be read: {error.strerror}") from error
    if len(header) < _HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise NotAWorkbook(path)
    # Offsets from the SQLite file format: user_version at 60, application_id at 68.
    (user_version,) = struct.unpack(">i", header[60:64])
    (application_id,) = struct.unpack(">i", header[68:72])
    if application_id != APPLICATION_ID:
        raise NotAWorkbook(path, "it is a database made by another program")
    if user_version < 1:  # every workbook the app has written has format 1 or later
        raise NotAWorkbook(path, "it is empty or damaged: it has no workbook format number")
    return FileHeader(application_id=application_id, schema_version=user_version)


def configure_connection(connection: sqlite3.Connection, *, read_only: bool) -> None:
    """Settings every workbook connection runs with.

    A rollback journal (not WAL) with synchronous=FULL keeps the workbook a single,
    complete file after every commit, so it can be copied or e-mailed at any moment.
    """
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 5000")
    if not read_only:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA synchronous = FULL")


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A raw connection; read-only ones cannot write even by accident."""
    mode = "ro" if read_only else "rw"
    connection = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode={mode}", uri=True, check_same_thread=False
    )
    configure_connection(connection, read_only=read_only)
    return connection


def stamp_new_file(connection: sqlite3.Connection) -> None:
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
