"""Reading many rows at once without the garbage collector's full passes.

Loading rows through the ORM makes a few objects per row that all stay alive until the
read is done. Python's cyclic collector runs a full pass each time the objects alive have
grown by a quarter, and a full pass visits every object in the process (SQLAlchemy's own
included), so a 20,000-row read spent a fifth of its time in passes that could free
nothing. None of these objects form cycles that need collecting: reference counting frees
them all when the caller drops them.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_depth = 0  # bulk reads under way, in any thread
_was_enabled = False


@contextlib.contextmanager
def bulk_read() -> Iterator[None]:
    """Pause cyclic garbage collection for the block (nested and threaded use are fine:
    it resumes when the last block ends, if it was running when the first began)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
