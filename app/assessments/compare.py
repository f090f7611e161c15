"""What the assessment screen compares the selected assessment with, and the rows it shows.

Another round of the same framework (same respondent group) is a round comparison:
improved, declined, unchanged, or not comparable when a criterion is scored in only one of
the two. Another respondent group's assessment in the same round is a group comparison.
Both reuse the scoring module's comparisons, so the screen counts as the report does.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.assessments.data import AssessmentData, AssessmentRow
from app.assessments.scoring import (
    CHANGE_LABELS,
    DROPPED,
    NEW,
    Score,
    compare_groups,
    compare_rounds,
)

ROUND, GROUP = "round", "group"
NOT_COMPARABLE = "Not comparable"
DASH = "—"
NOT_SCORED = "Not scored in either"


@dataclass(frozen=True)
class Counterpart:
    """An assessment the selected one can be compared with, and how."""

    row: AssessmentRow
    kind: str  # ROUND or GROUP


@dataclass(frozen=True)
class CompareRow:
    key: str  # a section key or a criterion ref ("" for the overall score)
    title: str
    depth: int  # sections 1.., criteria and the overall line 0
    before: str  # the other assessment's score or rating, as shown
    after: str  # the selected assessment's
    change: float | None
    status: str  # what the change means, in words


@dataclass(frozen=True)
class Comparison:
    kind: str
    earlier_name: str  # the strand drawn first: the earlier round, or the other group
    later_name: str
    sections: tuple[CompareRow, ...]  # with the overall score last
    criteria: tuple[CompareRow, ...]
    counts: dict[str, int]  # how many criteria have each status


def _group_name(data: AssessmentData) -> str:
    group = data.row.respondent_group
    label = next((g.label for g in data.framework.respondent_groups if g.id == group), group)
    return label or "No group given"


def round_name(row: AssessmentRow) -> str:
    return row.round_label or row.name


def counterparts(rows: list[AssessmentRow], current: AssessmentRow) -> list[Counterpart]:
    """Every other assessment of the same framework id, oldest first: a group comparison
    when it is the same round for another respondent group, else a round comparison."""
    found = []
    for row in sorted(rows, key=lambda r: r.when):
        if row.id == current.id or row.framework_id != current.framework_id:
            continue
        same_round = bool(row.round_label) and row.round_label == current.round_label
        kind = GROUP if same_round and row.respondent_group != current.respondent_group \
            else ROUND
        found.append(Counterpart(row, kind))
    return found


def default_counterpart(found: list[Counterpart], current: AssessmentRow
                        ) -> Counterpart | None:
    """The previous round for the same respondent group, else the nearest earlier one of
    anything comparable, else the first there is."""
    earlier = [c for c in found if c.kind == ROUND and c.row.when < current.when]
    same_group = [c for c in earlier if c.row.respondent_group == current.respondent_group]
    for choice in (same_group, earlier):
        if choice:
            return max(choice, key=lambda c: c.row.when)
    return found[0] if found else None


def _score(score: Score) -> str:
    return DASH if score.value is None else f"{score.value:.2f}"


def _rating(label: str | None, value: float | None) -> str:
    return DASH if label is None or value is None else f"{label} ({value:g})"


def _status(status: str) -> str:
    # Scored in one round only (a dash in the other's column says which).
    return NOT_COMPARABLE if status in (NEW, DROPPED) else CHANGE_LABELS[status]


def compare(selected: AssessmentData, other: AssessmentData, kind: str) -> Comparison:
    """The selected assessment against `other`: a round comparison puts the earlier of the
    two first, a group comparison puts the other group first."""
    if kind == GROUP:
        return _groups(selected, other)
    earlier, later = (other, selected) if other.row.when <= selected.row.when \
        else (selected, other)
    result = compare_rounds(earlier.framework, earlier.responses, later.framework,
                            later.responses)
    sections = tuple(
        CompareRow(s.key, s.title, s.depth, _score(s.before), _score(s.after), s.change,
                   NOT_SCORED if s.before.value is None and s.after.value is None
                   else _status(s.status))
        for s in (*result.sections, result.overall))
    criteria = tuple(
        CompareRow(c.ref, c.title, 0, _rating(c.before, c.before_score),
                   _rating(c.after, c.after_score),
                   None if c.before_score is None or c.after_score is None
                   else c.after_score - c.before_score, _status(c.status))
        for c in result.criteria)
    return Comparison(ROUND, round_name(earlier.row), round_name(later.row), sections,
                      criteria, result.counts())


def _groups(selected: AssessmentData, other: AssessmentData) -> Comparison:
    mine, theirs = _group_name(selected), _group_name(other)
    if mine == theirs:  # two groups that read the same: tell them apart by name
        mine, theirs = selected.row.name, other.row.name
    result = compare_groups(selected.framework, [
        (theirs, other.framework, other.responses),
        (mine, selected.framework, selected.responses)])
    counts = dict.fromkeys(("higher", "lower", "same", "not-comparable"), 0)

    def row(key: str, title: str, depth: int, scores: tuple[Score, ...], count: bool
            ) -> CompareRow:
        before, after = scores
        if before.value is None and after.value is None:
            change, status, kind = None, NOT_SCORED, "not-comparable"
        elif before.value is None or after.value is None:
            change, status, kind = None, NOT_COMPARABLE, "not-comparable"
        else:
            change = after.value - before.value
            if abs(change) < 1e-9:
                status, kind = "Same for both", "same"
            elif change > 0:
                status, kind = f"Higher for {mine}", "higher"
            else:
                status, kind = f"Higher for {theirs}", "lower"
        if count and (before.value is not None or after.value is not None):
            counts[kind] += 1
        return CompareRow(key, title, depth, _score(before), _score(after), change, status)

    sections = tuple(row(r.key, r.title, r.depth, r.scores, False)
                     for r in (*result.sections, result.overall))
    criteria = tuple(row(r.key, r.title, 0, r.scores, True) for r in result.criteria
                     if any(s.value is not None for s in r.scores))
    return Comparison(GROUP, theirs, mine, sections, criteria, counts)


def summary(comparison: Comparison, top: float) -> str:
    """One sentence with the counts and the overall scores, for above the tables."""
    counts = comparison.counts
    overall = comparison.sections[-1]
    earlier, later = comparison.earlier_name, comparison.later_name
    if comparison.kind == ROUND:
        lead = f"From {earlier} to {later}"
        parts = [f"{counts['improved']} improved", f"{counts['declined']} declined",
                 f"{counts['unchanged']} unchanged",
                 f"{counts['new'] + counts['dropped']} not comparable (scored in one round "
                 "only)"]
        overall_text = f"{overall.before} then {overall.after}"
    else:
        lead = f"{earlier} and {later}"
        parts = [f"{counts['higher']} higher for {later}",
                 f"{counts['lower']} higher for {earlier}", f"{counts['same']} the same",
                 f"{counts['not-comparable']} not comparable (scored by one group only)"]
        overall_text = f"{overall.before} for {earlier} and {overall.after} for {later}"
    return (f"{lead}, criterion by criterion: " + ", ".join(parts) + ". Overall score "
            f"{overall_text}, on a scale to {top:g}.")
