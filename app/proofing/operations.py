"""Undoable edits of proofing records, equality schemes and the workbook's proofing
settings, for the desktop app, the command line and the tests alike.

Storing a proof and removing a record are each other's inverse: the record travels whole
(draft bytes included) only in the step that may put it back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.proofing.fields import label_of
from app.proofing.records import (
    RecordData,
    Triage,
    Value,
    remove_record,
    set_check,
    store_record,
    triage_findings,
    update_record,
)
from app.proofing.scheme import Commitment
from app.proofing.schemes_store import (
    SchemeData,
    add_scheme,
    remove_scheme,
    set_commitments,
    update_scheme,
)
from app.proofing.topics import PROOF_RECORDS, PROOF_RULES, PROOF_SCHEMES
from app.proofing.workbook_rules import (
    RuleFileData,
    add_allowed,
    add_rule_file,
    remove_allowed,
    remove_rule_file,
    set_capitals,
)
from app.workbook.operations import Change

_RECORDS = frozenset({PROOF_RECORDS})
_SCHEMES = frozenset({PROOF_SCHEMES})
_RULES = frozenset({PROOF_RULES})


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class StoreRecord:
    data: RecordData = field(repr=False)

    @property
    def label(self) -> str:
        return f"Proof “{self.data.title}”"

    def apply(self, session: Session) -> Change:
        store_record(session, self.data)
        return Change(_RECORDS, RemoveRecord(self.data.id, self.data.title),
                      ids=(self.data.id,))


@dataclass(frozen=True)
class RemoveRecord:
    record_id: uuid.UUID
    title: str = ""

    @property
    def label(self) -> str:
        return f"Remove proofing record “{self.title}”" if self.title else \
            "Remove proofing record"

    def apply(self, session: Session) -> Change:
        data = remove_record(session, self.record_id)
        return Change(_RECORDS, StoreRecord(data), ids=(self.record_id,))


@dataclass(frozen=True)
class UpdateRecord:
    """Change one field: details, a screening answer, the decision or the sign-off."""

    record_id: uuid.UUID
    field: str
    value: Value

    @property
    def label(self) -> str:
        return f"Change {label_of(self.field).lower()}" if self.field != "decision" \
            else "Record decision"

    def apply(self, session: Session) -> Change:
        old = update_record(session, self.record_id, self.field, self.value)
        return Change(_RECORDS, UpdateRecord(self.record_id, self.field, old),
                      ids=(self.record_id,))


@dataclass(frozen=True)
class SetCheck:
    record_id: uuid.UUID
    item: str
    answer: str
    note: str = ""

    @property
    def label(self) -> str:
        return "Answer checklist item"

    def apply(self, session: Session) -> Change:
        answer, note = set_check(session, self.record_id, self.item, self.answer, self.note)
        return Change(_RECORDS, SetCheck(self.record_id, self.item, answer, note),
                      ids=(self.record_id,))


@dataclass(frozen=True)
class TriageFindings:
    """Set the triage of one or more findings (dismissing needs a reason)."""

    changes: tuple[Triage, ...]

    @classmethod
    def one(cls, finding_id: uuid.UUID, state: str, reason: str = "") -> TriageFindings:
        return cls(((finding_id, state, reason),))

    @property
    def label(self) -> str:
        return "Triage finding" if len(self.changes) == 1 else "Triage findings"

    def apply(self, session: Session) -> Change:
        old = triage_findings(session, self.changes)
        return Change(_RECORDS, TriageFindings(old), ids=tuple(c[0] for c in self.changes))


# ---------------------------------------------------------------- schemes


@dataclass(frozen=True)
class AddScheme:
    data: SchemeData

    @property
    def label(self) -> str:
        return f"Add equality scheme “{self.data.name}”"

    def apply(self, session: Session) -> Change:
        add_scheme(session, self.data)
        return Change(_SCHEMES, RemoveScheme(self.data.id, self.data.name),
                      ids=(self.data.id,))


@dataclass(frozen=True)
class RemoveScheme:
    scheme_id: uuid.UUID
    name: str = ""

    @property
    def label(self) -> str:
        return f"Remove equality scheme “{self.name}”"

    def apply(self, session: Session) -> Change:
        data = remove_scheme(session, self.scheme_id)
        return Change(_SCHEMES, AddScheme(data), ids=(self.scheme_id,))


@dataclass(frozen=True)
class UpdateScheme:
    scheme_id: uuid.UUID
    field: str  # "name" or "general_duty"
    value: str | bool

    @property
    def label(self) -> str:
        return "Rename equality scheme" if self.field == "name" else \
            "Change the general duty's limbs"

    def apply(self, session: Session) -> Change:
        old = update_scheme(session, self.scheme_id, self.field, self.value)
        return Change(_SCHEMES, UpdateScheme(self.scheme_id, self.field, old),
                      ids=(self.scheme_id,))


@dataclass(frozen=True)
class SetCommitments:
    scheme_id: uuid.UUID
    commitments: tuple[Commitment, ...]

    @property
    def label(self) -> str:
        return "Change commitments"

    def apply(self, session: Session) -> Change:
        old = set_commitments(session, self.scheme_id, self.commitments)
        return Change(_SCHEMES, SetCommitments(self.scheme_id, old), ids=(self.scheme_id,))


# ---------------------------------------------------------------- allow-list and rules


@dataclass(frozen=True)
class AllowTerm:
    term: str

    @property
    def label(self) -> str:
        return f"Allow “{self.term}”"

    def apply(self, session: Session) -> Change:
        term = add_allowed(session, self.term)
        return Change(_RULES, DisallowTerm(term), ids=(term,))


@dataclass(frozen=True)
class DisallowTerm:
    term: str

    @property
    def label(self) -> str:
        return f"Take “{self.term}” off the allow-list"

    def apply(self, session: Session) -> Change:
        remove_allowed(session, self.term)
        return Change(_RULES, AllowTerm(self.term), ids=(self.term,))


@dataclass(frozen=True)
class AddRuleFile:
    data: RuleFileData

    @property
    def label(self) -> str:
        return f"Add proofing rules “{self.data.name}”"

    def apply(self, session: Session) -> Change:
        add_rule_file(session, self.data)
        return Change(_RULES, RemoveRuleFile(self.data.id, self.data.name),
                      ids=(self.data.id,))


@dataclass(frozen=True)
class RemoveRuleFile:
    file_id: uuid.UUID
    name: str = ""

    @property
    def label(self) -> str:
        return f"Remove proofing rules “{self.name}”"

    def apply(self, session: Session) -> Change:
        data = remove_rule_file(session, self.file_id)
        return Change(_RULES, AddRuleFile(data), ids=(self.file_id,))


@dataclass(frozen=True)
class SetCapitals:
    """Choose how ethnic groups are capitalised (`rules/styles.py`); undo puts back the
    style it replaced."""

    style: str

    @property
    def label(self) -> str:
        return "Change capitalisation of ethnic groups"

    def apply(self, session: Session) -> Change:
        old = set_capitals(session, self.style)
        return Change(_RULES, SetCapitals(old), ids=(self.style,))
