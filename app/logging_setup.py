"""The app's log file: details the user is spared (tracebacks, timings) go here.

Qt-free, so the CLI can share it. The log lives in the settings folder, which tests
redirect with `RRT_CONFIG_DIR`; the About dialog shows where it is.
"""

from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path
from types import TracebackType

from app.settings import config_dir

LOGGER_NAME = "rrt"
MAX_LOG_BYTES = 1024 * 1024
KEEP_OLD_LOGS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_handler: logging.Handler | None = None


def log_file_path() -> Path:
    return config_dir() / "logs" / "rrt.log"


def configure_logging(level: int = logging.INFO) -> Path:
    """Send the app's log records to the log file (a new one once it is large); safe
    to call more than once."""
    global _handler
    path = log_file_path()
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    if _handler is not None and Path(getattr(_handler, "baseFilename", "")) == path:
        return path
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _rotate_if_large(path)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        # A read-only profile must not stop the app from starting; log nowhere instead.
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    _handler = handler
    return path


def _rotate_if_large(path: Path) -> None:
    """Start a new log when the current one has passed MAX_LOG_BYTES, keeping the last
    KEEP_OLD_LOGS as rrt.log.1 (newest) to rrt.log.N. Done once per start rather than
    as records are written: logging.handlers' rotating handler would cost every start
    of the app its imports (sockets, pickling), and a session's log is far below 1 MB."""
    try:
        if path.stat().st_size < MAX_LOG_BYTES:
            return
    except OSError:  # no log yet
        return
    for number in range(KEEP_OLD_LOGS - 1, 0, -1):
        older = path.with_name(f"{path.name}.{number}")
        if older.exists():
            os.replace(older, path.with_name(f"{path.name}.{number + 1}"))
    os.replace(path, path.with_name(f"{path.name}.1"))


def get_logger(name: str) -> logging.Logger:
    """A logger under the app's own, e.g. get_logger("ui") → "rrt.ui"."""
    return logging.getLogger(f"{LOGGER_NAME}.{name}")


def log_uncaught(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
) -> None:
    """Write an unexpected error's full traceback to the log file."""
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    logging.getLogger(LOGGER_NAME).error("Unexpected error\n%s", text.rstrip())
    if _handler is not None:
        _handler.flush()
