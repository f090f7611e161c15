"""`rrt` with no command opens the desktop app on the right workbook."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import rrt


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, False)),
        (["--sample"], ("sample", False)),
        (["board.rrwb"], ("board.rrwb", False)),
        (["board.rrwb", "--read-only"], ("board.rrwb", True)),
        (["--read-only", "board.rrwb"], ("board.rrwb", True)),
    ],
)
def test_gui_arguments_reach_the_window(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], expected: tuple[str | None, bool]
) -> None:
    import app.ui.app
    from app.main import main

    opened: list[tuple[Path | None, bool]] = []
    monkeypatch.setattr(
        app.ui.app, "run_gui", lambda path, *, read_only=False: opened.append((path, read_only))
    )
    main(argv)
    ((path, read_only),) = opened
    want_path, want_read_only = expected
    assert read_only is want_read_only
    if want_path is None:
        assert path is None
    elif want_path == "sample":
        # A private copy the user may change; the bundled original stays clean.
        assert path is not None and path.name == "Sample workbook.rrwb" and path.exists()
        assert json.loads(rrt("info", str(path)).stdout)["title"].startswith("Anytown")
    else:
        assert path == Path(want_path)


def test_gui_with_an_unknown_flag_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    from app.main import main

    assert main(["--sample", "--fullscreen"]) == 2
    assert "rrt: " in capsys.readouterr().err
