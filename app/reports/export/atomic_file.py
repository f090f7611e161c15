"""Writing an export so that it appears complete or not at all.

Every renderer writes to a hidden temporary file beside the target (named so that a later
run can recognise and remove it if this one is killed) and moves it into place in one
step, so a cancel, a crash or a full disk never leaves half a document, and an existing
file is untouched until the new one is ready. A write that fails says so naming the real
file, never the temporary one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.destinations import (
    clean_stale_partials,
    commit_partial,
    partial_path_for,
    write_failed,
)
from app.reports.export.result import ExportCancelled


@contextmanager
def atomic_output(
    out_path: Path, is_cancelled: Callable[[], bool] | None = None
) -> Iterator[Path]:
    """Yield a fresh temporary path beside `out_path`; on success it replaces `out_path`."""
    out_path = Path(out_path)
    clean_stale_partials(out_path.parent)  # left by an earlier run that was killed
    temp = partial_path_for(out_path)
    # 0o666 lets the user's umask decide the permissions, as for any file they save;
    # tempfile.mkstemp would make every export private to its owner.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        os.close(os.open(temp, flags, 0o666))
    except OSError as error:
        raise write_failed(out_path, error) from error
    try:
        yield temp
        if is_cancelled is not None and is_cancelled():
            raise ExportCancelled()
        commit_partial(temp, out_path, overwrite=True)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise write_failed(out_path, error) from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
