"""Raising an action from an audit: a group with fewer of the body's members than its
share of the area becomes a weakness in the action plan, linked to the audit and group
that raised it, as one undoable step. The action's "raised by" names them for people (who
may reword it); its origin (`origin_of`: the audit's id and the group's key) is the link,
so the same audit and group never raise a second action while the first is in the plan.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.plans.actions import list_actions
from app.plans.operations import AddAction
from app.plans.origins import action_raised_by, origin_key
from app.representation.analysis import Comparison, Line, compare
from app.representation.errors import RepresentationError
from app.representation.statistics import Verdict
from app.representation.store import AuditRow, get_audit, get_baseline, list_expanded
from app.workbook.operations import Change


def raised_by(audit: AuditRow, line: Line) -> str:
    """The action's "raised by" label."""
    return (f"Representation audit “{audit.body_label}”, {audit.audit_date:%d/%m/%Y}: "
            f"{line.label}")[:300]


def origin_of(audit_id: uuid.UUID, group_key: str) -> str:
    """The key of an action raised for the group (`Line.key`) of the audit."""
    return origin_key("representation", audit_id.hex, group_key)


def already_raised(session: Session, audit_id: uuid.UUID, line: Line) -> bool:
    return action_raised_by(session, origin_of(audit_id, line.key)) is not None


def comparison_of(session: Session, audit: AuditRow) -> Comparison:
    baseline = get_baseline(session, audit.baseline_id) if audit.baseline_id else None
    return compare(audit, baseline, list_expanded(session))


def lines_of(comparison: Comparison) -> tuple[Line, ...]:
    """The lines an action can be raised for: each group, and ethnic minorities together."""
    return (*comparison.groups, comparison.minorities)


def find_line(comparison: Comparison, group: str) -> Line:
    """The group named by its key ("asian") or its label, in any case."""
    wanted = " ".join(group.split()).casefold()
    for line in lines_of(comparison):
        if wanted in (line.key.casefold(), line.label.casefold()):
            return line
    keys = ", ".join(line.key for line in lines_of(comparison))
    raise RepresentationError(f"There is no group “{group}” in this audit; choose one of: "
                              f"{keys}.")


def why_not(line: Line) -> str | None:
    """Why no action can be raised for `line`, or None when one can."""
    m = line.metrics
    if m.verdict is Verdict.UNDER:
        return None
    if m.share is None or m.baseline_share is None:
        return (f"{line.label} cannot be compared with the area yet ({m.verdict.words.lower()}"
                "), so there is nothing to raise an action about.")
    if m.share >= m.baseline_share:
        return (f"{line.label} is not under-represented on this body: its share is at least "
                "the area's.")
    return None  # fewer than the area's share, though the difference could be chance


def proposed_values(audit: AuditRow, comparison: Comparison, line: Line) -> dict[str, str]:
    m = line.metrics
    assert m.share is not None and m.baseline_share is not None
    area = comparison.baseline.name if comparison.baseline else "the area"
    weakness = (f"{line.label} on the {audit.body_label} ({audit.audit_date:%d/%m/%Y}): "
                f"{m.verdict.words.lower()}, {m.share:.0%} of those who stated their ethnic "
                f"group against {m.baseline_share:.0%} in {area}. {m.explanation}")
    return {
        "weakness": weakness[:2000],
        "action": (f"Agree with local groups how to reach, welcome and recruit people from "
                   f"{line.label} to the {audit.body_label}.")[:2000],
        "outcome": (f"The next audit of the {audit.body_label} shows {line.label} at least "
                    f"at {area}'s share ({m.baseline_share:.0%}).")[:2000],
        "raised_by": raised_by(audit, line),
        "priority": "high" if m.verdict is Verdict.UNDER else "medium",
    }


@dataclass(frozen=True)
class RaiseGroupAction:
    """Add the action for `group` of the audit `audit_id` to the plan (refused, changing
    nothing, when the group is not under its share or already raised an action)."""

    audit_id: uuid.UUID
    group: str
    action_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def label(self) -> str:
        return "Raise action"

    def apply(self, session: Session) -> Change:
        audit = get_audit(session, self.audit_id)
        comparison = comparison_of(session, audit)
        line = find_line(comparison, self.group)
        reason = why_not(line)
        if reason:
            raise RepresentationError(reason)
        origin = origin_of(audit.id, line.key)
        existing = action_raised_by(session, origin)
        if existing is not None:
            number = next(n for n, a in enumerate(list_actions(session), 1)
                          if a.id == existing.id)
            raise RepresentationError(
                f"Action {number} of the plan was already raised for {line.label} from "
                "this audit; change that action rather than raising another.")
        values = proposed_values(audit, comparison, line)
        return AddAction(tuple(values.items()), self.action_id, origin).apply(session)
