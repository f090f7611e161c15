"""The action plan: add, change and remove actions as undoable operations, with checked
values, from Python and from `rrt actions`; the action-plan report in three formats."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app.errors import UserError
from app.plans.actions import list_actions
from app.plans.operations import AddAction, RemoveAction, UpdateAction
from app.workbook import Workbook
from app.workbook.changelog import recent_changes
from app.workbook.operations import Mode, run_operation
from tests.support.cli import rrt
from tests.support.office import convert_with_libreoffice, pdf_text


@pytest.fixture
def workbook(tmp_path: Path) -> Workbook:
    book = Workbook.create(tmp_path / "plan.rrwb", title="Plan")
    yield book
    book.close()


def _actions(workbook: Workbook) -> list[tuple[str, str, date | None]]:
    with workbook.session() as session:
        return [(row.action, row.status, row.due) for row in list_actions(session)]


def test_add_change_remove_and_undo_each(workbook: Workbook) -> None:
    add = AddAction.of(action="Hold listening sessions", lead_partner="CVS", due="31/03/2027")
    added = run_operation(workbook, add)
    assert _actions(workbook) == [("Hold listening sessions", "not_started", date(2027, 3, 31))]
    assert workbook.overview().counts["actions"] == 1

    changed = run_operation(workbook, UpdateAction(add.action_id, "status", "in_progress"))
    assert _actions(workbook)[0][1] == "in_progress"
    assert changed.inverse is not None
    run_operation(workbook, changed.inverse, Mode.UNDO, label="Change status")
    assert _actions(workbook)[0][1] == "not_started"

    removed = run_operation(workbook, RemoveAction(add.action_id))
    assert _actions(workbook) == []
    assert removed.inverse is not None
    run_operation(workbook, removed.inverse, Mode.UNDO, label="Remove action")
    assert _actions(workbook) == [("Hold listening sessions", "not_started", date(2027, 3, 31))]
    assert added.inverse is not None
    run_operation(workbook, added.inverse, Mode.UNDO, label="Add action")
    assert _actions(workbook) == []
    with workbook.session() as session:
        log = [entry.summary for entry in recent_changes(session)][:3]
    assert log == ["Undid: add action", "Undid: remove action", "Removed action “Hold "
                   "listening sessions”"]


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("status", "finished", "Status must be one of"),
        ("due", "next week", "is not a date"),
        ("due", "31/02/2027", "is not a date"),
        ("lead_partner", "x" * 201, "too long"),
        ("action", "   ", "cannot be empty"),
        ("lead_partner", "tab\there", "control characters"),
    ],
)
def test_impossible_values_are_refused_and_change_nothing(
        workbook: Workbook, field: str, value: str, says: str) -> None:
    add = AddAction.of(action="Review the board's make-up")
    run_operation(workbook, add)
    before = _actions(workbook)
    with pytest.raises(UserError, match=says):
        run_operation(workbook, UpdateAction(add.action_id, field, value))
    assert _actions(workbook) == before


def test_the_command_line_runs_the_same_operations(tmp_path: Path) -> None:
    path = tmp_path / "cli.rrwb"
    assert rrt("new", str(path), "--title", "Plan").returncode == 0
    added = rrt("actions", "add", str(path), "--action", "Publish monitoring by ethnicity",
                "--lead-partner", "Council", "--due", "2027-06-30", "--priority", "high")
    assert added.returncode == 0, added.stderr
    assert rrt("actions", "set", str(path), "1", "status", "done").returncode == 0
    listed = json.loads(rrt("actions", "list", str(path), "--json").stdout)
    assert listed == [{
        "number": 1, "weakness": "", "action": "Publish monitoring by ethnicity",
        "outcome": "", "lead_partner": "Council", "partners": [], "start": None,
        "due": "2027-06-30", "status": "done", "priority": "high", "raised_by": "", "origin": "",
        "depends_on": [], "notes": [], "warnings": [],
    }]
    wrong = rrt("actions", "set", str(path), "7", "status", "done")
    assert wrong.returncode == 2 and "no action number 7" in wrong.stderr
    bad = rrt("actions", "set", str(path), "1", "due", "soon")
    assert bad.returncode == 3 and bad.stderr.startswith("rrt: “soon” is not a date")
    assert rrt("actions", "remove", str(path), "1").returncode == 0
    assert "No actions yet." in rrt("actions", "list", str(path)).stdout


def test_the_action_plan_exports_to_word_pdf_and_excel(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "report.rrwb"
    with Workbook.create(path, title="Equality plan", organisation="Anytown CVS") as book:
        run_operation(book, AddAction.of(
            weakness="Monitoring is not analysed by ethnicity",
            action="Analyse service monitoring by ethnic group each quarter",
            lead_partner="Performance team", due="30/09/2027"))
    outputs = {fmt: tmp_path / f"plan.{fmt}" for fmt in ("docx", "pdf", "xlsx")}
    for fmt, out in outputs.items():
        result = rrt("export", str(path), "--report", "action-plan", "--format", fmt,
                     "--out", str(out))
        assert result.returncode == 0, result.stderr
    for text in (pdf_text(outputs["pdf"]),
                 pdf_text(convert_with_libreoffice(outputs["docx"], "pdf"))):
        # Table cells wrap, so their words come out of the page interleaved.
        words = set(text.split())
        assert {"Analyse", "quarter", "Equality", "plan"} <= words, words
    sheet = load_workbook(outputs["xlsx"])["Actions"]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Monitoring is not analysed by ethnicity" in values
    assert "Performance team" in values and date(2027, 9, 30) in [
        v.date() if hasattr(v, "date") else v for v in values]


def _as_before_origins(path: Path) -> dict[str, str]:
    """Make `path` a workbook from before actions had an origin (plans_0003), with the
    raised-by texts the older builds wrote; returns each action's origin as it was."""
    raw = sqlite3.connect(path)
    origins = dict(raw.execute("SELECT id, origin FROM plan_action"))
    for action_id, origin in origins.items():
        if origin.startswith("proofing:"):  # the older text ended with the finding's ref
            raw.execute("UPDATE plan_action SET raised_by = raised_by || ' (finding ' || ? "
                        "|| ')' WHERE id = ?", (origin.rsplit(":", 1)[1][:8], action_id))
    raw.execute("DROP INDEX ix_plan_action_origin")
    raw.execute("ALTER TABLE plan_action DROP COLUMN origin")
    raw.execute("UPDATE alembic_version SET version_num = 'plans_0003' "
                "WHERE version_num = 'plans_0004'")
    # A text naming no assessment in the workbook stays unlinked.
    raw.execute("INSERT INTO plan_action (id, position, weakness, action, outcome, lead_partner,"
                " status, priority, raised_by, created_at, updated_at) SELECT ?, 99, '',"
                " 'Old', '', '', 'not_started', 'low', 'Assessment “Gone”, criterion 1.1',"
                " created_at, updated_at FROM plan_action LIMIT 1", ("f" * 32,))
    origins["f" * 32] = ""
    raw.commit()
    raw.close()
    return origins


def test_an_older_workbook_links_the_actions_its_modules_raised(tmp_path: Path) -> None:
    from app.assessments.improvement import actions_to_raise, propose_actions, raised_origins
    from app.assessments.records import list_assessments, load_assessment
    from app.workbook.sample import bundled_sample

    path = tmp_path / "older.rrwb"
    shutil.copyfile(bundled_sample(), path)
    before = _as_before_origins(path)
    assert {o.split(":")[0] for o in before.values()} == {
        "assessments", "representation", "proofing", ""}
    with Workbook.open(path) as book, book.session() as session:
        after = {row.id.hex: row.origin for row in list_actions(session)}
        latest = list_assessments(session)[-1]
        proposals = propose_actions(load_assessment(session, latest.id))
        assert proposals
        assert actions_to_raise(proposals, raised_origins(session, latest.id)) == ()
    assert after == before  # and the actions typed by hand keep the origin ""


def test_the_origin_is_listed_and_never_changed_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "cli.rrwb"
    with Workbook.create(path, title="Plan") as book:
        run_operation(book, AddAction.of("assessments:abc:1.1", action="Agree a vision"))
        run_operation(book, AddAction.of(action="Typed by hand"))
    listed = json.loads(rrt("actions", "list", str(path), "--json").stdout)
    assert [a["origin"] for a in listed] == ["assessments:abc:1.1", ""]
    changed = rrt("actions", "set", str(path), "1", "origin", "")
    assert changed.returncode == 2 and "invalid choice: 'origin'" in changed.stderr
    assert "Traceback" not in changed.stderr
    relisted = json.loads(rrt("actions", "list", str(path), "--json").stdout)
    assert [a["origin"] for a in relisted] == ["assessments:abc:1.1", ""]
