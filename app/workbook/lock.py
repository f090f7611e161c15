"""Exclusive ownership of a workbook while it is open.

A lock file beside the workbook records who holds it (machine, user, process). The
operating system lock taken on that file is what counts: it vanishes when the holder
exits or crashes, so a lock file left behind by a crash is recognised as stale and
taken over instead of blocking the user forever.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.workbook.errors import WorkbookInUse

# Windows locks are mandatory, so lock a byte far past the text we want others to read.
_WINDOWS_LOCK_OFFSET = 1 << 30


def lock_path_for(workbook: Path) -> Path:
    return workbook.with_name(workbook.name + ".lock")


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown user"


@dataclass(frozen=True)
class LockHolder:
    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        return f"{self.user} on {self.host}"


def _try_os_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        # flock belongs to the open file, so a second open in this same process conflicts
        # too: a second window on the same workbook is refused like a second process.
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _read_holder(path: Path) -> LockHolder | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(str(raw["user"]), str(raw["host"]), int(raw["pid"]), str(raw["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class WorkbookLock:
    """Held for as long as a workbook is open for editing."""

    def __init__(self, workbook: Path) -> None:
        self.path = lock_path_for(workbook)
        self._workbook = workbook
        self._fd: int | None = None
        self.cleared_stale_lock = False

    def acquire(self) -> None:
        existed = self.path.exists()
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_os_lock(fd):
            os.close(fd)
            holder = _read_holder(self.path)
            raise WorkbookInUse(self._workbook, holder.describe() if holder else None)
        self._fd = fd
        # We got the OS lock although a lock file was there: its owner has gone.
        self.cleared_stale_lock = existed and _read_holder(self.path) is not None
        record = {
            "user": current_user(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(record).encode("utf-8"))
        os.fsync(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        # Remove before closing so nobody else's fresh lock file is deleted by mistake.
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None
