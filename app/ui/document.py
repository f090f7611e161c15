"""An open workbook as the screens see it: the file, its undo stack and change signals.

Screens receive this narrow object (never the main window). Reads and edits each run in
their own short session; an edit is a Qt-free operation run through the one undo command
(undo.py), after which `changed` says which topics changed so each screen decides whether
to redraw. Topics are declared by the modules (app/*/topics.py).

What the window shows as soon as a workbook opens (its title, the navigator's counts, the
Details form) comes from `overview()`, read with plain SQL, so the first paint does not
wait for SQLAlchemy; `warm_up()` loads it on a background thread afterwards, before the
first edit.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from app.logging_setup import get_logger
from app.workbook.operations import CHANGE_LOG, Mode

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workbook.operations import Change, Operation
    from app.workbook.overview import WorkbookOverview
    from app.workbook.store import Workbook

T = TypeVar("T")

# Loaded in idle time once a workbook is on screen (see `warm_up`), with what each module
# lists: the domain services and operations every edit uses. They bring in SQLAlchemy.
CORE_WARM_UP = ("app.workbook.operations", "app.workbook.changelog", "app.ui.undo")
# Undo memory is bounded: older steps drop off the bottom of the stack.
UNDO_LIMIT = 200
WATCH_INTERVAL_MS = 2000  # how often a read-only window looks for others' changes


def warm_up_modules() -> tuple[str, ...]:
    from app.modules import modules

    return CORE_WARM_UP + tuple(name for module in modules() for name in module.warm_up)


class OpenWorkbook(QObject):
    """One workbook open for viewing or editing in this window."""

    changed = Signal(object)  # frozenset[str] of topics
    saved = Signal()  # an edit (or its undo) was committed to the file
    failed = Signal(str)  # a sentence for the user: an edit could not be made
    replayed = Signal(object, str)  # an edit undone or redone: its topics, and a note saying so
    outside_changed = Signal()  # read-only: someone else saved changes to the file

    def __init__(self, workbook: Workbook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workbook = workbook
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self.last_saved: datetime | None = None
        self.closed = False
        self._pushing = False
        self._overview: WorkbookOverview | None = None
        self._warm_up_started = False
        self.warmed_up = threading.Event()  # the start-up benchmark waits on this
        # Connected first, so the cache is gone before any screen redraws for a change.
        self.changed.connect(self._forget_overview)
        self._stamp = self._file_stamp()
        if workbook.read_only:
            # Someone may be editing it in another window or on another machine: a light
            # look at the file's size and time now and then keeps this window up to date.
            self._watch = QTimer(self)
            self._watch.setInterval(WATCH_INTERVAL_MS)
            self._watch.timeout.connect(self.check_for_outside_changes)
            self._watch.start()

    # ------------------------------------------------------------------ facts

    @property
    def path(self) -> Path:
        return self.workbook.path

    @property
    def read_only(self) -> bool:
        return self.workbook.read_only

    def title(self) -> str:
        return self.overview().title

    def overview(self) -> WorkbookOverview:
        """The details and counts, read without the ORM and kept until the next change."""
        if self._overview is None:
            self._overview = self.workbook.overview()
        return self._overview

    def _forget_overview(self, _topics: object = None) -> None:
        self._overview = None

    def warm_up(self) -> None:
        """Load the database layer and connect, so the first edit does not wait for it.

        Called once the workbook is on screen. The imports and the first connection run
        on a Python thread: on the GUI thread they would leave the window unresponsive
        for as long as the first paint took. `warmed_up` is set when done (or failed).
        """
        if self._warm_up_started:
            return
        if self.closed:
            self.warmed_up.set()
            return
        self._warm_up_started = True
        threading.Thread(target=self._warm_up_in_background, name="warm-up",
                         daemon=True).start()

    def _warm_up_in_background(self) -> None:
        try:
            for name in warm_up_modules():
                importlib.import_module(name)
            # Mappers are otherwise set up by the first query: tens of milliseconds that
            # the first screen to read through the ORM (or the first edit) would wait for.
            from sqlalchemy.orm import configure_mappers

            configure_mappers()
            if not self.closed:
                with self.workbook.engine.connect():
                    pass  # the first connection also initialises the SQLite dialect
            self._prime_modules()
        except Exception:
            # Nothing was asked of it yet: the first edit tries again and says what is wrong
            # (a workbook closed meanwhile ends up here too).
            get_logger("ui.document").warning("Warming up the database layer failed",
                                              exc_info=True)
        finally:
            self.warmed_up.set()

    def _prime_modules(self) -> None:
        """Each module's idle-time reads (`ModuleManifest.prime`), one short session each."""
        from app.modules import load_target, modules

        for module in modules():
            if module.prime is None or self.closed:
                continue
            prime = load_target(module.prime)
            with self.session() as session:
                prime(session)

    # ------------------------------------------------------------------ work

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One short unit of work (committed on success), for one user action."""
        with self.workbook.session() as session:
            yield session

    def read(self, query: Callable[[Session], T]) -> T:
        with self.session() as session:
            return query(session)

    def run(self, operation: Operation, mode: Mode = Mode.DO, *, label: str | None = None
            ) -> Change:
        """Apply one operation in its own committed session (the undo command calls this)."""
        from app.workbook.operations import perform

        with self.session() as session:
            return perform(session, operation, mode, label=label)

    def perform(self, operation: Operation) -> bool:
        """Run an edit and keep it for undo; False (nothing kept) when it failed."""
        return self.perform_all(operation.label, [operation])

    def perform_all(self, text: str, operations: Sequence[Operation]) -> bool:
        """Run several edits as one undo step; True when at least one succeeded."""
        from app.ui.undo import OperationCommand

        if self.closed:
            return False  # a late signal from a screen being torn down
        if self.read_only:
            from app.workbook.errors import WorkbookReadOnly

            self.failed.emit(str(WorkbookReadOnly()))
            return False
        errors: list[str] = []
        succeeded = 0
        commands = [OperationCommand(self, operation) for operation in operations]
        macro = len(commands) > 1
        self._pushing = True
        try:
            if macro:
                self.undo_stack.beginMacro(text)
            for command in commands:
                self.undo_stack.push(command)  # runs redo(); a failed one is dropped
                if command.error:
                    errors.append(command.error)
                else:
                    succeeded += 1
            if macro:
                self.undo_stack.endMacro()
                if not succeeded:
                    self._drop_top_command()
        finally:
            self._pushing = False
        if errors:
            self.failed.emit(" ".join(dict.fromkeys(errors)))
        return succeeded > 0

    def _drop_top_command(self) -> None:
        top = self.undo_stack.command(self.undo_stack.index() - 1)
        if top is not None:
            top.setObsolete(True)
            self.undo_stack.undo()  # an obsolete command is removed, not undone

    # ------------------------------------------------------- others' changes

    def _file_stamp(self) -> tuple[tuple[int, int], ...]:
        stamps = []
        for suffix in ("", "-wal"):
            try:
                info = os.stat(f"{self.path}{suffix}")
            except OSError:
                continue
            stamps.append((info.st_mtime_ns, info.st_size))
        return tuple(stamps)

    def check_for_outside_changes(self) -> bool:
        """Re-read everything if the file changed since we last looked; True if it had."""
        if self.closed:
            return False
        stamp = self._file_stamp()
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        from app.modules import modules

        self.changed.emit(frozenset(t for m in modules() for t in m.topics) | {CHANGE_LOG})
        self.outside_changed.emit()
        return True

    # ------------------------------------------------------- called by commands

    def committed(self, topics: frozenset[str], *, replayed: str = "") -> None:
        self._forget_overview()
        self.last_saved = datetime.now()
        self._stamp = self._file_stamp()
        self.saved.emit()
        self.changed.emit(topics | {CHANGE_LOG})
        if replayed:
            self.replayed.emit(topics, replayed)

    def command_failed(self, sentence: str) -> None:
        if not self._pushing:
            # Raised inside undo()/redo() from a menu: report once the stack is settled.
            QTimer.singleShot(0, self, lambda: self.failed.emit(sentence))

    # ------------------------------------------------------------------ close

    def close(self) -> None:
        """Release the file (and its lock); the undo history goes with it."""
        if self.closed:
            return
        self.closed = True
        if self.read_only:
            self._watch.stop()
        self.undo_stack.clear()
        self.workbook.close()
