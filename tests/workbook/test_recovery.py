"""A workbook left with a journal by a crash opens read-only without being called damaged."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.cli import run
from app.workbook import Workbook, fileformat
from app.workbook.errors import WorkbookNeedsRecovery
from tests.support.cli import ROOT


def leave_hot_journal(path: Path) -> None:
    """A process that dies mid-transaction, after SQLite has already written to the file."""
    code = textwrap.dedent("""
        import os, sqlite3, sys
        raw = sqlite3.connect(sys.argv[1], isolation_level=None)
        raw.execute("PRAGMA journal_mode = DELETE")
        raw.execute("PRAGMA cache_size = 2")
        raw.execute("BEGIN")
        raw.execute("UPDATE workbook_info SET title = 'half-made change'")
        for n in range(400):
            raw.execute("INSERT INTO change_log (id, at, actor, action, entity, summary) "
                        "VALUES (?, '2026-01-01 00:00:00', 'a', 'b', 'c', ?)",
                        (f"{n:032x}", "x" * 2000))
        os._exit(0)
    """)
    subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, check=True, timeout=60)
    assert Path(str(path) + "-journal").stat().st_size > 0


@pytest.fixture
def crashed(tmp_path: Path) -> Path:
    path = tmp_path / "crashed.rrwb"
    Workbook.create(path, title="Before the crash").close()
    leave_hot_journal(path)
    return path


def test_read_only_commands_recover_after_a_crash(
    crashed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["info", str(crashed)]) == 0, capsys.readouterr().err
    assert '"title": "Before the crash"' in capsys.readouterr().out
    assert not Path(str(crashed) + "-journal").exists()
    assert run(["check", str(crashed)]) == 0


def test_a_crashed_workbook_that_cannot_be_written_asks_for_one_normal_open(
    crashed: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_connect = fileformat.connect

    def read_only_media(path: Path, *, read_only: bool) -> sqlite3.Connection:
        if not read_only:
            error = sqlite3.OperationalError("attempt to write a readonly database")
            error.sqlite_errorcode = 8  # type: ignore[attr-defined]
            raise error
        return real_connect(path, read_only=True)

    monkeypatch.setattr(fileformat, "connect", read_only_media)
    with pytest.raises(WorkbookNeedsRecovery, match="opened normally once"):
        Workbook.open(crashed, read_only=True)
    assert run(["info", str(crashed)]) == 3
    err = capsys.readouterr().err
    assert "damaged" not in err and "not closed properly" in err
