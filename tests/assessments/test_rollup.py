"""Roll-up across workbooks: different framework versions aligned by ref, areas at each
level, damaged files listed with their reason while the rest complete, sources only read,
progress and cancelling, and `rrt rollup` writing a report."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from app.assessments.rollup import NO_AREA, RollupCancelled, roll_up, survey
from app.assessments.rollup_report import build_rollup_report
from app.cli import run
from tests.assessments.rollup_books import make_books


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def books(tmp_path: Path) -> list[Path]:
    return make_books(tmp_path)


def _state(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file in the folder with its content and modification time (to the ns)."""
    return {p.name: (_digest(p), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_roll_up_by_local_area_lists_damaged_files_and_reads_only(books: list[Path]) -> None:
    before = _state(books[0].parent)
    seen: list[float] = []
    rollup = roll_up(books, "small", "local", progress=seen.append)
    # Sources are only read: same bytes, same times, and no lock or journal left beside them.
    assert _state(books[0].parent) == before
    assert seen[-1] == 1.0 and seen == sorted(seen)

    problems = {s.path.name: s.problem for s in rollup.problems}
    assert set(problems) == {"noise.rrwb", "truncated.rrwb"}
    assert all(problem.startswith("“") and problem.endswith(".") for problem in
               problems.values())
    assert rollup.framework is not None and rollup.framework.version == "2.0"
    assert rollup.versions == ("1.0", "2.0")
    assert [(a.name, a.assessments, a.workbooks) for a in rollup.areas] == [
        ("Northtown", 2, 2), ("Southtown", 1, 1), (NO_AREA, 1, 1)]
    # 2.1 is not in version 2.0: listed, not counted.
    assert [(u.ref, u.file_name, u.version) for u in rollup.unaligned] == [
        ("2.1", "north.rrwb", "1.0")]
    north = rollup.areas[0]
    assert [a for a, _label in rollup.answers] == [
        "not-in-place", "developing", "established", "not-applicable", "not-answered"]
    counts = {c.ref: c.counts for c in north.criteria}
    assert counts["1.1"] == (0, 1, 1, 0, 0)
    assert counts["3.1"] == (0, 0, 0, 0, 1)  # east has 3.1 unanswered; north has no 3.1
    first = next(s for s in north.sections if s.key == "1")
    assert first.mean == pytest.approx(1.5) and first.assessments == 2

    regional = roll_up(books, "small", "regional")
    assert [(a.name, a.assessments) for a in regional.areas] == [
        ("West Midlands", 3), (NO_AREA, 1)]
    report = build_rollup_report(rollup)
    assert any(table.caption == "Answers that could not be aligned" for table in
               report.tables())
    assert report.charts()[0].categories == ("1", "3")


def test_a_roll_up_can_be_cancelled(books: list[Path]) -> None:
    with pytest.raises(RollupCancelled, match="cancelled"):
        roll_up(books, "small", is_cancelled=lambda: True)


def test_rrt_rollup_writes_a_report_and_notes_unusable_files(
        books: list[Path], tmp_path: Path, capsys: Any) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "rollup.xlsx"
    status = run(["rollup", *map(str, books), "--framework", "small", "--by", "local",
                  "--out", str(out)])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "Rolled up 4 assessments from 4 workbooks" in captured.out
    assert captured.err.count("rrt: note: “") == 2
    sheets = load_workbook(out).sheetnames
    assert "Section scores" in sheets and "Workbooks" in sheets

    assert run(["rollup", str(books[0]), "--framework", "other", "--out", str(out),
                "--force"]) == 3
    assert capsys.readouterr().err.startswith("rrt: None of the workbooks")
    assert run(["rollup", str(books[0]), "--framework", "small", "--out",
                str(tmp_path / "x.txt")]) == 2


def test_survey_lists_the_frameworks_found_and_the_unreadable_files(books: list[Path]) -> None:
    found = survey(books)
    assert [(source.path.name, [(f.framework_id, f.version, f.assessments) for f in items])
            for source, items in found.frameworks] == [
        ("north.rrwb", [("small", "1.0", 1)]), ("south.rrwb", [("small", "2.0", 1)]),
        ("east.rrwb", [("small", "2.0", 1)]), ("nowhere.rrwb", [("small", "1.0", 1)])]
    assert [s.path.name for s in found.sources if not s.usable] == ["noise.rrwb",
                                                                     "truncated.rrwb"]
    assert [s.assessments for s in found.sources if s.usable] == [1, 1, 1, 1]


def test_altered_or_newer_assessment_tables_are_listed_not_read(books: list[Path],
                                                                tmp_path: Path) -> None:
    import shutil
    import sqlite3

    view = tmp_path / "view.rrwb"
    shutil.copyfile(books[0], view)
    newer = tmp_path / "newer.rrwb"
    shutil.copyfile(books[0], newer)
    db = sqlite3.connect(view)
    with db:
        db.execute("ALTER TABLE assessment_response RENAME TO kept")
        db.execute("CREATE VIEW assessment_response AS SELECT * FROM kept")
    db.close()
    db = sqlite3.connect(newer)
    with db:
        db.execute("UPDATE alembic_version SET version_num = 'assessments_0099' "
                   "WHERE version_num LIKE 'assessments_%'")
    db.close()
    rollup = roll_up([books[0], view, newer], "small")
    problems = {s.path.name: s.problem for s in rollup.problems}
    assert "is a view where a table belongs" in problems["view.rrwb"]
    assert "newer version" in problems["newer.rrwb"]
    assert rollup.assessments == 1


def test_a_workbook_left_mid_save_is_listed_and_left_as_it_is(books: list[Path],
                                                              tmp_path: Path) -> None:
    """A journal from a crash is never rolled back by a roll-up: that would write."""
    import shutil
    import sqlite3

    folder, left = tmp_path / "editing", tmp_path / "left"
    folder.mkdir()
    left.mkdir()
    source = shutil.copyfile(books[0], folder / "source.rrwb")
    editor = sqlite3.connect(source, isolation_level=None)
    editor.execute("PRAGMA cache_size = 1")  # so the change reaches the file mid-save
    editor.execute("BEGIN IMMEDIATE")
    editor.execute("UPDATE change_log SET summary = summary || ?", ("x" * 3000,))
    # A copy taken at this moment is what a crash leaves: a changed file and its journal.
    hot = shutil.copyfile(source, left / "hot.rrwb")
    shutil.copyfile(folder / "source.rrwb-journal", left / "hot.rrwb-journal")
    editor.execute("ROLLBACK")
    editor.close()
    before = _state(left)
    rollup = roll_up([hot, books[1]], "small")
    assert _state(left) == before
    assert "was not closed properly" in rollup.problems[0].problem
    assert rollup.assessments == 1
