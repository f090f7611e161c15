"""Throttled progress reports and cancel checks while a Word document is written."""

from __future__ import annotations

from collections.abc import Callable

from app.reports.export.result import ExportCancelled


class Progress:
    """Throttled progress reports and cancel checks for one render."""

    def __init__(
        self, progress: Callable[[float], None] | None, is_cancelled: Callable[[], bool] | None
    ) -> None:
        self._progress = progress
        self._is_cancelled = is_cancelled
        self._last = -1.0

    def check(self) -> None:
        if self._is_cancelled is not None and self._is_cancelled():
            raise ExportCancelled()

    def report(self, fraction: float) -> None:
        # A Qt signal per block would flood the UI; one per percent is plenty.
        if self._progress is not None and (fraction - self._last >= 0.01 or fraction >= 1.0):
            self._last = fraction
            self._progress(min(1.0, fraction))
