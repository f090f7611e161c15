"""Every failure a user can meet in an export is a `UserError` whose text is a sentence.

LibreOffice that fails, crashes, writes nothing or cannot start, and fonts that are missing
or damaged, all reach the user (dialog or `rrt`) as one plain sentence - never a traceback,
an exception name or an exit status.
"""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from app.cli import run
from app.errors import UserError
from app.reports.export.exporters import ExportFormat, ExportOptions, export_report
from app.reports.model.report import Paragraph, Report, Section, TitlePage
from app.reports.render import fonts

JARGON = ("Error", "Exception", "Traceback", "errno", "exit status", "returncode", "None")


def assert_sentence(text: str) -> None:
    assert text and text[0].isupper() and text.rstrip().endswith("."), text
    assert "\n" not in text.strip(), text
    assert not any(word in text for word in JARGON), text


def small_report() -> Report:
    return Report(
        title_page=TitlePage(title="Forum review", organisation="Northfield CVS",
                             report_date=date(2026, 11, 25)),
        sections=(Section("Introduction", (Paragraph.of("Some words."),)),),
    )


def fake_soffice(folder: Path, body: str) -> Path:
    """A stand-in `soffice` first on PATH: a shell script that misbehaves as told."""
    folder.mkdir(exist_ok=True)
    script = folder / "soffice"
    script.write_text(body, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return script


@pytest.fixture
def on_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    folder = tmp_path / "bin"

    def install(body: str) -> None:
        fake_soffice(folder, body)
        monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")

    return install


FAILING_SOFFICES = {
    "exits-1": "#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n",
    "writes-nothing": "#!/bin/sh\nexit 0\n",
    "crashes": "#!/bin/sh\nkill -SEGV $$\n",
    "cannot-start": "#!/nonexistent/interpreter\n",
}


@pytest.mark.parametrize("behaviour", sorted(FAILING_SOFFICES))
def test_failing_libreoffice_is_a_sentence(behaviour: str, on_path, tmp_path: Path) -> None:
    on_path(FAILING_SOFFICES[behaviour])
    out = tmp_path / "accessible.pdf"
    with pytest.raises(UserError) as caught:
        export_report(small_report(), ExportOptions(ExportFormat.ACCESSIBLE_PDF, out))
    assert_sentence(str(caught.value))
    assert "LibreOffice" in str(caught.value)
    assert not out.exists()


@pytest.fixture
def fonts_unavailable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The shipped fonts gone, as after a damaged install (the process has not yet loaded them)."""
    monkeypatch.setattr(fonts, "_registered", False)
    monkeypatch.setattr(fonts, "font_file", lambda name: tmp_path / "no-fonts" / name)


def test_missing_fonts_are_a_sentence(fonts_unavailable, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    with pytest.raises(UserError) as caught:
        export_report(small_report(), ExportOptions(ExportFormat.PDF, out))
    assert_sentence(str(caught.value))
    assert "Reinstall" in str(caught.value)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_damaged_fonts_are_a_sentence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"\x00\x01\x00\x00 not really a font" * 10)
    monkeypatch.setattr(fonts, "_registered", False)
    monkeypatch.setattr(fonts, "font_file", lambda name: junk)
    with pytest.raises(UserError) as caught:
        export_report(small_report(), ExportOptions(ExportFormat.PDF, tmp_path / "r.pdf"))
    assert_sentence(str(caught.value))


# ---------------------------------------------------------------- through `rrt`, in-process


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "forum.rrwb"
    assert run(["new", str(path), "--title", "Forum review"]) == 0
    return path


def assert_one_line_on_stderr(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("rrt: ") and "Traceback" not in err
    assert_sentence(lines[0].removeprefix("rrt: "))
    return lines[0]


def test_cli_without_fonts_prints_one_sentence(fonts_unavailable, workbook: Path,
                                               tmp_path: Path, capsys) -> None:
    capsys.readouterr()
    status = run(["export", str(workbook), "--format", "pdf", "--out", str(tmp_path / "r.pdf")])
    assert status == 3
    assert "font" in assert_one_line_on_stderr(capsys)


def test_cli_with_failing_libreoffice_prints_one_sentence(on_path, workbook: Path,
                                                          tmp_path: Path, capsys) -> None:
    on_path(FAILING_SOFFICES["exits-1"])
    capsys.readouterr()
    out = tmp_path / "r.pdf"
    status = run(["export", str(workbook), "--format", "accessible-pdf", "--out", str(out)])
    assert status == 3
    assert "LibreOffice" in assert_one_line_on_stderr(capsys)
    assert not out.exists()
