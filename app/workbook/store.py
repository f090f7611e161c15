"""Opening, creating, copying and closing a workbook file.

`Workbook` owns the engine and the lock; it hands out one session per user action and
never keeps one open between actions, so every edit is committed as it is made.

Opening checks the file with plain `sqlite3`, and `overview()` reads what a window or
`rrt info` shows the same way, so SQLAlchemy (a large import) loads only when the first
session or the engine is asked for; upgrading or creating a file loads it at once.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.workbook import fileformat
from app.workbook.details import validate_field
from app.workbook.errors import (
    DamagedWorkbook,
    InvalidValue,
    WorkbookClosed,
    WorkbookError,
    WorkbookExists,
    WorkbookNeedsUpgrade,
    WorkbookReadOnly,
    WorkbookTooNew,
)
from app.workbook.location import storage_warning
from app.workbook.lock import WorkbookLock
from app.workbook.module_schema import modules_need_upgrade
from app.workbook.overview import WorkbookOverview, read_overview

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

def integrity_problems(connection: sqlite3.Connection, *, thorough: bool = False) -> list[str]:
    """Messages from SQLite's own check; empty when the file is sound."""
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as error:
        return [str(error)]
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def backup_file(source: sqlite3.Connection, destination: Path) -> None:
    """Copy a live database with SQLite's backup API (never a filesystem copy)."""
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    target = sqlite3.connect(partial)
    try:
        source.backup(target)
        # A copy must be a single complete file, like the original.
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    os.replace(partial, destination)


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
        if path.exists():
            raise WorkbookExists(path)
        if not path.parent.is_dir():
            raise InvalidValue(f"The folder {path.parent} does not exist. Choose another folder.")
        partial = path.with_name(path.name + ".partial")
        partial.unlink(missing_ok=True)
        from sqlalchemy.orm import Session

        from app.workbook.changelog import record_change
        from app.workbook.migrate import build_schema
        from app.workbook.models import WorkbookInfo
        from app.workbook.types import utcnow

        try:
            engine = build_schema(partial)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
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
        except BaseException:
            engine.dispose()
            partial.unlink(missing_ok=True)
            raise
        engine.dispose()
        try:
            os.link(partial, path)  # fails if someone created `path` meanwhile
        except FileExistsError:
            partial.unlink(missing_ok=True)
            raise WorkbookExists(path) from None
        except OSError:
            os.replace(partial, path)  # filesystems without hard links
        else:
            partial.unlink()
        return cls.open(path)

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> Workbook:
        """Open an existing workbook, refusing anything that is not a sound one of ours."""
        path = Path(path).expanduser().absolute()
        header = fileformat.read_header(path)
        if header.schema_version > fileformat.SCHEMA_VERSION:
            raise WorkbookTooNew(path, header.schema_version, fileformat.SCHEMA_VERSION)
        if read_only and header.schema_version < fileformat.SCHEMA_VERSION:
            raise WorkbookNeedsUpgrade(path)
        lock = None if read_only else WorkbookLock(path)
        if lock is not None:
            lock.acquire()
        try:
            return cls._open_locked(path, header.schema_version, read_only, lock)
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def _open_locked(
        cls, path: Path, version: int, read_only: bool, lock: WorkbookLock | None
    ) -> Workbook:
        try:
            raw = fileformat.connect(path, read_only=read_only)
        except sqlite3.DatabaseError as error:
            raise DamagedWorkbook(path) from error
        backup_path = None
        try:
            if integrity_problems(raw):
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
            except BaseException:
                session.rollback()
                raise

    def save_copy(self, destination: Path) -> None:
        """Write a complete copy of the workbook elsewhere, safely while it is open."""
        destination = Path(destination).expanduser().absolute()
        if destination == self.path:
            raise InvalidValue("Choose a different name for the copy; this is the open workbook.")
        if not destination.parent.is_dir():
            raise InvalidValue(f"The folder {destination.parent} does not exist.")
        raw = fileformat.connect(self.path, read_only=True)
        try:
            backup_file(raw, destination)
        finally:
            raw.close()

    def overview(self) -> WorkbookOverview:
        """The details and counts, read through a short read-only connection (no ORM)."""
        if self._closed:
            raise WorkbookClosed
        raw = fileformat.connect(self.path, read_only=True)
        try:
            return read_overview(raw)
        finally:
            raw.close()

    def integrity_problems(self, *, thorough: bool = True) -> list[str]:
        raw = fileformat.connect(self.path, read_only=True)
        try:
            return integrity_problems(raw, thorough=thorough)
        finally:
            raw.close()

    def schema_version(self) -> int:
        return fileformat.read_header(self.path).schema_version


def _refuse_flush(session: Session, flush_context: Any, instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        raise WorkbookReadOnly
