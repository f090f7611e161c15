"""`python -m bench --quick` prints the one table the performance page is made from.

This checks the table's shape, never the figures: tests check behaviour, benchmarks speed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from bench.__main__ import HEADER, ITEMS, NO_PEER

ROOT = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"^\d+(\.\d+)?$")
TIME = re.compile(r"^\d+(\.\d+)? (ms|s)$")


def test_quick_run_prints_one_row_per_work_item_with_growth_for_sized_items() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    # --offline: items whose peer is downloaded on first run are left out, so the test never
    # needs the network.
    offline = [item for item in ITEMS if not item.peer_download]
    done = subprocess.run([sys.executable, "-m", "bench", "--quick", "--offline"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert tuple(header) == HEADER
    assert set(lines[1]) <= {"|", "-"}  # the rule under the header
    rows = {}
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert len(cells) == len(HEADER)
        if not line.startswith("|  "):  # indented rows are a curve's smaller sizes
            rows[cells[0]] = dict(zip(HEADER, cells, strict=True))

    expected = [item.name + (f" {label}" if label else "")
                for item in offline for _, label, _ in item.metrics]
    assert list(rows) == expected
    for item in offline:
        for _, label, _ in item.metrics:
            row = rows[item.name + (f" {label}" if label else "")]
            assert TIME.match(row["ours"]), row
            assert NUMBER.match(row["ours MB"]), row
            if item.peer is None:  # nothing to compare with: the peer's cells say so
                assert (row["peer"], row["ratio"], row["peer MB"]) == (NO_PEER,) * 3, row
                assert row["growth peer"] == "", row
            else:
                assert TIME.match(row["peer"]) and NUMBER.match(row["ratio"]), row
                assert NUMBER.match(row["peer MB"]), row
            assert row["target"] and row["target"] != "—", row
            assert row["verdict"] == "pass" or row["verdict"].startswith("FAIL ("), row
            growth = row["growth ours"].split()
            if item.sizes:  # four sizes: three factors, for ours and for the peer
                assert len(growth) == 3 and all(NUMBER.match(g) for g in growth), row
                assert len(row["growth peer"].split()) == (3 if item.peer else 0), row
            else:
                assert growth == [], row
    assert re.search(r"Python \d+\.\d+\.\d+ .* \d+ cores", done.stdout)


def test_an_item_that_cannot_run_here_is_left_out_with_the_reason() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "RRT_BUNDLE": str(ROOT / "no-such-bundle")}
    done = subprocess.run([sys.executable, "-m", "bench", "--quick", "--only", "bundle"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "bundle (Installed app, start to a painted window (warm)) was left out: " \
           "RRT_BUNDLE names no bundle." in done.stdout
    assert not [line for line in done.stdout.splitlines() if line.startswith("| bundle")]


def test_the_bundle_note_gives_its_size_files_and_qt_plugins(
        tmp_path: Path, monkeypatch) -> None:
    from bench import bundle

    plugins = tmp_path / "_internal" / "PySide6" / "Qt" / "plugins"
    (plugins / "platforms").mkdir(parents=True)
    (plugins / "platforms" / "libqoffscreen.so").write_bytes(b"q" * 3_000_000)
    (tmp_path / "rrt").write_bytes(b"r" * 2_000_000)
    monkeypatch.setenv(bundle.BUNDLE_ENV, str(tmp_path))
    note = bundle.size_note()
    assert "is 5 MB in 2 files, 3 MB of it Qt." in note
    assert note.endswith("Qt plugin folders bundled: platforms.")
