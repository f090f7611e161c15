"""Running long, Qt-free work off the UI thread, with progress and a Cancel button.

The work is a plain function `fn(progress, is_cancelled)`: it calls `progress(0.0…1.0)`
now and then and stops early (returning or raising `Cancelled`) once `is_cancelled()`
is true. Results, errors and progress come back as signals on the main thread, so only
the main thread ever touches widgets:

    runner = TaskRunner(export_fn, parent=window, title="Exporting", label="Writing the report…")
    runner.finished.connect(on_done)       # the function's return value
    runner.failed.connect(show_sentence)   # a sentence for the user
    runner.cancelled.connect(on_cancel)
    runner.start()
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import UserError
from app.logging_setup import get_logger
from app.ui.a11y import name_buttons
from app.ui.fitting import keep_on_screen

log = get_logger("ui.worker")

Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]
Work = Callable[[Progress, IsCancelled], Any]

UNEXPECTED = (
    "The task stopped because of an unexpected problem, and nothing was changed. "
    "The details are in the log file (Help › About)."
)
_STEPS = 1000  # progress resolution

_running: set[TaskRunner] = set()


class Cancelled(Exception):
    """Raised by work that notices `is_cancelled()` deep inside a loop."""


class _Thread(QThread):
    progressed = Signal(int)
    succeeded = Signal(object)
    raised = Signal(object)

    def __init__(self, work: Work, stop: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._stop = stop
        self._last_step = -1

    def _progress(self, fraction: float) -> None:
        step = max(0, min(_STEPS, round(fraction * _STEPS)))
        if step != self._last_step:  # at most _STEPS signals, however often it is called
            self._last_step = step
            self.progressed.emit(step)

    def run(self) -> None:
        try:
            result = self._work(self._progress, self._stop.is_set)
        except BaseException as error:  # reported on the main thread, never lost
            self.raised.emit(error)
        else:
            self.succeeded.emit(result)


class TaskRunner(QObject):
    progressed = Signal(float)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        work: Work,
        *,
        parent: QWidget | None = None,
        title: str = "Working",
        label: str = "Working…",
        show_progress: bool = True,
        delay_ms: int = 400,
    ) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._thread = _Thread(work, self._stop)
        self._thread.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._thread.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self._thread.raised.connect(self._on_raised, Qt.ConnectionType.QueuedConnection)
        self.dialog: QProgressDialog | None = None
        if show_progress:
            self.dialog = QProgressDialog(label, "Cancel", 0, _STEPS, parent)
            self.dialog.setWindowTitle(title)
            self.dialog.setObjectName("progress_dialog")
            self.dialog.setAccessibleName(title)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(delay_ms)  # quick work never flashes a dialog
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)
            self.dialog.setValue(0)
            name_buttons(self.dialog)
            keep_on_screen(self.dialog)
        self._done = False

    # ------------------------------------------------------------------ control

    def start(self) -> None:
        _running.add(self)
        self._thread.start()

    def cancel(self) -> None:
        """Ask the work to stop; `cancelled` follows once it has."""
        if self._done:
            return  # too late: the work has already returned
        self._stop.set()
        if self.dialog is not None:
            self.dialog.setLabelText("Cancelling…")

    def is_cancelled(self) -> bool:
        return self._stop.is_set()

    def is_running(self) -> bool:
        return not self._done and self._thread.isRunning()

    def wait(self, msecs: int = -1) -> bool:
        return self._thread.wait() if msecs < 0 else self._thread.wait(msecs)

    # ------------------------------------------------------------------ results

    def _on_progress(self, step: int) -> None:
        if self.dialog is not None and not self._stop.is_set():
            self.dialog.setValue(step)
        self.progressed.emit(step / _STEPS)

    def _on_succeeded(self, result: object) -> None:
        if self._finish():
            self.cancelled.emit()
        else:
            self.finished.emit(result)

    def _on_raised(self, error: BaseException) -> None:
        if self._finish() or isinstance(error, Cancelled):
            self.cancelled.emit()
            return
        if isinstance(error, UserError):  # its message is already a sentence to show
            log.info("Task failed: %s", error)
            self.failed.emit(str(error))
        else:
            log.error("Task failed", exc_info=(type(error), error, error.__traceback__))
            self.failed.emit(UNEXPECTED)

    def _finish(self) -> bool:
        """Tidy up after the work has returned; True when it had been cancelled."""
        self._done = True
        self._thread.wait()
        # Read the outcome first: closing a QProgressDialog emits `canceled` (ignored by
        # `cancel` once the work is done), which must not turn success into cancellation.
        stopped = self._stop.is_set()
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        _running.discard(self)
        return stopped


def running_tasks() -> list[TaskRunner]:
    return list(_running)


def cancel_all(wait_ms: int = 5000) -> None:
    """Ask every running task to stop and wait for them (when the app quits)."""
    _cancel_and_wait(list(_running), wait_ms)


def cancel_tasks_of(window: QWidget, wait_ms: int = 5000) -> None:
    """Stop the tasks started for `window` (by it, or by a dialog or screen of it) and
    wait for them, leaving other windows' work running (when `window` closes)."""
    _cancel_and_wait([runner for runner in _running if _belongs_to(runner, window)], wait_ms)


def _belongs_to(runner: TaskRunner, window: QWidget) -> bool:
    # Walk the owners: a dialog is a window of its own, so QWidget.isAncestorOf stops at it.
    owner = runner.parent()
    while owner is not None:
        if owner is window:
            return True
        owner = owner.parent()
    return False


def _cancel_and_wait(runners: list[TaskRunner], wait_ms: int) -> None:
    for runner in runners:
        runner.cancel()
    for runner in runners:
        runner.wait(wait_ms)
