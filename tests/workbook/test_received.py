"""Workbooks from other people are checked before anything in them is read or run."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from pathlib import Path

import pytest

from app.cli import run
from app.errors import UserError
from app.workbook import Workbook
from app.workbook.errors import InvalidValue, NotAWorkbook
from app.workbook.evidence import attach_evidence, list_evidence
from app.workbook.info import get_info
from app.workbook.schema_check import guard, was_interrupted
from tests.support.cli import rrt

RECURSIVE = ("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
             "SELECT n AS id, n AS sha256, n AS name, n AS media_type, n AS size, "
             "n AS added_at, n AS note FROM r")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit(path: Path, *statements: str) -> None:
    raw = sqlite3.connect(path)
    try:
        for statement in statements:
            raw.execute(statement)
        raw.commit()
    finally:
        raw.close()


@pytest.fixture
def received(tmp_path: Path) -> Path:
    path = tmp_path / "received.rrwb"
    with Workbook.create(path, title="Received", owner="Sam") as workbook, \
            workbook.session() as session:
        attach_evidence(session, "minutes.txt", b"Board minutes")
    return path


def error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_a_workbook_missing_its_details_table_is_explained(
    received: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(received, "DROP TABLE workbook_info")
    assert run(["info", str(received)]) == 3
    assert "missing part of its structure (the table workbook_info)" in error_line(capsys)
    with pytest.raises(UserError, match="the table workbook_info"):
        Workbook.open(received)


def test_a_missing_column_is_explained(received: Path) -> None:
    edit(received, "ALTER TABLE evidence_file DROP COLUMN note")
    with pytest.raises(UserError, match="the column note of the table evidence_file"):
        Workbook.open(received, read_only=True)


def test_a_planted_trigger_is_refused_and_never_runs(received: Path) -> None:
    edit(received, "CREATE TRIGGER wipe AFTER INSERT ON change_log "
                   "BEGIN DELETE FROM change_log; END")
    before = digest(received)
    for read_only in (False, True):
        with pytest.raises(UserError, match="trigger “wipe”"):
            Workbook.open(received, read_only=read_only)
    assert digest(received) == before
    raw = sqlite3.connect(received)
    assert raw.execute("SELECT count(*) FROM change_log").fetchone()[0] == 2
    raw.close()


@pytest.mark.parametrize("read_only", [True, False])
def test_a_recursive_view_is_refused_quickly(received: Path, read_only: bool) -> None:
    edit(received, "DROP TABLE evidence_file", f"CREATE VIEW evidence_file AS {RECURSIVE}")
    started = time.monotonic()
    with pytest.raises(UserError, match="view “evidence_file”"):
        Workbook.open(received, read_only=read_only)
    assert time.monotonic() - started < 5


def test_rrt_info_on_a_recursive_view_ends_with_a_sentence(received: Path) -> None:
    edit(received, "DROP TABLE evidence_file", f"CREATE VIEW evidence_file AS {RECURSIVE}")
    result = rrt("info", str(received), timeout=30)
    assert result.returncode == 3, result.stderr
    assert "changed outside the app" in result.stderr


def test_virtual_tables_and_redefined_columns_are_refused(received: Path) -> None:
    edit(received, "CREATE VIRTUAL TABLE notes USING fts5(x)")
    with pytest.raises(UserError, match="virtual table “notes”"):
        Workbook.open(received, read_only=True)


def test_the_guard_stops_a_runaway_query(tmp_path: Path) -> None:
    raw = sqlite3.connect(tmp_path / "x.db")
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError) as stopped, guard(raw, seconds=0.5):
        raw.execute("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
                    "SELECT count(*) FROM r").fetchone()
    assert was_interrupted(stopped.value)
    assert time.monotonic() - started < 3
    raw.close()


@pytest.mark.parametrize(
    "stored",
    ["'yesterday'", "x'ff00'", "1764082292", "'9999-12-31T23:59:59-01:00'", "''"],
)
def test_unreadable_dates_give_a_sentence_in_info_and_export(
    received: Path, tmp_path: Path, stored: str, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(received, f"UPDATE workbook_info SET created_at = {stored}")
    assert run(["info", str(received)]) == 3
    assert "date that cannot be read" in error_line(capsys)
    out = tmp_path / "report.xlsx"
    assert run(["export", str(received), "--format", "xlsx", "--out", str(out)]) == 3
    assert "cannot be read" in error_line(capsys)
    assert not out.exists()


def test_unreadable_values_through_the_orm_give_a_sentence(received: Path) -> None:
    edit(received, "UPDATE evidence_file SET added_at = 'not a date'")
    with Workbook.open(received, read_only=True) as workbook, \
            pytest.raises(InvalidValue, match="cannot be read"), workbook.session() as session:
        list_evidence(session)


def test_bytes_where_text_belongs_give_a_sentence(
    received: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(received, "UPDATE workbook_info SET title = x'ff41'")
    assert run(["info", str(received)]) == 3
    assert "not text" in error_line(capsys)
    with Workbook.open(received, read_only=True) as workbook, \
            pytest.raises(InvalidValue, match="not text"), workbook.session() as session:
        get_info(session)


def test_a_bad_identifier_gives_a_sentence(received: Path) -> None:
    edit(received, "UPDATE workbook_info SET id = 'zz'")
    with Workbook.open(received, read_only=True) as workbook, \
            pytest.raises(InvalidValue, match="identifier"), workbook.session() as session:
        get_info(session)


@pytest.mark.parametrize("version", [-1, 0])
def test_a_format_number_below_one_is_not_a_workbook(received: Path, version: int) -> None:
    edit(received, f"PRAGMA user_version = {version}")
    before = digest(received)
    with pytest.raises(NotAWorkbook, match="no workbook format number"):
        Workbook.open(received)
    assert digest(received) == before
    assert not any("backup" in p.name for p in received.parent.iterdir())


def test_special_files_are_not_called_folders(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.rrwb"
    os.mkfifo(fifo)
    link = tmp_path / "zero.rrwb"
    link.symlink_to("/dev/zero")
    for path in (fifo, link):
        with pytest.raises(NotAWorkbook, match="not a regular file"):
            Workbook.open(path, read_only=True)


@pytest.mark.parametrize("index", [
    "CREATE UNIQUE INDEX ix_evidence_file_sha256 ON evidence_file (sha256)",
    "CREATE INDEX ix_evidence_file_sha256 ON evidence_file (name)",
    "CREATE INDEX ix_evidence_file_sha256 ON evidence_file (sha256, name)",
])
def test_an_index_remade_differently_is_refused(received: Path, index: str) -> None:
    # A unique index the app did not make would refuse the app's own inserts; one on
    # other columns means the file was changed outside the app.
    edit(received, "DROP INDEX ix_evidence_file_sha256", index)
    with pytest.raises(UserError, match="the index ix_evidence_file_sha256"):
        Workbook.open(received, read_only=True)


def test_the_structure_reads_the_same_without_sqlite_s_json_functions(received: Path) -> None:
    from app.workbook.schema_check import read_structure

    class WithoutJson:
        """A connection on an SQLite built without json_each."""

        def __init__(self, raw: sqlite3.Connection) -> None:
            self.raw = raw

        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
            if "json_each" in sql:
                raise sqlite3.OperationalError("no such table: json_each")
            return self.raw.execute(sql, *args)

    raw = sqlite3.connect(received)
    try:
        structure = read_structure(raw)
        assert structure == read_structure(WithoutJson(raw))  # type: ignore[arg-type]
    finally:
        raw.close()
    assert structure["tables"]["evidence_file"][0] == ["id", "CHAR(32)", 1, 1]
    assert structure["indexes"]["ix_evidence_file_sha256"] == ["evidence_file", 0, ["sha256"]]
