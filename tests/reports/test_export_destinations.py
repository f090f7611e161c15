"""Exports never write over a workbook, a folder or a device, never under a name that hides
their format, and never leave a temporary file behind (not even after a kill)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from app.destinations import partial_path_for
from app.errors import UserError
from app.reports.export.exporters import ExportFormat, ExportOptions, export_report
from app.reports.model.report import Paragraph, Report, Section, TitlePage
from app.workbook import Workbook
from tests.support.cli import rrt


def _report() -> Report:
    return Report(TitlePage("Board"), (Section("One", (Paragraph.of("Text."),)),))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "w.rrwb"
    Workbook.create(path, title="Precious work").close()
    return path


def test_exporting_over_the_workbook_is_refused_and_it_is_unchanged(
        workbook: Path, tmp_path: Path) -> None:
    before = _digest(workbook)
    result = rrt("export", str(workbook), "--format", "xlsx", "--out", str(workbook), "--force")
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert result.stderr.startswith("rrt: ") and ".xlsx" in result.stderr
    assert _digest(workbook) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.rrwb"]


@pytest.mark.parametrize(
    ("out", "fmt", "says"),
    [
        ("adir", "xlsx", "is a folder"),
        ("x.docx", "pdf", "does not end in .pdf"),
        ("/dev/full", "xlsx", "not a regular file"),
    ],
)
def test_wrong_destinations_get_a_sentence_and_nothing_is_written(
        workbook: Path, tmp_path: Path, out: str, fmt: str, says: str) -> None:
    (tmp_path / "adir").mkdir()
    target = out if out.startswith("/") else str(tmp_path / out)
    result = rrt("export", str(workbook), "--format", fmt, "--out", target, "--force")
    assert result.returncode == 3, result.stderr
    assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adir", "w.rrwb"]
    assert not Path("/dev/full.xlsx").exists()


def test_a_folder_named_like_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "board.pdf").mkdir()
    with pytest.raises(UserError, match="folder"):
        export_report(_report(), ExportOptions(ExportFormat.PDF, tmp_path / "board.pdf"),
                      overwrite=True)


def test_a_temporary_file_left_by_a_killed_export_is_cleared_next_time(tmp_path: Path) -> None:
    out = tmp_path / "board.pdf"
    left = partial_path_for(out)
    left.write_bytes(b"half a pdf")
    # Make it look like it belonged to a process that has gone.
    dead = left.with_name(left.name.replace(f"-{os.getpid()}-", "-999999999-"))
    left.rename(dead)
    export_report(_report(), ExportOptions(ExportFormat.PDF, out))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.pdf"]


def test_a_full_disk_names_the_real_file_and_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    import errno

    def no_space(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    # The file is built in memory; the disk is met by one write into the temporary file.
    monkeypatch.setattr(Path, "write_bytes", no_space)
    out = tmp_path / "board.xlsx"
    with pytest.raises(UserError) as raised:
        export_report(_report(), ExportOptions(ExportFormat.XLSX, out))
    assert "not enough space" in str(raised.value) and "board.xlsx" in str(raised.value)
    assert list(tmp_path.iterdir()) == []
