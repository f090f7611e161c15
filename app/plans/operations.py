"""Undoable edits of the action plan, for the desktop app, the command line and the other
modules (an assessment or a proofing record raises its actions with `AddAction`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.plans.actions import ActionRow, add_action, remove_action, restore_action, update_action
from app.plans.fields import FieldValue, label_of
from app.plans.topics import ACTIONS
from app.workbook.operations import Change


@dataclass(frozen=True)
class AddAction:
    values: tuple[tuple[str, FieldValue], ...]  # (field, value) pairs: hashable, ordered
    action_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @classmethod
    def of(cls, **values: FieldValue) -> AddAction:
        return cls(tuple(values.items()))

    @property
    def label(self) -> str:
        return "Add action"

    def apply(self, session: Session) -> Change:
        add_action(session, dict(self.values), action_id=self.action_id)
        return Change(frozenset({ACTIONS}), RemoveAction(self.action_id), ids=(self.action_id,))


@dataclass(frozen=True)
class UpdateAction:
    action_id: uuid.UUID
    field: str
    value: FieldValue

    @property
    def label(self) -> str:
        return f"Change {label_of(self.field).lower()}"

    def apply(self, session: Session) -> Change:
        old, _new = update_action(session, self.action_id, self.field, self.value)
        return Change(frozenset({ACTIONS}), UpdateAction(self.action_id, self.field, old),
                      ids=(self.action_id,))


@dataclass(frozen=True)
class RemoveAction:
    action_id: uuid.UUID

    @property
    def label(self) -> str:
        return "Remove action"

    def apply(self, session: Session) -> Change:
        row = remove_action(session, self.action_id)
        return Change(frozenset({ACTIONS}), RestoreAction(row), ids=(self.action_id,))


@dataclass(frozen=True)
class RestoreAction:
    row: ActionRow

    @property
    def label(self) -> str:
        return "Restore action"

    def apply(self, session: Session) -> Change:
        restore_action(session, self.row)
        return Change(frozenset({ACTIONS}), RemoveAction(self.row.id), ids=(self.row.id,))
