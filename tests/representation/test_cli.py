"""`rrt baseline` and `rrt audit` through `app.cli.run`: 0 on success, 2 for a wrong command
line, 3 for bad input, always with one `rrt:` line on errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import run
from tests.representation.test_baselines import ROWS, _csv


def _error(capsys: pytest.CaptureFixture[str], status: int, got: int) -> str:
    out = capsys.readouterr()
    assert got == status, out
    lines = out.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rrt: "), out.err
    return lines[0]


def test_baselines_and_audits_from_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = str(tmp_path / "cli.rrwb")
    assert run(["new", book, "--title", "Audit"]) == 0
    table = str(_csv(tmp_path / "ts021.csv", ROWS))

    line = _error(capsys, 3, run(["baseline", "import", book, table]))
    assert "2 areas" in line and "nothing was changed" in line
    assert run(["baseline", "import", book, table, "--area", "E99999999"]) == 0
    capsys.readouterr()
    assert run(["baseline", "list", book, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["area_code"] == "E99999999" and listed[0]["counts"]["british"] == 50000

    assert run(["audit", "new", book, "--body", "board", "--date", "01/04/2026",
                "--baseline", "1", "--count", "british=11", "--count", "Indian=1"]) == 0
    assert "number 1" in capsys.readouterr().out
    assert run(["audit", "set", book, "1", "prefer-not-to-say=2"]) == 0
    capsys.readouterr()
    assert run(["audit", "show", book, "1", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["stated"] == 12 and shown["not_stated"]["Prefer not to say"] == 2
    minorities = shown["ethnic_minorities"]
    assert minorities["count"] == 1 and minorities["verdict"] == "inconclusive"
    assert minorities["explanation"] == ("With 12 members, a difference this size could be "
                                         "chance.")
    assert run(["audit", "list", book]) == 0
    assert "Board" in capsys.readouterr().out

    assert "no audit number 4" in _error(capsys, 2, run(["audit", "set", book, "4", "x=1"]))
    assert "not a category" in _error(capsys, 3, run(["audit", "set", book, "1", "martian=1"]))
    assert "below zero" in _error(capsys, 3, run(["audit", "set", book, "1", "british=-2"]))
    assert "CATEGORY=N" in _error(capsys, 2, run(["audit", "set", book, "1", "british"]))
    assert "no baseline" in _error(capsys, 2, run(["audit", "change", book, "1", "baseline",
                                                   "Nowhere"]))
    _error(capsys, 2, run(["audit", "new", book, "--body", "cabal", "--date", "2026-01-01"]))
    assert "ROLE=COLUMN" in _error(capsys, 2, run(["baseline", "import", book, table,
                                                   "--map", "count"]))
    assert run(["audit", "remove", book, "1"]) == 0
    capsys.readouterr()
    assert run(["audit", "list", book, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_type_in_and_remove_baselines_categories_and_questionnaire(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = str(tmp_path / "typed.rrwb")
    assert run(["new", book, "--title", "Typed"]) == 0
    assert run(["baseline", "add", book, "--area", "E1", "--area-name", "Testshire",
                "indian=120", "British=880"]) == 0
    assert "1,000 people" in capsys.readouterr().out
    assert "not a category" in _error(capsys, 3, run(["baseline", "add", book, "--area",
                                                      "E2", "martian=3"]))
    assert "below zero" in _error(capsys, 3, run(["baseline", "add", book, "--area", "E2",
                                                  "indian=-3"]))
    assert run(["baseline", "list", book, "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)  # the refused ones changed nothing
    assert listed["counts"] == {"indian": 120, "british": 880}

    assert run(["categories", "add", book, "Somali", "--under", "African"]) == 0
    assert "x-somali" in capsys.readouterr().out
    assert "not a census category" in _error(capsys, 2, run(["categories", "add", book,
                                                             "Elvish", "--under", "Martian"]))
    assert run(["audit", "new", book, "--body", "staff", "--date", "2026-04-01",
                "--baseline", "E1", "--count", "x-somali=2", "--count", "british=9"]) == 0
    capsys.readouterr()
    assert run(["audit", "show", book, "1", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    black = next(g for g in shown["groups"] if g["key"] == "black")
    assert black["count"] == 2  # the local category counts under its census one
    assert "has counts" in _error(capsys, 3, run(["categories", "remove", book, "Somali"]))
    assert "used by 1 audit" in _error(capsys, 3, run(["baseline", "remove", book, "1"]))
    assert run(["audit", "remove", book, "1"]) == 0
    assert run(["categories", "remove", book, "x-somali"]) == 0
    assert run(["baseline", "remove", book, "Testshire"]) == 0
    capsys.readouterr()
    assert run(["baseline", "list", book]) == 0
    assert "No baselines yet." in capsys.readouterr().out

    assert run(["questionnaire", "answer", book, "4", "--rating", "developing", "--text",
                "We ask each year."]) == 0
    assert "no evidence file" in _error(capsys, 2, run(["questionnaire", "answer", book,
                                                        "impact", "--evidence", "x.pdf"]))
    assert "not one of the questions" in _error(capsys, 3, run(["questionnaire", "answer",
                                                                book, "9", "--text", "x"]))
    assert run(["questionnaire", "show", book, "--json"]) == 0
    answers = json.loads(capsys.readouterr().out)
    assert (answers[3]["rating"], answers[3]["answer"]) == ("developing", "We ask each year.")
    assert answers[0]["rating"] is None
