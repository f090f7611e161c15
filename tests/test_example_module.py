"""A module plugs in by its manifest alone: the example module (tests/example_module) adds
a table, a count, a report, a command and an undoable edit, and every part of the app
that lists modules picks them up, with no change to the shell, the CLI or the store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.modules import add_module, all_sections, remove_module
from app.workbook import Workbook, fileformat
from app.workbook.errors import WorkbookNeedsUpgrade, WorkbookTooNew
from app.workbook.operations import Mode, run_operation
from tests.example_module.module import MODULE
from tests.support.counts import nothing_counted
from tests.support.office import pdf_text

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def example() -> Iterator[None]:
    add_module(MODULE)
    yield
    remove_module(MODULE.name)


def rrt_with_example(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RRT_EXTRA_MODULES": "tests.example_module.module"}
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=300, check=False)


def test_the_cli_offers_the_module_s_command_report_and_count(tmp_path: Path) -> None:
    path = tmp_path / "notes.rrwb"
    assert rrt_with_example("new", str(path), "--title", "Notes").returncode == 0
    added = rrt_with_example("note", str(path), "Board meets in March")
    assert added.returncode == 0, added.stderr
    info = json.loads(rrt_with_example("info", str(path)).stdout)
    assert info["counts"] == {**nothing_counted(), "changes": 2, "notes": 1}

    out = tmp_path / "notes.pdf"
    exported = rrt_with_example("export", str(path), "--report", "example-notes",
                                "--format", "pdf", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "Board meets in March" in pdf_text(out)

    refused = rrt_with_example("note", str(path), "   ")
    assert refused.returncode == 3 and refused.stderr.strip() == "rrt: A note needs some text."


def test_without_the_module_its_command_is_unknown_and_its_workbook_too_new(
        tmp_path: Path) -> None:
    path = tmp_path / "notes.rrwb"
    assert rrt_with_example("new", str(path), "--title", "Notes").returncode == 0
    plain = subprocess.run([sys.executable, "-m", "app", "info", str(path)],
                           capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert plain.returncode == 3
    assert "newer version" in plain.stderr and "“example”" in plain.stderr
    with pytest.raises(WorkbookTooNew):
        Workbook.open(path)


def test_an_existing_workbook_gains_the_module_s_table_on_open(
        tmp_path: Path, example: None) -> None:
    path = tmp_path / "older.rrwb"
    remove_module(MODULE.name)
    Workbook.create(path, title="Made before the module").close()
    add_module(MODULE)
    with pytest.raises(WorkbookNeedsUpgrade):
        Workbook.open(path, read_only=True)
    with Workbook.open(path) as workbook:
        assert workbook.backup_path is not None and workbook.backup_path.exists()
        assert workbook.overview().counts["notes"] == 0
    assert fileformat.read_header(path).schema_version == fileformat.SCHEMA_VERSION


def test_the_module_s_edit_undoes_and_redoes_without_qt(tmp_path: Path, example: None) -> None:
    from tests.example_module.operations import AddNote, note_texts

    path = tmp_path / "notes.rrwb"
    with Workbook.create(path, title="Notes") as workbook:
        add = AddNote("Call the forum")
        change = run_operation(workbook, add)
        assert workbook.overview().counts["notes"] == 1
        assert change.inverse is not None
        undone = run_operation(workbook, change.inverse, Mode.UNDO, label=add.label)
        assert workbook.overview().counts["notes"] == 0
        assert undone.inverse is not None
        run_operation(workbook, undone.inverse, Mode.REDO, label=add.label)
        with workbook.session() as session:
            assert note_texts(session) == ["Call the forum"]
        summaries = _change_log(workbook)[:3]
    assert summaries == ["Redid: add note", "Undid: add note", "Added note “Call the forum”"]


def test_the_module_s_section_and_sample_come_from_the_manifest(
        tmp_path: Path, example: None) -> None:
    from app.workbook.sample import build_sample

    ids = [section.id for section in all_sections()]
    assert ids == ["details", "assessments", "representation_audits", "baselines",
                   "representation_questionnaire", "example_notes", "proofing",
                   "equality_schemes", "actions", "appraisals", "evidence",
                   "change_log"]
    sample = tmp_path / "sample.rrwb"
    build_sample(sample)
    with Workbook.open(sample, read_only=True) as workbook:
        assert workbook.overview().counts["notes"] == 1
        assert workbook.overview().counts["evidence"] == 2


def _change_log(workbook: Workbook) -> list[str]:
    from app.workbook.changelog import recent_changes

    with workbook.session() as session:
        return [entry.summary for entry in recent_changes(session)]


def test_the_manifests_list_every_table_a_workbook_has(tmp_path: Path, example: None) -> None:
    # One place lists a workbook's tables: each module's manifest. A migration that adds a
    # table its manifest does not declare fails here.
    import sqlite3

    from app.modules import module_tables

    path = tmp_path / "tables.rrwb"
    Workbook.create(path, title="Tables").close()
    connection = sqlite3.connect(path)
    try:
        stored = {name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'")}
    finally:
        connection.close()
    declared = module_tables()
    assert len(declared) == len(set(declared))  # no table claimed by two modules
    assert stored == set(declared)


@pytest.mark.parametrize("fault", [
    {"name": "Bad Name"},
    {"sections": ("a section whose editor is no target",)},
    {"commands": ("a command with a bad name",)},
    {"self_test": "not a target"},
])
def test_a_malformed_manifest_is_refused_when_plugged_in(fault: dict[str, object]) -> None:
    # Manifests are plain records checked by the registry: a typo in one is caught
    # the moment the module is found, naming the module, and nothing is plugged in.
    from app.modules import CommandSpec, SectionSpec, modules

    swap = {
        "a section whose editor is no target": SectionSpec("odd", "Odd", "", "not a target"),
        "a command with a bad name": CommandSpec("Odd Command", "help", "tests.x"),
    }
    changes = {key: tuple(swap[item] for item in value) if isinstance(value, tuple) else value
               for key, value in fault.items()}
    broken = MODULE._replace(**changes)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"Module '.*':"):
        add_module(broken)
    assert broken.name not in {module.name for module in modules()}
