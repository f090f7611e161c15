"""Undoable edits of audits, baselines, expanded categories and the questionnaire, for the
desktop app, the command line and the tests. Each returns its inverse."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.representation import store
from app.representation.store import Answer, AuditRow, BaselineRow, ExpandedCategory
from app.representation.topics import AUDITS, BASELINES, QUESTIONNAIRE
from app.workbook.operations import Change

_AUDITS = frozenset({AUDITS})
_BASELINES = frozenset({BASELINES})


@dataclass(frozen=True)
class CreateAudit:
    row: AuditRow

    @property
    def label(self) -> str:
        return "Add audit"

    def apply(self, session: Session) -> Change:
        store.add_audit(session, self.row)
        return Change(_AUDITS, DeleteAudit(self.row.id), ids=(self.row.id,))


@dataclass(frozen=True)
class RestoreAudit:
    row: AuditRow

    @property
    def label(self) -> str:
        return "Restore audit"

    def apply(self, session: Session) -> Change:
        store.restore_audit(session, self.row)
        return Change(_AUDITS, DeleteAudit(self.row.id), ids=(self.row.id,))


@dataclass(frozen=True)
class DeleteAudit:
    audit_id: uuid.UUID

    @property
    def label(self) -> str:
        return "Remove audit"

    def apply(self, session: Session) -> Change:
        row = store.remove_audit(session, self.audit_id)
        return Change(_AUDITS, RestoreAudit(row), ids=(self.audit_id,))


@dataclass(frozen=True)
class ChangeAudit:
    audit_id: uuid.UUID
    field: str
    value: object

    @property
    def label(self) -> str:
        return f"Change {self.field.replace('_', ' ')}"

    def apply(self, session: Session) -> Change:
        old, _new = store.update_audit(session, self.audit_id, self.field, self.value)
        return Change(_AUDITS, ChangeAudit(self.audit_id, self.field, old), ids=(self.audit_id,))


@dataclass(frozen=True)
class SetCount:
    audit_id: uuid.UUID
    category: str
    count: object  # None clears the count

    @property
    def label(self) -> str:
        return "Set count"

    def apply(self, session: Session) -> Change:
        key, old, _new = store.set_count(session, self.audit_id, self.category, self.count)
        return Change(_AUDITS, SetCount(self.audit_id, key, old), ids=(self.audit_id,))


@dataclass(frozen=True)
class CreateBaseline:
    """Add a baseline typed in or imported from a file (see `baselines.read_baseline_file`)."""

    row: BaselineRow

    @property
    def label(self) -> str:
        return "Add baseline"

    def apply(self, session: Session) -> Change:
        store.add_baseline(session, self.row)
        return Change(_BASELINES, DeleteBaseline(self.row.id), ids=(self.row.id,))


@dataclass(frozen=True)
class DeleteBaseline:
    baseline_id: uuid.UUID

    @property
    def label(self) -> str:
        return "Remove baseline"

    def apply(self, session: Session) -> Change:
        row = store.remove_baseline(session, self.baseline_id)
        return Change(_BASELINES, CreateBaseline(row), ids=(self.baseline_id,))


@dataclass(frozen=True)
class AddExpandedCategory:
    category: ExpandedCategory

    @property
    def label(self) -> str:
        return "Add category"

    def apply(self, session: Session) -> Change:
        added = store.add_expanded(session, self.category)
        return Change(_AUDITS, RemoveExpandedCategory(added.id), ids=(added.id,))


@dataclass(frozen=True)
class RemoveExpandedCategory:
    category_id: uuid.UUID

    @property
    def label(self) -> str:
        return "Remove category"

    def apply(self, session: Session) -> Change:
        row = store.remove_expanded(session, self.category_id)
        return Change(_AUDITS, AddExpandedCategory(row), ids=(self.category_id,))


@dataclass(frozen=True)
class RenameExpandedCategory:
    category_id: uuid.UUID
    new_label: str

    @property
    def label(self) -> str:
        return "Rename category"

    def apply(self, session: Session) -> Change:
        old = store.rename_expanded(session, self.category_id, self.new_label)
        return Change(_AUDITS, RenameExpandedCategory(self.category_id, old),
                      ids=(self.category_id,))


@dataclass(frozen=True)
class SetAnswer:
    answer: Answer

    @property
    def label(self) -> str:
        return "Answer question"

    def apply(self, session: Session) -> Change:
        old = store.set_answer(session, self.answer)
        return Change(frozenset({QUESTIONNAIRE}), SetAnswer(old), ids=(self.answer.question,))
