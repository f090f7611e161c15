"""Writers check where they write before writing anything, and leave nothing behind on failure."""

from __future__ import annotations

import errno
import hashlib
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import run
from app.destinations import (
    DestinationRefused,
    check_destination,
    clean_stale_partials,
    partial_path_for,
)
from app.workbook import Workbook
from tests.support.cli import ROOT, rrt


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def hidden_leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "partial" in p.name)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "c.rrwb"
    Workbook.create(path, title="Source").close()
    return path


def test_copy_onto_its_source_by_another_name_is_refused_while_being_edited(
    source: Path, tmp_path: Path
) -> None:
    (tmp_path / "x").mkdir()
    editor = subprocess.Popen(
        [sys.executable, "-c",
         "import sys\nfrom app.workbook import Workbook\n"
         "wb = Workbook.open(sys.argv[1])\nprint('open', flush=True)\nsys.stdin.read()\n",
         str(source)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert editor.stdout is not None and editor.stdout.readline().strip() == "open"
        before = digest(source)
        result = rrt("copy", str(source), str(tmp_path / "x" / ".." / "c.rrwb"), "--force")
        assert result.returncode == 3, result.stderr
        assert "cannot be written over" in result.stderr
        assert digest(source) == before
    finally:
        editor.kill()
        editor.wait()


def test_copy_onto_a_folder_is_refused_and_leaves_nothing(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "DIR"
    folder.mkdir()
    assert run(["copy", str(source), str(folder), "--force"]) == 3
    assert "is a folder" in one_line(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["DIR", "c.rrwb"]
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("name", ["x.docx", "adir", "copy.rrwb.pdf"])
def test_copy_with_the_wrong_extension_is_refused(
    source: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["copy", str(source), str(tmp_path / name)]) == 3
    assert "does not end in .rrwb" in one_line(capsys)
    assert not (tmp_path / name).exists()


def test_new_with_the_wrong_extension_is_refused_not_renamed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["new", str(tmp_path / "x.docx"), "--title", "T"]) == 3
    assert "does not end in .rrwb" in one_line(capsys)
    assert list(tmp_path.iterdir()) == []


def test_copy_onto_a_workbook_someone_has_open_is_refused_even_with_force(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.rrwb"
    with Workbook.create(other, title="Other"):
        before = digest(other)
        assert run(["copy", str(source), str(other), "--force"]) == 3
        assert "open in the app" in one_line(capsys)
        assert digest(other) == before


@pytest.mark.parametrize("error_number", [errno.EACCES, errno.ENOSPC])
def test_a_failed_copy_names_the_destination_and_leaves_nothing(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], error_number: int,
) -> None:
    from app.workbook import store

    def failing_copy(connection: sqlite3.Connection, target: Path) -> None:
        target.write_bytes(b"half a copy")
        raise OSError(error_number, os.strerror(error_number), str(target))

    monkeypatch.setattr(store, "_copy_database", failing_copy)
    out = tmp_path / "out"
    out.mkdir()
    assert run(["copy", str(source), str(out / "copy.rrwb")]) == 3
    line = one_line(capsys)
    assert "copy.rrwb" in line and "partial" not in line
    assert ("permission" if error_number == errno.EACCES else "not enough space") in line
    assert list(out.iterdir()) == []


def test_new_on_a_full_disk_says_so_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.workbook import migrate

    def full_disk(path: Path, target: str = "head") -> None:
        path.write_bytes(b"SQLite format 3\x00")
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = 13  # type: ignore[attr-defined]
        raise error

    monkeypatch.setattr(migrate, "build_schema", full_disk)
    assert run(["new", str(tmp_path / "n.rrwb"), "--title", "T"]) == 3
    assert "not enough space" in one_line(capsys)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_without_write_permission_is_refused_before_writing(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    import app.destinations as destinations

    real_access = os.access
    monkeypatch.setattr(
        destinations.os, "access",
        lambda path, mode: False if Path(path) == locked else real_access(path, mode),
    )
    assert run(["copy", str(source), str(locked / "c2.rrwb")]) == 3
    assert "permission to save in" in one_line(capsys)
    assert run(["new", str(locked / "n.rrwb"), "--title", "T"]) == 3
    assert "permission to save in" in one_line(capsys)
    assert list(locked.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="root ignores folder permissions")
def test_a_read_only_folder_really_refuses(source: Path, tmp_path: Path) -> None:
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        for args in (("copy", str(source), str(locked / "c2.rrwb")),
                     ("new", str(locked / "n.rrwb"), "--title", "T")):
            result = rrt(*args)
            assert result.returncode == 3 and "permission" in result.stderr, result.stderr
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_a_file_where_the_folder_should_be_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "afile").write_text("x")
    assert run(["new", str(tmp_path / "afile" / "n.rrwb"), "--title", "T"]) == 3
    assert "is not a folder" in one_line(capsys)
    assert run(["new", str(tmp_path / "nowhere" / "n.rrwb"), "--title", "T"]) == 3
    assert "does not exist" in one_line(capsys)


def test_special_files_and_companions_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.rrwb"
    os.mkfifo(fifo)
    with pytest.raises(DestinationRefused, match="not a regular file"):
        check_destination(fifo, suffix=".rrwb", overwrite=True)
    with pytest.raises(DestinationRefused, match="not a regular file"):
        check_destination("/dev/null", suffix=".rrwb", overwrite=True)
    link = tmp_path / "zero.rrwb"
    link.symlink_to("/dev/zero")
    with pytest.raises(DestinationRefused, match="not a regular file"):
        check_destination(link, suffix=".rrwb", overwrite=True)
    sock_path = tmp_path / "s.rrwb"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        with pytest.raises(DestinationRefused, match="not a regular file"):
            check_destination(sock_path, suffix=".rrwb", overwrite=True)
    for name in ("w.rrwb-journal", "w.rrwb-wal", "w.rrwb-shm", "w.rrwb.lock", ".w.rrwb.lock"):
        with pytest.raises(DestinationRefused):
            check_destination(tmp_path / name, suffix=name[name.index("-") if "-" in name
                                                              else name.rindex("."):],
                              overwrite=True)
    existing = tmp_path / "e.rrwb"
    existing.write_text("keep")
    with pytest.raises(DestinationRefused, match="already exists"):
        check_destination(existing, suffix=".rrwb", overwrite=False)
    assert check_destination(existing, suffix=".rrwb", overwrite=True) == existing.resolve()


def test_leftover_temporary_files_of_killed_runs_are_removed_next_time(
    source: Path, tmp_path: Path
) -> None:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    dead_pid = int(finished.stdout)
    dead = tmp_path / f".copy.rrwb.rrt-partial-{dead_pid}-abc123"
    dead.write_bytes(b"half")
    dead_journal = tmp_path / f".copy.rrwb.rrt-partial-{dead_pid}-abc123-journal"
    dead_journal.write_bytes(b"half")
    ours = partial_path_for(tmp_path / "mine.rrwb")
    ours.write_bytes(b"in progress")
    unrelated = tmp_path / ".notes.rrt-partial-x"
    unrelated.write_text("not ours")
    with Workbook.open(source):
        pass
    assert not dead.exists() and not dead_journal.exists()
    assert ours.exists() and unrelated.exists()
    assert clean_stale_partials(tmp_path) == []
