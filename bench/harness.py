"""Timing machinery: every side of every benchmark runs in a child process of its own.

Two ways to time a side, and both sides of a work item always use the same one:

- `Process`: the clock runs from spawning the child to its exit (or to a timestamp it
  prints, for start-up), so imports, font loading and file reading all count.
- `InProcess`: a child (`python -m bench.child`) imports, builds its input, runs the work
  once on a tiny input as warm-up, then times `runs` repetitions and prints them.

Rounds alternate ours and the peer, so drift on this shared machine hits both alike.
Peak memory is the child's own `ru_maxrss` from `os.wait4`, so each side's figure is its
own process (interpreter and imports included).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Faster than n log n per doubling (2 * (1 + 1/log2 n) is ~2.1-2.2 at these sizes).
GROWTH_FLAG = 2.3
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() else shutil.which("gtime")


@dataclass(frozen=True)
class Sample:
    seconds: dict[str, float]  # by metric name: "total", or what the child reported
    peak_mb: float


@dataclass(frozen=True)
class Process:
    """A whole process; `argv(size, work)` gives the command and `env` extra variables;
    `before`, if given, runs (untimed) before each start, e.g. to empty the page cache."""

    argv: Callable[[int, Path], list[str]]
    env: dict[str, str] = field(default_factory=dict)
    before: Callable[[], None] | None = None


@dataclass(frozen=True)
class InProcess:
    """`bench.tasks.TASKS[task]`, timed inside its own child after a warm-up."""

    task: str


Side = Process | InProcess


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}
    # An installed copy has its bytecode compiled, as the libraries on both sides have;
    # without this, ours alone would compile its modules on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    return env


def _run_child(
    argv: Sequence[str], env: dict[str, str], timeout: float
) -> tuple[str, float, float]:
    """Run to exit; (stdout, seconds from spawn to exit, peak RSS in MB).

    Linux counts the forking parent's RSS into a child's ru_maxrss (the old address space
    is measured at exec), and this runner is big; so the child is started by GNU time,
    a tiny process, which reports the child's own peak from wait4.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        command = [GNU_TIME, "-f", "%M", "-o", rss.name, *argv] if GNU_TIME else list(argv)
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out, err = _drain(child, timeout)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:4])}… exited {child.returncode}: {err[-2000:]}")
        reported = rss.read().strip().splitlines()
    kilobytes = int(reported[-1]) if GNU_TIME and reported else usage.ru_maxrss
    return out, elapsed, kilobytes / 1024


def _drain(child: subprocess.Popen[str], timeout: float) -> tuple[str, str]:
    """Read both pipes to EOF without reaping the child (wait4 does that)."""
    errors: list[str] = []
    assert child.stdout is not None and child.stderr is not None
    stderr = child.stderr
    reader = threading.Thread(target=lambda: errors.append(stderr.read()), daemon=True)
    reader.start()
    killer = threading.Timer(timeout, child.kill)  # a hung child fails the run, not the machine
    killer.start()
    try:
        out = child.stdout.read()
        reader.join()
    finally:
        killer.cancel()
    return out, "".join(errors)


def run_side(side: Side, size: int, warm_size: int, runs: int, work: Path,
             timeout: float = 900) -> list[Sample]:
    if isinstance(side, Process):
        argv = side.argv(size, work)
        if side.before is not None:
            side.before()
        start = time.perf_counter()  # CLOCK_MONOTONIC: the child's perf_counter agrees
        out, elapsed, peak = _run_child(argv, _env(side.env), timeout)
        seconds = {"total": elapsed}
        for line in out.splitlines():  # "at NAME PERF_COUNTER": a moment inside the child
            parts = line.split()  # "took NAME SECONDS": a span the child timed itself
            if len(parts) == 3 and parts[0] == "at":
                seconds[parts[1]] = float(parts[2]) - start
            elif len(parts) == 3 and parts[0] == "took":
                seconds[parts[1]] = float(parts[2])
        return [Sample(seconds, peak)]
    argv = [sys.executable, "-m", "bench.child", side.task, str(size), str(warm_size),
            str(runs), str(work)]
    out, _, peak = _run_child(argv, _env({}), timeout)
    times = json.loads(out.strip().splitlines()[-1])["times"]
    return [Sample({"total": t}, peak) for t in times]


@dataclass
class Series:
    """The samples of one side at one size."""

    samples: list[Sample] = field(default_factory=list)

    def median(self, metric: str = "total") -> float:
        return statistics.median(s.seconds[metric] for s in self.samples)

    def spread(self, metric: str = "total") -> tuple[float, float]:
        values = [s.seconds[metric] for s in self.samples]
        return min(values), max(values)

    def peak_mb(self) -> float:
        return max(s.peak_mb for s in self.samples)


def interleave(ours: Side, peer: Side | None, size: int, warm_size: int, rounds: int,
               runs: int, work: Path) -> tuple[Series, Series]:
    """Alternate the sides round by round; who goes first alternates too. With no peer, the
    peer's series stays empty."""
    mine, theirs = Series(), Series()
    for number in range(rounds):
        order = [(ours, mine)] + ([(peer, theirs)] if peer is not None else [])
        if number % 2:
            order.reverse()
        for side, series in order:
            series.samples.extend(run_side(side, size, warm_size, runs, work))
    return mine, theirs


def growth_per_doubling(sizes: Sequence[int], medians: Sequence[float]) -> list[float]:
    """t(next)/t(this), scaled to one doubling when the sizes step by more than 2x."""
    import math

    factors = []
    for i in range(len(sizes) - 1):
        a, b, ta, tb = sizes[i], sizes[i + 1], medians[i], medians[i + 1]
        doublings = math.log2(b / a)
        factors.append((tb / ta) ** (1 / doublings) if ta > 0 else float("inf"))
    return factors
