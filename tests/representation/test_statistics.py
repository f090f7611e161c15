"""The representation statistics: the reference's worked cases, the edges, and agreement
with scipy on thousands of random cases (scipy is a test extra only)."""

from __future__ import annotations

import math
import random

import pytest

from app.representation.statistics import (
    Verdict,
    binomial_test,
    metrics,
    parity_gap,
    representation_ratio,
    verdict_of,
    wilson_interval,
)


def test_a_board_of_twelve_with_one_member_is_inconclusive() -> None:
    m = metrics(1, 12, 0.20)
    assert m.ratio == pytest.approx(0.42, abs=0.005)
    assert m.interval is not None
    assert m.interval[0] == pytest.approx(0.015, abs=0.0005)
    assert m.interval[1] == pytest.approx(0.354, abs=0.0005)
    assert m.p_value == pytest.approx(0.48, abs=0.005)
    assert m.verdict is Verdict.INCONCLUSIVE
    assert m.explanation == "With 12 members, a difference this size could be chance."
    assert m.parity_gap == 2  # (1 + 2) / (12 + 2) = 21% ≥ 20%


def test_an_iso_with_93_of_420_groups_is_under_represented() -> None:
    m = metrics(93, 420, 0.35, noun="groups")
    assert m.ratio == pytest.approx(0.63, abs=0.005)
    assert m.interval is not None
    assert m.interval[0] == pytest.approx(0.184, abs=0.0005)
    assert m.interval[1] == pytest.approx(0.264, abs=0.0005)
    assert m.p_value == pytest.approx(1.5e-8, rel=0.05)
    assert m.verdict is Verdict.UNDER
    assert m.parity_gap == 84
    assert (93 + 84) / (420 + 84) >= 0.35 > (93 + 83) / (420 + 83)


def test_zero_counts_all_one_group_and_a_body_of_one() -> None:
    assert wilson_interval(0, 10) == (0.0, pytest.approx(0.2775, abs=1e-4))
    assert wilson_interval(10, 10) == (pytest.approx(0.7225, abs=1e-4), 1.0)
    assert metrics(0, 10, 0.2).verdict is Verdict.INCONCLUSIVE  # 0.8 ** 10 = 0.107
    assert metrics(0, 10, 0.3).verdict is Verdict.UNDER  # 0.7 ** 10 = 0.028
    everyone = metrics(40, 40, 0.5)
    assert everyone.verdict is Verdict.OVER and everyone.parity_gap == 0
    assert metrics(0, 40, 0.5).verdict is Verdict.UNDER
    one = metrics(0, 1, 0.2)
    assert one.verdict is Verdict.INCONCLUSIVE and one.p_value == 1.0
    assert one.explanation == "With 1 member, a difference this size could be chance."
    assert one.parity_gap == 1
    empty = metrics(0, 0, 0.2)
    assert empty.share is None and empty.interval is None and empty.ratio is None
    assert empty.verdict is Verdict.INCONCLUSIVE and "No one" in empty.explanation
    assert metrics(2, 10, None).verdict is Verdict.NO_BASELINE
    assert representation_ratio(2, 10, 0.0) is None
    assert parity_gap(3, 10, 0.0) == 0
    assert parity_gap(3, 10, 1.0) is None


def test_a_small_body_is_never_called_under_represented() -> None:
    # However large the gap looks, a handful of people cannot show it.
    for n in range(1, 5):
        for x in range(n + 1):
            for p in (0.05, 0.1, 0.2, 0.3, 0.5):
                assert verdict_of(x, n, p) is not Verdict.UNDER, (x, n, p)


def test_proportionate_needs_a_body_large_enough_to_say_so() -> None:
    assert verdict_of(20, 100, 0.2) is Verdict.PROPORTIONATE
    assert verdict_of(2, 10, 0.2) is Verdict.INCONCLUSIVE


def test_parity_gap_is_the_smallest_sufficient_number() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        n = rng.randint(0, 500)
        x = rng.randint(0, n)
        p = rng.choice([rng.random(), round(rng.random(), 2), 0.5, 0.25])
        k = parity_gap(x, n, p)
        if p >= 1:
            continue
        assert k is not None
        assert n + k == 0 or (x + k) / (n + k) >= p - 1e-12
        if k > 0:
            assert (x + k - 1) / (n + k - 1) < p


def test_the_statistics_agree_with_scipy_on_random_cases() -> None:
    stats = pytest.importorskip("scipy.stats")  # the "test" extra installs scipy
    rng = random.Random(20261130)
    cases = 0
    for _ in range(4000):
        n = rng.choice([rng.randint(1, 30), rng.randint(1, 300), rng.randint(1, 3000)])
        x = rng.randint(0, n)
        p = rng.choice([rng.uniform(0.001, 0.999), round(rng.uniform(0.01, 0.99), 2),
                        x / n if 0 < x < n else 0.5])
        ours = binomial_test(x, n, p)
        theirs = stats.binomtest(x, n, p).pvalue
        assert ours == pytest.approx(theirs, rel=1e-6, abs=1e-12), (x, n, p)
        interval = wilson_interval(x, n)
        assert interval is not None
        ci = stats.binomtest(x, n, p).proportion_ci(confidence_level=0.95, method="wilson")
        assert interval[0] == pytest.approx(ci.low, abs=1e-9), (x, n)
        assert interval[1] == pytest.approx(ci.high, abs=1e-9), (x, n)
        cases += 1
    assert cases == 4000


def test_p_values_stay_within_zero_and_one() -> None:
    for n in (1, 2, 5, 17, 100):
        for x in range(n + 1):
            for p in (0.01, 0.2, 0.5, 0.99):
                value = binomial_test(x, n, p)
                assert 0 <= value <= 1 and math.isfinite(value)
