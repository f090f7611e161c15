"""The worker runs Qt-free functions off the UI thread, with progress and cancel."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.ui.worker import Cancelled, TaskRunner
from app.workbook.errors import InvalidValue


def _counting(steps: int = 10, pause: float = 0.0):
    seen_threads: list[threading.Thread] = []

    def work(progress, is_cancelled):
        seen_threads.append(threading.current_thread())
        for step in range(steps):
            if is_cancelled():
                raise Cancelled
            time.sleep(pause)
            progress((step + 1) / steps)
        return "done"

    return work, seen_threads


def test_runs_off_the_ui_thread_and_reports_progress(qtbot) -> None:
    work, threads = _counting()
    runner = TaskRunner(work, show_progress=False)
    progress: list[float] = []
    runner.progressed.connect(progress.append)
    with qtbot.waitSignal(runner.finished, timeout=5000) as finished:
        runner.start()
    assert finished.args == ["done"]
    assert threads and threads[0] is not threading.main_thread()
    assert progress == pytest.approx([(n + 1) / 10 for n in range(10)])


def test_can_be_cancelled_from_the_progress_dialog(qtbot) -> None:
    started = threading.Event()

    def work(progress, is_cancelled):
        started.set()
        while not is_cancelled():
            progress(0.5)
            time.sleep(0.005)
        return "partial result, never delivered"

    runner = TaskRunner(work, title="Exporting", label="Writing…", delay_ms=0)
    dialog = runner.dialog
    qtbot.addWidget(dialog)
    finished: list[object] = []
    runner.finished.connect(finished.append)
    runner.start()
    assert started.wait(5)
    qtbot.waitUntil(dialog.isVisible)
    (cancel_button,) = dialog.findChildren(QPushButton)
    assert cancel_button.text() == "Cancel"
    with qtbot.waitSignal(runner.cancelled, timeout=5000):
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    assert finished == []
    assert not runner.is_running()


def test_a_domain_error_becomes_its_sentence(qtbot) -> None:
    def work(progress, is_cancelled):
        raise InvalidValue("The spreadsheet has no ‘Count’ column. Add one and try again.")

    runner = TaskRunner(work, show_progress=False)
    with qtbot.waitSignal(runner.failed, timeout=5000) as failed:
        runner.start()
    assert failed.args == ["The spreadsheet has no ‘Count’ column. Add one and try again."]


def test_an_unexpected_error_is_logged_not_shown(qtbot) -> None:
    from app.logging_setup import configure_logging

    log_path = configure_logging()

    def work(progress, is_cancelled):
        raise ZeroDivisionError("boom")

    runner = TaskRunner(work, show_progress=False)
    with qtbot.waitSignal(runner.failed, timeout=5000) as failed:
        runner.start()
    (sentence,) = failed.args
    assert "ZeroDivisionError" not in sentence and "log file" in sentence
    assert "ZeroDivisionError: boom" in log_path.read_text(encoding="utf-8")


def test_cancel_all_waits_for_running_work(qtbot) -> None:
    from app.ui.worker import cancel_all, running_tasks

    work, _ = _counting(steps=1000, pause=0.002)
    runner = TaskRunner(work, show_progress=False)
    runner.start()
    assert runner in running_tasks()
    with qtbot.waitSignal(runner.cancelled, timeout=5000):
        cancel_all()
    assert running_tasks() == []


def test_work_shown_with_a_progress_dialog_reports_success(qtbot) -> None:
    # Closing the progress dialog at the end emits `canceled`; that must not turn a
    # finished task into a cancelled one.
    work, _ = _counting(steps=5, pause=0.01)
    runner = TaskRunner(work, title="Exporting", label="Writing…", delay_ms=0)
    qtbot.addWidget(runner.dialog)
    cancelled: list[bool] = []
    runner.cancelled.connect(lambda: cancelled.append(True))
    with qtbot.waitSignal(runner.finished, timeout=5000) as finished:
        runner.start()
    assert finished.args == ["done"]
    assert cancelled == []
    assert not runner.is_cancelled()


def test_closing_a_window_stops_its_own_work_and_not_another_window_s(qtbot) -> None:
    from PySide6.QtWidgets import QDialog, QWidget

    from app.ui.worker import cancel_tasks_of, running_tasks

    first, second = QWidget(), QWidget()
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    dialog = QDialog(first)  # work started from one of the window's dialogs is its too
    runners = []
    for owner in (first, dialog, second):
        work, _ = _counting(steps=2000, pause=0.002)
        runner = TaskRunner(work, parent=owner, show_progress=False)
        runner.start()
        runners.append(runner)
    mine, from_dialog, theirs = runners
    with qtbot.waitSignals([mine.cancelled, from_dialog.cancelled], timeout=5000):
        cancel_tasks_of(first)
    assert running_tasks() == [theirs] and theirs.is_running()
    with qtbot.waitSignal(theirs.cancelled, timeout=5000):
        cancel_tasks_of(second)
    assert running_tasks() == []
