"""Baselines from files: ONS area tables in CSV and Excel, column mapping, and every kind of
malformed file refused with its problems named and the workbook left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import UserError
from app.representation.baselines import read_baseline_file
from app.representation.errors import BaselineImportError
from app.representation.operations import CreateBaseline
from app.representation.store import list_baselines
from app.workbook import Workbook
from app.workbook.operations import run_operation

HEADER = ("Lower tier local authorities Code,Lower tier local authorities,"
          "Ethnic group (20 categories) Code,Ethnic group (20 categories),Observation\n")
ROWS = [
    ("E99999999", "Testshire", "-8", "Does not apply", "0"),
    ("E99999999", "Testshire", "1", "Asian, Asian British or Asian Welsh: Bangladeshi", "1200"),
    ("E99999999", "Testshire", "3", "Asian, Asian British or Asian Welsh: Indian", "2300"),
    ("E99999999", "Testshire", "6", "Black, Black British, Black Welsh, Caribbean or "
     "African: African", "900"),
    ("E99999999", "Testshire", "13", "White: English, Welsh, Scottish, Northern Irish or "
     "British", "50000"),
    ("E88888888", "Otherton", "13", "White: English, Welsh, Scottish, Northern Irish or "
     "British", "40000"),
]


def _csv(path: Path, rows: list[tuple[str, ...]], header: str = HEADER) -> Path:
    lines = [",".join(f'"{cell}"' for cell in row) for row in rows]
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _state(workbook: Workbook) -> list[tuple[str, tuple[tuple[str, int], ...]]]:
    with workbook.session() as session:
        return [(b.name, b.counts) for b in list_baselines(session)]


def test_an_ons_area_table_is_read_for_one_area(tmp_path: Path) -> None:
    found = read_baseline_file(_csv(tmp_path / "ts021.csv", ROWS), area="E99999999")
    assert found.valid, found.problems
    assert found.area_name == "Testshire"
    assert dict(found.counts) == {"bangladeshi": 1200, "indian": 2300, "african": 900,
                                  "british": 50000}
    assert found.columns["count"] == "Observation"
    assert any("does not apply" in note for note in found.notes)


def test_the_same_table_from_excel_goes_through_the_guarded_reader(tmp_path: Path) -> None:
    from openpyxl import Workbook as Excel

    book = Excel()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    for row in ROWS:
        sheet.append([*row[:4], int(row[4])])
    path = tmp_path / "ts021.xlsx"
    book.save(path)
    found = read_baseline_file(path, area="Testshire")
    assert found.valid and dict(found.counts)["british"] == 50000


def test_explicit_column_mapping(tmp_path: Path) -> None:
    path = tmp_path / "own.csv"
    path.write_text("Who,How many\nIndian,40\nWhite British,500\n", encoding="utf-8")
    with pytest.raises(BaselineImportError, match="--map category=TITLE"):
        read_baseline_file(path)
    found = read_baseline_file(path, column_map={"category": "Who", "count": "How many"})
    assert found.problems == ("Row 3: “White British” is not a category of Ethnic group "
                              "(2021 Census, England and Wales).",)
    fixed = tmp_path / "fixed.csv"
    fixed.write_text("Who,How many\nIndian,40\n13,500\n", encoding="utf-8")
    found = read_baseline_file(fixed, column_map={"category": "Who", "count": "2"})
    assert dict(found.counts) == {"indian": 40, "british": 500}


BAD = {
    "unknown category": ([("E1", "A", "99", "Martian", "10")], "“Martian” is not a category"),
    "not a number": ([("E1", "A", "3", "Indian", "lots")], "“lots” is not a number"),
    "negative": ([("E1", "A", "3", "Indian", "-4")], "-4 is below zero"),
    "fraction": ([("E1", "A", "3", "Indian", "4.5")], "not a whole number"),
    "duplicate": ([("E1", "A", "3", "Indian", "4"), ("E1", "A", "3", "Indian", "5")],
                  "given twice"),
    "total": ([("E1", "A", "3", "Indian", "4"), ("E1", "A", "13", "White: English, Welsh, "
               "Scottish, Northern Irish or British", "10"), ("E1", "A", "", "Total", "15")],
              "the total is 15 but the categories add up to 14"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_malformed_file_is_refused_and_changes_nothing(
        workbook: Workbook, tmp_path: Path, case: str) -> None:
    rows, says = BAD[case]
    path = _csv(tmp_path / f"{case}.csv", rows)
    before = _state(workbook)
    found = read_baseline_file(path)
    assert not found.valid
    with pytest.raises(BaselineImportError, match=says) as refused:
        run_operation(workbook, CreateBaseline(found.to_baseline()))
    assert "nothing was changed" in str(refused.value)
    assert _state(workbook) == before


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00", "not a table this app reads"),
        ("binary.csv", b"\x00\x01\x02\x03", "not text"),
        ("empty.csv", b"", "needs a header row"),
        ("words.csv", b"Dear colleague,\nplease find attached\n", "not a table this app"),
        ("damaged.xlsx", b"PK\x03\x04 not really a spreadsheet", "not a valid Office"),
    ],
)
def test_a_file_that_is_not_a_table_is_refused(
        workbook: Workbook, tmp_path: Path, name: str, content: bytes, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = _state(workbook)
    with pytest.raises(UserError, match=says):
        read_baseline_file(path)
    assert _state(workbook) == before


def test_several_areas_need_a_choice_and_the_area_must_exist(tmp_path: Path) -> None:
    path = _csv(tmp_path / "two.csv", ROWS)
    with pytest.raises(BaselineImportError, match="2 areas; choose one with --area"):
        read_baseline_file(path)
    with pytest.raises(BaselineImportError, match="“W06000001” is not in the file"):
        read_baseline_file(path, area="W06000001")


def test_the_valid_rows_alone_only_when_asked(workbook: Workbook, tmp_path: Path) -> None:
    path = _csv(tmp_path / "mixed.csv", [("E1", "A", "3", "Indian", "4"),
                                         ("E1", "A", "99", "Martian", "10")])
    found = read_baseline_file(path)
    with pytest.raises(BaselineImportError, match="1 row is valid"):
        found.to_baseline()
    run_operation(workbook, CreateBaseline(found.to_baseline(valid_only=True)))
    assert _state(workbook)[0][1] == (("indian", 4),)
