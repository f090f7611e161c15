"""A memory cap for fuzz runs: the process's peak resident memory may grow only so much.

A hostile input that makes the app inflate or copy data without limit shows up as a jump
in the high-water mark, whichever case caused it.
"""

from __future__ import annotations

import resource
import sys
from collections.abc import Iterator
from contextlib import contextmanager


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


@contextmanager
def peak_memory_growth_below(megabytes: float) -> Iterator[None]:
    before = peak_rss_mb()
    yield
    grown = peak_rss_mb() - before
    assert grown < megabytes, f"peak memory grew by {grown:.0f} MB (cap {megabytes:.0f} MB)"
