"""`rrt assess` through `app.cli.run`: 0 on success, 2 for a wrong command line, 3 for a
value that cannot be used, always with one `rrt:` line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.cli import run
from app.workbook import Workbook


@pytest.fixture
def path(tmp_path: Path) -> Path:
    book = tmp_path / "cli.rrwb"
    Workbook.create(book, title="CLI").close()
    return book


def _run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    status = run(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_new_rate_list_scores_and_compare(path: Path, capsys: Any) -> None:
    p = str(path)
    status, out, err = _run(capsys, "assess", "new", p, "--framework", "iso-performance",
                            "--name", "Spring 2025", "--round", "2025", "--date", "01/04/2025",
                            "--local", "Anytown")
    assert status == 0, err
    assert "started against ISO performance and BME impact" in out
    assert _run(capsys, "assess", "new", p, "--framework", "iso-performance", "--name",
                "Spring 2026", "--round", "2026", "--date", "2026-04-01")[0] == 0
    for assessment, ref, level in (("1", "1.1", "developing"), ("1", "1.2", "Not in place"),
                                   ("Spring 2026", "1.1", "established"),
                                   ("2", "1.2", "n/a"), ("2", "1.3", "exemplary"),
                                   ("2", "1.3", "none")):
        status, _out, err = _run(capsys, "assess", "rate", p, assessment, ref, level)
        assert status == 0, err

    status, out, _err = _run(capsys, "assess", "list", p, "--json")
    listed = json.loads(out)
    assert [(a["number"], a["name"], a["round"], a["answered"]) for a in listed] == [
        (1, "Spring 2025", "2025", 2), (2, "Spring 2026", "2026", 2)]
    assert listed[0]["areas"]["local"] == "Anytown"
    assert "1. Spring 2025 [2025, 01/04/2025]" in _run(capsys, "assess", "list", p)[1]

    status, out, _err = _run(capsys, "assess", "scores", p, "1", "--json")
    scores = json.loads(out)
    assert scores["overall"] == {"score": 0.5, "based_on": 2, "share": pytest.approx(1 / 6)}
    assert scores["sections"][0]["key"] == "1" and scores["sections"][0]["score"] == 0.5
    assert {w["kind"] for w in scores["warnings"]} == {"no-evidence", "unanswered"}
    assert "overall 0.50 of 3" in _run(capsys, "assess", "scores", p, "spring 2025")[1]

    status, out, _err = _run(capsys, "assess", "compare", p, "1", "2", "--json")
    compared = json.loads(out)
    assert {c["ref"]: c["status"] for c in compared["criteria"]} == {
        "1.1": "improved", "1.2": "dropped"}
    assert "1.1 Community development" in _run(capsys, "assess", "compare", p, "1", "2")[1]


@pytest.mark.parametrize(
    ("argv", "status", "says"),
    [
        (("assess", "rate", "{p}", "7", "1.1", "developing"), 2, "no assessment number 7"),
        (("assess", "rate", "{p}", "Autumn", "1.1", "developing"), 2, "no assessment called"),
        (("assess", "rate", "{p}", "1", "99.9", "developing"), 3, "no criterion “99.9”"),
        (("assess", "rate", "{p}", "1", "1.1", "splendid"), 3, "not a rating"),
        (("assess", "new", "{p}", "--framework", "nope", "--name", "X", "--round", "1"), 3,
         "no framework with the id"),
        (("assess", "new", "{p}", "--framework", "iso-performance", "--name", "X", "--round",
          "1", "--date", "tomorrow"), 3, "is not a date"),
        (("assess", "scores", "{p}"), 2, "required"),
        (("assess", "list", "{p}.missing"), 3, "There is no file"),
    ],
)
def test_errors_are_one_line_with_the_right_status(
        path: Path, capsys: Any, argv: tuple[str, ...], status: int, says: str) -> None:
    assert _run(capsys, "assess", "new", str(path), "--framework", "iso-performance",
                "--name", "Spring", "--round", "2025")[0] == 0
    got, _out, err = _run(capsys, *(a.replace("{p}", str(path)) for a in argv))
    assert got == status
    assert err.startswith("rrt: ") and says in err and len(err.strip().splitlines()) == 1


def test_raise_actions_from_the_command_line(path: Path, capsys: Any) -> None:
    p = str(path)
    _run(capsys, "assess", "new", p, "--framework", "iso-performance", "--name", "Spring",
         "--round", "2025")
    _run(capsys, "assess", "rate", p, "1", "1.1", "not-in-place")
    _run(capsys, "assess", "rate", p, "1", "2.1", "developing")
    assert "1 improvement action raised." in _run(capsys, "assess", "raise", p, "1")[1]
    assert "1 improvement action raised." in _run(capsys, "assess", "raise", p, "1",
                                                  "--levels", "2")[1]
    assert "0 improvement actions raised." in _run(capsys, "assess", "raise", p, "1")[1]
    listed = json.loads(_run(capsys, "actions", "list", p, "--json")[1])
    assert [a["raised_by"] for a in listed] == ["Assessment “Spring”, criterion 1.1",
                                                "Assessment “Spring”, criterion 2.1"]
