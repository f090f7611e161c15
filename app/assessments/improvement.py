"""Improvement actions proposed from an assessment's lowest-rated criteria.

`propose_actions` is pure: for each shown criterion rated at one of the bottom levels of the
scale, a weakness → delivery action → outcome in the seed's shape, with what raised it.
`actions_to_raise` turns the proposals not already in the action plan into `AddAction`
operations for `RaiseActions`. Each action carries its origin (`origin_of`: the assessment's
id and the criterion), which is how the plan knows a criterion has raised one already,
whatever the user later does to the action's "raised by" or the assessment's name.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.assessments.data import AssessmentData
from app.assessments.scoring import visible_refs
from app.plans.operations import AddAction
from app.plans.origins import origin_key, origins_under, prefix_of

MODULE = "assessments"


@dataclass(frozen=True)
class ProposedAction:
    ref: str
    weakness: str
    action: str
    outcome: str
    raised_by: str
    priority: str
    origin: str


def raised_by(name: str, ref: str) -> str:
    """The action's "raised by" label (the user may reword it; `origin_of` is the link)."""
    return f"Assessment “{name}”, criterion {ref}"


def origin_of(assessment_id: uuid.UUID, ref: str) -> str:
    """The key of an action raised from criterion `ref` of the assessment."""
    return origin_key(MODULE, assessment_id.hex, ref)


def origins_of(assessment_id: uuid.UUID) -> str:
    """The prefix of every action's origin raised from the assessment."""
    return prefix_of(MODULE, assessment_id.hex)


def bottom_levels(data: AssessmentData, count: int = 1) -> list[str]:
    """The ids of the `count` lowest-scoring levels of the scale."""
    levels = sorted(data.framework.scale.levels, key=lambda level: level.score)
    return [level.id for level in levels[:max(1, count)]]


def propose_actions(data: AssessmentData, levels: int = 1) -> list[ProposedAction]:
    """An action for each shown criterion rated at the bottom `levels` level(s)."""
    framework = data.framework
    low = bottom_levels(data, levels)
    ordered = sorted(framework.scale.levels, key=lambda level: level.score)
    lowest = ordered[0].id
    visible = visible_refs(framework, data.responses)
    proposals = []
    for _place, criterion in framework.criteria():
        response = data.responses.get(criterion.ref)
        if response is None or response.answer not in low or criterion.ref not in visible:
            continue
        answer = response.answer
        assert answer is not None
        label = framework.scale.label_for(answer)
        score = next(lvl.score for lvl in ordered if lvl.id == answer)
        above = next((lvl for lvl in ordered if lvl.score > score), None)
        weakness = f"{criterion.ref} {criterion.title}: rated “{label}”."
        descriptor = criterion.descriptors.get(answer) or next(
            (lvl.descriptor for lvl in ordered if lvl.id == answer), "")
        if descriptor:
            weakness += f" {descriptor}"
        action = f"Agree and carry out steps to improve: {criterion.title}."
        if criterion.guidance:
            action += f" {criterion.guidance}"
        target = f"“{above.label}”" if above is not None else "a higher level"
        outcome = f"Criterion {criterion.ref} rated at least {target} at the next round"
        if criterion.evidence:
            outcome += f", with evidence such as {criterion.evidence[0]}"
        proposals.append(ProposedAction(
            criterion.ref, _fit(weakness), _fit(action), _fit(outcome + "."),
            raised_by(data.row.name, criterion.ref)[:300],
            "high" if answer == lowest else "medium", origin_of(data.row.id, criterion.ref)))
    return proposals


def _fit(text: str, limit: int = 2000) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def actions_to_raise(proposals: Iterable[ProposedAction], existing_origins: Iterable[str]
                     ) -> tuple[AddAction, ...]:
    """`AddAction`s for the proposals whose origin the action plan does not already hold
    (`existing_origins`, usually `raised_origins`)."""
    already = set(existing_origins)
    return tuple(
        AddAction.of(p.origin, weakness=p.weakness, action=p.action, outcome=p.outcome,
                     raised_by=p.raised_by, priority=p.priority)
        for p in proposals if p.origin not in already)


def raised_origins(session: Session, assessment_id: uuid.UUID) -> set[str]:
    """The origins of the actions already raised from the assessment."""
    return origins_under(session, origins_of(assessment_id))
