"""Where the app may write a file: every writer resolves and checks its destination here first.

Saving a copy of a workbook, `rrt copy`, `rrt new` (and, in time, exports and annotated
copies) all call `check_destination` before writing a byte. It resolves the path the way the
operating system will (symbolic links, `..`), then refuses anything that would hurt: the
workbook being copied, any workbook someone has open, a workbook's lock file or journal, a
folder, a device, a pipe or socket, a missing or read-only folder, a name with the wrong
extension, or an existing file the user did not agree to replace.

Writers write to a hidden temporary file beside the destination (`partial_path_for`) and
move it into place only when it is complete. A run that is killed leaves that file behind;
`clean_stale_partials` removes ours whose process has gone, the next time anything is
written to (or opened from) that folder.

Core module: standard library and `app.errors` only.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from app.errors import UserError

WORKBOOK_SUFFIX = ".rrwb"
# Files SQLite and the app keep beside a workbook while it is open or after a crash.
COMPANION_SUFFIXES = ("-journal", "-wal", "-shm", ".lock")
PARTIAL_MARKER = ".rrt-partial-"
_PARTIAL_NAME = re.compile(
    r"^\.(?P<name>.+)\.rrt-partial-(?P<pid>\d+)(?:-[0-9a-f]+)?(?:-journal)?$"
)

# SQLite result codes a write can end with (sqlite3 exposes them from Python 3.11).
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_READONLY = 8
_SQLITE_PERM = 3
_SQLITE_IOERR = 10

# (device, inode) of every workbook file this process holds the editing lock on; kept by
# app.workbook.lock so that checks here never open and close a file this process is using.
HELD_WORKBOOK_FILES: set[tuple[int, int]] = set()


def lock_file_for(workbook: Path) -> Path:
    """The file beside a workbook that says who has it open: `.Name.rrwb.lock`, hidden by its
    leading dot on Linux and macOS (and by its hidden attribute on Windows)."""
    return workbook.with_name(f".{workbook.name}.lock")


def legacy_lock_file_for(workbook: Path) -> Path:
    """Where earlier versions kept it (visible, without the dot)."""
    return workbook.with_name(workbook.name + ".lock")


class DestinationRefused(UserError):
    """The app will not write to the place the user chose; nothing was written."""


# ------------------------------------------------------------------------ checking


def check_destination(
    path: Path | str,
    *,
    suffix: str,
    forbidden: Iterable[Path] = (),
    overwrite: bool,
) -> Path:
    """The resolved path to write to, or `DestinationRefused` with a sentence saying why not.

    `suffix` is the extension the format needs (".rrwb", ".pdf"); `forbidden` lists files the
    caller is reading from (the source workbook), which must never be written over.
    """
    given = Path(os.fsdecode(path)).expanduser()
    resolved = Path(os.path.realpath(given))
    shown = given
    if resolved.exists() or resolved.is_symlink():
        _refuse_unless_regular(shown, resolved)
    if resolved.suffix.lower() != suffix.lower() or resolved.name.lower() == suffix.lower():
        raise DestinationRefused(
            f"“{shown.name or shown}” does not end in {suffix}. "
            f"Give a file name that ends in {suffix}."
        )
    _refuse_companion_file(shown, resolved)
    for source in forbidden:
        if _same_file(resolved, Path(source)):
            raise DestinationRefused(
                f"“{shown.name}” is the workbook being read, so it cannot be written over. "
                "Choose another name."
            )
        for companion in COMPANION_SUFFIXES:
            if _same_file(resolved, Path(str(source) + companion)):
                raise DestinationRefused(_companion_sentence(shown))
    parent = resolved.parent
    if not parent.exists():
        raise DestinationRefused(
            f"The folder {given.parent} does not exist. Choose another folder."
        )
    if not parent.is_dir():
        raise DestinationRefused(f"{given.parent} is not a folder. Choose another folder.")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise DestinationRefused(
            f"You do not have permission to save in {given.parent}. Choose another folder."
        )
    if resolved.exists():
        if resolved.suffix.lower() == WORKBOOK_SUFFIX and workbook_in_use(resolved):
            raise DestinationRefused(
                f"“{shown.name}” is a workbook that is open in the app, so it cannot be "
                "replaced. Close it there first, or choose another name."
            )
        if not overwrite:
            raise DestinationRefused(
                f"A file called “{shown.name}” already exists there. "
                "Choose another name, or choose to replace it."
            )
    return resolved


def _refuse_unless_regular(shown: Path, resolved: Path) -> None:
    try:
        mode = os.stat(resolved).st_mode
    except OSError:
        return  # a dangling link: the folder checks below decide
    if stat.S_ISDIR(mode):
        raise DestinationRefused(
            f"{shown} is a folder. Give a file name inside it instead."
        )
    if not stat.S_ISREG(mode):
        raise DestinationRefused(
            f"{shown} is not a regular file (it is a device, pipe or socket), so nothing "
            "can be saved there. Choose another name."
        )


def _companion_sentence(shown: Path) -> str:
    return (
        f"“{shown.name}” is a file a workbook keeps beside it while it is open (its lock "
        "file or journal). Choose another name."
    )


def _refuse_companion_file(shown: Path, resolved: Path) -> None:
    lowered = resolved.name.lower()
    for companion in COMPANION_SUFFIXES:
        if lowered.endswith(companion) and lowered[: -len(companion)].endswith(WORKBOOK_SUFFIX):
            raise DestinationRefused(_companion_sentence(shown))


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def workbook_in_use(path: Path) -> bool:
    """True when some process holds the workbook's editing lock (see app.workbook.lock).

    Probes the same operating-system lock the workbook lock takes on the workbook file
    itself, without keeping it.
    """
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return any(_windows_lock_held(lock) for lock in (lock_file_for(path),
                                                          legacy_lock_file_for(path)))
    try:
        info = os.stat(path)
    except OSError:
        return False
    if (info.st_dev, info.st_ino) in HELD_WORKBOOK_FILES:
        return True  # held by this process: never open and close it here (see below)
    import fcntl

    # Closing a descriptor drops this process's own SQLite locks on that file, which is
    # why workbooks this process holds are answered from HELD_WORKBOOK_FILES above.
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def _windows_lock_held(lock_file: Path) -> bool:  # pragma: no cover - Windows only
    import msvcrt

    if not lock_file.exists():
        return False
    try:
        fd = os.open(lock_file, os.O_RDWR)
    except OSError:
        return True
    try:
        os.lseek(fd, 1 << 30, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return True
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return False
    finally:
        os.close(fd)


# ------------------------------------------------------------------------ writing


def partial_path_for(destination: Path) -> Path:
    """A hidden, recognisable temporary file beside `destination`, unique to this process."""
    token = os.urandom(3).hex()  # (what secrets.token_hex does, without its imports)
    return destination.with_name(f".{destination.name}{PARTIAL_MARKER}{os.getpid()}-{token}")


def clean_stale_partials(folder: Path) -> list[Path]:
    """Remove temporary files left in `folder` by our runs that were killed; return them."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _PARTIAL_NAME.match(entry.name)
        if match is None or _pid_alive(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def commit_partial(partial: Path, destination: Path, *, overwrite: bool) -> None:
    """Move a complete temporary file into place; without `overwrite`, never replace a file."""
    if overwrite:
        os.replace(partial, destination)
        return
    try:
        os.link(partial, destination)  # fails if someone created `destination` meanwhile
    except FileExistsError:
        raise DestinationRefused(
            f"A file called “{destination.name}” already exists there. "
            "Choose another name, or choose to replace it."
        ) from None
    except OSError:
        if destination.exists():
            raise DestinationRefused(
                f"A file called “{destination.name}” already exists there. "
                "Choose another name, or choose to replace it."
            ) from None
        os.replace(partial, destination)  # filesystems without hard links
    else:
        os.unlink(partial)


def write_failed(destination: Path, error: BaseException) -> DestinationRefused:
    """The sentence for a write that failed, naming the real destination (never a temp file)."""
    code = getattr(error, "errno", None)
    sqlite_code = getattr(error, "sqlite_errorcode", None)
    primary = sqlite_code & 0xFF if isinstance(sqlite_code, int) else None
    if code in (errno.ENOSPC, errno.EDQUOT) or primary == _SQLITE_FULL:
        text = (
            f"There is not enough space to save {destination}. "
            "Free some space or choose another place; nothing was saved."
        )
    elif code in (errno.EACCES, errno.EPERM) or primary in (_SQLITE_PERM, _SQLITE_CANTOPEN):
        text = (
            f"You do not have permission to save {destination}. "
            "Choose another folder; nothing was saved."
        )
    elif code == errno.EROFS or primary == _SQLITE_READONLY:
        text = (
            f"{destination.parent} is read-only, so {destination.name} could not be saved. "
            "Choose another folder."
        )
    else:
        reason = getattr(error, "strerror", None) or (
            "the disk reported an error" if isinstance(error, sqlite3.Error) else "an error"
        )
        text = (
            f"{destination} could not be saved ({reason}). "
            "Nothing was saved there; try another folder."
        )
    return DestinationRefused(text)
