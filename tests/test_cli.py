"""`rrt`: exit status 0 ok, 2 usage, 3 bad input; one line on stderr; never a traceback."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from app.workbook import fileformat
from tests.support.cli import rrt
from tests.support.counts import nothing_counted


def assert_one_line_error(result: subprocess.CompletedProcess[str], status: int) -> str:
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("rrt: ")
    return lines[0]


def test_new_info_check_copy(tmp_path: Path) -> None:
    path = tmp_path / "Audit 2026.rrwb"
    created = rrt("new", str(path), "--title", "Audit 2026", "--organisation", "Łódź Forum")
    assert created.returncode == 0, created.stderr
    assert path.exists()

    info = rrt("info", str(path))
    assert info.returncode == 0, info.stderr
    details = json.loads(info.stdout)
    assert details["application_id"] == fileformat.APPLICATION_ID
    assert details["schema_version"] == fileformat.SCHEMA_VERSION
    assert details["title"] == "Audit 2026"
    assert details["organisation"] == "Łódź Forum"
    assert details["counts"] == {**nothing_counted(), "changes": 1}

    checked = rrt("check", str(path))
    assert checked.returncode == 0 and "sound" in checked.stdout

    copy = tmp_path / "copy.rrwb"
    copied = rrt("copy", str(path), str(copy))
    assert copied.returncode == 0, copied.stderr
    assert json.loads(rrt("info", str(copy)).stdout)["title"] == "Audit 2026"


def test_new_adds_the_suffix(tmp_path: Path) -> None:
    assert rrt("new", str(tmp_path / "plain"), "--title", "Plain").returncode == 0
    assert (tmp_path / "plain.rrwb").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("bogus-command",),
        ("new",),
        ("info",),
        ("copy", "only-one-path.rrwb"),
        ("--no-such-flag",),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    assert_one_line_error(rrt(*args), 2)


def test_bad_inputs_exit_3_with_a_sentence(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a workbook")
    line = assert_one_line_error(rrt("info", str(text_file)), 3)
    assert "not a Rights & Responsibilities workbook" in line

    line = assert_one_line_error(rrt("check", str(tmp_path / "missing.rrwb")), 3)
    assert "There is no file" in line

    existing = tmp_path / "exists.rrwb"
    existing.write_text("x")
    line = assert_one_line_error(rrt("new", str(existing), "--title", "T"), 3)
    assert "already exists" in line

    line = assert_one_line_error(rrt("new", str(tmp_path / "t.rrwb"), "--title", " "), 3)
    assert "needs a title" in line


def test_copy_never_overwrites_without_force(tmp_path: Path) -> None:
    source = tmp_path / "a.rrwb"
    assert rrt("new", str(source), "--title", "A").returncode == 0
    target = tmp_path / "b.rrwb"
    target.write_text("keep me")
    assert "already exists" in assert_one_line_error(rrt("copy", str(source), str(target)), 3)
    assert target.read_text() == "keep me"
    assert rrt("copy", str(source), str(target), "--force").returncode == 0
    not_a_workbook_name = tmp_path / "b.txt"
    assert_one_line_error(rrt("copy", str(source), str(not_a_workbook_name), "--force"), 3)
    assert not not_a_workbook_name.exists()


def test_check_reports_a_damaged_workbook(tmp_path: Path) -> None:
    path = tmp_path / "bad.rrwb"
    assert rrt("new", str(path), "--title", "Bad").returncode == 0
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 2 + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))
    line = assert_one_line_error(rrt("check", str(path)), 3)
    assert "damaged" in line



def test_python_dash_m_app_cli_runs_module_commands(tmp_path: Path) -> None:
    # The command-line package runs as `python -m app.cli` too, with every module's command.
    import sys

    path = tmp_path / "m.rrwb"
    assert rrt("new", str(path), "--title", "M").returncode == 0
    out = tmp_path / "m.xlsx"
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "export", str(path), "--format", "xlsx",
         "--out", str(out)],
        capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1], timeout=300,
        check=False)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(
    ("field", "value", "sentence"),
    [
        ("--title", "Tab\there", "cannot contain line breaks or control characters"),
        ("--organisation", "O" * 300, "too long"),
    ],
)
def test_new_applies_the_details_form_s_rules(tmp_path: Path, field: str, value: str,
                                              sentence: str) -> None:
    args = ["new", str(tmp_path / "x.rrwb"), "--title", "Fine", field, value]
    if field == "--title":
        args = ["new", str(tmp_path / "x.rrwb"), field, value]
    line = assert_one_line_error(rrt(*args), 3)
    assert sentence in line
    assert not (tmp_path / "x.rrwb").exists()


def test_set_changes_a_detail_through_the_undoable_operation(tmp_path: Path) -> None:
    path = tmp_path / "s.rrwb"
    assert rrt("new", str(path), "--title", "Before").returncode == 0
    changed = rrt("set", str(path), "title", "After")
    assert changed.returncode == 0, changed.stderr
    details = json.loads(rrt("info", str(path)).stdout)
    assert details["title"] == "After" and details["counts"]["changes"] == 2
    refused = rrt("set", str(path), "title", "  ")
    assert "needs a title" in assert_one_line_error(refused, 3)


def test_building_the_command_line_loads_no_heavy_library() -> None:
    # Every module's command is imported to build the parser, for every `rrt` call: a
    # command file that imports its domain at the top would slow every command down.
    import sys

    code = (
        "import sys; from app.cli.main import build_parser; build_parser(); "
        "heavy = [m for m in ('sqlalchemy', 'alembic', 'pydantic', 'yaml', 'openpyxl', "
        "'docx', 'reportlab', 'lxml', 'PySide6') if m in sys.modules]; print(heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1], timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_reading_commands_load_only_what_they_use() -> None:
    """`rrt info` and `rrt check` run for every quick look at a file: besides the modules'
    manifests they import their own command file only, take no lock, and leave out the
    standard library's heavier parts (class-making, archive and hashing modules)."""
    import sys

    from app.workbook.sample import bundled_sample

    code = (
        "import sys; from app.main import main; status = main(sys.argv[1:]); "
        "loaded = sorted(m for m in sys.modules if m.startswith(('app.basics.commands.', "
        "'app.plans.', 'app.representation.', 'app.assessments.', 'app.workbook.lock', "
        "'sqlalchemy', 'alembic')) and not m.endswith(('.module', '.topics')) "
        # Each of these costs a quick look a tenth of its time and it needs none of them.
        "or m in ('dataclasses', 'shutil', 'hashlib')); "
        "print(loaded, file=sys.stderr); sys.exit(status)"
    )
    # The first open on a machine derives the expected structures from the migrations
    # (Alembic, once, then cached); what is checked here is every open after that.
    assert rrt("info", str(bundled_sample())).returncode == 0
    for command in ("info", "check"):
        done = subprocess.run([sys.executable, "-c", code, command, str(bundled_sample())],
                              capture_output=True, text=True, timeout=120, check=False,
                              cwd=Path(__file__).resolve().parents[1])
        assert done.returncode == 0, done.stderr
        loaded = done.stderr.strip().splitlines()[-1]
        assert loaded == f"['app.basics.commands.{command}']", loaded


def test_help_still_lists_every_command() -> None:
    from app.modules import all_commands

    done = rrt("--help")
    assert done.returncode == 0
    for command in all_commands():
        assert command.name in done.stdout
    wrong = rrt("infoo", "x.rrwb")
    assert wrong.returncode == 2 and "invalid choice" in wrong.stderr and "check" in wrong.stderr


def test_check_runs_sqlite_s_check_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`rrt check` reads the whole file once (the full check), not a quick check first."""
    import argparse
    import sqlite3

    from app.basics.commands import check
    from app.workbook import store
    from app.workbook.sample import bundled_sample

    calls: list[bool] = []
    real = store.integrity_problems

    def counted(connection: sqlite3.Connection, *, thorough: bool = False) -> list[str]:
        calls.append(thorough)
        return real(connection, thorough=thorough)

    monkeypatch.setattr(store, "integrity_problems", counted)
    assert check.run(argparse.Namespace(path=str(bundled_sample()))) == 0
    assert calls == [True]
    with store.Workbook.open(bundled_sample(), read_only=True):
        pass
    assert calls == [True, False]  # an ordinary open still checks quickly
