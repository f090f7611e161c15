"""The log file: details a user is spared, kept to a few files of bounded size."""

from __future__ import annotations

import logging
from pathlib import Path

from app.logging_setup import (
    KEEP_OLD_LOGS,
    MAX_LOG_BYTES,
    configure_logging,
    get_logger,
    log_file_path,
)


def _flush() -> None:
    for handler in logging.getLogger("rrt").handlers:
        handler.flush()


def test_records_reach_the_log_file() -> None:
    path = configure_logging()
    get_logger("test").warning("a record worth keeping")
    _flush()
    assert path == log_file_path()
    assert "rrt.test: a record worth keeping" in path.read_text(encoding="utf-8")


def test_a_large_log_is_set_aside_at_start_and_only_a_few_are_kept() -> None:
    path = log_file_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    old = {n: path.with_name(f"rrt.log.{n}") for n in range(1, KEEP_OLD_LOGS + 1)}
    for number, older in old.items():
        older.write_text(f"log {number}\n", encoding="utf-8")
    path.write_text("current\n" + "x" * MAX_LOG_BYTES, encoding="utf-8")

    configure_logging()
    get_logger("test").warning("after the start")
    _flush()

    assert path.read_text(encoding="utf-8").count("\n") == 1  # a new log
    assert old[1].read_text(encoding="utf-8").startswith("current")
    for number in range(2, KEEP_OLD_LOGS + 1):
        assert old[number].read_text(encoding="utf-8") == f"log {number - 1}\n"
    assert not path.with_name(f"rrt.log.{KEEP_OLD_LOGS + 1}").exists()


def test_a_small_log_is_continued(tmp_path: Path) -> None:
    path = log_file_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("earlier\n", encoding="utf-8")
    configure_logging()
    get_logger("test").warning("later")
    _flush()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("earlier\n") and "later" in text
    assert not path.with_name("rrt.log.1").exists()
