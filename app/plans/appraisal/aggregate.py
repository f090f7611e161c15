"""The group's view of the options: Borda count, mean rank and Kendall's W.

Pure arithmetic over plain values, so the screen, the report and `rrt appraisal show` agree.

How a participant's ranking is read (partial rankings and ties allowed):

- Ranks are numbers, 1 first. Equal numbers are a tie; gaps do not matter (1, 1, 3 reads
  the same as 1, 1, 2).
- Each option gets a *position* from 1 to m (m options). Tied options share the average
  of the positions they occupy: two options tied first both sit at 1.5.
- Options a participant left unranked come after every ranked one and share the remaining
  positions the same way: with 4 options and 1 ranked, the other 3 sit at (2+3+4)/3 = 3.
- A participant who ranked nothing is left out of every figure.

Then, over the n participants who ranked something:

- **Borda count**: an option at position p gets m - p points (first m - 1, last 0), so a
  tie or an unranked group shares out exactly the points of the places it covers. The
  most anyone can score is n(m - 1).
- **Mean rank**: the average position (lower is better).
- **Kendall's W** (coefficient of concordance), corrected for ties:
  W = 12 S / (n²(m³ - m) - n ΣT), where S is the sum of squared differences between each
  option's total of positions and their average n(m + 1)/2, and T = Σ(t³ - t) over each
  participant's groups of t tied options (an unranked group counts as a tie). W runs from 0
  (the rankings look unrelated) to 1 (everyone put the options in the same order). It needs
  at least two participants and two options, and is not defined when every participant
  ties everything.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

Ranking = Mapping[uuid.UUID, int]  # option id → rank (1 first); unranked options absent


def positions(options: Sequence[uuid.UUID], ranking: Ranking) -> dict[uuid.UUID, float]:
    """Every option's position 1..m under one participant's ranking (see the module note)."""
    groups: dict[int | None, list[uuid.UUID]] = {}
    for option in options:
        groups.setdefault(ranking.get(option), []).append(option)
    ordered = sorted(rank for rank in groups if rank is not None)
    placed: dict[uuid.UUID, float] = {}
    taken = 0
    for rank in [*ordered, None]:
        members = groups.get(rank, [])
        if not members:
            continue
        first, last = taken + 1, taken + len(members)
        for option in members:
            placed[option] = (first + last) / 2
        taken = last
    return placed


def tie_sum(options: Sequence[uuid.UUID], ranking: Ranking) -> int:
    """Σ(t³ - t) over the groups of tied options in one ranking (unranked ones together)."""
    sizes = Counter(ranking.get(option) for option in options)
    return sum(t ** 3 - t for t in sizes.values())


@dataclass(frozen=True)
class OptionScore:
    option_id: uuid.UUID
    borda: float
    mean_rank: float | None
    first_places: int  # participants who put it first (alone or tied)
    ranked_by: int  # participants who gave it a rank at all


@dataclass(frozen=True)
class Aggregate:
    scores: tuple[OptionScore, ...]  # in option order
    raters: int  # participants who ranked at least one option
    max_borda: float
    w: float | None
    recommended: tuple[uuid.UUID, ...]  # one option, or several that tie on every measure

    def score_of(self, option_id: uuid.UUID) -> OptionScore:
        return next(s for s in self.scores if s.option_id == option_id)

    @property
    def agreement(self) -> str:
        return agreement_words(self.w)


def aggregate(options: Sequence[uuid.UUID], rankings: Sequence[Ranking]) -> Aggregate:
    m = len(options)
    used = [r for r in rankings if any(option in r for option in options)]
    n = len(used)
    placed = [positions(options, r) for r in used]
    totals = {o: sum(p[o] for p in placed) for o in options}
    scores = tuple(OptionScore(
        o,
        borda=sum(m - p[o] for p in placed),
        mean_rank=totals[o] / n if n else None,
        first_places=sum(1 for r in used if o in r and r[o] == min(r.values())),
        ranked_by=sum(1 for r in used if o in r),
    ) for o in options)
    return Aggregate(scores, n, float(n * (m - 1)), kendalls_w(options, used),
                     _best(scores) if n else ())


def kendalls_w(options: Sequence[uuid.UUID], rankings: Sequence[Ranking]) -> float | None:
    m, n = len(options), len(rankings)
    if m < 2 or n < 2:
        return None
    placed = [positions(options, r) for r in rankings]
    mean_total = n * (m + 1) / 2
    s = sum((sum(p[o] for p in placed) - mean_total) ** 2 for o in options)
    denominator = n * n * (m ** 3 - m) - n * sum(tie_sum(options, r) for r in rankings)
    if denominator <= 0:
        return None  # everyone tied everything: there is no order to agree on
    return 12 * s / denominator


def _best(scores: Sequence[OptionScore]) -> tuple[uuid.UUID, ...]:
    """Highest Borda count; then the better mean rank; then more first places."""
    def key(score: OptionScore) -> tuple[float, float, int]:
        return (round(score.borda, 9), -round(score.mean_rank or 0.0, 9), score.first_places)

    top = max(key(score) for score in scores)
    return tuple(score.option_id for score in scores if key(score) == top)


# A rule of thumb for reading W (after Schmidt, 1997, "Managing Delphi surveys using
# nonparametric statistical techniques", Decision Sciences 28(3)).
_AGREEMENT = ((0.1, "almost no agreement"), (0.3, "weak agreement"),
              (0.5, "moderate agreement"), (0.7, "strong agreement"))


def agreement_words(w: float | None) -> str:
    if w is None:
        return "not measurable (it needs at least two participants' rankings of two options)"
    for limit, words in _AGREEMENT:
        if w < limit:
            return words
    return "very strong agreement"


def number(value: float) -> str:
    """1, 1.5, 1.63: as few decimals as the value needs (at most two, halves rounded up)."""
    rounded = Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{rounded:f}".rstrip("0").rstrip(".")
