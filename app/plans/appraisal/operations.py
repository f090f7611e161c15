"""Undoable edits of options appraisals: each one's inverse puts back exactly what it
changed (a removed option or participant comes back with its rankings)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.plans.appraisal import store
from app.plans.appraisal.models import (
    PlanAppraisal,
    PlanAppraisalOption,
    PlanAppraisalParticipant,
)
from app.plans.topics import APPRAISALS
from app.workbook.operations import Change

_TOPICS = frozenset({APPRAISALS})
_MODELS = {"appraisal": PlanAppraisal, "option": PlanAppraisalOption,
           "participant": PlanAppraisalParticipant}
_FIELDS = {"appraisal": store.APPRAISAL_FIELDS, "option": store.OPTION_FIELDS,
           "participant": store.PARTICIPANT_FIELDS}


@dataclass(frozen=True)
class AddAppraisal:
    question: str
    appraisal_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def label(self) -> str:
        return "Start options appraisal"

    def apply(self, session: Session) -> Change:
        store.add_appraisal(session, self.appraisal_id, self.question)
        return Change(_TOPICS, RemoveAppraisal(self.appraisal_id), ids=(self.appraisal_id,))


@dataclass(frozen=True)
class RemoveAppraisal:
    appraisal_id: uuid.UUID

    @property
    def label(self) -> str:
        return "Remove options appraisal"

    def apply(self, session: Session) -> Change:
        data = store.remove_appraisal(session, self.appraisal_id)
        return Change(_TOPICS, RestoreAppraisal(data), ids=(self.appraisal_id,))


@dataclass(frozen=True)
class RestoreAppraisal:
    data: store.AppraisalData

    @property
    def label(self) -> str:
        return "Restore options appraisal"

    def apply(self, session: Session) -> Change:
        d = self.data
        store.restore(session, appraisal=d.appraisal, options=d.options,
                      participants=d.participants, ranks=d.ranks,
                      summary="Restored options appraisal")
        return Change(_TOPICS, RemoveAppraisal(d.appraisal.id), ids=(d.appraisal.id,))


@dataclass(frozen=True)
class UpdateText:
    """Change one text field of an appraisal, an option or a participant."""

    kind: str  # "appraisal", "option" or "participant"
    row_id: uuid.UUID
    field: str
    value: str

    @property
    def label(self) -> str:
        rule = _FIELDS[self.kind].get(self.field)
        return f"Change {(rule.label if rule else self.field).lower()}"

    def apply(self, session: Session) -> Change:
        old = store.update_text(session, _MODELS[self.kind], self.row_id, self.field,
                                self.value)
        return Change(_TOPICS, UpdateText(self.kind, self.row_id, self.field, old),
                      ids=(self.row_id,))


@dataclass(frozen=True)
class AddOption:
    appraisal_id: uuid.UUID
    values: tuple[tuple[str, str], ...]
    option_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @classmethod
    def of(cls, appraisal_id: uuid.UUID, **values: str) -> AddOption:
        return cls(appraisal_id, tuple(values.items()))

    @property
    def label(self) -> str:
        return "Add option"

    def apply(self, session: Session) -> Change:
        store.add_option(session, self.appraisal_id, self.option_id, dict(self.values))
        return Change(_TOPICS, RemoveOption(self.option_id), ids=(self.option_id,))


@dataclass(frozen=True)
class RemoveOption:
    option_id: uuid.UUID

    @property
    def label(self) -> str:
        return "Remove option"

    def apply(self, session: Session) -> Change:
        row, ranks = store.remove_option(session, self.option_id)
        return Change(_TOPICS, RestoreOption(row, ranks), ids=(self.option_id,))


@dataclass(frozen=True)
class RestoreOption:
    row: store.OptionRow
    ranks: store.Ranks

    @property
    def label(self) -> str:
        return "Restore option"

    def apply(self, session: Session) -> Change:
        store.restore(session, options=(self.row,), ranks=self.ranks,
                      summary=f"Restored option “{self.row.title}”")
        return Change(_TOPICS, RemoveOption(self.row.id), ids=(self.row.id,))


@dataclass(frozen=True)
class AddParticipant:
    appraisal_id: uuid.UUID
    values: tuple[tuple[str, str], ...]
    participant_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @classmethod
    def of(cls, appraisal_id: uuid.UUID, **values: str) -> AddParticipant:
        return cls(appraisal_id, tuple(values.items()))

    @property
    def label(self) -> str:
        return "Add participant"

    def apply(self, session: Session) -> Change:
        store.add_participant(session, self.appraisal_id, self.participant_id,
                              dict(self.values))
        return Change(_TOPICS, RemoveParticipant(self.participant_id),
                      ids=(self.participant_id,))


@dataclass(frozen=True)
class RemoveParticipant:
    participant_id: uuid.UUID

    @property
    def label(self) -> str:
        return "Remove participant"

    def apply(self, session: Session) -> Change:
        row, ranks = store.remove_participant(session, self.participant_id)
        return Change(_TOPICS, RestoreParticipant(row, ranks), ids=(self.participant_id,))


@dataclass(frozen=True)
class RestoreParticipant:
    row: store.ParticipantRow
    ranks: store.Ranks

    @property
    def label(self) -> str:
        return "Restore participant"

    def apply(self, session: Session) -> Change:
        store.restore(session, participants=(self.row,), ranks=self.ranks,
                      summary=f"Restored participant “{self.row.name}”")
        return Change(_TOPICS, RemoveParticipant(self.row.id), ids=(self.row.id,))


@dataclass(frozen=True)
class SetRanks:
    """Set or clear (None) one participant's rank of some options; 1 is first, equal
    numbers tie."""

    participant_id: uuid.UUID
    ranks: tuple[tuple[uuid.UUID, int | None], ...]

    @property
    def label(self) -> str:
        return "Change ranking"

    def apply(self, session: Session) -> Change:
        old = store.set_ranks(session, self.participant_id, dict(self.ranks))
        return Change(_TOPICS, SetRanks(self.participant_id, tuple(old.items())),
                      ids=(self.participant_id,))
