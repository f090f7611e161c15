"""The Excel tracker round trip: export, edit the cells as a participant would (openpyxl,
and a save by LibreOffice Calc), import; only the intended changes land, as one undoable
step, and every malformed tracker is refused with a sentence and no change."""

from __future__ import annotations

import shutil
import uuid
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.errors import UserError
from app.plans.actions import list_actions
from app.plans.operations import AddAction
from app.plans.plan import read_plan
from app.plans.tracker import layout
from app.plans.tracker.compare import preview_import
from app.plans.tracker.export import take_tracker_snapshot, write_tracker
from app.workbook import Workbook
from app.workbook.operations import Mode, run_operation
from tests.support.cli import rrt
from tests.support.office import convert_with_libreoffice


@pytest.fixture
def workbook(tmp_path: Path) -> Workbook:
    book = Workbook.create(tmp_path / "plan.rrwb", title="Plan")
    for values in (
        {"action": "Hold listening sessions", "weakness": "Few young people heard",
             "lead_partner": "CVS", "start": "01/02/2027", "due": "31/03/2027", "priority": "high"},
        {"action": "=Train staff in plain language", "outcome": "Letters read easily\nby all"},
        {"action": "Publish the plan", "status": "in_progress", "due": "30/06/2027"},
    ):
        run_operation(book, AddAction.of(**values))
    yield book
    book.close()


def _snapshot(workbook: Workbook):  # type: ignore[no-untyped-def]
    with workbook.session() as session:
        return take_tracker_snapshot(session)


def _export(workbook: Workbook, tmp_path: Path, name: str = "tracker.xlsx") -> Path:
    return write_tracker(_snapshot(workbook), tmp_path / name)


def _column(field: str) -> int:
    return 1 + [c.field for c in layout.COLUMNS].index(field)


def _edit(path: Path, edits: dict[tuple[int, str], object]) -> None:
    """Type into cells as a participant would: (sheet row, field) -> value."""
    book = load_workbook(path)
    sheet = book[layout.ACTIONS_SHEET]
    for (row, field), value in edits.items():
        sheet.cell(row=row, column=_column(field)).value = value  # None empties it
    book.save(path)


def _state(workbook: Workbook) -> list[tuple]:
    with workbook.session() as session:
        return [(r.id, r.position, r.weakness, r.action, r.outcome, r.lead_partner, r.start,
                 r.due, r.status, r.priority) for r in list_actions(session)]


def test_the_tracker_is_laid_out_for_people_to_fill_in(workbook: Workbook,
                                                        tmp_path: Path) -> None:
    path = _export(workbook, tmp_path)
    book = load_workbook(path)
    sheet = book[layout.ACTIONS_SHEET]
    assert [c.value for c in sheet[1]] == [c.heading for c in layout.COLUMNS]
    ids = [sheet.cell(row=r, column=_column("id")).value for r in range(2, 5)]
    assert ids == [str(row[0]) for row in _state(workbook)]
    assert sheet.freeze_panes == "B2"
    assert sheet.protection.sheet
    assert sheet.cell(row=2, column=_column("id")).protection.locked
    assert not sheet.cell(row=2, column=_column("status")).protection.locked
    assert not sheet.cell(row=40, column=_column("action")).protection.locked  # spare row
    start = sheet.cell(row=2, column=_column("start"))
    assert start.value == datetime(2027, 2, 1) and start.is_date
    assert sheet.cell(row=2, column=_column("status")).value == "Not started"
    assert sheet.cell(row=3, column=_column("action")).data_type == "s"  # not a formula
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation
             if v.type == "list"}
    assert '"Not started,In progress,Done,Blocked,Dropped"' in lists.values()
    assert '"High,Medium,Low"' in lists.values()
    assert sheet.column_dimensions["C"].width >= 40
    about = book[layout.ABOUT_SHEET]
    assert about.sheet_state == "hidden" and about.protection.sheet
    stamp = {row[0]: row[1] for row in about.iter_rows(min_row=2, values_only=True)}
    with workbook.session() as session:
        from app.workbook.info import get_info

        assert stamp[layout.STAMP_WORKBOOK_ID] == str(get_info(session).id)
    assert stamp[layout.STAMP_EXPORTED_AT]


def test_unchanged_tracker_changes_nothing(workbook: Workbook, tmp_path: Path) -> None:
    path = _export(workbook, tmp_path)
    preview = preview_import(path, _snapshot(workbook))
    assert preview.is_empty
    assert "changes nothing" in preview.summary()


def test_round_trip_lands_exactly_the_edits_as_one_undoable_step(
        workbook: Workbook, tmp_path: Path) -> None:
    before = _state(workbook)
    path = _export(workbook, tmp_path)
    _edit(path, {
        (2, "status"): "In progress",
        (2, "start"): datetime(2027, 4, 1),  # both dates move later than the old due date
        (2, "due"): datetime(2027, 5, 31),
        (3, "lead_partner"): "Council",
        (4, "priority"): " low ",  # typed over the drop-down list
        (4, "due"): "15/07/2027",  # typed as text
        (6, "action"): "Share what we heard",  # a spare row: a new action
        (6, "priority"): "High",
    })
    preview = preview_import(path, _snapshot(workbook))
    assert preview.lines() == [
        "“tracker.xlsx” would make 6 changes to 3 actions and 1 new action.",
        "Action 1 “Hold listening sessions”:",
        "  Start date: 01/02/2027 → 01/04/2027",
        "  Due date: 31/03/2027 → 31/05/2027",
        "  Status: Not started → In progress",
        "Action 2 “=Train staff in plain language”:",
        "  Lead partner: (empty) → Council",
        "Action 3 “Publish the plan”:",
        "  Due date: 30/06/2027 → 15/07/2027",
        "  Priority: Medium → Low",
        "New action from row 6 “Share what we heard”:",
        "  Priority: High",
    ]
    change = run_operation(workbook, preview.operation())
    after = _state(workbook)
    assert len(after) == 4
    expected = [list(row) for row in before]
    expected[0][6:9] = [date(2027, 4, 1), date(2027, 5, 31), "in_progress"]
    expected[1][5] = "Council"
    expected[2][7], expected[2][9] = date(2027, 7, 15), "low"
    assert [list(row) for row in after[:3]] == expected
    assert after[3][2:] == ("", "Share what we heard", "", "", None, None, "not_started",
                            "high")

    # The same file again: nothing left to do, and the new row is not added twice.
    again = preview_import(path, _snapshot(workbook))
    assert again.is_empty

    assert change.inverse is not None
    run_operation(workbook, change.inverse, Mode.UNDO, label="Import tracker")
    assert _state(workbook) == before


def test_actions_added_since_the_export_are_left_alone(workbook: Workbook,
                                                       tmp_path: Path) -> None:
    path = _export(workbook, tmp_path)
    run_operation(workbook, AddAction.of(action="Added in the app meanwhile"))
    preview = preview_import(path, _snapshot(workbook))
    assert preview.is_empty and preview.left_alone == 1


def _refusal(workbook: Workbook, path: Path) -> str:
    before = _state(workbook)
    with pytest.raises(UserError) as caught:  # TrackerRefused, or the archive's sentence
        preview_import(path, _snapshot(workbook))
    assert _state(workbook) == before
    return str(caught.value)


def test_bad_values_are_all_listed_and_nothing_changes(workbook: Workbook,
                                                       tmp_path: Path) -> None:
    path = _export(workbook, tmp_path)
    _edit(path, {
        (2, "status"): "Finished",
        (3, "priority"): "Urgent",
        (4, "due"): "31/02/2027",
        (2, "due"): datetime(2026, 1, 1),  # before its start
        (3, "action"): None,  # an action must say what will be done
        (6, "weakness"): "A new row with no action",
    })
    text = _refusal(workbook, path)
    assert "Correct these 6 problems" in text
    assert "Row 2, Status: Status must be one of: Not started, In progress, Done" in text
    assert "Row 3, Priority: Priority must be one of: High, Medium, Low." in text
    assert "Row 4, Due date: “31/02/2027” is not a date." in text
    assert "Row 2: the start date (01/02/2027) is after the due date (01/01/2026)." in text
    assert "Row 3, Delivery action: Delivery action cannot be empty." in text
    assert "Row 6: a new action needs its “Delivery action” filled in." in text


def test_unknown_changed_and_repeated_ids_are_refused(workbook: Workbook,
                                                      tmp_path: Path) -> None:
    path = _export(workbook, tmp_path)
    first_id = _state(workbook)[0][0]
    _edit(path, {(2, "id"): str(uuid.uuid4()), (3, "id"): "not an id",
                 (4, "id"): str(first_id), (5, "id"): str(first_id),
                 (5, "action"): "Copied row"})
    text = _refusal(workbook, path)
    assert "Row 2: no action in this workbook has the ID" in text
    assert "Row 3: the ID “not an id” has been changed" in text
    assert "Row 5 has the same ID as row 4." in text


def test_another_workbooks_tracker_is_refused(workbook: Workbook, tmp_path: Path) -> None:
    other = Workbook.create(tmp_path / "other.rrwb", title="Another plan")
    try:
        path = _export(other, tmp_path, "other.xlsx")
    finally:
        other.close()
    text = _refusal(workbook, path)
    assert "it is the tracker of a different workbook (“Another plan”)" in text


@pytest.mark.parametrize("kind", ["report", "text", "no-stamp", "lost-column", "damaged",
                                  "csv"])
def test_files_that_are_not_trackers_are_refused(workbook: Workbook, tmp_path: Path,
                                                 kind: str) -> None:
    path = tmp_path / "odd.xlsx"
    if kind == "text":
        path.write_text("hello")
    elif kind == "damaged":
        path.write_bytes(_export(workbook, tmp_path).read_bytes()[:300])
    elif kind == "csv":
        path = tmp_path / "odd.csv"
        shutil.copy(_export(workbook, tmp_path), path)
    elif kind == "report":
        from openpyxl import Workbook as Book

        Book().save(path)
    else:
        shutil.copy(_export(workbook, tmp_path), path)
        book = load_workbook(path)
        if kind == "no-stamp":
            book.security = None
            del book[layout.ABOUT_SHEET]
        else:
            book[layout.ACTIONS_SHEET].cell(row=1, column=_column("due"), value="When")
        book.save(path)
    text = _refusal(workbook, path)
    if kind == "lost-column":
        assert "the “Due date” column is missing" in text
    elif kind in ("text", "damaged"):
        assert "not a valid Office document" in text
    else:
        assert "is not an action tracker exported by this toolkit" in text


def test_a_tracker_for_an_empty_plan_adds_rows(tmp_path: Path) -> None:
    book = Workbook.create(tmp_path / "empty.rrwb", title="Empty")
    try:
        path = _export(book, tmp_path)
        _edit(path, {(2, "action"): "First action", (2, "due"): datetime(2027, 1, 31)})
        with book.session() as session:
            snapshot = take_tracker_snapshot(session)
        run_operation(book, preview_import(path, snapshot).operation())
        with book.session() as session:
            plan = read_plan(session)
        assert [(a.action, a.due) for a in plan.actions] == [("First action",
                                                              date(2027, 1, 31))]
    finally:
        book.close()


def test_a_new_progress_note_is_added_once_and_undone_with_the_import(
        workbook: Workbook, tmp_path: Path) -> None:
    path = _export(workbook, tmp_path)
    _edit(path, {(2, "note"): "Met the youth forum", (6, "action"): "Report back",
                 (6, "note"): "Agreed at the workshop"})
    preview = preview_import(path, _snapshot(workbook))
    assert preview.lines() == [
        "“tracker.xlsx” would make 1 change to 1 action and 1 new action.",
        "Action 1 “Hold listening sessions”:",
        "  New progress note: “Met the youth forum”",
        "New action from row 6 “Report back”:",
        "  New progress note: “Agreed at the workshop”",
    ]
    change = run_operation(workbook, preview.operation())
    with workbook.session() as session:
        plan = read_plan(session)
    notes = {plan.actions[i].id: [n.text for n in plan.notes.get(plan.actions[i].id, ())]
             for i in (0, 3)}
    assert list(notes.values()) == [["Met the youth forum"], ["Agreed at the workshop"]]
    assert preview_import(path, _snapshot(workbook)).is_empty  # not added twice
    assert change.inverse is not None
    run_operation(workbook, change.inverse, Mode.UNDO, label="Import tracker")
    with workbook.session() as session:
        assert read_plan(session).notes == {}


def test_a_formula_is_refused_but_text_that_looks_like_one_is_kept(
        workbook: Workbook, tmp_path: Path) -> None:
    path = _export(workbook, tmp_path)
    _edit(path, {(3, "weakness"): "+44 line"})
    assert [c.line() for u in preview_import(path, _snapshot(workbook)).updates
            for c in u.changes] == ["Weakness: (empty) → +44 line"]
    _edit(path, {(2, "lead_partner"): "=A1&A2", (3, "note"): "=SUM(1,2)"})
    text = _refusal(workbook, path)
    assert "Row 2, Lead partner: holds a formula. Type the value itself." in text
    assert "Row 3, New progress note: holds a formula." in text


def test_edits_survive_a_libreoffice_save(workbook: Workbook, tmp_path: Path) -> None:
    path = _export(workbook, tmp_path)
    _edit(path, {(3, "status"): "Blocked", (2, "outcome"): "Line one\nline two",
                 (4, "due"): datetime(2027, 9, 30)})
    resaved = convert_with_libreoffice(path, "xlsx")
    preview = preview_import(resaved, _snapshot(workbook))
    assert preview.lines()[1:] == [
        "Action 1 “Hold listening sessions”:",
        "  Outcome: (empty) → Line one line two",  # the preview shows it on one line
        "Action 2 “=Train staff in plain language”:",
        "  Status: Not started → Blocked",
        "Action 3 “Publish the plan”:",
        "  Due date: 30/06/2027 → 30/09/2027",
    ]
    run_operation(workbook, preview.operation())
    assert _state(workbook)[0][4] == "Line one\nline two"


def test_the_command_line_exports_previews_and_imports(tmp_path: Path) -> None:
    path = tmp_path / "cli.rrwb"
    assert rrt("new", str(path), "--title", "Plan").returncode == 0
    assert rrt("actions", "add", str(path), "--action", "Agree a vision").returncode == 0
    out = tmp_path / "tracker.xlsx"
    assert rrt("tracker", "export", str(path), str(out)).returncode == 0
    _edit(out, {(2, "status"): "In progress"})
    dry = rrt("tracker", "import", str(path), str(out), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "“tracker.xlsx” would make 1 change to 1 action.",
        "Action 1 “Agree a vision”:", "  Status: Not started → In progress",
        "Dry run: nothing was changed."]
    assert "not_started" in rrt("actions", "list", str(path), "--json").stdout
    done = rrt("tracker", "import", str(path), str(out))
    assert done.returncode == 0 and done.stdout.endswith("Imported.\n")
    assert '"status": "in_progress"' in rrt("actions", "list", str(path), "--json").stdout
    again = rrt("tracker", "import", str(path), str(out))
    assert "changes nothing" in again.stdout
    assert rrt("actions", "tracker", "export", str(path), str(out)).returncode == 2
