"""Assessments as undoable operations: each edit and its undo, the framework pinned once,
deleting and restoring with every response and evidence link, values refused with a
sentence."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.assessments.frameworks import Framework, framework_from_dict
from app.assessments.models import PinnedFramework
from app.assessments.operations import (
    CreateAssessment,
    DeleteAssessment,
    LinkEvidence,
    RateCriterion,
    RenameAssessment,
    SetResponseField,
    UnlinkEvidence,
    UpdateAssessment,
)
from app.assessments.records import list_assessments, load_assessment
from app.errors import UserError
from app.workbook import Workbook
from app.workbook.changelog import recent_changes
from app.workbook.evidence import attach_evidence
from app.workbook.operations import Mode, Operation, run_operation
from tests.assessments.conftest import SMALL


@pytest.fixture
def framework() -> Framework:
    return framework_from_dict(json.loads(json.dumps(SMALL)))


@pytest.fixture
def workbook(tmp_path: Path) -> Any:
    book = Workbook.create(tmp_path / "assess.rrwb", title="Assessments")
    yield book
    book.close()


def _undo(workbook: Workbook, operation: Operation) -> None:
    change = run_operation(workbook, operation)
    assert change.inverse is not None
    run_operation(workbook, change.inverse, Mode.UNDO, label=operation.label)


def _state(workbook: Workbook) -> Any:
    with workbook.session() as session:
        rows = list_assessments(session)
        return [(row.name, row.round_label, row.assessed_on, row.respondent_group,
                 dict(load_assessment(session, row.id).responses)) for row in rows]


def test_create_pins_the_framework_once_and_each_edit_undoes(
        workbook: Workbook, framework: Framework) -> None:
    first = CreateAssessment.of(framework, name="Round one", round_label="2025",
                                assessed_on="31/03/2025", respondent_group="Residents")
    run_operation(workbook, first)
    second = CreateAssessment.of(framework, name="Round two", round_label="2026")
    run_operation(workbook, second)
    with workbook.session() as session:
        assert session.scalar(select(func.count()).select_from(PinnedFramework)) == 1
        rows = list_assessments(session)
    assert [r.name for r in rows] == ["Round one", "Round two"]
    assert rows[0].assessed_on == date(2025, 3, 31) and rows[0].respondent_group == "residents"
    assert workbook.overview().counts["assessments"] == 2

    aid = first.assessment_id
    before = _state(workbook)
    for operation in (
        RateCriterion(aid, "1.1", "Developing"),
        RateCriterion(aid, "2.1", "n/a"),
        SetResponseField(aid, "1.1", "notes", "Minutes of March meeting"),
        SetResponseField(aid, "1.1", "confidence", "low"),
        SetResponseField(aid, "1.1", "comment", "Needs checking"),
        RenameAssessment(aid, "First round"),
        UpdateAssessment(aid, "area_local", "Anytown"),
    ):
        _undo(workbook, operation)
        assert _state(workbook) == before, operation

    run_operation(workbook, RateCriterion(aid, "1.1", "established"))
    rated = _state(workbook)
    assert rated[0][4]["1.1"].answer == "established"
    _undo(workbook, RateCriterion(aid, "1.1", None))
    assert _state(workbook) == rated
    with workbook.session() as session:
        log = [entry.summary for entry in recent_changes(session)][:2]
    assert log[0] == "Undid: clear rating of 1.1"


def test_evidence_links_and_delete_restores_everything(
        workbook: Workbook, framework: Framework) -> None:
    create = CreateAssessment.of(framework, name="Round one")
    run_operation(workbook, create)
    aid = create.assessment_id
    with workbook.session() as session:
        survey = attach_evidence(session, "survey.txt", b"survey").evidence.id
        minutes = attach_evidence(session, "minutes.txt", b"minutes").evidence.id
    run_operation(workbook, RateCriterion(aid, "1.1", "established"))
    run_operation(workbook, LinkEvidence(aid, "1.1", survey))
    run_operation(workbook, LinkEvidence(aid, "2.1", survey))  # one file, two criteria
    run_operation(workbook, LinkEvidence(aid, "1.1", minutes))
    with pytest.raises(UserError, match=r"already supports criterion 1\.1"):
        run_operation(workbook, LinkEvidence(aid, "1.1", minutes))
    state = _state(workbook)
    assert state[0][4]["1.1"].evidence == ("minutes.txt", "survey.txt")
    assert state[0][4]["2.1"].evidence == ("survey.txt",)

    _undo(workbook, UnlinkEvidence(aid, "1.1", survey))
    assert _state(workbook) == state

    deleted = run_operation(workbook, DeleteAssessment(aid))
    assert _state(workbook) == []
    with workbook.session() as session:  # the framework went with its last assessment
        assert session.scalar(select(func.count()).select_from(PinnedFramework)) == 0
    assert deleted.inverse is not None
    run_operation(workbook, deleted.inverse, Mode.UNDO, label="Delete assessment")
    assert _state(workbook) == state
    # Undoing the creation removes it; redoing puts it back.
    created = run_operation(workbook, DeleteAssessment(aid))
    assert created.inverse is not None
    run_operation(workbook, created.inverse, Mode.REDO, label="Start assessment")
    assert _state(workbook) == state


@pytest.mark.parametrize(
    ("operation", "says"),
    [
        (lambda a: RateCriterion(a, "9.9", "developing"), "no criterion “9.9”"),
        (lambda a: RateCriterion(a, "1.1", "brilliant"), "not a rating"),
        (lambda a: SetResponseField(a, "1.1", "confidence", "certain"), "Confidence must be"),
        (lambda a: SetResponseField(a, "1.1", "notes", "bad\x00text"), "control characters"),
        (lambda a: RenameAssessment(a, "   "), "cannot be empty"),
        (lambda a: UpdateAssessment(a, "assessed_on", "soon"), "is not a date"),
        (lambda a: UpdateAssessment(a, "respondent_group", "Aliens"), "not a respondent group"),
    ],
)
def test_impossible_values_are_refused_and_change_nothing(
        workbook: Workbook, framework: Framework, operation: Any, says: str) -> None:
    create = CreateAssessment.of(framework, name="Round one")
    run_operation(workbook, create)
    before = _state(workbook)
    with pytest.raises(UserError, match=says):
        run_operation(workbook, operation(create.assessment_id))
    assert _state(workbook) == before


def test_a_scale_without_not_applicable_refuses_it(workbook: Workbook) -> None:
    data = json.loads(json.dumps(SMALL))
    del data["scale"]["not_applicable"]
    framework = framework_from_dict(data)
    create = CreateAssessment.of(framework, name="Strict")
    run_operation(workbook, create)
    with pytest.raises(UserError, match="no “not applicable” answer"):
        run_operation(workbook, RateCriterion(create.assessment_id, "1.1", "n/a"))


def test_improvement_actions_are_raised_as_one_step_and_undone_together(
        workbook: Workbook, framework: Framework) -> None:
    from app.assessments.improvement import actions_to_raise, propose_actions, raised_origins
    from app.assessments.operations import RaiseActions
    from app.plans.actions import list_actions

    create = CreateAssessment.of(framework, name="Spring review")
    run_operation(workbook, create)
    aid = create.assessment_id
    run_operation(workbook, RateCriterion(aid, "1.1", "not-in-place"))
    run_operation(workbook, RateCriterion(aid, "2.1", "developing"))
    with workbook.session() as session:
        data = load_assessment(session, aid)
    assert [p.ref for p in propose_actions(data)] == ["1.1"]
    proposals = propose_actions(data, levels=2)
    assert [(p.ref, p.priority) for p in proposals] == [("1.1", "high"), ("2.1", "medium")]
    assert proposals[0].raised_by == "Assessment “Spring review”, criterion 1.1"
    assert "“Developing”" in proposals[0].outcome

    raised = run_operation(workbook, RaiseActions(actions_to_raise(proposals, [])))
    with workbook.session() as session:
        actions = list_actions(session)
        log = recent_changes(session)[0].summary
    assert [a.raised_by for a in actions] == [p.raised_by for p in proposals]
    assert [a.origin for a in actions] == [f"assessments:{aid.hex}:1.1",
                                           f"assessments:{aid.hex}:2.1"]
    assert log.count("Added action") == 2  # one change-log line for the step
    # Raising again proposes nothing new.
    assert actions_to_raise(proposals, [a.origin for a in actions]) == ()

    assert raised.inverse is not None
    undone = run_operation(workbook, raised.inverse, Mode.UNDO, label="Raise actions")
    with workbook.session() as session:
        assert list_actions(session) == []
    assert undone.inverse is not None
    run_operation(workbook, undone.inverse, Mode.REDO, label="Raise actions")
    with workbook.session() as session:
        assert list_actions(session) == actions  # origins too
        assert actions_to_raise(proposals, raised_origins(session, aid)) == ()


def test_rewording_raised_by_or_renaming_keeps_a_criterion_from_raising_twice(
        workbook: Workbook, framework: Framework, tmp_path: Path) -> None:
    from app.assessments.improvement import actions_to_raise, propose_actions, raised_origins
    from app.assessments.operations import RaiseActions
    from app.assessments.report import take_snapshot
    from app.plans.actions import list_actions
    from app.plans.operations import UpdateAction

    create = CreateAssessment.of(framework, name="Spring review")
    run_operation(workbook, create)
    aid = create.assessment_id
    run_operation(workbook, RateCriterion(aid, "1.1", "not-in-place"))
    with workbook.session() as session:
        proposals = propose_actions(load_assessment(session, aid))
    run_operation(workbook, RaiseActions(actions_to_raise(proposals, ())))
    with workbook.session() as session:
        (action,) = list_actions(session)
    run_operation(workbook, UpdateAction(action.id, "raised_by", "Trustees' away day"))
    run_operation(workbook, RenameAssessment(aid, "Spring review 2026"))
    with workbook.session() as session:
        data = load_assessment(session, aid)
        assert actions_to_raise(propose_actions(data), raised_origins(session, aid)) == ()
        listed = take_snapshot(session, tmp_path / "r.rrwb", str(aid)).actions
    assert [a.id for a in listed] == [action.id]
    assert listed[0].raised_by == "Trustees' away day"
    # The origin is not a field a user can change.
    with pytest.raises(UserError):
        run_operation(workbook, UpdateAction(action.id, "origin", ""))


def test_priming_in_idle_time_reads_only(workbook: Workbook, framework: Framework) -> None:
    from app.assessments.records import prime

    with workbook.session() as session:
        prime(session)  # no assessments yet: nothing to read
    create = CreateAssessment.of(framework, name="Round one", round_label="2025")
    run_operation(workbook, create)
    run_operation(workbook, RateCriterion(create.assessment_id, "1.1", "developing"))
    before = _state(workbook)
    with workbook.session() as session:
        prime(session)
        assert not session.new and not session.dirty and not session.deleted
    assert _state(workbook) == before
