"""The app's log file: details the user is spared (tracebacks, timings) go here.

Qt-free, so the CLI can share it. The log lives in the settings folder, which tests
redirect with `RRT_CONFIG_DIR`; the About dialog shows where it is.
"""

from __future__ import annotations

import logging
import logging.handlers
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
    """Send the app's log records to a rotating file; safe to call more than once."""
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
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_LOG_BYTES, backupCount=KEEP_OLD_LOGS, encoding="utf-8", delay=True
        )
    except OSError:
        # A read-only profile must not stop the app from starting; log nowhere instead.
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    _handler = handler
    return path


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
