"""Undoable edits of self-assessments, for the desktop app, the command line and the tests.

Each returns a `Change` whose inverse puts things back; `RaiseActions` adds improvement
actions to the action plan through the plans module's own operations, as one step.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.assessments.fields import FieldValue, assessment_label, response_label
from app.assessments.frameworks import Framework
from app.assessments.moving import (
    AssessmentState,
    add_pinned,
    capture_state,
    move_assessment,
    put_state,
    remove_pinned_if_unused,
)
from app.assessments.records import (
    DeletedAssessment,
    Values,
    create_assessment,
    delete_assessment,
    link_evidence,
    restore_assessment,
    set_answer,
    set_response_field,
    unlink_evidence,
    update_assessment,
)
from app.assessments.topics import ASSESSMENTS
from app.plans.actions import ActionRow
from app.plans.operations import AddAction, RemoveAction, RestoreAction
from app.plans.topics import ACTIONS
from app.workbook.changelog import record_change
from app.workbook.operations import Change

_TOPICS = frozenset({ASSESSMENTS})


@dataclass(frozen=True)
class CreateAssessment:
    """Start an assessment against a framework (pinned into the workbook if it is not yet)."""

    framework: Framework
    values: tuple[tuple[str, FieldValue], ...]
    assessment_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @classmethod
    def of(cls, framework: Framework, **values: FieldValue) -> CreateAssessment:
        return cls(framework, tuple(values.items()))

    @property
    def label(self) -> str:
        return "Start assessment"

    def apply(self, session: Session) -> Change:
        create_assessment(session, self.framework, dict(self.values),
                          assessment_id=self.assessment_id)
        return Change(_TOPICS, DeleteAssessment(self.assessment_id), ids=(self.assessment_id,))


@dataclass(frozen=True)
class UpdateAssessment:
    assessment_id: uuid.UUID
    field: str
    value: FieldValue

    @property
    def label(self) -> str:
        return f"Change {assessment_label(self.field).lower()}"

    def apply(self, session: Session) -> Change:
        old, _new = update_assessment(session, self.assessment_id, self.field, self.value)
        return Change(_TOPICS, UpdateAssessment(self.assessment_id, self.field, old),
                      ids=(self.assessment_id,))


@dataclass(frozen=True)
class RenameAssessment:
    assessment_id: uuid.UUID
    name: str

    @property
    def label(self) -> str:
        return "Rename assessment"

    def apply(self, session: Session) -> Change:
        old, _new = update_assessment(session, self.assessment_id, "name", self.name)
        return Change(_TOPICS, RenameAssessment(self.assessment_id, str(old)),
                      ids=(self.assessment_id,))


@dataclass(frozen=True)
class RateCriterion:
    """Rate a criterion: a level (id or label), not applicable, or None to clear it."""

    assessment_id: uuid.UUID
    ref: str
    answer: str | None

    @property
    def label(self) -> str:
        return f"Rate {self.ref}" if self.answer else f"Clear rating of {self.ref}"

    def apply(self, session: Session) -> Change:
        ref, old = set_answer(session, self.assessment_id, self.ref, self.answer)
        return Change(_TOPICS, RateCriterion(self.assessment_id, ref, old),
                      ids=(self.assessment_id, ref))


@dataclass(frozen=True)
class SetResponseField:
    """Change a response's evidence notes, confidence (high/medium/low) or comment."""

    assessment_id: uuid.UUID
    ref: str
    field: str
    value: str | None

    @property
    def label(self) -> str:
        return f"Change {response_label(self.field).lower()} of {self.ref}"

    def apply(self, session: Session) -> Change:
        ref, old = set_response_field(session, self.assessment_id, self.ref, self.field,
                                      self.value)
        return Change(_TOPICS, SetResponseField(self.assessment_id, ref, self.field, old),
                      ids=(self.assessment_id, ref))


@dataclass(frozen=True)
class LinkEvidence:
    assessment_id: uuid.UUID
    ref: str
    evidence_id: uuid.UUID

    @property
    def label(self) -> str:
        return f"Link evidence to {self.ref}"

    def apply(self, session: Session) -> Change:
        ref = link_evidence(session, self.assessment_id, self.ref, self.evidence_id)
        return Change(_TOPICS, UnlinkEvidence(self.assessment_id, ref, self.evidence_id),
                      ids=(self.assessment_id, ref))


@dataclass(frozen=True)
class UnlinkEvidence:
    assessment_id: uuid.UUID
    ref: str
    evidence_id: uuid.UUID

    @property
    def label(self) -> str:
        return f"Unlink evidence from {self.ref}"

    def apply(self, session: Session) -> Change:
        ref = unlink_evidence(session, self.assessment_id, self.ref, self.evidence_id)
        return Change(_TOPICS, LinkEvidence(self.assessment_id, ref, self.evidence_id),
                      ids=(self.assessment_id, ref))


@dataclass(frozen=True)
class DeleteAssessment:
    assessment_id: uuid.UUID

    @property
    def label(self) -> str:
        return "Delete assessment"

    def apply(self, session: Session) -> Change:
        deleted = delete_assessment(session, self.assessment_id)
        return Change(_TOPICS, RestoreAssessment(deleted), ids=(self.assessment_id,))


@dataclass(frozen=True)
class RestoreAssessment:
    deleted: DeletedAssessment

    @property
    def label(self) -> str:
        return "Restore assessment"

    def apply(self, session: Session) -> Change:
        restore_assessment(session, self.deleted)
        return Change(_TOPICS, DeleteAssessment(self.deleted.id), ids=(self.deleted.id,))


# ---------------------------------------------------------------- framework versions


@dataclass(frozen=True)
class MoveAssessmentToFrameworkVersion:
    """Move an assessment to a newer version of its framework, carrying its responses over
    by reference id (see `app.assessments.versions.plan_move` for what carries over)."""

    assessment_id: uuid.UUID
    framework: Framework
    pinned_id: uuid.UUID = field(default_factory=uuid.uuid4)  # if the version is pinned now

    @property
    def label(self) -> str:
        return f"Move assessment to version {self.framework.version}"

    def apply(self, session: Session) -> Change:
        before = capture_state(session, self.assessment_id)
        _plan, pinned = move_assessment(session, self.assessment_id, self.framework,
                                        pinned_id=self.pinned_id)
        after = capture_state(session, self.assessment_id)
        inverse = SwitchAssessmentState(before, after, added=None, removed=pinned)
        return Change(_TOPICS, inverse, ids=(self.assessment_id,))


@dataclass(frozen=True)
class SwitchAssessmentState:
    """Put an assessment's rows back exactly as `state` (the undo and redo of a move):
    `added` is a pinned framework to put back first, `removed` one no longer needed after."""

    state: AssessmentState
    other: AssessmentState
    added: Values | None
    removed: Values | None

    @property
    def label(self) -> str:
        return "Move assessment to another framework version"

    def apply(self, session: Session) -> Change:
        if self.added is not None:
            add_pinned(session, self.added)
        put_state(session, self.state)
        if self.removed is not None:
            remove_pinned_if_unused(session, dict(self.removed)["id"])
        name = dict(self.state.assessment)["name"]
        record_change(session, action="assessments.move", entity="assessment",
                      entity_id=str(self.state.id),
                      summary=f"Framework version of assessment “{name}” switched")
        inverse = SwitchAssessmentState(self.other, self.state, self.removed, self.added)
        return Change(_TOPICS, inverse, ids=(self.state.id,))


# ---------------------------------------------------------------- improvement actions


@dataclass(frozen=True)
class RaiseActions:
    """Add proposed improvement actions to the action plan, as one undoable step.

    `actions` are `AddAction` operations, usually from
    `app.assessments.improvement.actions_to_raise`.
    """

    actions: tuple[AddAction, ...]

    @property
    def label(self) -> str:
        return "Raise improvement actions"

    def apply(self, session: Session) -> Change:
        for action in self.actions:
            action.apply(session)
        ids = tuple(action.action_id for action in self.actions)
        return Change(frozenset({ACTIONS}), RemoveActions(ids), ids=ids)


@dataclass(frozen=True)
class RemoveActions:
    """The inverse of `RaiseActions`: those actions removed again."""

    action_ids: tuple[uuid.UUID, ...]

    @property
    def label(self) -> str:
        return "Remove raised actions"

    def apply(self, session: Session) -> Change:
        rows: list[ActionRow] = []
        for action_id in self.action_ids:
            change = RemoveAction(action_id).apply(session)
            assert isinstance(change.inverse, RestoreAction)
            rows.append(change.inverse.row)
        return Change(frozenset({ACTIONS}), RestoreActions(tuple(rows)), ids=self.action_ids)


@dataclass(frozen=True)
class RestoreActions:
    rows: tuple[ActionRow, ...]

    @property
    def label(self) -> str:
        return "Restore raised actions"

    def apply(self, session: Session) -> Change:
        for row in self.rows:
            RestoreAction(row).apply(session)
        ids = tuple(row.id for row in self.rows)
        return Change(frozenset({ACTIONS}), RemoveActions(ids), ids=ids)
