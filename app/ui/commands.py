"""Thin undo commands: redo() and undo() each call one domain function.

A command that fails (a WorkbookError, or anything unexpected) marks itself obsolete, so
the undo stack drops it instead of keeping a step that never happened, and reports one
sentence through the open workbook.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand
from sqlalchemy.orm import Session

from app.logging_setup import get_logger
from app.ui.document import EVIDENCE, INFO, OpenWorkbook
from app.workbook.errors import InvalidValue, WorkbookError
from app.workbook.evidence import (
    RemovedEvidence,
    attach_evidence,
    remove_evidence,
    restore_evidence,
)
from app.workbook.info import EDITABLE_FIELDS, update_field

log = get_logger("ui.commands")

UNEXPECTED = (
    "The change could not be saved, so the workbook was left as it was. "
    "Try again; if it keeps happening, the details are in the log file (Help › About)."
)


class DomainCommand(QUndoCommand):
    """Base: runs one domain call per step in its own session."""

    topics: frozenset[str] = frozenset()

    def __init__(self, document: OpenWorkbook, text: str) -> None:
        super().__init__(text)
        self.document = document
        self.error: str | None = None

    def apply(self, session: Session) -> None:
        raise NotImplementedError

    def revert(self, session: Session) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step: Callable[[Session], None]) -> None:
        self.error = None
        try:
            with self.document.session() as session:
                step(session)
        except WorkbookError as error:
            self._fail(str(error))
        except Exception:
            log.exception("Command %r failed", self.text())
            self._fail(UNEXPECTED)
        else:
            self.document.committed(self.topics)

    def _fail(self, sentence: str) -> None:
        self.error = sentence
        self.setObsolete(True)
        self.document.command_failed(sentence)


class UpdateFieldCommand(DomainCommand):
    """Change one of the workbook's details (title, organisation, area, owner)."""

    topics = frozenset({INFO})

    def __init__(self, document: OpenWorkbook, field: str, old: str, new: str) -> None:
        super().__init__(document, f"Change {EDITABLE_FIELDS[field].lower()}")
        self.field, self.old, self.new = field, old, new

    def apply(self, session: Session) -> None:
        # Undo restores what the file held, even if the screen showed something older.
        self.old = update_field(session, self.field, self.new).old

    def revert(self, session: Session) -> None:
        update_field(session, self.field, self.old)


class AttachEvidenceCommand(DomainCommand):
    """Attach a file's bytes; undo removes it, redo puts the same record back."""

    topics = frozenset({EVIDENCE})

    def __init__(self, document: OpenWorkbook, name: str, data: bytes) -> None:
        super().__init__(document, f"Add evidence “{name}”")
        self.name, self.data = name, data
        self.evidence_id = uuid.uuid4()
        self._removed: RemovedEvidence | None = None

    def apply(self, session: Session) -> None:
        if self._removed is not None:
            restore_evidence(session, self._removed)
            return
        attached = attach_evidence(session, self.name, self.data, evidence_id=self.evidence_id)
        if not attached.created:
            raise InvalidValue(
                f"“{self.name}” is already in the workbook as “{attached.evidence.name}”, "
                "so it was not added again."
            )

    def revert(self, session: Session) -> None:
        self._removed = remove_evidence(session, self.evidence_id)


class RemoveEvidenceCommand(DomainCommand):
    """Remove an evidence file; undo restores it with its identity and date."""

    topics = frozenset({EVIDENCE})

    def __init__(self, document: OpenWorkbook, evidence_id: uuid.UUID, name: str) -> None:
        super().__init__(document, f"Remove evidence “{name}”")
        self.evidence_id = evidence_id
        self._removed: RemovedEvidence | None = None

    def apply(self, session: Session) -> None:
        self._removed = remove_evidence(session, self.evidence_id)

    def revert(self, session: Session) -> None:
        if self._removed is not None:
            restore_evidence(session, self._removed)
