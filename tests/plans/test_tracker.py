"""The Excel tracker: exported with ids, drop-downs and dates; filled in as a participant
would (openpyxl, and a save by LibreOffice Calc); re-imported with exactly the intended
changes as one undo step; every malformed tracker refused whole with nothing changed."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.errors import UserError
from app.plans.operations import AddAction, AddNote
from app.plans.plan import Plan, read_plan
from app.plans.tracker.export import TrackerSource, write_tracker
from app.plans.tracker.read import TrackerRefused, read_tracker
from app.workbook import Workbook
from app.workbook.info import get_info
from app.workbook.operations import Mode, run_operation
from tests.support.cli import rrt
from tests.support.office import convert_with_libreoffice

TODAY = date(2027, 5, 1)


@pytest.fixture
def workbook(tmp_path: Path) -> Workbook:
    book = Workbook.create(tmp_path / "plan.rrwb", title="Plan")
    for text, extra in (("Agree a vision", {"lead_partner": "Council", "due": "31/03/2027"}),
                        ("Set targets", {"start": "01/04/2027", "due": "30/06/2027"}),
                        ("=SUM(A1)", {"weakness": "+44 line"})):  # text that looks like maths
        run_operation(book, AddAction.of(action=text, **extra))
    run_operation(book, AddNote(_plan(book).actions[0].id, "Met once", "2027-01-05"))
    yield book
    book.close()


def _plan(book: Workbook) -> Plan:
    with book.session() as session:
        return read_plan(session)


def _export(book: Workbook, out: Path) -> Path:
    with book.session() as session:
        info = get_info(session)
        write_tracker(TrackerSource(info.id, info.title, read_plan(session)), out, TODAY)
    return out


def _read(book: Workbook, path: Path):
    with book.session() as session:
        return read_tracker(path, read_plan(session), get_info(session).id, TODAY)


def _edit(source: Path, target: Path, cells: dict[str, object]) -> Path:
    sheets = load_workbook(source)
    for ref, value in cells.items():
        sheets["Actions"][ref] = value
    sheets.save(target)
    return target


def test_the_tracker_has_ids_dropdowns_dates_and_a_protected_id_column(
        workbook: Workbook, tmp_path: Path) -> None:
    sheets = load_workbook(_export(workbook, tmp_path / "t.xlsx"))
    sheet = sheets["Actions"]
    assert [c.value for c in sheet[1]][:4] == ["Id", "No.", "Weakness", "Delivery action"]
    assert sheet["A2"].value == str(_plan(workbook).actions[0].id)
    assert isinstance(sheet["H2"].value, datetime) and sheet["H2"].value.date() == date(
        2027, 3, 31)
    assert sheet.protection.sheet and sheet["A2"].protection.locked
    assert not sheet["I2"].protection.locked  # status can be changed
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists == {"I2:I4": '"Not started,In progress,Done,Blocked,Dropped"',
                     "J2:J4": '"High,Medium,Low"'}
    assert sheet["D4"].value == "=SUM(A1)" and sheet["D4"].data_type == "s"  # never a formula
    with workbook.session() as session:
        assert sheets["About"]["B3"].value == str(get_info(session).id)


def test_an_unchanged_tracker_changes_nothing_even_after_a_libreoffice_save(
        workbook: Workbook, tmp_path: Path) -> None:
    exported = _export(workbook, tmp_path / "t.xlsx")
    assert _read(workbook, exported).changes == ()
    resaved = convert_with_libreoffice(exported, "xlsx")
    assert _read(workbook, resaved).changes == ()


def test_what_a_participant_changed_is_imported_exactly_as_one_undo_step(
        workbook: Workbook, tmp_path: Path) -> None:
    before = _plan(workbook)
    filled = _edit(_export(workbook, tmp_path / "t.xlsx"), tmp_path / "filled.xlsx", {
        "I2": "Done", "F3": "City library", "G3": date(2027, 7, 1), "H3": "31/08/2027",
        "K2": "Vision agreed at the May meeting", "J4": "High",
    })
    # The start moves past the old due date: the due date must change first.
    found = _read(workbook, filled)
    assert found.preview() == [
        "Action 1: status Not started → Done",
        "Action 1: new progress note “Vision agreed at the May meeting”",
        "Action 2: lead partner (empty) → “City library”",
        "Action 2: due date 30/06/2027 → 31/08/2027",
        "Action 2: start date 01/04/2027 → 01/07/2027",
        "Action 3: priority Medium → High",
    ]
    change = run_operation(workbook, found.operation())
    after = _plan(workbook)
    assert [(a.status, a.lead_partner, a.start, a.due, a.priority) for a in after.actions] == [
        ("done", "Council", None, date(2027, 3, 31), "medium"),
        ("not_started", "City library", date(2027, 7, 1), date(2027, 8, 31), "medium"),
        ("not_started", "", None, None, "high"),
    ]
    assert after.actions[2].action == "=SUM(A1)" and after.actions[2].weakness == "+44 line"
    assert [n.text for n in after.notes[after.actions[0].id]] == [
        "Met once", "Vision agreed at the May meeting"]
    assert len(after.actions) == 3  # no duplicated rows
    assert _read(workbook, filled).changes == ()  # importing it again changes nothing
    assert change.inverse is not None
    run_operation(workbook, change.inverse, Mode.UNDO, label="Import tracker")
    undone = _plan(workbook)
    # Undo puts every value back (the "last changed" time moves on, as for any edit).
    assert [replace(a, updated_at=None) for a in undone.actions] == [
        replace(a, updated_at=None) for a in before.actions]
    assert undone.notes == before.notes


def test_edits_survive_a_libreoffice_save(workbook: Workbook, tmp_path: Path) -> None:
    filled = _edit(_export(workbook, tmp_path / "t.xlsx"), tmp_path / "filled.xlsx",
                   {"I3": "Blocked", "C2": "Line one\nline two"})
    resaved = convert_with_libreoffice(filled, "xlsx")
    assert _read(workbook, resaved).preview() == [
        "Action 1: weakness (empty) → “Line one\nline two”",
        "Action 2: status Not started → Blocked",
    ]


@pytest.mark.parametrize(("cells", "says"), [
    ({"A3": "not-an-id"}, "Row 3 has no action id"),
    ({"A3": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}, "Row 3 has an id that is not an action"),
    ({"A5": "@copy A2", "C5": "x"}, "Row 5 has no action id"),
    ({"I2": "Finished"}, "Row 2, Status: Status must be one of"),
    ({"H2": "next week"}, "Row 2, Due: “next week” is not a date"),
    ({"F2": "x" * 201}, "Row 2, Lead partner: Lead partner is too long"),
    ({"D3": ""}, "Row 3, Delivery action: Delivery action cannot be empty"),
    ({"F2": "=A1&A2"}, "Row 2, Lead partner: holds a formula"),
    ({"G3": "01/09/2027"}, "start date (01/09/2027) is after the due date"),
])
def test_a_bad_value_refuses_the_whole_tracker(workbook: Workbook, tmp_path: Path,
                                               cells: dict[str, object], says: str) -> None:
    exported = _export(workbook, tmp_path / "t.xlsx")
    if "A5" in cells:  # a copied row: the same id twice
        sheets = load_workbook(exported)
        sheet = sheets["Actions"]
        for column in range(1, 14):
            sheet.cell(5, column).value = sheet.cell(2, column).value
        sheets.save(exported)
        cells = {}
        says = "Row 5 repeats an action"
    filled = _edit(exported, tmp_path / "bad.xlsx", cells)
    before = _plan(workbook)
    try:
        run_operation(workbook, _read(workbook, filled).operation())
    except UserError as refused:
        assert says in str(refused), str(refused)
    else:
        pytest.fail("the tracker was imported")
    assert _plan(workbook) == before


def test_files_that_are_not_this_workbooks_tracker_are_refused(
        workbook: Workbook, tmp_path: Path) -> None:
    exported = _export(workbook, tmp_path / "t.xlsx")
    with Workbook.create(tmp_path / "other.rrwb", title="Another plan") as other, \
            pytest.raises(TrackerRefused, match="tracker of another workbook"):
        _read(other, exported)
    moved = load_workbook(exported)
    moved["Actions"]["C1"] = "Problem"
    moved.save(tmp_path / "header.xlsx")
    with pytest.raises(TrackerRefused, match=r"columns of “header\.xlsx” are not"):
        _read(workbook, tmp_path / "header.xlsx")
    no_about = load_workbook(exported)
    del no_about["About"]
    no_about.save(tmp_path / "plain.xlsx")
    with pytest.raises(TrackerRefused, match="not an action tracker"):
        _read(workbook, tmp_path / "plain.xlsx")
    (tmp_path / "broken.xlsx").write_bytes(exported.read_bytes()[:300])
    with pytest.raises(UserError):  # damaged: a sentence, not a traceback
        _read(workbook, tmp_path / "broken.xlsx")
    shutil.copyfile(exported, tmp_path / "t.csv")
    with pytest.raises(TrackerRefused, match="not an Excel workbook"):
        _read(workbook, tmp_path / "t.csv")
    assert zipfile.is_zipfile(exported)


def test_the_command_line_exports_previews_and_imports(tmp_path: Path) -> None:
    path = tmp_path / "cli.rrwb"
    assert rrt("new", str(path), "--title", "Plan").returncode == 0
    assert rrt("actions", "add", str(path), "--action", "Agree a vision").returncode == 0
    out = tmp_path / "tracker.xlsx"
    assert rrt("tracker", "export", str(path), str(out)).returncode == 0
    _edit(out, out, {"I2": "In progress"})
    dry = rrt("tracker", "import", str(path), str(out), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == ["Action 1: status Not started → In progress",
                                       "1 change would be made (dry run: nothing changed)."]
    assert "not_started" in rrt("actions", "list", str(path), "--json").stdout
    done = rrt("tracker", "import", str(path), str(out))
    assert done.returncode == 0 and done.stdout.endswith("1 change made.\n")
    assert '"status": "in_progress"' in rrt("actions", "list", str(path), "--json").stdout
    again = rrt("tracker", "import", str(path), str(out))
    assert "nothing to change" in again.stdout
