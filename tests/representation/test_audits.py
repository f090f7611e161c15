"""Audits, baselines, expanded categories and the questionnaire as undoable edits; the
comparison with a baseline, across census vintages and over time."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from app.errors import UserError
from app.representation.analysis import compare
from app.representation.operations import (
    AddExpandedCategory,
    ChangeAudit,
    DeleteAudit,
    DeleteBaseline,
    SetAnswer,
    SetCount,
)
from app.representation.statistics import Verdict
from app.representation.store import (
    Answer,
    ExpandedCategory,
    body_history,
    get_answers,
    get_audit,
    get_baseline,
    list_audits,
    list_baselines,
    list_expanded,
)
from app.workbook import Workbook
from app.workbook.changelog import recent_changes
from app.workbook.operations import Mode, run_operation
from tests.representation.conftest import add_audit, add_baseline


def _audit(workbook: Workbook, audit_id: uuid.UUID):  # type: ignore[no-untyped-def]
    with workbook.session() as session:
        return get_audit(session, audit_id)


def test_every_edit_of_an_audit_undoes(workbook: Workbook) -> None:
    baseline = add_baseline(workbook)
    audit_id = add_audit(workbook, (("british", 11), ("bangladeshi", 1)), baseline)
    assert workbook.overview().counts["audits"] == 1
    assert workbook.overview().counts["baselines"] == 1

    changed = run_operation(workbook, SetCount(audit_id, "Pakistani", "2"))
    assert _audit(workbook, audit_id).count_map == {"british": 11, "bangladeshi": 1,
                                                    "pakistani": 2}
    assert changed.inverse is not None
    run_operation(workbook, changed.inverse, Mode.UNDO, label="Set count")
    assert "pakistani" not in _audit(workbook, audit_id).count_map

    renamed = run_operation(workbook, ChangeAudit(audit_id, "body_name", "Trustees"))
    assert _audit(workbook, audit_id).body_name == "Trustees"
    assert renamed.inverse is not None
    run_operation(workbook, renamed.inverse, Mode.UNDO, label="Change body name")
    assert _audit(workbook, audit_id).body_name == "Board of trustees"

    removed = run_operation(workbook, DeleteAudit(audit_id))
    with workbook.session() as session:
        assert list_audits(session) == []
    assert removed.inverse is not None
    run_operation(workbook, removed.inverse, Mode.UNDO, label="Remove audit")
    restored = _audit(workbook, audit_id)
    assert restored.count_map == {"british": 11, "bangladeshi": 1}
    assert restored.baseline_id == baseline
    with workbook.session() as session:
        log = [entry.summary for entry in recent_changes(session)][:2]
    assert log[0] == "Undid: remove audit"


def test_a_baseline_in_use_is_kept_and_removing_one_undoes(workbook: Workbook) -> None:
    baseline = add_baseline(workbook)
    audit_id = add_audit(workbook, (("british", 3),), baseline)
    with pytest.raises(UserError, match="used by 1 audit"):
        run_operation(workbook, DeleteBaseline(baseline))
    run_operation(workbook, DeleteAudit(audit_id))
    removed = run_operation(workbook, DeleteBaseline(baseline))
    with workbook.session() as session:
        assert list_baselines(session) == []
    assert removed.inverse is not None
    run_operation(workbook, removed.inverse, Mode.UNDO, label="Remove baseline")
    with workbook.session() as session:
        assert get_baseline(session, baseline).count_map["british"] == 70_000


@pytest.mark.parametrize(
    ("category", "count", "says"),
    [
        ("martian", 2, "not a category"),
        ("british", -1, "below zero"),
        ("british", "twelve", "whole number"),
        ("british", 2.5, "whole number"),
        ("british", True, "whole number"),
    ],
)
def test_impossible_counts_are_refused_and_change_nothing(
        workbook: Workbook, category: str, count: object, says: str) -> None:
    audit_id = add_audit(workbook, (("british", 4),), None)
    with pytest.raises(UserError, match=says):
        run_operation(workbook, SetCount(audit_id, category, count))
    assert _audit(workbook, audit_id).count_map == {"british": 4}


def test_not_stated_counts_in_the_total_but_not_in_the_shares(workbook: Workbook) -> None:
    baseline = add_baseline(workbook)
    audit_id = add_audit(workbook, (("british", 10), ("bangladeshi", 2),
                                    ("prefer-not-to-say", 3), ("not-known", 1)), baseline)
    with workbook.session() as session:
        comparison = compare(_audit(workbook, audit_id), get_baseline(session, baseline))
    assert comparison.stated == 12 and comparison.not_stated_total == 4
    assert comparison.total == 16
    asian = comparison.groups[0]
    assert asian.metrics.share == pytest.approx(2 / 12)
    assert asian.metrics.baseline_share == pytest.approx(0.097)


def test_expanded_categories_roll_up_to_their_census_category(workbook: Workbook) -> None:
    baseline = add_baseline(workbook)
    run_operation(workbook, AddExpandedCategory(ExpandedCategory(
        uuid.uuid4(), "ons2021", "", "other-white", "Polish")))
    with workbook.session() as session:
        polish = list_expanded(session, "ons2021")[0]
    assert polish.key == "x-polish" and polish.parent == "other-white"
    audit_id = add_audit(workbook, (("british", 8), ("x-polish", 2)), baseline)
    with workbook.session() as session:
        comparison = compare(_audit(workbook, audit_id), get_baseline(session, baseline),
                             list_expanded(session))
    white = next(g for g in comparison.groups if g.key == "white")
    assert white.metrics.count == 10
    assert comparison.minorities.metrics.count == 2  # Polish people are a White minority


def test_a_local_category_is_renamed_undoably_and_kept_while_figures_use_it(
        workbook: Workbook) -> None:
    from app.representation.operations import RemoveExpandedCategory, RenameExpandedCategory

    category = ExpandedCategory(uuid.uuid4(), "ons2021", "", "african", "Somali")
    run_operation(workbook, AddExpandedCategory(category))
    rename = run_operation(workbook, RenameExpandedCategory(category.id, "Somalilander"))
    with workbook.session() as session:
        [renamed] = list_expanded(session)
    assert (renamed.label, renamed.key) == ("Somalilander", "x-somali")  # counts keep it
    with pytest.raises(UserError, match="already a category called “African”"):
        run_operation(workbook, RenameExpandedCategory(category.id, "African"))
    with pytest.raises(UserError, match="name"):
        run_operation(workbook, RenameExpandedCategory(category.id, "  "))
    run_operation(workbook, rename.inverse, Mode.UNDO)
    with workbook.session() as session:
        assert list_expanded(session)[0].label == "Somali"
    # A baseline recording the category holds it as an audit does.
    baseline = add_baseline(workbook, (("british", 90), ("x-somali", 10)))
    with pytest.raises(UserError, match="has figures in 1 baseline; remove it first"):
        run_operation(workbook, RemoveExpandedCategory(category.id))
    run_operation(workbook, DeleteBaseline(baseline))
    run_operation(workbook, RemoveExpandedCategory(category.id))
    with workbook.session() as session:
        assert list_expanded(session) == []


def test_a_2001_audit_is_compared_with_a_2021_baseline_by_group(workbook: Workbook) -> None:
    baseline = add_baseline(workbook)
    audit_id = add_audit(workbook, (("british", 30), ("chinese", 2), ("indian", 3),
                                    ("caribbean", 1)), baseline, classification="ons2001")
    with workbook.session() as session:
        comparison = compare(_audit(workbook, audit_id), get_baseline(session, baseline))
    groups = {g.key: g for g in comparison.groups}
    assert groups["asian"].metrics.count == 5  # Chinese counts as Asian in 2021
    assert groups["asian"].match == "approximate"
    assert groups["black"].match == "exact"
    assert groups["white"].match == "approximate"
    assert any("approximately" in note for note in comparison.notes)


def test_a_2021_audit_cannot_use_a_2001_baseline(workbook: Workbook) -> None:
    baseline = add_baseline(workbook, (("british", 900), ("indian", 100)), "ons2001")
    with pytest.raises(UserError, match="no mapping"):
        add_audit(workbook, (("british", 4),), baseline)
    with workbook.session() as session:
        assert list_audits(session) == []


def test_the_worked_cases_through_a_workbook(workbook: Workbook) -> None:
    board_area = add_baseline(workbook, (("british", 80), ("indian", 20)))
    board = add_audit(workbook, (("british", 11), ("indian", 1)), board_area)
    iso_area = add_baseline(workbook, (("british", 65), ("caribbean", 35)))
    iso = add_audit(workbook, (("british", 327), ("caribbean", 93)), iso_area,
                    kind="members", name="Member groups")
    with workbook.session() as session:
        small = compare(_audit(workbook, board), get_baseline(session, board_area))
        large = compare(_audit(workbook, iso), get_baseline(session, iso_area))
    assert small.minorities.metrics.verdict is Verdict.INCONCLUSIVE
    assert small.minorities.metrics.ratio == pytest.approx(0.42, abs=0.005)
    assert large.minorities.metrics.verdict is Verdict.UNDER
    assert large.minorities.metrics.ratio == pytest.approx(0.63, abs=0.005)


def test_a_group_the_area_records_nobody_in_says_so(workbook: Workbook) -> None:
    # The area has no Black people on record: a Black trustee cannot be given a ratio,
    # and the explanation (screen, command line and report alike) says why.
    from app.reports.model.report import Table
    from app.reports.workbook_export import prepare_export

    area = add_baseline(workbook, (("british", 900), ("indian", 100)))
    audit_id = add_audit(workbook, (("british", 8), ("caribbean", 2)), area)
    with workbook.session() as session:
        comparison = compare(_audit(workbook, audit_id), get_baseline(session, area))
    black = next(g for g in comparison.groups if g.key == "black").metrics
    assert black.verdict is Verdict.OVER and black.ratio is None
    assert black.explanation.startswith("The area baseline records nobody in this group, "
                                        "so the ratio cannot be worked out")
    mixed = next(g for g in comparison.groups if g.key == "mixed").metrics
    assert "records nobody in this group" in mixed.explanation  # nobody on either side
    prepared = prepare_export(workbook, "representation")
    report = prepared.entry.builder(prepared.snapshot)
    cells = [str(v) for _, block in report.walk() if isinstance(block, Table)
             for row in block.iter_rows() for v in row.cells]
    assert black.explanation in cells


def test_one_body_over_time(workbook: Workbook) -> None:
    baseline = add_baseline(workbook)
    add_audit(workbook, (("british", 10),), baseline, when=date(2027, 4, 1))
    add_audit(workbook, (("british", 9), ("african", 1)), baseline, when=date(2026, 4, 1))
    add_audit(workbook, (("british", 40),), baseline, kind="staff", name="Staff")
    with workbook.session() as session:
        history = body_history(session, "board", "Board of trustees")
    assert [a.audit_date.year for a in history] == [2026, 2027]


def test_questionnaire_answers_undo(workbook: Workbook) -> None:
    first = run_operation(workbook, SetAnswer(Answer("informed", "developing", "We meet.")))
    with workbook.session() as session:
        assert get_answers(session)["informed"].narrative == "We meet."
    assert first.inverse is not None
    run_operation(workbook, first.inverse, Mode.UNDO, label="Answer question")
    with workbook.session() as session:
        assert get_answers(session)["informed"].rating == ""
    with pytest.raises(UserError, match="rating must be one of"):
        run_operation(workbook, SetAnswer(Answer("informed", "brilliant")))
    with pytest.raises(UserError, match="not one of the questions"):
        run_operation(workbook, SetAnswer(Answer("sixth")))
