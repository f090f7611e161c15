"""Writing an export so that it appears complete or not at all.

Every renderer writes to a temporary file beside the target and moves it into place in
one step, so a cancel, a crash or a full disk never leaves half a document, and an
existing file is untouched until the new one is ready.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.reports.export.result import ExportCancelled


@contextmanager
def atomic_output(
    out_path: Path, is_cancelled: Callable[[], bool] | None = None
) -> Iterator[Path]:
    """Yield a fresh temporary path beside `out_path`; on success it replaces `out_path`."""
    out_path = Path(out_path)
    temp = out_path.with_name(f".{out_path.name}.{uuid.uuid4().hex[:12]}.part")
    # 0o666 lets the user's umask decide the permissions, as for any file they save;
    # tempfile.mkstemp would make every export private to its owner.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    os.close(os.open(temp, flags, 0o666))
    try:
        yield temp
        if is_cancelled is not None and is_cancelled():
            raise ExportCancelled()
        os.replace(temp, out_path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
