"""An action in the workbook's action plan raised from one proofing finding.

The action's weakness is the finding's message and the words it flagged, its delivery
action the finding's suggestion, and its "raised by" names the record and the rule (a
label the user may reword). Its origin (`origin_of`: the record's and the finding's ids)
is how the plan knows a finding has raised an action already: each raises at most one.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.plans.operations import AddAction, RemoveAction
from app.plans.origins import action_raised_by, origin_key, origins_under, prefix_of
from app.proofing.models import ProofFinding, ProofRecord
from app.proofing.topics import PROOF_RECORDS
from app.workbook.errors import InvalidValue
from app.workbook.operations import Change

PRIORITY = {"error": "high", "warning": "medium", "info": "low"}


MODULE = "proofing"


def origin_of(record_id: uuid.UUID, finding_id: uuid.UUID) -> str:
    """The key of an action raised from the finding of the record (undo of a record's
    removal puts its findings back with the same ids)."""
    return origin_key(MODULE, record_id.hex, finding_id.hex)


def raised_action_id(session: Session, finding_id: uuid.UUID) -> uuid.UUID | None:
    """The action already raised from this finding, if any."""
    finding = session.get(ProofFinding, finding_id)
    if finding is None:
        return None
    action = action_raised_by(session, origin_of(finding.record_id, finding_id))
    return None if action is None else action.id


def raised_findings(session: Session, finding_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these findings have raised an action (one read per record)."""
    if not finding_ids:
        return set()
    pairs = session.execute(select(ProofFinding.id, ProofFinding.record_id)
                            .where(ProofFinding.id.in_(finding_ids))).all()
    origins: set[str] = set()
    for record_id in {record_id for _, record_id in pairs}:
        origins |= origins_under(session, prefix_of(MODULE, record_id.hex))
    return {finding_id for finding_id, record_id in pairs
            if origin_of(record_id, finding_id) in origins}


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def action_values(record: ProofRecord, finding: ProofFinding) -> dict[str, str]:
    """The new action's fields, in the seed's weakness → action → outcome shape."""
    where = " › ".join(json.loads(finding.heading_path)[1:]) or "the opening"
    version = f" (version {record.version})" if record.version else ""
    weakness = finding.message.strip()
    if finding.excerpt.strip() and not finding.document_level:
        weakness += (f" The draft says “{finding.excerpt.strip()}” (paragraph "
                     f"{finding.paragraph + 1}, under {where}).")
    suggestion, excerpt = finding.suggestion.strip(), finding.excerpt.strip()
    if suggestion and excerpt and not suggestion.endswith((".", "!", "?")):
        # A substitution rule's suggestion is the wording to use instead.
        action = f"Revise “{record.title}”: write “{suggestion}” in place of “{excerpt}”."
    elif suggestion:
        action = f"Revise “{record.title}”: {suggestion}"
    else:
        action = (f"Revise “{record.title}” so that this no longer applies: "
                  f"{finding.message.strip()}")
    raised_by = f"Proofing “{_fit(record.title, 200)}”{version}, rule {finding.rule_id}"
    return {
        "weakness": _fit(weakness, 2000),
        "action": _fit(action, 2000),
        "outcome": _fit(f"The next version of “{record.title}” is proofed without this "
                        f"finding ({finding.rule_id}).", 2000),
        "priority": PRIORITY.get(finding.severity, "medium"),
        "raised_by": _fit(raised_by, 300),
    }


@dataclass(frozen=True)
class RaiseFindingAction:
    """Add one action to the action plan from a finding, as one undoable step; a finding
    that has raised an action already is refused with a sentence."""

    finding_id: uuid.UUID
    action_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def label(self) -> str:
        return "Raise action from finding"

    def apply(self, session: Session) -> Change:
        finding = session.get(ProofFinding, self.finding_id)
        if finding is None:
            raise InvalidValue("That finding is no longer in the workbook.")
        if raised_action_id(session, self.finding_id) is not None:
            raise InvalidValue("An action has already been raised from this finding; it is "
                               "in the action plan.")
        record = session.get(ProofRecord, finding.record_id)
        assert record is not None  # a finding belongs to a record
        values = tuple(action_values(record, finding).items())
        added = AddAction(values, self.action_id, origin_of(record.id, finding.id)
                          ).apply(session)
        # The record's topic too, so its screen sees the finding has raised an action.
        return Change(added.topics | {PROOF_RECORDS},
                      WithdrawFindingAction(self.finding_id, self.action_id),
                      ids=added.ids)


@dataclass(frozen=True)
class WithdrawFindingAction:
    """The inverse of `RaiseFindingAction`: the action removed from the plan again."""

    finding_id: uuid.UUID
    action_id: uuid.UUID

    @property
    def label(self) -> str:
        return "Withdraw action raised from finding"

    def apply(self, session: Session) -> Change:
        removed = RemoveAction(self.action_id).apply(session)
        return Change(removed.topics | {PROOF_RECORDS},
                      RaiseFindingAction(self.finding_id, self.action_id), ids=removed.ids)
