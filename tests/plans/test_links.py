"""Partners with roles, dependencies (circles refused, date warnings) and progress notes:
each edit undoable exactly, including removing an action with everything hanging off it;
old workbooks upgrade with their statuses kept."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app.errors import UserError
from app.plans.operations import (
    AddAction,
    AddDependency,
    AddNote,
    AddPartner,
    RemoveAction,
    SetPartnerRole,
)
from app.plans.plan import Plan, read_plan
from app.workbook import Workbook
from app.workbook.operations import Mode, Operation, run_operation
from tests.support.cli import rrt

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def workbook(tmp_path: Path) -> Workbook:
    book = Workbook.create(tmp_path / "plan.rrwb", title="Plan")
    yield book
    book.close()


def _plan(workbook: Workbook) -> Plan:
    with workbook.session() as session:
        return read_plan(session)


def _undo(workbook: Workbook, operation: Operation) -> None:
    change = run_operation(workbook, operation)
    assert change.inverse is not None
    run_operation(workbook, change.inverse, Mode.UNDO, label=operation.label)


def _three(workbook: Workbook) -> list[AddAction]:
    adds = [AddAction.of(action=text) for text in
            ("Agree a vision", "Set outcome targets", "Publish the targets")]
    for add in adds:
        run_operation(workbook, add)
    return adds


def test_a_dependency_that_closes_a_circle_is_refused_with_the_circle_named(
        workbook: Workbook) -> None:
    a, b, c = _three(workbook)
    run_operation(workbook, AddDependency(b.action_id, a.action_id))  # 2 needs 1
    run_operation(workbook, AddDependency(c.action_id, b.action_id))  # 3 needs 2
    before = _plan(workbook).edges
    with pytest.raises(UserError) as refused:
        run_operation(workbook, AddDependency(a.action_id, c.action_id))  # 1 needs 3: circle
    assert str(refused.value) == (
        "That would make a circle: action 1 (“Agree a vision”) would depend on action 3 "
        "(“Publish the targets”), which depends on action 2 (“Set outcome targets”), which "
        "depends on action 1 (“Agree a vision”). Remove one of those dependencies first.")
    with pytest.raises(UserError, match="cannot depend on itself"):
        run_operation(workbook, AddDependency(a.action_id, a.action_id))
    assert _plan(workbook).edges == before
    assert _plan(workbook).depends_on(c.action_id) == [2]


def test_starting_before_a_dependency_is_due_to_end_is_warned(workbook: Workbook) -> None:
    a, b, _c = _three(workbook)
    run_operation(workbook, AddDependency(b.action_id, a.action_id))
    run_operation(workbook, AddAction.of(action="x"))  # unrelated; no warning
    assert _plan(workbook).warnings == ()
    from app.plans.operations import UpdateAction

    run_operation(workbook, UpdateAction(a.action_id, "due", "31/03/2027"))
    run_operation(workbook, UpdateAction(b.action_id, "start", "01/03/2027"))
    plan = _plan(workbook)
    assert plan.warnings_for(b.action_id) == [
        "Action 2 (“Set outcome targets”) is due to start on 01/03/2027, before action 1 "
        "(“Agree a vision”), which it depends on, is due to end on 31/03/2027."]
    run_operation(workbook, UpdateAction(b.action_id, "start", "2027-03-31"))
    assert _plan(workbook).warnings == ()  # starting the day it ends is fine


def test_start_after_due_is_refused(workbook: Workbook) -> None:
    from app.plans.operations import UpdateAction

    (a, *_rest) = _three(workbook)
    run_operation(workbook, UpdateAction(a.action_id, "due", "31/03/2027"))
    with pytest.raises(UserError, match=r"start date .* is after the due date"):
        run_operation(workbook, UpdateAction(a.action_id, "start", "01/04/2027"))
    assert _plan(workbook).actions[0].start is None


def test_partners_roles_and_notes_undo_exactly(workbook: Workbook) -> None:
    (a, *_rest) = _three(workbook)
    add = AddPartner(a.action_id, "City library", "delivers")
    run_operation(workbook, add)
    run_operation(workbook, AddPartner(a.action_id, "Council", "Funds"))  # a label works too
    assert _plan(workbook).partners_text(a.action_id) == (
        "City library (delivers); Council (funds)")
    with pytest.raises(UserError, match="already a partner"):
        run_operation(workbook, AddPartner(a.action_id, "city library", "supports"))
    with pytest.raises(UserError, match="Partner role must be one of"):
        run_operation(workbook, AddPartner(a.action_id, "Trust", "owns"))
    _undo(workbook, SetPartnerRole(add.partner_id, "advises"))
    assert _plan(workbook).partners_text(a.action_id).startswith("City library (delivers)")

    run_operation(workbook, AddNote(a.action_id, "First meeting held", "2027-01-10"))
    _undo(workbook, AddNote(a.action_id, "Second meeting held"))
    notes = _plan(workbook).notes[a.action_id]
    assert [(n.noted_on, n.text) for n in notes] == [(date(2027, 1, 10), "First meeting held")]
    with pytest.raises(UserError, match="Progress note cannot be empty"):
        run_operation(workbook, AddNote(a.action_id, "  "))


def test_removing_an_action_and_undoing_puts_back_everything_hanging_off_it(
        workbook: Workbook) -> None:
    a, b, c = _three(workbook)
    run_operation(workbook, AddPartner(a.action_id, "Council", "funds"))
    run_operation(workbook, AddNote(a.action_id, "Started", "2027-01-01"))
    run_operation(workbook, AddDependency(b.action_id, a.action_id))
    run_operation(workbook, AddDependency(a.action_id, c.action_id))
    before = _plan(workbook)
    removed = run_operation(workbook, RemoveAction(a.action_id))
    after = _plan(workbook)
    assert after.edges == () and after.partners == {} and after.notes == {}
    assert removed.inverse is not None
    run_operation(workbook, removed.inverse, Mode.UNDO, label="Remove action")
    restored = _plan(workbook)
    assert restored.actions == before.actions
    assert restored.partners == before.partners and restored.notes == before.notes
    assert sorted(restored.edges) == sorted(before.edges)


def test_an_old_workbook_upgrades_and_keeps_its_statuses(tmp_path: Path) -> None:
    path = tmp_path / "old.rrwb"
    shutil.copyfile(FIXTURES / "workbook_v2_plans_0001.rrwb", path)
    raw = sqlite3.connect(path)
    for number, status in enumerate(("in_progress", "Done", "someday")):
        raw.execute(
            "INSERT INTO plan_action (id, position, weakness, action, outcome, lead_partner,"
            " due, status, priority, raised_by, created_at, updated_at) VALUES"
            " (?, ?, '', ?, '', '', NULL, ?, 'medium', '', '2025-03-01 09:30:00.000000',"
            " '2025-03-01 09:30:00.000000')",
            (f"{number:032x}", number, f"Action {number}", status))
    raw.commit()
    raw.close()
    with Workbook.open(path) as book:
        plan = _plan(book)
        assert [row.status for row in plan.actions] == ["in_progress", "done", "not_started"]
        assert all(row.start is None for row in plan.actions)
        run_operation(book, AddPartner(plan.actions[0].id, "Council"))


def test_the_command_line_manages_partners_dependencies_and_notes(tmp_path: Path) -> None:
    path = tmp_path / "cli.rrwb"
    assert rrt("new", str(path), "--title", "Plan").returncode == 0
    for text, extra in (("Agree a vision", ("--due", "31/03/2027")),
                        ("Set targets", ("--start", "01/03/2027", "--status", "blocked"))):
        assert rrt("actions", "add", str(path), "--action", text, *extra).returncode == 0
    assert rrt("actions", "partner", str(path), "1", "Council", "--role", "funds"
               ).returncode == 0
    assert rrt("actions", "partner", str(path), "1", "Library").returncode == 0
    assert rrt("actions", "partner", str(path), "1", "library", "--remove").returncode == 0
    assert rrt("actions", "depend", str(path), "2", "1").returncode == 0
    circle = rrt("actions", "depend", str(path), "1", "2")
    assert circle.returncode == 3 and "would make a circle" in circle.stderr
    assert rrt("actions", "note", str(path), "2", "Waiting for the vision", "--on",
               "2027-02-01").returncode == 0
    listed = json.loads(rrt("actions", "list", str(path), "--json").stdout)
    assert listed[0]["partners"] == [{"name": "Council", "role": "funds"}]
    assert listed[1]["depends_on"] == [1] and listed[1]["status"] == "blocked"
    assert listed[1]["notes"] == [{"on": "2027-02-01", "text": "Waiting for the vision"}]
    assert listed[1]["warnings"] and "31/03/2027" in listed[1]["warnings"][0]
    text = rrt("actions", "list", str(path)).stdout
    assert "Warning: Action 2" in text
