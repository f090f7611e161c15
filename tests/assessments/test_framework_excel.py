"""Frameworks from Excel: the template imports; every bad column and row is reported at once;
hostile or damaged files are refused; a framework exports and comes back unchanged."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.archives import ArchiveError
from app.assessments.frameworks import (
    FrameworkFileRefused,
    FrameworkImportError,
    fingerprint,
    load_framework,
)
from app.assessments.frameworks.excel import export_framework_xlsx, import_framework_xlsx
from app.assessments.frameworks.make_template import build_template, example_framework
from app.errors import UserError
from app.paths import resource

TEMPLATE = resource("frameworks", "framework-template.xlsx")


def _copy(tmp_path: Path, name: str = "mine.xlsx") -> tuple[Path, object]:
    path = tmp_path / name
    build_template(path)
    return path, load_workbook(path)


def _import_problems(path: Path) -> str:
    with pytest.raises(FrameworkImportError) as caught:
        import_framework_xlsx(path)
    return str(caught.value)


def test_the_shipped_template_is_current_and_imports() -> None:
    framework = import_framework_xlsx(TEMPLATE)
    assert fingerprint(framework) == fingerprint(example_framework())
    sheets = load_workbook(TEMPLATE, read_only=True).sheetnames
    assert sheets == ["Read me", "Framework", "Scale", "Groups", "Sections", "Criteria"]


def test_happy_path_with_groups_sub_sections_and_conditions(tmp_path: Path) -> None:
    path, book = _copy(tmp_path)
    book["Groups"].append(["", "Residents", "People living in the area"])
    book["Groups"].append(["", "Councillors", ""])
    sections = book["Sections"]
    sections.cell(1, 5, "Role: Residents")
    sections.cell(2, 5, "Say how you use services")
    criteria = book["Criteria"]
    criteria.append(["Access", "Outreach", "1.3", "We reach new groups", "Guidance",
                     "leaflets; visit log", "1.5", "1.2", "Established; exemplary"])
    book.save(path)
    framework = import_framework_xlsx(path)
    assert framework.summary() == "My framework 1.0: 1 section (1 sub-section), 3 criteria"
    assert [g.id for g in framework.respondent_groups] == ["residents", "councillors"]
    assert framework.sections[0].roles == {"residents": "Say how you use services"}
    new = framework.criterion("1.3")
    assert new is not None and new.weight == 1.5
    assert new.evidence == ["leaflets", "visit log"]
    assert new.show_when is not None
    assert new.show_when.answer_in == ["established", "exemplary"]
    assert framework.sections[0].sections[0].title == "Outreach"


def test_every_bad_row_and_column_reported_at_once(tmp_path: Path) -> None:
    path, book = _copy(tmp_path)
    criteria = book["Criteria"]
    criteria.cell(1, 20, "Wieght")  # a column this sheet cannot have
    criteria.cell(2, 7, "high")  # row 2: weight not a number
    criteria.append(["Access", "", "1.1", "Again", "", "", "", "", ""])  # row 4: duplicate
    criteria.append(["Access", "", "", "No ref", "", "", "-1", "", ""])  # row 5
    criteria.append(["Access", "", "1.5", "Bad condition", "", "", "", "9.9", "Developing"])
    criteria.append(["Access", "", "1.6", "Bad answer", "", "", "", "1.1", "Maybe"])
    book["Scale"].append(["", "Outstanding", "lots", ""])  # row 6: score not a number
    book.save(path)
    with pytest.raises(FrameworkImportError) as caught:
        import_framework_xlsx(path)
    message = str(caught.value)
    assert isinstance(caught.value, UserError)
    assert message.startswith("“mine.xlsx” was not imported because of 8 problems; nothing "
                              "was changed.")
    for expected in [
        "Criteria sheet: the column “Wieght” is not one this sheet can have",
        "Criteria row 2: the weight “high” is not a number.",
        "Criteria row 4: ref 1.1 is used twice (also on row 2).",
        "Criteria row 5: the ref is missing.",
        "Criteria row 5: the weight -1 must be more than 0.",
        "Criteria row 6: “Show when ref” names 9.9, which is not a ref",
        "Criteria row 7: the show-when answer “Maybe” is not an answer",
        "Scale row 6: the score “lots” is not a number.",
    ]:
        assert expected in message, expected


def test_missing_sheets_and_columns(tmp_path: Path) -> None:
    path, book = _copy(tmp_path)
    del book["Scale"]
    book["Criteria"].cell(1, 3, "Reference")
    book.save(path)
    message = _import_problems(path)
    assert "There is no “Scale” sheet." in message
    assert "Criteria sheet: there is no “Ref” column." in message
    assert "the column “Reference” is not one this sheet can have" in message


def test_model_problems_are_told_by_row(tmp_path: Path) -> None:
    path, book = _copy(tmp_path)
    book["Criteria"].cell(3, 3, "1 2")  # a ref with a space
    book["Framework"].cell(2, 2, "My Framework!")  # an id that is not an id
    book.save(path)
    message = _import_problems(path)
    assert "Criteria row 3: “ref” is not in the expected form" in message
    assert "Framework sheet row 2 (Id): " in message


def test_nothing_is_written_when_import_fails(tmp_path: Path) -> None:
    path, book = _copy(tmp_path)
    book["Criteria"].cell(2, 7, "high")
    book.save(path)
    before = sorted(tmp_path.iterdir())
    with pytest.raises(FrameworkImportError):
        import_framework_xlsx(path)
    assert sorted(tmp_path.iterdir()) == before


def test_a_zip_bomb_is_refused_by_the_archive_reader(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/big.bin", b"\0" * (120 * 1024 * 1024))
    with pytest.raises(ArchiveError, match="unpacks to more than"):
        import_framework_xlsx(path)


def test_hostile_xml_is_refused(tmp_path: Path) -> None:
    path, _book = _copy(tmp_path)
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/workbook.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + data
            target.writestr(item, data)
    with pytest.raises(ArchiveError, match="XML that Office programs never write"):
        import_framework_xlsx(hostile)


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04broken"])
def test_damaged_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(content)
    with pytest.raises(UserError):
        import_framework_xlsx(path)


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(FrameworkFileRefused, match="could not be read as an Excel workbook"):
        import_framework_xlsx(path)


def test_wrong_kind_of_file(tmp_path: Path) -> None:
    path = tmp_path / "framework.csv"
    path.write_text("a,b\n")
    with pytest.raises(FrameworkFileRefused, match="not an Excel workbook"):
        import_framework_xlsx(path)


@pytest.mark.parametrize("name", ["iso-performance", "bme-engagement",
                                  "community-participation"])
def test_shipped_frameworks_round_trip_through_excel(tmp_path: Path, name: str) -> None:
    framework = load_framework(resource("frameworks", f"{name}.yaml"))
    out = export_framework_xlsx(framework, tmp_path / f"{name}.xlsx")
    again = import_framework_xlsx(out)
    assert again == framework
    assert fingerprint(again) == fingerprint(framework)
    with pytest.raises(UserError, match="already exists"):
        export_framework_xlsx(framework, out)
