"""A one-line progress bar for long work run from a terminal (the CLI's twin of the
desktop app's progress dialog). It draws only when someone is watching a terminal."""

from __future__ import annotations

import sys
from typing import TextIO

WIDTH = 30


class TerminalProgress:
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty()

    def __call__(self, fraction: float) -> None:
        if self.enabled:
            filled = int(max(0.0, min(1.0, fraction)) * WIDTH)
            self.stream.write(f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {fraction:4.0%}")
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * (WIDTH + 10) + "\r")
            self.stream.flush()
