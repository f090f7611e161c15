"""Exclusive ownership of a workbook while it is open.

What counts is an operating-system lock that vanishes when the holder exits or crashes,
so a lock left behind by a crash is taken over instead of blocking the user forever.

- On Linux and macOS it is a `flock` on the workbook file itself. It does not depend on
  any other file's name surviving: deleting or replacing the lock file does not let a
  second editor in. (`flock` locks are separate from the POSIX byte-range locks SQLite
  takes on the same file, so SQLite works as before.)
- On Windows it is a byte lock on the lock file, which Windows will not let anyone delete
  while it is open.

The lock file beside the workbook records who holds it (machine, person, process), so the
next person can be told who has it. It is hidden: `.Name.rrwb.lock` (the dot hides it on
Linux and macOS), with the hidden attribute set on Windows.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.destinations import HELD_WORKBOOK_FILES, legacy_lock_file_for, lock_file_for
from app.settings import display_name
from app.workbook.errors import WorkbookError, WorkbookInUse, WorkbookNotFound

# Windows locks are mandatory, so lock a byte far past the text we want others to read.
_WINDOWS_LOCK_OFFSET = 1 << 30


def lock_path_for(workbook: Path) -> Path:
    return lock_file_for(workbook)


def _hide(path: Path) -> None:  # pragma: no cover - Windows only
    """Set the hidden attribute, so the lock file does not clutter the folder."""
    import ctypes

    file_attribute_hidden = 0x2
    ctypes.windll.kernel32.SetFileAttributesW(str(path), file_attribute_hidden)  # type: ignore[attr-defined]


def _legacy_lock_held(workbook: Path) -> bool:  # pragma: no cover - Windows only
    """An older version on another computer locks the old, visible lock file instead."""
    legacy = legacy_lock_file_for(workbook)
    if not legacy.exists():
        return False
    try:
        fd = os.open(legacy, os.O_RDWR)
    except OSError:
        return True  # Windows refuses to open a file another process holds this way
    try:
        if not _try_os_lock(fd):
            return True
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return False
    finally:
        os.close(fd)


def current_user() -> str:
    """The person to name as holding a lock or making a change (Edit › Preferences…)."""
    return display_name()


@dataclass(frozen=True)
class LockHolder:
    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        return f"{self.user} on {self.host}"


def _try_os_lock(fd: int) -> bool:  # pragma: no cover - Windows only
    import msvcrt

    os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
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
        self._fd: int | None = None  # the descriptor the operating-system lock is on
        self._identity: tuple[int, int] | None = None
        self.cleared_stale_lock = False

    def _in_use(self) -> WorkbookInUse:
        holder = _read_holder(self.path)
        return WorkbookInUse(self._workbook, holder.describe() if holder else None)

    def acquire(self) -> None:
        existed = self.path.exists()
        if sys.platform == "win32":  # pragma: no cover - Windows only
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_os_lock(fd) or _legacy_lock_held(self._workbook):
                os.close(fd)
                raise self._in_use()
            with contextlib.suppress(OSError):
                _hide(self.path)
        else:
            fd = self._lock_workbook_file()
        self._fd = fd
        # We got the OS lock although a lock file was there: its owner has gone.
        self.cleared_stale_lock = existed and _read_holder(self.path) is not None
        # The holder text is a courtesy; the lock itself is held either way.
        with contextlib.suppress(OSError):
            self._write_holder(fd if sys.platform == "win32" else None)
        if self._identity is not None:
            HELD_WORKBOOK_FILES.add(self._identity)

    def _lock_workbook_file(self) -> int:
        try:
            before = os.stat(self._workbook)
        except FileNotFoundError:
            raise WorkbookNotFound(self._workbook) from None
        identity = (before.st_dev, before.st_ino)
        if identity in HELD_WORKBOOK_FILES:
            # Held by this process already: a second window is refused like a second
            # process, without opening (and closing) the file, which would drop SQLite's
            # own locks on it.
            raise self._in_use()
        try:
            fd = os.open(self._workbook, os.O_RDONLY)
        except OSError as error:
            raise WorkbookError(
                f"“{self._workbook.name}” could not be opened ({error.strerror}). "
                "Check that you may read it, or copy it to a folder of your own."
            ) from error
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise self._in_use() from None
        # The name must still lead to the file we locked (it was not swapped meanwhile).
        after = os.fstat(fd)
        try:
            current = os.stat(self._workbook)
        except OSError:
            current = None
        if current is None or (current.st_dev, current.st_ino) != (after.st_dev, after.st_ino):
            os.close(fd)
            raise self._in_use()
        self._identity = (after.st_dev, after.st_ino)
        return fd

    def _write_holder(self, fd: int | None) -> None:
        import socket  # only an editor taking the lock needs it

        record = {
            "user": current_user(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        data = json.dumps(record).encode("utf-8")
        if fd is not None:  # Windows: the locked lock file itself
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, data)
            os.fsync(fd)
            return
        # Replace whatever is there (a stale record, or a link someone planted) atomically.
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(handle, data)
            os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temporary, self.path)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if sys.platform == "win32":  # pragma: no cover - Windows only
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
        # Remove before unlocking so nobody else's fresh lock file is deleted by mistake.
        with contextlib.suppress(OSError):
            self.path.unlink()
        if self._identity is not None:
            HELD_WORKBOOK_FILES.discard(self._identity)
            self._identity = None
        os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None
