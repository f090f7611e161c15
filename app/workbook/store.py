"""Opening, creating, copying and closing a workbook file.

`Workbook` owns the engine and the lock; it hands out one session per user action and
never keeps one open between actions, so every edit is committed as it is made.

Opening checks the file with plain `sqlite3`, and `overview()` reads what a window or
`rrt info` shows the same way, so SQLAlchemy (a large import) loads only when the first
session or the engine is asked for; upgrading or creating a file loads it at once.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from app.destinations import (
    check_destination,
    clean_stale_partials,
    commit_partial,
    partial_path_for,
    write_failed,
)
from app.workbook import fileformat
from app.workbook.details import validate_field
from app.workbook.errors import (
    DamagedWorkbook,
    WorkbookClosed,
    WorkbookError,
    WorkbookExists,
    WorkbookInUse,
    WorkbookNeedsRecovery,
    WorkbookNeedsUpgrade,
    WorkbookReadOnly,
    WorkbookTooNew,
)
from app.workbook.location import storage_warning
from app.workbook.module_schema import modules_need_upgrade
from app.workbook.overview import WorkbookOverview, read_overview
from app.workbook.schema_check import (
    WorkbookTooSlowToRead,
    guard,
    verify_structure,
    was_interrupted,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from app.workbook.lock import WorkbookLock

# The longest any one check or look at a file may take before it is given up as unreadable.
CHECK_SECONDS = 60.0
T = TypeVar("T")


# SQLite's extended result codes for "a journal from a crash must be rolled back first".
_SQLITE_READONLY_ROLLBACK = 776
_SQLITE_READONLY = 8
_SQLITE_CANTOPEN = 14
_SQLITE_PERM = 3
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_NOTADB = 26


def needs_crash_recovery(error: BaseException) -> bool:
    """True when a read-only connection met a journal left by a crash (a "hot" journal)."""
    return getattr(error, "sqlite_errorcode", None) == _SQLITE_READONLY_ROLLBACK


def recover_after_crash(path: Path) -> None:
    """Roll back a journal left by a crash, so that read-only connections can read the file.

    SQLite rolls a hot journal back on the first read-write connection; a read-only one can
    only refuse. So: take the workbook's lock (if an editor holds it, its journal is not
    from a crash and readers simply wait for it), open read-write for one read, let go.
    """
    journal = path.with_name(path.name + "-journal")
    try:
        if journal.stat().st_size == 0:
            return
    except OSError:
        return
    from app.workbook.lock import WorkbookLock

    lock = WorkbookLock(path)
    try:
        lock.acquire()
    except WorkbookInUse:
        return
    try:
        raw = fileformat.connect(path, read_only=False)
        try:
            raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            raw.close()
    except UnicodeDecodeError as error:
        raise DamagedWorkbook(path) from error
    except (sqlite3.Error, OSError) as error:
        code = getattr(error, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if isinstance(error, PermissionError) or primary in (
            _SQLITE_READONLY, _SQLITE_CANTOPEN, _SQLITE_PERM
        ):
            raise WorkbookNeedsRecovery(path) from error
        raise DamagedWorkbook(path) from error
    finally:
        lock.release()


def integrity_problems(connection: sqlite3.Connection, *, thorough: bool = False) -> list[str]:
    """Messages from SQLite's own check; empty when the file is sound."""
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as error:
        if needs_crash_recovery(error):
            raise  # not damage: the caller recovers and tries again
        return [str(error)]
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def _copy_database(source: sqlite3.Connection, target_path: Path) -> None:
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
        # A copy must be a single complete file, like the original.
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()


def _remove_partial(partial: Path) -> None:
    for leftover in (partial, partial.with_name(partial.name + "-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def backup_file(source: sqlite3.Connection, destination: Path, *, overwrite: bool = True) -> None:
    """Copy a live database with SQLite's backup API (never a filesystem copy).

    The copy is written to a hidden temporary file beside `destination` and moved into place
    when complete; a failure leaves nothing behind and names `destination`, not the temporary.
    """
    partial = partial_path_for(destination)
    try:
        _copy_database(source, partial)
        commit_partial(partial, destination, overwrite=overwrite)
    except (OSError, sqlite3.Error) as error:
        raise write_failed(destination, error) from error
    finally:
        _remove_partial(partial)


def upgrade_backup_path(path: Path, from_version: int, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    return path.with_name(
        f"{path.stem} (backup before upgrade from format {from_version}, {stamp}){path.suffix}"
    )


class Workbook:
    """An open workbook file."""

    def __init__(
        self,
        path: Path,
        *,
        read_only: bool,
        lock: WorkbookLock | None,
        upgraded_from: int | None = None,
        backup_path: Path | None = None,
    ) -> None:
        self.path = path
        self.read_only = read_only
        self._lock = lock
        self.upgraded_from = upgraded_from
        self.backup_path = backup_path
        self.location_warning = storage_warning(path)
        self._closed = False
        # The engine and its sessionmaker, made on first use (see `_orm`): looking at a
        # workbook needs no SQLAlchemy.
        self._orm_parts: tuple[Engine, sessionmaker[Session]] | None = None
        self._orm_lock = threading.Lock()

    # ---------------------------------------------------------------- lifecycle

    @classmethod
    def create(
        cls,
        path: Path,
        *,
        title: str,
        organisation: str = "",
        area: str = "",
        owner: str = "",
    ) -> Workbook:
        """Make a new workbook file; it appears complete or not at all."""
        path = Path(path).expanduser().absolute()
        # The very rules the Details form applies to an edit.
        title = validate_field("title", title)
        organisation = validate_field("organisation", organisation)
        area = validate_field("area", area)
        owner = validate_field("owner", owner)
        path = check_destination(path, suffix=fileformat.SUFFIX, overwrite=True)
        if path.exists():
            raise WorkbookExists(path)
        clean_stale_partials(path.parent)
        partial = partial_path_for(path)
        from sqlalchemy.orm import Session

        from app.workbook.changelog import record_change
        from app.workbook.migrate import build_schema
        from app.workbook.models import WorkbookInfo
        from app.workbook.types import utcnow

        try:
            engine = build_schema(partial)
            try:
                with Session(engine) as session, session.begin():
                    now = utcnow()
                    record_change(
                        session,
                        action="workbook.create",
                        entity="workbook",
                        summary=f"Workbook “{title}” created",
                    )
                    session.add(
                        WorkbookInfo(
                            title=title,
                            organisation=organisation,
                            area=area,
                            owner=owner,
                            created_at=now,
                            updated_at=now,
                        )
                    )
            finally:
                engine.dispose()
            commit_partial(partial, path, overwrite=False)
        except Exception as error:
            cause = getattr(error, "orig", None) or error  # SQLAlchemy wraps driver errors
            if isinstance(cause, (OSError, sqlite3.Error)):
                raise write_failed(path, cause) from error
            raise
        finally:
            _remove_partial(partial)
        return cls.open(path)

    @classmethod
    def open(
        cls, path: Path, *, read_only: bool = False, quick_check: bool = True
    ) -> Workbook:
        """Open an existing workbook, refusing anything that is not a sound one of ours.

        `quick_check=False` (read-only only) leaves out SQLite's quick check of every page,
        for a caller that runs the full `integrity_problems` straight away (`rrt check`):
        the file is then read through once, not twice. The structure is checked either way.
        """
        path = Path(path).expanduser().absolute()
        header = fileformat.read_header(path)
        if header.schema_version > fileformat.SCHEMA_VERSION:
            raise WorkbookTooNew(path, header.schema_version, fileformat.SCHEMA_VERSION)
        if read_only and header.schema_version < fileformat.SCHEMA_VERSION:
            raise WorkbookNeedsUpgrade(path)
        lock = None
        if not read_only:  # (only an editor takes the lock: readers skip its imports)
            from app.workbook.lock import WorkbookLock

            lock = WorkbookLock(path)
            lock.acquire()
        # Temporary files from an earlier run that was killed while writing beside it.
        clean_stale_partials(path.parent)
        try:
            return cls._open_locked(path, header.schema_version, read_only, lock, quick_check)
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def _open_locked(
        cls,
        path: Path,
        version: int,
        read_only: bool,
        lock: WorkbookLock | None,
        quick_check: bool = True,
    ) -> Workbook:
        if read_only:
            recover_after_crash(path)
        try:
            return cls._check_and_finish_open(path, version, read_only, lock, quick_check)
        except UnicodeDecodeError as error:  # its structure holds text that is not UTF-8
            raise DamagedWorkbook(path) from error
        except sqlite3.DatabaseError as error:
            if was_interrupted(error):
                raise WorkbookTooSlowToRead(path) from error
            if not (read_only and needs_crash_recovery(error)):
                raise DamagedWorkbook(path) from error
        # An editor crashed between our look at the journal and our first read.
        recover_after_crash(path)
        try:
            return cls._check_and_finish_open(path, version, read_only, lock, quick_check)
        except UnicodeDecodeError as error:
            raise DamagedWorkbook(path) from error
        except sqlite3.DatabaseError as error:
            if needs_crash_recovery(error):
                raise WorkbookNeedsRecovery(path) from error
            raise DamagedWorkbook(path) from error

    @classmethod
    def _check_and_finish_open(
        cls,
        path: Path,
        version: int,
        read_only: bool,
        lock: WorkbookLock | None,
        quick_check: bool = True,
    ) -> Workbook:
        raw = fileformat.connect(path, read_only=read_only)
        backup_path = None
        try:
            # Structure first: a hostile trigger or view is refused before anything runs.
            verify_structure(raw, path, version)
            if quick_check or not read_only:  # (an editor always checks before writing)
                with guard(raw, seconds=CHECK_SECONDS):
                    problems = integrity_problems(raw)
                if problems:
                    raise DamagedWorkbook(path)
            needs_upgrade = (version < fileformat.SCHEMA_VERSION
                             or modules_need_upgrade(raw, path, version))
            if needs_upgrade and read_only:
                raise WorkbookNeedsUpgrade(path)
            if needs_upgrade:
                backup_path = upgrade_backup_path(path, version)
                backup_file(raw, backup_path)
        finally:
            raw.close()
        workbook = cls(path, read_only=read_only, lock=lock, backup_path=backup_path)
        if backup_path is not None:
            from app.workbook.migrate import upgrade_to_latest

            try:
                with workbook.engine.begin() as connection:
                    upgrade_to_latest(connection)
            except Exception as error:
                workbook.engine.dispose()
                raise WorkbookError(
                    f"“{path.name}” could not be upgraded, so it was left as it was. "
                    f"A backup copy is at {backup_path.name}."
                ) from error
            workbook.upgraded_from = version
        return workbook

    def close(self) -> None:
        self._closed = True
        with self._orm_lock:
            if self._orm_parts is not None:
                self._orm_parts[0].dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def cleared_stale_lock(self) -> bool:
        return self._lock is not None and self._lock.cleared_stale_lock

    # ---------------------------------------------------------------- work

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine on this file, made (and SQLAlchemy imported) on first use."""
        return self._orm()[0]

    def _orm(self) -> tuple[Engine, sessionmaker[Session]]:
        with self._orm_lock:  # a worker thread may ask at the same moment
            if self._closed:
                raise WorkbookClosed
            if self._orm_parts is None:
                self._orm_parts = self._start_orm()
            return self._orm_parts

    def _start_orm(self) -> tuple[Engine, sessionmaker[Session]]:
        from sqlalchemy import event
        from sqlalchemy.orm import sessionmaker

        from app.workbook.migrate import engine_for

        read_only = self.read_only
        engine = engine_for(self.path, read_only=read_only)
        sessions = sessionmaker(engine, expire_on_commit=False)
        if read_only:
            event.listen(sessions, "before_flush", _refuse_flush)
        return engine, sessions

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work for one user action: committed on success, rolled back on error."""
        if self._closed:
            # The lock is gone once closed: writing now could clash with another editor.
            raise WorkbookClosed
        _engine, sessions = self._orm()
        with sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException as error:
                session.rollback()
                problem = self._database_problem(error)
                if problem is not None:
                    raise problem from error
                raise

    def _database_problem(self, error: BaseException) -> WorkbookError | None:
        """A sentence for a database error met while working (a damaged or crashed file)."""
        cause = getattr(error, "orig", None) or error
        if isinstance(cause, UnicodeDecodeError):
            return DamagedWorkbook(self.path)
        if not isinstance(cause, sqlite3.DatabaseError):
            return None
        if needs_crash_recovery(cause):
            return WorkbookNeedsRecovery(self.path)
        code = getattr(cause, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "decode to UTF-8" in str(cause):
            return DamagedWorkbook(self.path)
        if primary == _SQLITE_FULL:
            return WorkbookError(
                f"There is not enough space to save changes to “{self.path.name}”. "
                "Free some space; the last change was not saved."
            )
        return None

    def save_copy(self, destination: Path, *, overwrite: bool = False) -> Path:
        """Write a complete copy of the workbook elsewhere, safely while it is open.

        Returns where the copy went (the destination, resolved).
        """
        if self._closed:
            raise WorkbookClosed
        destination = check_destination(
            destination, suffix=fileformat.SUFFIX, forbidden=(self.path,), overwrite=overwrite
        )
        clean_stale_partials(destination.parent)
        raw = fileformat.connect(self.path, read_only=True)
        try:
            backup_file(raw, destination, overwrite=overwrite)
        finally:
            raw.close()
        return destination

    def overview(self) -> WorkbookOverview:
        """The details and counts, read through a short read-only connection (no ORM)."""
        if self._closed:
            raise WorkbookClosed
        return self._read(read_overview)

    def integrity_problems(self, *, thorough: bool = True) -> list[str]:
        return self._read(lambda raw: integrity_problems(raw, thorough=thorough))

    def read(self, reader: Callable[[sqlite3.Connection], T]) -> T:
        """Run `reader` on a short read-only connection (no ORM), as the overview is read."""
        if self._closed:
            raise WorkbookClosed
        return self._read(reader)

    def _read(self, reader: Callable[[sqlite3.Connection], T]) -> T:
        """Run `reader` on a short read-only connection, recovering once after a crash."""
        for attempt in (1, 2):
            try:
                raw = fileformat.connect(self.path, read_only=True)
                try:
                    with guard(raw, seconds=CHECK_SECONDS):
                        return reader(raw)
                finally:
                    raw.close()
            except UnicodeDecodeError as error:  # text that is not UTF-8: damage
                raise DamagedWorkbook(self.path) from error
            except sqlite3.DatabaseError as error:
                if was_interrupted(error):
                    raise WorkbookTooSlowToRead(self.path) from error
                if not needs_crash_recovery(error):
                    raise DamagedWorkbook(self.path) from error
                if attempt == 2:
                    raise WorkbookNeedsRecovery(self.path) from error
                recover_after_crash(self.path)
        raise AssertionError("unreachable")

    def schema_version(self) -> int:
        return fileformat.read_header(self.path).schema_version


def _refuse_flush(session: Session, flush_context: Any, instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        raise WorkbookReadOnly
