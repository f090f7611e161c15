"""Moving an assessment to a newer version of its framework: what changed between the
versions, which answers carry over by reference id, which are cleared or dropped (and
where they are kept), exact undo and redo, and the moves that are refused."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.assessments.frameworks import Framework, framework_from_dict, framework_to_yaml
from app.assessments.frameworks.catalogue import user_folder
from app.assessments.models import PinnedFramework
from app.assessments.moving import capture_state, newer_versions
from app.assessments.operations import (
    CreateAssessment,
    LinkEvidence,
    MoveAssessmentToFrameworkVersion,
    RateCriterion,
    SetResponseField,
)
from app.assessments.records import load_assessment
from app.assessments.versions import framework_changes, plan_move
from app.errors import UserError
from app.workbook import Workbook
from app.workbook.changelog import recent_changes
from app.workbook.evidence import attach_evidence
from app.workbook.operations import Mode, run_operation
from tests.assessments.conftest import SMALL, newer_small


def _framework(data: dict[str, Any]) -> Framework:
    return framework_from_dict(json.loads(json.dumps(data)))


@pytest.fixture
def old() -> Framework:
    return _framework(SMALL)


@pytest.fixture
def new() -> Framework:
    return _framework(newer_small())


@pytest.fixture
def workbook(tmp_path: Path) -> Any:
    book = Workbook.create(tmp_path / "move.rrwb", title="Moves")
    yield book
    book.close()


def _answered(workbook: Workbook, framework: Framework) -> uuid.UUID:
    """An assessment with one answer of each fate: carried, rating cleared, dropped."""
    create = CreateAssessment.of(framework, name="Round one")
    run_operation(workbook, create)
    aid = create.assessment_id
    with workbook.session() as session:
        minutes = attach_evidence(session, "minutes.txt", b"minutes").evidence.id
        letter = attach_evidence(session, "letter.txt", b"letter").evidence.id
    for operation in (
        RateCriterion(aid, "1.1", "developing"),
        SetResponseField(aid, "1.1", "notes", "March minutes"),
        SetResponseField(aid, "1.1", "confidence", "high"),
        SetResponseField(aid, "1.1", "comment", "Agreed by the board"),
        LinkEvidence(aid, "1.1", minutes),
        RateCriterion(aid, "1.2", "established"),
        SetResponseField(aid, "1.2", "comment", "A good year"),
        RateCriterion(aid, "2.1", "n/a"),
        SetResponseField(aid, "2.1", "notes", "Not our service"),
        LinkEvidence(aid, "2.1", letter),
    ):
        run_operation(workbook, operation)
    return aid


def _rows(workbook: Workbook, aid: uuid.UUID) -> Any:
    with workbook.session() as session:
        pinned = sorted((p.id, p.version) for p in session.scalars(select(PinnedFramework)))
        return capture_state(session, aid), pinned


def test_the_changes_between_two_versions_are_listed_by_ref(old: Framework,
                                                            new: Framework) -> None:
    changes = framework_changes(old, new)
    assert (changes.old_version, changes.new_version) == ("1.0", "1.1")
    assert [(c.ref, c.title) for c in changes.added] == [("1.3", "Four"), ("2.2", "Five")]
    assert [(c.ref, c.section) for c in changes.removed] == [("2.1", "Second › Sub")]
    by_ref = {c.ref: c.changes for c in changes.changed}
    assert by_ref["1.1"] == ("Renamed from “One”.", "Guidance added.")
    assert by_ref["1.2"] == ("Moved from First to Second › Sub.",
                             "Weight changed from 2 to 3.",
                             "Now shown only when 1.1 is “Developing” or “Embedded”.")
    assert changes.scale == ("The level “Established” is no longer on the scale.",
                             "The level “Embedded” (score 2) is new.")
    assert changes.groups == ()
    assert framework_changes(old, old).is_empty
    regrouped = _framework({**newer_small(), "respondent_groups": [
        {"id": "residents", "label": "Local residents"}, {"id": "officers", "label": "Officers"}]})
    assert framework_changes(old, regrouped).groups == (
        "The respondent group “Residents” is now called “Local residents”.",
        "The respondent group “Officers” is new.")
    assert framework_changes(regrouped, old).groups[0].startswith(
        "The respondent group “Officers” is no longer in the framework")


def test_moving_carries_answers_over_by_ref_and_keeps_what_it_cannot(
        workbook: Workbook, old: Framework, new: Framework) -> None:
    aid = _answered(workbook, old)
    with workbook.session() as session:
        plan = plan_move(load_assessment(session, aid), new)
    assert plan.carried == ("1.1",)
    assert [(c.ref, c.rating) for c in plan.cleared] == [("1.2", "Established")]
    assert [(d.ref, d.title) for d in plan.dropped] == [("2.1", "Three")]
    assert plan.summary() == ("1 response carries over; 1 rating is cleared; "
                              "1 response is dropped")

    run_operation(workbook, MoveAssessmentToFrameworkVersion(aid, new))
    with workbook.session() as session:
        data = load_assessment(session, aid)
        log = recent_changes(session)[0].summary
    assert (data.row.framework_version, data.framework) == ("1.1", new)
    assert set(data.responses) == {"1.1", "1.2"}
    carried = data.responses["1.1"]
    assert (carried.answer, carried.notes, carried.confidence, carried.comment,
            carried.evidence) == ("developing", "March minutes", "high", "Agreed by the board",
                                  ("minutes.txt",))
    cleared = data.responses["1.2"]
    assert cleared.answer is None
    assert cleared.comment.startswith("A good year\n\nRated “Established” against version 1.0")
    # What had nowhere to go is written out whole in the change log.
    assert log.startswith("Moved assessment “Round one” from Small framework 1.0 to 1.1")
    assert "no criterion 2.1 “Three”: rated “Not applicable”; evidence notes " \
           "“Not our service”; evidence files “letter.txt”" in log


def test_undo_and_redo_put_every_row_back_exactly(
        workbook: Workbook, old: Framework, new: Framework) -> None:
    aid = _answered(workbook, old)
    before = _rows(workbook, aid)
    move = MoveAssessmentToFrameworkVersion(aid, new)
    done = run_operation(workbook, move)
    after = _rows(workbook, aid)
    assert len(after[1]) == 2  # the new version is pinned beside the old one

    assert done.inverse is not None
    undone = run_operation(workbook, done.inverse, Mode.UNDO, label=move.label)
    assert _rows(workbook, aid) == before  # the new version's copy went with the undo
    assert undone.inverse is not None
    redone = run_operation(workbook, undone.inverse, Mode.REDO, label=move.label)
    assert _rows(workbook, aid) == after
    assert redone.inverse is not None
    run_operation(workbook, redone.inverse, Mode.UNDO, label=move.label)
    assert _rows(workbook, aid) == before
    with workbook.session() as session:
        assert recent_changes(session)[0].summary == "Undid: move assessment to version 1.1"


def test_a_version_already_pinned_is_shared_and_kept_on_undo(
        workbook: Workbook, old: Framework, new: Framework) -> None:
    run_operation(workbook, CreateAssessment.of(new, name="Already on 1.1"))
    aid = _answered(workbook, old)
    done = run_operation(workbook, MoveAssessmentToFrameworkVersion(aid, new))
    with workbook.session() as session:
        assert session.scalar(select(func.count()).select_from(PinnedFramework)) == 2
    assert done.inverse is not None
    run_operation(workbook, done.inverse, Mode.UNDO, label="Move")
    with workbook.session() as session:
        assert session.scalar(select(func.count()).select_from(PinnedFramework)) == 2


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"id": "other"}, r"Small framework \(other\) is a different framework"),
        ({"version": "0.9"}, "version 0.9 is an older version. An assessment can only move "
                             "to a newer version"),
        ({"version": "1.0"}, "version 1.0 is the version it already uses"),
    ],
)
def test_other_frameworks_and_older_versions_are_refused_with_a_sentence(
        workbook: Workbook, old: Framework, change: dict[str, str], says: str) -> None:
    aid = _answered(workbook, old)
    before = _rows(workbook, aid)
    target = _framework({**newer_small(), **change})
    with pytest.raises(UserError, match=says):
        run_operation(workbook, MoveAssessmentToFrameworkVersion(aid, target))
    assert _rows(workbook, aid) == before


def test_newer_versions_come_from_the_catalogue_and_the_workbook_newest_first(
        workbook: Workbook, old: Framework) -> None:
    folder = user_folder()
    folder.mkdir(parents=True)
    for version in ("1.0", "1.2"):
        data = {**newer_small(), "version": version}
        (folder / f"small-{version}.yaml").write_text(framework_to_yaml(_framework(data)),
                                                      encoding="utf-8")
    # 1.1 is only in this workbook, where another assessment uses it.
    run_operation(workbook, CreateAssessment.of(_framework(newer_small()), name="Other"))
    with workbook.session() as session:
        found = newer_versions(session, "small", old.version)
        assert [f.version for f in found] == ["1.2", "1.1"]
        assert newer_versions(session, "small", "1.2") == ()
