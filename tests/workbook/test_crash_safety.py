"""A workbook survives being killed at any moment, keeping every acknowledged edit.

The child process acknowledges each edit only after its commit returns; we kill it with
SIGKILL at random moments, many times, and after each kill the workbook must open, pass
SQLite's full integrity check and hold every acknowledged edit.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.workbook import Workbook
from app.workbook.evidence import list_evidence
from app.workbook.info import get_info

ROOT = Path(__file__).resolve().parents[2]
ITERATIONS = int(os.environ.get("RRT_CRASH_ITERATIONS", "200"))


def run_and_kill(path: Path, first_edit: int, seed: int, delay: float) -> list[int]:
    """Start the child, kill it `delay` seconds after it is ready; return acknowledged edits."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.workbook.crash_child", str(path), str(first_edit), str(seed)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    ready = child.stdout.readline().strip()
    assert ready == "ready", child.stderr.read() if child.stderr else ready
    acknowledged: list[int] = []

    def read_acks() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("ack "):
                acknowledged.append(int(line.split()[1]))

    reader = threading.Thread(target=read_acks, daemon=True)
    reader.start()
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    reader.join(timeout=10)
    return acknowledged


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX-only")
def test_killed_at_random_moments_loses_no_acknowledged_edit(tmp_path: Path) -> None:
    path = tmp_path / "crash.rrwb"
    Workbook.create(path, title="Crash test").close()
    rng = random.Random(20261125)
    expected: set[int] = set()
    next_edit = 0
    for iteration in range(ITERATIONS):
        acknowledged = run_and_kill(path, next_edit, seed=iteration, delay=rng.uniform(0, 0.25))
        expected.update(acknowledged)
        # Looking first, as `rrt info` does: a read-only open must recover on its own.
        with Workbook.open(path, read_only=True) as viewer:
            overview = viewer.overview()
            with viewer.session() as session:
                seen = {evidence.name for evidence in list_evidence(session)}
            assert overview.counts["evidence"] == len(seen)
        unseen = {f"edit {n}.bin" for n in expected} - seen
        assert not unseen, f"iteration {iteration}: read-only open misses {sorted(unseen)}"
        with Workbook.open(path) as workbook:
            assert workbook.integrity_problems(thorough=True) == [], f"iteration {iteration}"
            with workbook.session() as session:
                names = {evidence.name for evidence in list_evidence(session)}
                area = get_info(session).area
        missing = {f"edit {n}.bin" for n in expected} - names
        assert not missing, f"iteration {iteration}: acknowledged edits lost: {sorted(missing)}"
        if acknowledged:
            # The area holds the last acknowledged edit or the one in flight when killed.
            assert int(area.split()[1]) >= max(acknowledged)
        # Edits committed but not acknowledged may exist; never reuse their numbers.
        stored = [int(name.split()[1].removesuffix(".bin")) for name in names]
        next_edit = max([next_edit, *stored, *acknowledged], default=-1) + 1
    assert expected, "the child never got to acknowledge an edit"
