"""Scores by section and overall (weights, not applicable, empty sections, conditional
visibility), progress, data-quality warnings, and comparisons of rounds and groups."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from app.assessments.data import ResponseData
from app.assessments.frameworks import Framework, framework_from_dict
from app.assessments.scoring import (
    DECLINED,
    DROPPED,
    IMPROVED,
    NEW,
    UNCHANGED,
    compare_groups,
    compare_rounds,
    score_assessment,
)
from tests.assessments.conftest import SMALL


def _framework(changes: Any = None) -> Framework:
    data = copy.deepcopy(SMALL)
    if changes:
        changes(data)
    return framework_from_dict(data)


def _r(answer: str | None, **kwargs: Any) -> ResponseData:
    return ResponseData(answer, **kwargs)


def test_weighted_scores_by_section_and_overall() -> None:
    framework = _framework()
    result = score_assessment(framework, {
        "1.1": _r("developing", notes="minutes"),
        "1.2": _r("established", notes="survey"),  # weight 2
        "2.1": _r("not-applicable", notes="we do not run it"),
    })
    first, second, sub = result.sections
    assert (first.key, first.depth) == ("1", 1)
    assert first.score.value == pytest.approx(5 / 3) and first.score.based_on == 2
    assert first.score.share == pytest.approx(5 / 6)
    # Not applicable is left out: the section and its sub-section rest on nothing.
    assert second.score.value is None and second.score.based_on == 0
    assert (sub.key, sub.depth, sub.score.value) == ("Sub", 2, None)
    assert result.overall.value == pytest.approx(5 / 3) and result.overall.based_on == 2
    assert (result.progress.answered, result.progress.shown) == (3, 3)
    assert result.warnings == ()


def test_sub_sections_count_towards_their_parents() -> None:
    result = score_assessment(_framework(), {"2.1": _r("established", notes="x")})
    assert [s.score.value for s in result.sections] == [None, 2.0, 2.0]
    assert result.top_sections[1].score.based_on == 1


def test_nothing_answered_scores_nothing_and_warns_of_each_gap() -> None:
    result = score_assessment(_framework(), {})
    assert result.overall.value is None and result.overall.share is None
    # 1.2 is shown only when 1.1 is developing or established, so it is not counted.
    assert (result.progress.answered, result.progress.shown) == (0, 2)
    assert [(w.kind, w.ref) for w in result.warnings] == [("unanswered", "1.1"),
                                                          ("unanswered", "2.1")]


def test_a_hidden_criterion_is_left_out_and_warned_about() -> None:
    result = score_assessment(_framework(), {
        "1.1": _r("not-in-place", confidence="low"),
        "1.2": _r("established", notes="left from before"),
    })
    assert result.sections[0].score.value == 0.0 and result.sections[0].score.based_on == 1
    assert (result.progress.answered, result.progress.shown) == (1, 2)
    assert [(w.kind, w.ref) for w in result.warnings] == [
        ("no-evidence", "1.1"), ("low-confidence", "1.1"), ("hidden-but-rated", "1.2"),
        ("unanswered", "2.1")]


def test_a_linked_file_counts_as_evidence() -> None:
    result = score_assessment(_framework(), {"1.1": _r("developing", evidence=("a.pdf",))})
    assert "no-evidence" not in {w.kind for w in result.warnings}


def _version_two(data: dict[str, Any]) -> None:
    data["version"] = "2.0"
    first = data["sections"][0]["criteria"]
    first.append({"ref": "1.3", "title": "Three, new in 2.0"})
    data["sections"][1] = {"ref": "3", "title": "Third", "criteria": [
        {"ref": "3.1", "title": "Replaces 2.1"}]}


def test_rounds_compare_by_ref_across_framework_versions() -> None:
    old, new = _framework(), _framework(_version_two)
    comparison = compare_rounds(
        old, {"1.1": _r("developing"), "1.2": _r("established"), "2.1": _r("developing")},
        new, {"1.1": _r("established"), "1.2": _r("established"), "1.3": _r("not-in-place"),
              "3.1": _r("not-applicable")},
    )
    assert [(c.ref, c.status) for c in comparison.criteria] == [
        ("1.1", IMPROVED), ("1.2", UNCHANGED), ("1.3", NEW), ("2.1", DROPPED)]
    assert comparison.criteria[0].before == "Developing"
    assert comparison.criteria[0].after == "Established"
    sections = {s.key: s for s in comparison.sections}
    assert sections["1"].status == DECLINED  # 5/3 then (2 + 4 + 0) / 4 = 1.5
    assert sections["1"].change == pytest.approx(1.5 - 5 / 3)
    assert sections["2"].status == DROPPED and sections["3"].status == UNCHANGED
    assert comparison.counts()[IMPROVED] == 1


def test_groups_side_by_side() -> None:
    framework = _framework()
    result = compare_groups(framework, [
        ("Residents", framework, {"1.1": _r("established")}),
        ("Staff", framework, {"1.1": _r("not-in-place"), "2.1": _r("developing")}),
    ])
    assert result.groups == ("Residents", "Staff")
    first = result.sections[0]
    assert [s.value for s in first.scores] == [2.0, 0.0] and first.spread == 2.0
    assert [s.value for s in result.criteria[2].scores] == [None, 1.0]
    assert result.criteria[2].spread is None
