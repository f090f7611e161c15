"""What the assessment screen compares an assessment with (the previous round by default,
another respondent group in the same round) and the rows and sentence it shows."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from app.assessments.compare import (
    GROUP,
    NOT_COMPARABLE,
    NOT_SCORED,
    ROUND,
    compare,
    counterparts,
    default_counterpart,
    summary,
)
from app.assessments.data import AssessmentData, AssessmentRow, ResponseData
from app.assessments.frameworks import framework_from_dict
from tests.assessments.conftest import SMALL

FRAMEWORK = framework_from_dict(SMALL)


def _row(name: str, round_label: str, day: date, group: str = "",
         framework_id: str = "small") -> AssessmentRow:
    moment = datetime(day.year, day.month, day.day)
    return AssessmentRow(uuid.uuid4(), uuid.uuid4(), framework_id, "1.0", "Small", name,
                         round_label, day, "", group, "", "", "", moment, moment)


def _data(row: AssessmentRow, **answers: str) -> AssessmentData:
    return AssessmentData(row, FRAMEWORK, {ref.replace("_", "."): ResponseData(answer)
                                           for ref, answer in answers.items()})


def test_the_previous_round_of_the_same_group_is_offered_first() -> None:
    first = _row("Spring", "2024", date(2024, 3, 1), "residents")
    second = _row("Spring", "2025", date(2025, 3, 1), "residents")
    officers = _row("Spring officers", "2026", date(2026, 3, 2), "officers")
    other_framework = _row("Other", "2025", date(2025, 6, 1), framework_id="other")
    current = _row("Spring", "2026", date(2026, 3, 1), "residents")
    found = counterparts([current, officers, second, first, other_framework], current)
    assert [(c.row.name, c.row.round_label, c.kind) for c in found] == [
        ("Spring", "2024", ROUND), ("Spring", "2025", ROUND),
        ("Spring officers", "2026", GROUP)]
    default = default_counterpart(found, current)
    assert default is not None and default.row is second
    # The first round has nothing earlier: it is compared with the next one.
    found = counterparts([current, first], first)
    assert default_counterpart(found, first) == found[0]
    assert default_counterpart([], first) is None


def test_rounds_compare_criterion_by_criterion_with_both_scores() -> None:
    before = _data(_row("A", "2025", date(2025, 3, 1)), **{"1_1": "developing",
                                                            "2_1": "established"})
    after = _data(_row("A", "2026", date(2026, 3, 1)), **{"1_1": "established",
                                                           "1_2": "developing",
                                                           "2_1": "developing"})
    comparison = compare(after, before, ROUND)
    assert (comparison.earlier_name, comparison.later_name) == ("2025", "2026")
    rows = {r.key: r for r in comparison.criteria}
    assert (rows["1.1"].before, rows["1.1"].after, rows["1.1"].status) == (
        "Developing (1)", "Established (2)", "Improved")
    assert rows["2.1"].status == "Declined" and rows["2.1"].change == -1
    # 1.2 shows only once 1.1 is answered "developing" or better: scored in 2026 only.
    assert (rows["1.2"].before, rows["1.2"].status) == ("—", NOT_COMPARABLE)
    assert comparison.counts["improved"] == 1 and comparison.counts["declined"] == 1
    assert [r.title for r in comparison.sections][-1] == "Overall"
    # The same pair compared from the earlier side reads the same way round.
    assert compare(before, after, ROUND).criteria == comparison.criteria
    text = summary(comparison, 2.0)
    assert text.startswith("From 2025 to 2026") and "1 improved, 1 declined" in text
    assert "1 not comparable" in text


def test_a_section_scored_in_neither_round_says_so() -> None:
    before = _data(_row("A", "2025", date(2025, 3, 1)), **{"1_1": "developing"})
    after = _data(_row("A", "2026", date(2026, 3, 1)), **{"1_1": "developing"})
    sections = {r.key: r for r in compare(after, before, ROUND).sections}
    assert sections["1"].status == "Unchanged"
    assert sections["2"].status == NOT_SCORED and sections["2"].before == "—"


def test_respondent_groups_in_one_round_side_by_side() -> None:
    residents = _data(_row("Residents", "2026", date(2026, 3, 1), "residents"),
                      **{"1_1": "developing", "2_1": "established"})
    officers = _data(_row("Officers", "2026", date(2026, 3, 2), "officers"),
                     **{"1_1": "established", "2_1": "established"})
    comparison = compare(residents, officers, GROUP)
    # "officers" is not one of the framework's groups, so its id is its name.
    assert (comparison.earlier_name, comparison.later_name) == ("officers", "Residents")
    rows = {r.key: r for r in comparison.criteria}
    assert rows["1.1"].status == "Higher for officers"
    assert rows["2.1"].status == "Same for both"
    assert "1.2" not in rows  # scored by neither group
    assert comparison.counts == {"higher": 0, "lower": 1, "same": 1, "not-comparable": 0}
    assert summary(comparison, 2.0).startswith("officers and Residents")
