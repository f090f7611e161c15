"""Borda count, mean rank and Kendall's W against cases worked by hand, including partial
rankings and ties (the scoring rules are in app/plans/appraisal/aggregate.py)."""

from __future__ import annotations

import uuid

import pytest

from app.plans.appraisal.aggregate import aggregate, agreement_words, positions, tie_sum

A, B, C, D = (uuid.UUID(int=n) for n in range(1, 5))


def test_complete_rankings() -> None:
    # P1: A B C; P2: A C B; P3: B A C.
    # Positions: A 1+1+2 = 4, B 2+3+1 = 6, C 3+2+3 = 8 (mean 4/3, 2, 8/3).
    # Borda (m - p, m = 3): A 2+2+1 = 5, B 1+0+2 = 3, C 0+1+0 = 1; the most is 3 × 2 = 6.
    # W: average total 3 × 4 / 2 = 6; S = 4 + 0 + 4 = 8; W = 12 × 8 / (9 × 24) = 4/9.
    result = aggregate([A, B, C], [{A: 1, B: 2, C: 3}, {A: 1, C: 2, B: 3},
                                   {B: 1, A: 2, C: 3}])
    assert [s.borda for s in result.scores] == [5, 3, 1]
    assert [s.mean_rank for s in result.scores] == pytest.approx([4 / 3, 2, 8 / 3])
    assert [s.first_places for s in result.scores] == [2, 1, 0]
    assert result.max_borda == 6 and result.raters == 3
    assert result.w == pytest.approx(4 / 9)
    assert result.recommended == (A,)


def test_partial_rankings_and_ties() -> None:
    # 4 options. P1 ties A and B first, then C; D unranked → A 1.5, B 1.5, C 3, D 4.
    # P2 ranks only C → C 1; A, B, D share places 2–4 → 3 each.
    # Totals: A 4.5, B 4.5, C 4, D 7 (they add up to n·m(m+1)/2 = 20).
    # Borda (4 - p): P1 A 2.5 B 2.5 C 1 D 0; P2 C 3, A B D 1 each → A 3.5 B 3.5 C 4 D 1.
    # Ties: P1 has one pair (2³ - 2 = 6); P2 one group of three (3³ - 3 = 24).
    # W: average 5; S = 0.25 + 0.25 + 1 + 4 = 5.5; W = 12 × 5.5 / (4 × 60 - 2 × 30) = 66/180.
    p1, p2 = {A: 1, B: 1, C: 2}, {C: 1}
    assert positions([A, B, C, D], p1) == {A: 1.5, B: 1.5, C: 3, D: 4}
    assert positions([A, B, C, D], p2) == {C: 1, A: 3, B: 3, D: 3}
    assert tie_sum([A, B, C, D], p1) == 6 and tie_sum([A, B, C, D], p2) == 24
    result = aggregate([A, B, C, D], [p1, p2])
    assert [s.borda for s in result.scores] == [3.5, 3.5, 4, 1]
    assert [s.mean_rank for s in result.scores] == [2.25, 2.25, 2.0, 3.5]
    assert [s.first_places for s in result.scores] == [1, 1, 1, 0]
    assert [s.ranked_by for s in result.scores] == [1, 1, 2, 0]
    assert result.w == pytest.approx(66 / 180)
    assert result.recommended == (C,)


def test_gaps_in_rank_numbers_do_not_matter() -> None:
    assert positions([A, B, C], {A: 1, B: 1, C: 7}) == positions([A, B, C], {A: 1, B: 1, C: 2})


def test_opposite_and_identical_orders() -> None:
    opposite = aggregate([A, B, C], [{A: 1, B: 2, C: 3}, {C: 1, B: 2, A: 3}])
    assert opposite.w == 0
    # All Borda 2 and mean rank 2; A and C each have a first place, B none.
    assert opposite.recommended == (A, C)
    same = aggregate([A, B, C], [{A: 1, B: 2, C: 3}] * 3)
    assert same.w == pytest.approx(1)
    assert agreement_words(same.w) == "very strong agreement"


def test_who_ranked_nothing_is_left_out_and_too_little_data_gives_no_w() -> None:
    result = aggregate([A, B], [{A: 1, B: 2}, {}])
    assert result.raters == 1 and result.w is None
    assert [s.borda for s in result.scores] == [1, 0]
    assert "not measurable" in agreement_words(result.w)
    everyone_ties = aggregate([A, B], [{A: 1, B: 1}, {A: 1, B: 1}])
    assert everyone_ties.w is None
    nobody = aggregate([A, B], [])
    assert nobody.recommended == () and nobody.scores[0].mean_rank is None


def test_borda_ties_are_broken_by_mean_rank_then_first_places() -> None:
    # With one rater an equal Borda also means an equal mean rank, so ties between them
    # fall to first places: A is first for P1 alone; B shares first with C for P2.
    result = aggregate([A, B, C], [{A: 1, B: 2, C: 3}, {B: 1, C: 1, A: 3}])
    borda = {s.option_id: s.borda for s in result.scores}
    assert borda == {A: 2, B: 2.5, C: 1.5}
    assert result.recommended == (B,)
