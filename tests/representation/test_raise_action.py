"""Raising an action from an audit's group: the weakness comes from the verdict, the
action says what raised it, it is one undoable step, it is never raised twice for the
same audit and group, and groups at or above their share raise nothing."""

from __future__ import annotations

import pytest

from app.plans.operations import UpdateAction
from app.plans.plan import read_plan
from app.representation.errors import RepresentationError
from app.representation.raise_action import RaiseGroupAction
from app.workbook import Workbook
from app.workbook.operations import Mode, run_operation
from tests.representation.conftest import add_audit, add_baseline
from tests.support.cli import rrt


def _plan(workbook: Workbook):  # type: ignore[no-untyped-def]
    with workbook.session() as session:
        return read_plan(session)


def test_an_under_represented_group_raises_one_linked_action_undoably(
        workbook: Workbook) -> None:
    area = add_baseline(workbook, (("british", 65), ("caribbean", 35)))
    audit = add_audit(workbook, (("british", 327), ("caribbean", 93)), area,
                      kind="members", name="Member groups")
    change = run_operation(workbook, RaiseGroupAction(audit, "Ethnic-Minorities"))
    (action,) = _plan(workbook).actions
    assert action.raised_by.startswith("Representation audit “Member groups")
    assert action.raised_by.endswith("01/04/2026: Ethnic minorities (all groups except "
                                     "English, Welsh, Scottish, Northern Irish or British)")
    assert action.weakness.startswith("Ethnic minorities (all groups except English, Welsh, "
                                      "Scottish, Northern Irish or British) on the Member "
                                      "groups (01/04/2026): under-represented, 22% of those "
                                      "who stated their ethnic group against 35% in Testshire.")
    assert action.priority == "high"
    assert action.origin == f"representation:{audit.hex}:ethnic-minorities"
    with pytest.raises(RepresentationError, match="Action 1 of the plan was already raised"):
        run_operation(workbook, RaiseGroupAction(audit, "ethnic-minorities"))
    assert len(_plan(workbook).actions) == 1
    assert change.inverse is not None
    undone = run_operation(workbook, change.inverse, Mode.UNDO, label="Raise action")
    assert _plan(workbook).actions == ()
    assert undone.inverse is not None
    run_operation(workbook, undone.inverse, Mode.REDO, label="Raise action")
    assert _plan(workbook).actions == (action,)  # back with its origin
    with pytest.raises(RepresentationError, match="already raised"):
        run_operation(workbook, RaiseGroupAction(audit, "ethnic-minorities"))
    run_operation(workbook, RaiseGroupAction(audit, "black"))  # another group: its own
    assert len(_plan(workbook).actions) == 2


def test_rewording_raised_by_does_not_let_a_group_raise_twice(workbook: Workbook) -> None:
    area = add_baseline(workbook, (("british", 65), ("caribbean", 35)))
    audit = add_audit(workbook, (("british", 327), ("caribbean", 93)), area)
    run_operation(workbook, RaiseGroupAction(audit, "ethnic-minorities"))
    (action,) = _plan(workbook).actions
    run_operation(workbook, UpdateAction(action.id, "raised_by", "Board, spring audit"))
    with pytest.raises(RepresentationError, match="Action 1 of the plan was already raised"):
        run_operation(workbook, RaiseGroupAction(audit, "ethnic-minorities"))
    assert [a.raised_by for a in _plan(workbook).actions] == ["Board, spring audit"]


def test_groups_at_their_share_or_unknown_raise_nothing(workbook: Workbook) -> None:
    area = add_baseline(workbook, (("british", 65), ("caribbean", 35)))
    audit = add_audit(workbook, (("british", 50), ("caribbean", 50)), area)
    with pytest.raises(RepresentationError, match="is not under-represented"):
        run_operation(workbook, RaiseGroupAction(audit, "black"))
    with pytest.raises(RepresentationError, match="There is no group “purple”"):
        run_operation(workbook, RaiseGroupAction(audit, "purple"))
    alone = add_audit(workbook, (("british", 5),), None, name="Panel")
    with pytest.raises(RepresentationError, match="cannot be compared with the area"):
        run_operation(workbook, RaiseGroupAction(alone, "white"))
    assert _plan(workbook).actions == ()


def test_rrt_audit_raise(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "cli.rrwb"
    with Workbook.create(path, title="Audit") as book:
        area = add_baseline(book, (("british", 65), ("caribbean", 35)))
        add_audit(book, (("british", 327), ("caribbean", 93)), area)
    done = rrt("audit", "raise", str(path), "1", "ethnic-minorities")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Action 1 added to the plan: Representation audit")
    again = rrt("audit", "raise", str(path), "1", "ethnic-minorities")
    assert again.returncode == 3 and "already raised" in again.stderr
    assert "Traceback" not in again.stderr
    assert rrt("audit", "raise", str(path), "2", "asian").returncode == 2


def test_the_sample_plan_holds_the_action_its_audit_raised() -> None:
    from app.workbook.sample import bundled_sample

    with Workbook.open(bundled_sample(), read_only=True) as book:
        raised = [a for a in _plan(book).actions if a.origin.startswith("representation:")]
    assert [a.raised_by.startswith("Representation audit “Board of trustees”")
            for a in raised] == [True]
