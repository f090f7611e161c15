"""`rrt assess upgrade`: a dry run shows what would change and changes nothing; the move
carries answers over; impossible versions are refused with one `rrt:` line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.assessments.frameworks import framework_from_dict, framework_to_yaml
from app.assessments.frameworks.catalogue import user_folder
from app.cli import run
from app.workbook import Workbook
from tests.assessments.conftest import SMALL, newer_small


def _write(data: dict[str, Any]) -> None:
    folder = user_folder()
    folder.mkdir(parents=True, exist_ok=True)
    framework = framework_from_dict(json.loads(json.dumps(data)))
    (folder / f"small-{framework.version}.yaml").write_text(framework_to_yaml(framework),
                                                             encoding="utf-8")


def _run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    status = run(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _book(tmp_path: Path, capsys: Any) -> str:
    path = tmp_path / "upgrade.rrwb"
    Workbook.create(path, title="Upgrade").close()
    _write(SMALL)
    p = str(path)
    assert _run(capsys, "assess", "new", p, "--framework", "small", "--name", "Spring",
                "--round", "2025")[0] == 0
    for ref, level in (("1.1", "developing"), ("1.2", "established"), ("2.1", "n/a")):
        assert _run(capsys, "assess", "rate", p, "Spring", ref, level)[0] == 0
    _write(newer_small())
    return p


def _version(capsys: Any, p: str) -> str:
    listed = json.loads(_run(capsys, "assess", "list", p, "--json")[1])
    return str(listed[0]["framework"]["version"])


def test_dry_run_shows_the_changes_and_the_move_carries_answers(
        tmp_path: Path, capsys: Any) -> None:
    p = _book(tmp_path, capsys)
    status, out, err = _run(capsys, "assess", "upgrade", p, "Spring", "--dry-run")
    assert status == 0, err
    assert out.splitlines()[0] == "Small framework: version 1.0 → 1.1"
    assert "Removed (1):\n  2.1 Three (Second › Sub)" in out
    assert "  1.2 Two: Moved from First to Second › Sub." in out
    assert "Responses: 1 response carries over; 1 rating is cleared; 1 response is dropped." \
        in out
    assert out.rstrip().endswith("Nothing was changed (--dry-run).")
    assert _version(capsys, p) == "1.0"

    status, out, _err = _run(capsys, "assess", "upgrade", p, "1", "--dry-run", "--json")
    planned = json.loads(out)
    assert (planned["moved"], planned["to_version"], planned["carried"]) == (False, "1.1",
                                                                             ["1.1"])
    assert [d["ref"] for d in planned["dropped"]] == ["2.1"]

    status, out, err = _run(capsys, "assess", "upgrade", p, "Spring", "--to-version", "1.1")
    assert status == 0, err
    assert "Moved “Spring” to version 1.1." in out
    assert _version(capsys, p) == "1.1"
    scores = json.loads(_run(capsys, "assess", "scores", p, "1", "--json")[1])
    assert scores["progress"]["answered"] == 1  # 1.1 carried; 1.2's rating was cleared

    status, out, _err = _run(capsys, "assess", "upgrade", p, "Spring")
    assert (status, out.strip()) == (0, "“Spring” already uses the newest version (1.1) of "
                                        "Small framework.")


def test_versions_that_cannot_be_used_are_refused(tmp_path: Path, capsys: Any) -> None:
    p = _book(tmp_path, capsys)
    status, _out, err = _run(capsys, "assess", "upgrade", p, "Spring", "--to-version", "2.0")
    assert status == 3
    assert err.strip() == ("rrt: There is no version 2.0 of Small framework on this computer "
                           "or in the workbook. Newer versions there are: 1.1.")
    status, _out, err = _run(capsys, "assess", "upgrade", p, "Spring", "--to-version", "1.0")
    assert status == 3 and "is the version it already uses" in err
    assert _run(capsys, "assess", "upgrade", p, "Spring", "--to-version", "new")[0] == 2
    assert _run(capsys, "assess", "upgrade", p, "Autumn")[0] == 2
    assert _version(capsys, p) == "1.0"
