"""Undoable edits of the evidence files.

Undo memory stays bounded: a command holds either the bytes of a file it may put back
or the id of one it may remove, never both, and never a second copy.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.evidence.topics import EVIDENCE
from app.workbook.errors import InvalidValue
from app.workbook.evidence import (
    RemovedEvidence,
    attach_evidence,
    remove_evidence,
    restore_evidence,
)
from app.workbook.operations import Change


@dataclass(frozen=True)
class AttachEvidence:
    """Attach a file's bytes under a name."""

    name: str
    data: bytes = field(repr=False)
    evidence_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def label(self) -> str:
        return f"Add evidence “{self.name}”"

    def apply(self, session: Session) -> Change:
        attached = attach_evidence(session, self.name, self.data, evidence_id=self.evidence_id)
        if not attached.created:
            raise InvalidValue(
                f"“{self.name}” is already in the workbook as “{attached.evidence.name}”, "
                "so it was not added again."
            )
        return Change(frozenset({EVIDENCE}), RemoveEvidence(self.evidence_id, self.name),
                      ids=(self.evidence_id,))


@dataclass(frozen=True)
class RemoveEvidence:
    """Remove an evidence file; the inverse puts it back with its identity and date."""

    evidence_id: uuid.UUID
    name: str

    @property
    def label(self) -> str:
        return f"Remove evidence “{self.name}”"

    def apply(self, session: Session) -> Change:
        removed = remove_evidence(session, self.evidence_id)
        return Change(frozenset({EVIDENCE}), RestoreEvidence(removed), ids=(self.evidence_id,))


@dataclass(frozen=True)
class RestoreEvidence:
    """Put back a removed file exactly as it was."""

    removed: RemovedEvidence = field(repr=False)

    @property
    def label(self) -> str:
        return f"Restore evidence “{self.removed.name}”"

    def apply(self, session: Session) -> Change:
        restore_evidence(session, self.removed)
        return Change(frozenset({EVIDENCE}), RemoveEvidence(self.removed.id, self.removed.name),
                      ids=(self.removed.id,))
