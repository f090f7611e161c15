"""Scores, progress, data-quality warnings and comparisons: pure functions over plain data
(a `Framework` and the responses by criterion ref), so screens, reports, the command line
and roll-ups all count the same way.

The rules:
- a criterion's score is its level's score; not applicable and unanswered criteria are left
  out, and so are criteria hidden by a conditional answer (`show_when`);
- a section's score is the weighted mean (criterion weights) of the scored criteria in it
  and in its sub-sections, at every depth; the overall score is the same over every
  criterion (not a mean of section means);
- each score says how many criteria it rests on, and its share of the scale's maximum;
- progress counts answered (rated or not applicable) criteria among those shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.assessments.data import ResponseData
from app.assessments.frameworks import NOT_APPLICABLE, Criterion, Framework, Section

Responses = Mapping[str, ResponseData]
_EPSILON = 1e-9


@dataclass(frozen=True)
class Score:
    """A weighted mean score, the number of criteria it rests on and its share of the
    scale's maximum (None when nothing was scored)."""

    value: float | None
    based_on: int
    share: float | None

    def as_json(self) -> dict[str, object]:
        return {"score": self.value, "based_on": self.based_on, "share": self.share}


@dataclass(frozen=True)
class SectionScore:
    key: str  # the section's ref, or its title when it has none
    title: str
    depth: int
    score: Score
    answered: int  # shown criteria answered (rated or not applicable)
    shown: int  # criteria shown (conditional ones only when their condition holds)

    @property
    def label(self) -> str:
        return f"{self.key} {self.title}" if self.key != self.title else self.title


@dataclass(frozen=True)
class Progress:
    answered: int
    shown: int

    @property
    def share(self) -> float:
        return self.answered / self.shown if self.shown else 1.0


@dataclass(frozen=True)
class QualityWarning:
    kind: str  # one of WARNING_KINDS
    ref: str
    message: str


WARNING_KINDS = {
    "no-evidence": "Rated without evidence",
    "low-confidence": "Low confidence",
    "unanswered": "Not answered",
    "hidden-but-rated": "Rated although hidden",
}


@dataclass(frozen=True)
class Scores:
    overall: Score
    sections: tuple[SectionScore, ...]  # every section, depth first
    progress: Progress
    warnings: tuple[QualityWarning, ...]

    @property
    def top_sections(self) -> tuple[SectionScore, ...]:
        return tuple(s for s in self.sections if s.depth == 1)


# ---------------------------------------------------------------- building blocks


def section_key(section: Section) -> str:
    return section.ref if section.ref is not None else section.title


def max_score(framework: Framework) -> float:
    return max(level.score for level in framework.scale.levels)


def level_scores(framework: Framework) -> dict[str, float]:
    return {level.id: level.score for level in framework.scale.levels}


def visible_refs(framework: Framework, responses: Responses) -> set[str]:
    """The criteria shown: those without a condition, and those whose condition's criterion
    is itself shown and answered with one of the listed answers."""
    criteria = {c.ref: c for _place, c in framework.criteria()}
    memo: dict[str, bool] = {}

    def shown(ref: str, depth: int = 0) -> bool:
        if ref in memo:
            return memo[ref]
        criterion = criteria.get(ref)
        condition = criterion.show_when if criterion is not None else None
        if criterion is None:
            result = False
        elif condition is None:
            result = True
        elif depth > len(criteria):  # a circle (the loader refuses these anyway)
            result = False
        else:
            answer = _answer(responses, condition.criterion)
            result = shown(condition.criterion, depth + 1) and answer in condition.answer_in
        memo[ref] = result
        return result

    return {ref for ref in criteria if shown(ref)}


def _answer(responses: Responses, ref: str) -> str | None:
    response = responses.get(ref)
    return response.answer if response is not None else None


def _section_criteria(section: Section) -> Iterable[Criterion]:
    yield from section.criteria
    for inner in section.sections:
        yield from _section_criteria(inner)


def weighted_score(framework: Framework, criteria: Iterable[Criterion], responses: Responses,
                   visible: set[str]) -> Score:
    levels = level_scores(framework)
    total = weights = 0.0
    count = 0
    for criterion in criteria:
        answer = _answer(responses, criterion.ref)
        if criterion.ref not in visible or answer is None or answer not in levels:
            continue
        total += levels[answer] * criterion.weight
        weights += criterion.weight
        count += 1
    if not count:
        return Score(None, 0, None)
    value = total / weights
    top = max_score(framework)
    return Score(value, count, value / top if top > 0 else None)


def _answered(criteria: Iterable[Criterion], responses: Responses, visible: set[str]
              ) -> tuple[int, int]:
    shown = [c for c in criteria if c.ref in visible]
    return sum(1 for c in shown if _answer(responses, c.ref) is not None), len(shown)


# ---------------------------------------------------------------- one assessment


def section_scores(framework: Framework, responses: Responses,
                   visible: set[str] | None = None) -> tuple[SectionScore, ...]:
    """Each section's score, depth first (what a roll-up needs, without the warnings)."""
    if visible is None:
        visible = visible_refs(framework, responses)
    sections = []
    for _place, section, depth in framework.walk():
        criteria = list(_section_criteria(section))
        answered, shown = _answered(criteria, responses, visible)
        sections.append(SectionScore(section_key(section), section.title, depth,
                                     weighted_score(framework, criteria, responses, visible),
                                     answered, shown))
    return tuple(sections)


def score_assessment(framework: Framework, responses: Responses) -> Scores:
    visible = visible_refs(framework, responses)
    sections = section_scores(framework, responses, visible)
    everything = [c for _place, c in framework.criteria()]
    answered, shown = _answered(everything, responses, visible)
    return Scores(weighted_score(framework, everything, responses, visible), sections,
                  Progress(answered, shown), tuple(quality_warnings(framework, responses,
                                                                    visible)))


def quality_warnings(framework: Framework, responses: Responses,
                     visible: set[str] | None = None) -> list[QualityWarning]:
    """What to check before the results are relied on, in framework order."""
    if visible is None:
        visible = visible_refs(framework, responses)
    scale = framework.scale
    warnings = []
    for _place, criterion in framework.criteria():
        ref = criterion.ref
        response = responses.get(ref) or ResponseData()
        answer = response.answer
        if ref not in visible:
            if answer is not None:
                warnings.append(QualityWarning(
                    "hidden-but-rated", ref, f"{ref} is rated “{scale.label_for(answer)}” but "
                    "is hidden by the answer it depends on, so it is left out of the scores."))
            continue
        if answer is None:
            warnings.append(QualityWarning("unanswered", ref, f"{ref} has not been answered."))
            continue
        if not response.has_evidence:
            said = "marked not applicable" if answer == NOT_APPLICABLE else \
                f"rated “{scale.label_for(answer)}”"
            warnings.append(QualityWarning(
                "no-evidence", ref, f"{ref} is {said} with no evidence notes or linked file."))
        if response.confidence == "low":
            warnings.append(QualityWarning("low-confidence", ref,
                                           f"{ref} is answered with low confidence."))
    return warnings


# ---------------------------------------------------------------- round comparison

IMPROVED, DECLINED, UNCHANGED, NEW, DROPPED = "improved", "declined", "unchanged", "new", \
    "dropped"
CHANGE_LABELS = {IMPROVED: "Improved", DECLINED: "Declined", UNCHANGED: "Unchanged",
                 NEW: "New", DROPPED: "Dropped"}


@dataclass(frozen=True)
class CriterionChange:
    ref: str
    title: str
    before: str | None  # the answer's label in the earlier round
    after: str | None
    before_score: float | None
    after_score: float | None
    status: str  # improved, declined, unchanged, new or dropped


@dataclass(frozen=True)
class SectionChange:
    key: str
    title: str
    depth: int
    before: Score
    after: Score
    status: str

    @property
    def change(self) -> float | None:
        if self.before.value is None or self.after.value is None:
            return None
        return self.after.value - self.before.value


@dataclass(frozen=True)
class RoundComparison:
    criteria: tuple[CriterionChange, ...]
    sections: tuple[SectionChange, ...]
    overall: SectionChange

    def counts(self) -> dict[str, int]:
        found = dict.fromkeys(CHANGE_LABELS, 0)
        for change in self.criteria:
            found[change.status] += 1
        return found


def _status(before: float | None, after: float | None) -> str | None:
    if before is None and after is None:
        return None
    if before is None:
        return NEW
    if after is None:
        return DROPPED
    if after > before + _EPSILON:
        return IMPROVED
    if after < before - _EPSILON:
        return DECLINED
    return UNCHANGED


def _scored(framework: Framework, responses: Responses) -> dict[str, tuple[str, float]]:
    """Criterion ref -> (answer label, score), for the shown criteria rated at a level."""
    visible = visible_refs(framework, responses)
    levels = level_scores(framework)
    found = {}
    for _place, criterion in framework.criteria():
        answer = _answer(responses, criterion.ref)
        if criterion.ref in visible and answer in levels:
            assert answer is not None
            found[criterion.ref] = (framework.scale.label_for(answer), levels[answer])
    return found


def compare_rounds(earlier: Framework, earlier_responses: Responses, later: Framework,
                   later_responses: Responses) -> RoundComparison:
    """Two rounds of the same framework id, aligned by criterion ref (versions may differ).

    A criterion scored in both is improved, declined or unchanged; scored only in the later
    round (new to the framework, or not scored before) it is new; only in the earlier, dropped.
    Criteria scored in neither round are left out.
    """
    before, after = _scored(earlier, earlier_responses), _scored(later, later_responses)
    titles = {c.ref: c.title for _p, c in earlier.criteria()}
    titles.update({c.ref: c.title for _p, c in later.criteria()})
    order = [c.ref for _p, c in later.criteria()]
    order += [c.ref for _p, c in earlier.criteria() if c.ref not in set(order)]
    criteria = []
    for ref in order:
        b, a = before.get(ref), after.get(ref)
        status = _status(b[1] if b else None, a[1] if a else None)
        if status is not None:
            criteria.append(CriterionChange(ref, titles[ref], b[0] if b else None,
                                            a[0] if a else None, b[1] if b else None,
                                            a[1] if a else None, status))

    earlier_scores = {s.key: s for s in score_assessment(earlier, earlier_responses).sections}
    later_scores = {s.key: s for s in score_assessment(later, later_responses).sections}
    keys = list(later_scores) + [k for k in earlier_scores if k not in later_scores]
    empty = Score(None, 0, None)
    sections = []
    for key in keys:
        b_score = earlier_scores[key].score if key in earlier_scores else empty
        a_score = later_scores[key].score if key in later_scores else empty
        source = later_scores.get(key) or earlier_scores[key]
        sections.append(SectionChange(key, source.title, source.depth, b_score, a_score,
                                      _status(b_score.value, a_score.value) or UNCHANGED))
    b_all = score_assessment(earlier, earlier_responses).overall
    a_all = score_assessment(later, later_responses).overall
    overall = SectionChange("", "Overall", 0, b_all, a_all,
                            _status(b_all.value, a_all.value) or UNCHANGED)
    return RoundComparison(tuple(criteria), tuple(sections), overall)


# ---------------------------------------------------------------- group comparison


@dataclass(frozen=True)
class GroupRow:
    key: str  # a section key or a criterion ref
    title: str
    depth: int  # 0 for a criterion
    scores: tuple[Score, ...]  # one per group, in the order given

    @property
    def spread(self) -> float | None:
        """The gap between the highest and lowest group score (None under two scores)."""
        values = [s.value for s in self.scores if s.value is not None]
        return max(values) - min(values) if len(values) > 1 else None


@dataclass(frozen=True)
class GroupComparison:
    groups: tuple[str, ...]
    overall: GroupRow
    sections: tuple[GroupRow, ...]
    criteria: tuple[GroupRow, ...]


def compare_groups(framework: Framework,
                   groups: Sequence[tuple[str, Framework, Responses]]) -> GroupComparison:
    """Assessments of one framework by different respondent groups, side by side.

    `framework` gives the layout (usually the newest version); each group's answers are
    scored against its own version and aligned by section key and criterion ref.
    """
    scored = [score_assessment(own, responses) for _name, own, responses in groups]
    by_key = [{s.key: s.score for s in result.sections} for result in scored]
    empty = Score(None, 0, None)
    sections = tuple(
        GroupRow(section_key(section), section.title, depth,
                 tuple(found.get(section_key(section), empty) for found in by_key))
        for _place, section, depth in framework.walk())
    criteria_rows = []
    for _place, criterion in framework.criteria():
        scores = []
        for _name, own, responses in groups:
            mine = _scored(own, responses).get(criterion.ref)
            top = max_score(own)
            scores.append(Score(mine[1], 1, mine[1] / top if top > 0 else None) if mine
                          else empty)
        criteria_rows.append(GroupRow(criterion.ref, criterion.title, 0, tuple(scores)))
    overall = GroupRow("", "Overall", 0, tuple(result.overall for result in scored))
    return GroupComparison(tuple(name for name, _f, _r in groups), overall, sections,
                           tuple(criteria_rows))
