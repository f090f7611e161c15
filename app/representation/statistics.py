"""Representation statistics as pure functions: shares, ratios, intervals, tests, verdicts.

A body of `n` people (those who stated their ethnic group) has `x` from one group; the
group's share of the reference population (the baseline) is `p`. Then:

- share = x / n; representation ratio = share / p (1.0 is proportionate);
- the Wilson score interval for the share (95%): honest at x = 0 and x = n, where the
  textbook interval collapses to a point;
- an exact two-sided binomial test of "the body is drawn from the population": the
  p-value sums the probabilities of every outcome no more likely than the one seen
  (the "minlike" rule, as scipy.stats.binomtest uses), with the same relative tolerance
  for ties;
- the verdict, in plain words: under- or over-represented only when the interval leaves
  out the baseline share *and* p < 0.05; proportionate when the interval holds the
  baseline share and is narrow enough to mean it; otherwise inconclusive. A small body's
  difference is never called under-representation;
- the parity gap: the fewest extra members from the group (others unchanged) that would
  bring its share up to the baseline share: the smallest k with (x + k) / (n + k) ≥ p.

Only the standard library is used, so the installer carries no numerical packages; the
tests compare every function with scipy on thousands of random cases.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

Z_95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution
ALPHA = 0.05
# An interval wider than this (in share points) cannot show that a body is proportionate.
PROPORTIONATE_WIDTH = 0.20
_TIE = 1 + 1e-7  # scipy's relative tolerance when deciding which outcomes are "as likely"


class Verdict(Enum):
    UNDER = "under-represented"
    PROPORTIONATE = "proportionate"
    OVER = "over-represented"
    INCONCLUSIVE = "inconclusive"
    NO_BASELINE = "no baseline"

    @property
    def words(self) -> str:
        return _VERDICT_WORDS[self]

    @property
    def meaning(self) -> str:
        return _VERDICT_MEANINGS[self]


_VERDICT_WORDS = {
    Verdict.UNDER: "Under-represented",
    Verdict.PROPORTIONATE: "Proportionate",
    Verdict.OVER: "Over-represented",
    Verdict.INCONCLUSIVE: "Inconclusive",
    Verdict.NO_BASELINE: "No comparison",
}
_VERDICT_MEANINGS = {
    Verdict.UNDER: "The group's share of the body is clearly below its share of the area's "
                   "population: the gap is too large to be put down to chance.",
    Verdict.PROPORTIONATE: "The group's share of the body is close to its share of the "
                           "population, and the body is large enough to say so.",
    Verdict.OVER: "The group's share of the body is clearly above its share of the "
                  "population: the gap is too large to be put down to chance.",
    Verdict.INCONCLUSIVE: "The figures cannot tell: the body is too small, or the gap too "
                          "narrow, to rule out chance. This is not a finding of fairness or "
                          "of unfairness.",
    Verdict.NO_BASELINE: "The population figures give no share for this group, so there is "
                         "nothing to compare with.",
}


def share(x: int, n: int) -> float | None:
    return x / n if n > 0 else None


def representation_ratio(x: int, n: int, p: float) -> float | None:
    s = share(x, n)
    if s is None or p <= 0:
        return None
    return s / p


def wilson_interval(x: int, n: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval for x successes in n trials (None when n is 0)."""
    _check(x, n)
    if n == 0:
        return None
    phat = x / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (phat + z2 / (2 * n)) / denominator
    half = z * math.sqrt(phat * (1 - phat) / n + z2 / (4 * n * n)) / denominator
    low, high = centre - half, centre + half
    # The exact ends: 0 successes can only give 0 below, n only 1 above.
    return (0.0 if x == 0 else max(0.0, low), 1.0 if x == n else min(1.0, high))


def _log_pmf(k: int, n: int, p: float) -> float:
    if p == 0:
        return 0.0 if k == 0 else -math.inf
    if p == 1:
        return 0.0 if k == n else -math.inf
    return (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
            + k * math.log(p) + (n - k) * math.log1p(-p))


def _pmf(k: int, n: int, p: float) -> float:
    return math.exp(_log_pmf(k, n, p))


def binomial_test(x: int, n: int, p: float) -> float:
    """The exact two-sided binomial test p-value (the "minlike" rule).

    The probability of an outcome no more likely than x, when each of n people is from the
    group with probability p: the sum of P(K = k) over every k with P(K = k) ≤ P(K = x).
    The sum runs over the tail away from the mode only, as scipy does, so that rounding in
    the central outcomes cannot make p-values above 1.
    """
    _check(x, n)
    if not 0 <= p <= 1:
        raise ValueError("p must be between 0 and 1")
    if n == 0:
        return 1.0
    if p in (0, 1):
        return 1.0 if x == (0 if p == 0 else n) else 0.0
    d = _pmf(x, n, p)
    limit = d * _TIE
    mode = n * p
    if x == mode:
        return 1.0
    if x < mode:
        # outcomes above the mode no more likely than x
        y = _count_at_most(n, p, limit, start=math.ceil(mode), stop=n, upper=True)
        pval = _cdf(x, n, p) + _sf(n - y, n, p)
    else:
        y = _count_at_most(n, p, limit, start=0, stop=math.floor(mode), upper=False)
        pval = _cdf(y - 1, n, p) + _sf(x - 1, n, p)
    return min(1.0, pval)


def _count_at_most(n: int, p: float, limit: float, *, start: int, stop: int,
                   upper: bool) -> int:
    """How many outcomes on the other side of the mode are no more likely than `limit`.

    Upper side (start..n): probabilities fall from the mode, so count from n down while
    they stay at most the limit. Lower side (0..stop): count from 0 up likewise.
    """
    count = 0
    if upper:
        for k in range(n, start - 1, -1):
            if _pmf(k, n, p) <= limit:
                count += 1
            else:
                break
    else:
        for k in range(stop + 1):
            if _pmf(k, n, p) <= limit:
                count += 1
            else:
                break
    return count


def _cdf(k: int, n: int, p: float) -> float:
    """P(K ≤ k)."""
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    return _sum_pmf(0, k, n, p)


def _sf(k: int, n: int, p: float) -> float:
    """P(K > k)."""
    if k < 0:
        return 1.0
    if k >= n:
        return 0.0
    return _sum_pmf(k + 1, n, n, p)


def _sum_pmf(lo: int, hi: int, n: int, p: float) -> float:
    """The sum of P(K = k) for lo ≤ k ≤ hi, added from the smallest terms up."""
    logs = [_log_pmf(k, n, p) for k in range(lo, hi + 1)]
    top = max(logs)
    if top == -math.inf:
        return 0.0
    return math.exp(top) * math.fsum(math.exp(v - top) for v in sorted(logs))


def parity_gap(x: int, n: int, p: float) -> int | None:
    """The smallest k ≥ 0 with (x + k) / (n + k) ≥ p, holding the others fixed.

    None when parity cannot be reached by adding members (p = 1 while others are present).
    """
    _check(x, n)
    if p <= 0 or (n > 0 and x / n >= p):
        return 0
    if p >= 1:
        return 0 if x == n else None
    # (x + k) ≥ p (n + k)  ⇔  k ≥ (p n − x) / (1 − p)
    k = max(0, math.ceil((p * n - x) / (1 - p) - 1e-9))
    while k > 0 and (x + k - 1) >= p * (n + k - 1):  # guard against rounding up too far
        k -= 1
    while (x + k) < p * (n + k) - 1e-12:
        k += 1
    return k


def _check(x: int, n: int) -> None:
    if n < 0 or x < 0 or x > n:
        raise ValueError("counts must satisfy 0 ≤ x ≤ n")


@dataclass(frozen=True)
class Metrics:
    """Everything a report says about one group of one body."""

    count: int
    total: int  # the body's members who stated their ethnic group
    baseline_share: float | None
    share: float | None
    ratio: float | None
    interval: tuple[float, float] | None
    p_value: float | None
    verdict: Verdict
    parity_gap: int | None
    explanation: str


def verdict_of(x: int, n: int, p: float | None) -> Verdict:
    if p is None or n == 0:
        return Verdict.NO_BASELINE if p is None else Verdict.INCONCLUSIVE
    interval = wilson_interval(x, n)
    assert interval is not None
    low, high = interval
    p_value = binomial_test(x, n, p)
    if p_value < ALPHA and high < p:
        return Verdict.UNDER
    if p_value < ALPHA and low > p:
        return Verdict.OVER
    if low <= p <= high and high - low <= PROPORTIONATE_WIDTH:
        return Verdict.PROPORTIONATE
    return Verdict.INCONCLUSIVE


def _people(n: int, noun: str) -> str:
    return f"{n:,} {noun if n != 1 else _singular(noun)}"


def _singular(noun: str) -> str:
    return noun[:-1] if noun.endswith("s") else noun


def explain(x: int, n: int, p: float | None, verdict: Verdict, noun: str = "members") -> str:
    """One plain sentence on what the figures can and cannot show."""
    if n == 0:
        return "No one in the body stated their ethnic group, so nothing can be compared."
    if verdict is Verdict.NO_BASELINE:
        return "There is no population share to compare with."
    if p == 0:
        # A share of nothing: no ratio exists, and any member at all is "above" it.
        nobody = "The area baseline records nobody in this group, so the ratio cannot be " \
                 "worked out"
        if x:
            return f"{nobody}; any member from the group reads as over-represented."
        return f"{nobody}; the body has no one from it either."
    if verdict is Verdict.UNDER:
        return f"With {_people(n, noun)}, a gap this large is very unlikely to be chance."
    if verdict is Verdict.OVER:
        return f"With {_people(n, noun)}, a difference this large is very unlikely to be chance."
    if verdict is Verdict.PROPORTIONATE:
        return f"With {_people(n, noun)}, the share is close to the population's."
    if n < 30:
        return f"With {_people(n, noun)}, a difference this size could be chance."
    return f"With {_people(n, noun)}, the figures cannot rule out chance either way."


def metrics(x: int, n: int, p: float | None, noun: str = "members") -> Metrics:
    verdict = verdict_of(x, n, p)
    return Metrics(
        count=x,
        total=n,
        baseline_share=p,
        share=share(x, n),
        ratio=None if p is None else representation_ratio(x, n, p),
        interval=wilson_interval(x, n),
        p_value=None if p is None or n == 0 else binomial_test(x, n, p),
        verdict=verdict,
        parity_gap=None if p is None else parity_gap(x, n, p),
        explanation=explain(x, n, p, verdict, noun),
    )
