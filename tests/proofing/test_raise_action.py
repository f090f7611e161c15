"""Raising an action in the action plan from a proofing finding: one undoable step, the
finding's words in the action, and never twice for the same finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.errors import UserError
from app.plans.actions import list_actions
from app.plans.operations import UpdateAction
from app.proofing.operations import StoreRecord
from app.proofing.raise_action import RaiseFindingAction, raised_action_id, raised_findings
from app.workbook import Workbook
from app.workbook.operations import Mode, run_operation
from tests.proofing.test_records import _record
from tests.support.cli import rrt


@pytest.fixture
def workbook(tmp_path: Path) -> Workbook:
    book = Workbook.create(tmp_path / "raise.rrwb", title="Raising")
    yield book
    book.close()


def test_a_finding_raises_one_action_with_its_words_and_undo_removes_it(
        workbook: Workbook) -> None:
    record = _record(version="0.2")
    run_operation(workbook, StoreRecord(record))
    bame = next(f for f in record.findings if f.rule_id == "bame-bme")
    raised = run_operation(workbook, RaiseFindingAction(bame.id))
    with workbook.session() as session:
        [action] = list_actions(session)
        assert raised_action_id(session, bame.id) == action.id
        assert raised_findings(session, [f.id for f in record.findings]) == {bame.id}
    assert action.weakness.startswith(bame.message)
    assert f"“{bame.excerpt}”" in action.weakness and "paragraph" in action.weakness
    assert bame.suggestion and bame.suggestion in action.action
    assert action.raised_by.startswith("Proofing “Leisure strategy” (version 0.2)")
    assert action.priority in ("high", "medium", "low") and action.status == "not_started"

    with pytest.raises(UserError, match="already been raised"):
        run_operation(workbook, RaiseFindingAction(bame.id))
    with workbook.session() as session:
        assert len(list_actions(session)) == 1  # refused without a half-change

    assert raised.inverse is not None
    undone = run_operation(workbook, raised.inverse, Mode.UNDO, label="Raise")
    with workbook.session() as session:
        assert list_actions(session) == []
        assert raised_action_id(session, bame.id) is None
    assert undone.inverse is not None
    run_operation(workbook, undone.inverse, Mode.REDO, label="Raise")
    with workbook.session() as session:
        [again] = list_actions(session)
    assert (again.id, again.weakness, again.raised_by, again.origin) == (
        action.id, action.weakness, action.raised_by, action.origin)
    assert action.origin == f"proofing:{record.id.hex}:{bame.id.hex}"
    with pytest.raises(UserError, match="already been raised"):
        run_operation(workbook, RaiseFindingAction(bame.id))


def test_rewording_raised_by_does_not_let_a_finding_raise_twice(workbook: Workbook) -> None:
    record = _record()
    run_operation(workbook, StoreRecord(record))
    finding = record.findings[0]
    run_operation(workbook, RaiseFindingAction(finding.id))
    with workbook.session() as session:
        [action] = list_actions(session)
    run_operation(workbook, UpdateAction(action.id, "raised_by", "Spotted at the team meeting"))
    with workbook.session() as session:
        assert raised_action_id(session, finding.id) == action.id
        assert raised_findings(session, [f.id for f in record.findings]) == {finding.id}
    with pytest.raises(UserError, match="already been raised"):
        run_operation(workbook, RaiseFindingAction(finding.id))


def test_rrt_proofing_raise(tmp_path: Path) -> None:
    book = tmp_path / "cli.rrwb"
    assert rrt("new", str(book), "--title", "Parks").returncode == 0
    draft = tmp_path / "parks.md"
    draft.write_text("# Parks plan\n\nSome groups are hard to reach.\n", encoding="utf-8")
    assert rrt("proof", str(draft), "--workbook", str(book)).returncode == 0
    shown = json.loads(rrt("proofing", "show", str(book), "1", "--json").stdout)
    number = str(next(f["number"] for f in shown["findings"] if f["rule"] == "hard-to-reach"))
    done = rrt("proofing", "raise", str(book), "1", number)
    assert done.returncode == 0, done.stderr
    assert "Action raised" in done.stdout
    twice = rrt("proofing", "raise", str(book), "1", number)
    assert twice.returncode == 3 and "already been raised" in twice.stderr
    assert rrt("proofing", "raise", str(book), "1", "99").returncode == 2
    with Workbook.open(book, read_only=True) as workbook, workbook.session() as session:
        [action] = list_actions(session)
    assert "hard to reach" in action.weakness.lower()
