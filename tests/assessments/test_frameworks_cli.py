"""`rrt frameworks …` in-process: 0 with one line of output, 3 with one `rrt:` line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.assessments.frameworks import load_framework
from app.assessments.frameworks.catalogue import (
    SHIPPED,
    USER,
    load_catalogue,
    shipped_folder,
    user_folder,
)
from app.assessments.frameworks.make_template import build_template
from app.cli import run


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = run(["frameworks", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _user_copy(name: str, text: str) -> Path:
    folder = user_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_a_shipped_framework(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "check", str(shipped_folder() / "iso-performance.yaml"))
    assert (status, err) == (0, "")
    assert out == "ISO performance and BME impact 1.0: 19 sections, 63 criteria\n"


def test_check_a_broken_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: &a [1, *a]\n", encoding="utf-8")
    status, out, err = _run(capsys, "check", str(bad))
    assert (status, out) == (3, "")
    assert err.startswith("rrt: “bad.yaml” has a YAML alias that refers to itself")
    assert err.count("\n") == 1


def test_check_an_invalid_framework(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (shipped_folder() / "iso-performance.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "iso.yaml"
    bad.write_text(text.replace("ref: '1.2'", "ref: '1.1'", 1), encoding="utf-8")
    status, _out, err = _run(capsys, "check", str(bad))
    assert status == 3
    assert "sections[0].criteria[1] (ref 1.1): the ref “1.1” is already used" in err
    assert err.count("\n") == 1


def test_check_a_spreadsheet(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _err = _run(capsys, "check", str(build_template(tmp_path / "t.xlsx")))
    assert (status, out) == (0, "My framework 1.0: 1 section, 2 criteria\n")


def test_list_lists_shipped_and_user_frameworks_and_broken_files(
        capsys: pytest.CaptureFixture[str]) -> None:
    iso = (shipped_folder() / "iso-performance.yaml").read_text(encoding="utf-8")
    _user_copy("iso-newer.yaml", iso.replace("version: '1.0'", "version: '1.10'"))
    _user_copy("iso-older.yaml", iso.replace("version: '1.0'", "version: '0.9'"))
    _user_copy("broken.yaml", "id: [\n")
    status, out, _err = _run(capsys, "list", "--json")
    assert status == 0
    listing = json.loads(out)
    by_id = {item["id"]: item for item in listing["frameworks"]}
    assert set(by_id) == {"iso-performance", "bme-engagement", "community-participation"}
    assert by_id["iso-performance"]["version"] == "1.10"
    assert by_id["iso-performance"]["origin"] == USER
    assert by_id["iso-performance"]["older_versions"] == ["1.0", "0.9"]
    assert by_id["bme-engagement"]["origin"] == SHIPPED
    assert by_id["bme-engagement"]["fingerprint"].startswith("sha256:")
    assert [Path(b["path"]).name for b in listing["broken"]] == ["broken.yaml"]
    assert "not valid YAML" in listing["broken"][0]["reason"]

    status, out, _err = _run(capsys, "list")
    assert status == 0
    assert "iso-performance  1.10  ISO performance and BME impact" in out
    assert "Not usable: " in out and "broken.yaml" in out


def test_same_id_and_version_twice_in_one_folder() -> None:
    text = (shipped_folder() / "bme-engagement.yaml").read_text(encoding="utf-8")
    _user_copy("a.yaml", text)
    _user_copy("b.yaml", text)
    catalogue = load_catalogue()
    entry = catalogue.find("bme-engagement")
    assert entry is not None and entry.path.name == "a.yaml" and entry.origin == USER
    assert [b.path.name for b in catalogue.broken] == ["b.yaml"]
    assert "same id (bme-engagement) and version (1.0)" in catalogue.broken[0].reason


def test_import_writes_into_the_user_folder_and_never_overwrites_silently(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheet = build_template(tmp_path / "mine.xlsx")
    status, out, err = _run(capsys, "import", str(sheet))
    written = user_folder() / "my-framework-1.0.yaml"
    assert (status, err) == (0, "")
    assert out == f"Imported My framework 1.0: 1 section, 2 criteria to {written}\n"
    assert load_framework(written).title == "My framework"

    status, out, err = _run(capsys, "import", str(sheet))
    assert (status, out) == (3, "")
    assert err.startswith("rrt: A file called “my-framework-1.0.yaml” already exists")
    status, _out, _err = _run(capsys, "import", str(sheet), "--force")
    assert status == 0

    out_dir = tmp_path / "elsewhere"
    out_dir.mkdir()
    status, _out, _err = _run(capsys, "import", str(sheet), "--out", str(out_dir))
    assert status == 0 and (out_dir / "my-framework-1.0.yaml").is_file()


def test_import_reports_every_problem_on_one_line(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    sheet = build_template(tmp_path / "mine.xlsx")
    book = load_workbook(sheet)
    book["Criteria"].cell(2, 7, "high")
    book["Criteria"].cell(3, 3, "1.1")
    book.save(sheet)
    status, out, err = _run(capsys, "import", str(sheet))
    assert (status, out) == (3, "")
    assert err.count("\n") == 1
    assert "Criteria row 2: the weight “high” is not a number." in err
    assert "Criteria row 3: ref 1.1 is used twice (also on row 2)." in err
    assert not user_folder().exists() or not any(user_folder().iterdir())


def test_export_to_excel_and_yaml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _err = _run(capsys, "export", "bme-engagement", "--out",
                             str(tmp_path / "bme.xlsx"))
    assert status == 0 and out.startswith("Exported BME engagement")
    status, _out, _err = _run(capsys, "export", "bme-engagement", "--out",
                              str(tmp_path / "bme.yaml"))
    assert status == 0
    assert load_framework(tmp_path / "bme.yaml") == load_framework(
        shipped_folder() / "bme-engagement.yaml")
    status, _out, err = _run(capsys, "export", "nothing-here", "--out",
                             str(tmp_path / "x.xlsx"))
    assert status == 3 and "There is no framework with the id “nothing-here”" in err
    status, _out, err = _run(capsys, "export", "bme-engagement", "--out",
                             str(tmp_path / "x.docx"))
    assert status == 3 and "does not end in .xlsx or .yaml" in err


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = _run(capsys)
    assert status == 2 and err.startswith("rrt: say what to do")
    status, _out, err = _run(capsys, "frobnicate")
    assert status == 2 and err.startswith("rrt: ")
    status, _out, err = _run(capsys, "check")
    assert status == 2 and err.count("\n") == 1


def test_a_user_folder_that_is_a_file_does_not_stop_the_listing() -> None:
    folder = user_folder()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder")
    catalogue = load_catalogue()
    assert len(catalogue.entries) == 3
    assert len(catalogue.broken) == 1 and "could not be read" in catalogue.broken[0].reason
    folder.unlink()
