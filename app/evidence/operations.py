"""Undoable edits of the evidence files.

Undo memory stays bounded: a command holds either the bytes of a file it may put back
or the id of one it may remove, never both, and never a second copy.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.evidence.topics import EVIDENCE
from app.workbook.changelog import record_change
from app.workbook.errors import InvalidValue
from app.workbook.evidence import (
    RemovedEvidence,
    attach_evidence,
    clean_note,
    remove_evidence,
    restore_evidence,
)
from app.workbook.models import EvidenceFile
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


@dataclass(frozen=True)
class DescribeEvidence:
    """Set an evidence file's description (its note: several lines, the text policy's rules);
    the inverse puts the previous description back."""

    evidence_id: uuid.UUID
    name: str
    note: str

    @property
    def label(self) -> str:
        return f"Describe evidence “{self.name}”"

    def apply(self, session: Session) -> Change:
        evidence = session.get(EvidenceFile, self.evidence_id)
        if evidence is None:
            raise InvalidValue(f"“{self.name}” is no longer in the workbook, so its "
                               "description could not be changed.")
        note = clean_note(self.note)
        previous = evidence.note
        evidence.note = note
        session.flush()
        summary = (f"Description of evidence “{evidence.name}” changed"
                   if note else f"Description of evidence “{evidence.name}” removed")
        record_change(session, action="evidence.describe", entity="evidence",
                      entity_id=str(evidence.id), summary=summary)
        return Change(frozenset({EVIDENCE}),
                      DescribeEvidence(self.evidence_id, evidence.name, previous),
                      ids=(self.evidence_id,))
