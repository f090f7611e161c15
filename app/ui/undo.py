"""The one undo command: runs any Qt-free operation (app/workbook/operations.py) on the
window's QUndoStack.

redo() runs the operation (or, after an undo, the inverse of the inverse); undo() runs the
inverse the last run returned. The command keeps only the next step it needs, so undo
memory holds one copy of anything (say a removed file's bytes) at most.

A step that fails (a UserError, or anything unexpected) marks the command obsolete, so
the stack drops it instead of keeping a step that never happened, and the open workbook
reports one sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from app.errors import UserError
from app.logging_setup import get_logger
from app.workbook.operations import Mode

if TYPE_CHECKING:
    from app.ui.document import OpenWorkbook
    from app.workbook.operations import Change, Operation

log = get_logger("ui.undo")

UNEXPECTED = (
    "The change could not be saved, so the workbook was left as it was. "
    "Try again; if it keeps happening, the details are in the log file (Help › About)."
)


class OperationCommand(QUndoCommand):
    def __init__(self, document: OpenWorkbook, operation: Operation) -> None:
        super().__init__(operation.label)
        self.document = document
        self.error: str | None = None
        self._redo_step: Operation | None = operation
        self._redo_mode = Mode.DO
        self._undo_step: Operation | None = None

    def held_steps(self) -> tuple[Operation, ...]:
        """What the command keeps for its next undo or redo (at most one step)."""
        return tuple(step for step in (self._redo_step, self._undo_step) if step is not None)

    def redo(self) -> None:
        change = self._run(self._redo_step, self._redo_mode)
        if change is not None:
            self._undo_step, self._redo_step = change.inverse, None
            self._redo_mode = Mode.REDO

    def undo(self) -> None:
        change = self._run(self._undo_step, Mode.UNDO)
        if change is not None:
            self._redo_step, self._undo_step = change.inverse, None

    def _run(self, step: Operation | None, mode: Mode) -> Change | None:
        self.error = None
        if step is None:  # a change that cannot be reversed
            self._fail("That change cannot be undone.")
            return None
        try:
            change = self.document.run(step, mode, label=self.text())
        except UserError as error:
            self._fail(str(error))
            return None
        except Exception:
            log.exception("Edit %r failed", self.text())
            self._fail(UNEXPECTED)
            return None
        replayed = {Mode.UNDO: "Undone", Mode.REDO: "Redone"}.get(mode)
        self.document.committed(change.all_topics,
                                replayed=f"{replayed}: {self.text()}" if replayed else "")
        return change

    def _fail(self, sentence: str) -> None:
        self.error = sentence
        self.setObsolete(True)
        self.document.command_failed(sentence)
