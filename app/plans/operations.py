"""Undoable edits of the action plan, for the desktop app, the command line and the other
modules (an assessment or a proofing record raises its actions with `AddAction`).

Every operation's inverse puts back exactly what it changed: removing an action keeps its
partners, notes and dependencies (both ways) so that undo restores them all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from app.plans.actions import ActionRow, add_action, remove_action, restore_action, update_action
from app.plans.fields import FieldValue, label_of
from app.plans.links import (
    ActionLinks,
    NoteRow,
    PartnerRow,
    add_dependency,
    add_note,
    add_partner,
    attach_links,
    detach_links,
    remove_dependency,
    remove_note,
    remove_partner,
    restore_note,
    restore_partner,
    set_partner_role,
)
from app.plans.topics import ACTIONS
from app.workbook.operations import Change, Operation

_TOPICS = frozenset({ACTIONS})


@dataclass(frozen=True)
class AddAction:
    values: tuple[tuple[str, FieldValue], ...]  # (field, value) pairs: hashable, ordered
    action_id: uuid.UUID = field(default_factory=uuid.uuid4)
    origin: str = ""  # the raising module's key (`app.plans.origins`); "" when typed

    @classmethod
    def of(cls, origin: str = "", **values: FieldValue) -> AddAction:
        return cls(tuple(values.items()), origin=origin)

    @property
    def label(self) -> str:
        return "Add action"

    def apply(self, session: Session) -> Change:
        add_action(session, dict(self.values), action_id=self.action_id, origin=self.origin)
        return Change(_TOPICS, RemoveAction(self.action_id), ids=(self.action_id,))


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
        return Change(_TOPICS, UpdateAction(self.action_id, self.field, old),
                      ids=(self.action_id,))


@dataclass(frozen=True)
class RemoveAction:
    action_id: uuid.UUID

    @property
    def label(self) -> str:
        return "Remove action"

    def apply(self, session: Session) -> Change:
        links = detach_links(session, self.action_id)
        row = remove_action(session, self.action_id)
        return Change(_TOPICS, RestoreAction(row, links), ids=(self.action_id,))


@dataclass(frozen=True)
class RestoreAction:
    row: ActionRow
    links: ActionLinks = field(default_factory=ActionLinks)

    @property
    def label(self) -> str:
        return "Restore action"

    def apply(self, session: Session) -> Change:
        restore_action(session, self.row)
        attach_links(session, self.links)
        return Change(_TOPICS, RemoveAction(self.row.id), ids=(self.row.id,))


# ---------------------------------------------------------------------- partners

@dataclass(frozen=True)
class AddPartner:
    action_id: uuid.UUID
    name: str
    role: str = "supports"
    partner_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def label(self) -> str:
        return "Add partner"

    def apply(self, session: Session) -> Change:
        add_partner(session, self.action_id, self.name, self.role, self.partner_id)
        return Change(_TOPICS, RemovePartner(self.partner_id), ids=(self.action_id,))


@dataclass(frozen=True)
class SetPartnerRole:
    partner_id: uuid.UUID
    role: str

    @property
    def label(self) -> str:
        return "Change partner's role"

    def apply(self, session: Session) -> Change:
        old = set_partner_role(session, self.partner_id, self.role)
        return Change(_TOPICS, SetPartnerRole(self.partner_id, old), ids=(self.partner_id,))


@dataclass(frozen=True)
class RemovePartner:
    partner_id: uuid.UUID

    @property
    def label(self) -> str:
        return "Remove partner"

    def apply(self, session: Session) -> Change:
        row = remove_partner(session, self.partner_id)
        return Change(_TOPICS, RestorePartner(row), ids=(row.action_id,))


@dataclass(frozen=True)
class RestorePartner:
    row: PartnerRow

    @property
    def label(self) -> str:
        return "Restore partner"

    def apply(self, session: Session) -> Change:
        restore_partner(session, self.row)
        return Change(_TOPICS, RemovePartner(self.row.id), ids=(self.row.action_id,))


# ---------------------------------------------------------------------- dependencies

@dataclass(frozen=True)
class AddDependency:
    """`action_id` depends on `depends_on_id`; refused if that would close a circle."""

    action_id: uuid.UUID
    depends_on_id: uuid.UUID

    @property
    def label(self) -> str:
        return "Add dependency"

    def apply(self, session: Session) -> Change:
        add_dependency(session, self.action_id, self.depends_on_id)
        return Change(_TOPICS, RemoveDependency(self.action_id, self.depends_on_id),
                      ids=(self.action_id,))


@dataclass(frozen=True)
class RemoveDependency:
    action_id: uuid.UUID
    depends_on_id: uuid.UUID

    @property
    def label(self) -> str:
        return "Remove dependency"

    def apply(self, session: Session) -> Change:
        remove_dependency(session, self.action_id, self.depends_on_id)
        return Change(_TOPICS, AddDependency(self.action_id, self.depends_on_id),
                      ids=(self.action_id,))


# ---------------------------------------------------------------------- progress notes

@dataclass(frozen=True)
class AddNote:
    action_id: uuid.UUID
    text: str
    noted_on: date | str | None = None  # today when not given
    note_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def label(self) -> str:
        return "Add progress note"

    def apply(self, session: Session) -> Change:
        add_note(session, self.action_id, self.noted_on, self.text, self.note_id)
        return Change(_TOPICS, RemoveNote(self.note_id), ids=(self.action_id,))


@dataclass(frozen=True)
class RemoveNote:
    note_id: uuid.UUID

    @property
    def label(self) -> str:
        return "Remove progress note"

    def apply(self, session: Session) -> Change:
        row = remove_note(session, self.note_id)
        return Change(_TOPICS, RestoreNote(row), ids=(row.action_id,))


@dataclass(frozen=True)
class RestoreNote:
    row: NoteRow

    @property
    def label(self) -> str:
        return "Restore progress note"

    def apply(self, session: Session) -> Change:
        restore_note(session, self.row)
        return Change(_TOPICS, RemoveNote(self.row.id), ids=(self.row.action_id,))


# ---------------------------------------------------------------------- several at once

@dataclass(frozen=True)
class Steps:
    """Several operations as one undo step (e.g. a template's actions and their
    dependencies); undone in reverse order."""

    steps: tuple[Operation, ...]
    name: str = "Change action plan"

    @property
    def label(self) -> str:
        return self.name

    def apply(self, session: Session) -> Change:
        inverses: list[Operation] = []
        ids: list[uuid.UUID | str] = []
        topics: set[str] = set()
        for step in self.steps:
            change = step.apply(session)
            assert change.inverse is not None
            inverses.append(change.inverse)
            ids.extend(change.ids)
            topics |= change.topics
        return Change(frozenset(topics), Steps(tuple(reversed(inverses)), self.name),
                      ids=tuple(ids))
