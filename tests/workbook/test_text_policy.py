"""One text policy for every stored field: what the Details editor refuses, `rrt new` refuses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.text_policy import TextRefused, clean_text, for_display
from app.workbook import Workbook
from app.workbook.details import validate_field
from app.workbook.errors import InvalidValue
from app.workbook.evidence import attach_evidence, list_evidence
from tests.support.cli import ROOT


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("a\tb", "line breaks or control characters"),
        ("a\nb", "line breaks or control characters"),
        ("nul\x00here", "control characters"),
        ("bad\udcffbyte", "not valid UTF-8"),
        ("x" * 201, "too long"),
        ("line\u2028separator", "line breaks"),
    ],
)
def test_single_line_fields_refuse(value: str, problem: str) -> None:
    with pytest.raises(TextRefused, match=problem):
        clean_text(value, label="Title", max_length=200)


def test_text_is_stripped_and_normalised() -> None:
    assert clean_text("  Cafe\u0301 forum ", label="Title", max_length=200) == "Café forum"
    assert clean_text("one\r\n\ttwo", label="Note", max_length=50, multiline=True) == "one\n\ttwo"
    with pytest.raises(TextRefused, match="control characters"):
        clean_text("ring\x07", label="Note", max_length=50, multiline=True)


def test_bidi_overrides_are_neutralised_for_display() -> None:
    shown = for_display("invoice\u202egpj.exe")
    assert "\u202e" not in shown and "U+202E" in shown
    assert for_display("Łódź Forum") == "Łódź Forum"


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "Tab\tin title"), ("organisation", "o" * 300), ("area", "nul\x00"),
     ("owner", "bad\udcffbyte")],
)
def test_new_workbooks_follow_the_details_editor_rules(
    tmp_path: Path, field: str, value: str
) -> None:
    with pytest.raises(InvalidValue):
        validate_field(field, value)
    details = {"title": "T", field: value}
    with pytest.raises(InvalidValue):
        Workbook.create(tmp_path / "w.rrwb", **details)
    assert list(tmp_path.iterdir()) == []


def test_new_workbook_details_are_stored_normalised(tmp_path: Path) -> None:
    with Workbook.create(tmp_path / "w.rrwb", title=" Cafe\u0301 ", owner=" Sam ") as workbook:
        overview = workbook.overview()
    assert (overview.title, overview.owner) == ("Café", "Sam")


def test_rrt_new_refuses_a_title_that_is_not_valid_utf8(tmp_path: Path) -> None:
    target = tmp_path / "b"
    result = subprocess.run(
        [sys.executable, "-m", "app", "new", str(target), "--title", b"bad\xffbyte"],
        capture_output=True, cwd=ROOT, timeout=120, check=False,
    )
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 3, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "not valid UTF-8" in err
    assert list(tmp_path.iterdir()) == []


def test_evidence_names_and_notes_follow_the_policy(new_workbook: Workbook) -> None:
    with pytest.raises(InvalidValue, match="control characters"), \
            new_workbook.session() as session:
        attach_evidence(session, "report\x1b.txt", b"data")
    with pytest.raises(InvalidValue, match="control characters"), \
            new_workbook.session() as session:
        attach_evidence(session, "report.txt", b"data", note="ring\x07")
    with new_workbook.session() as session:
        attach_evidence(session, "Cafe\u0301.txt", b"data", note="line one\nline two")
    with new_workbook.session() as session:
        (stored,) = list_evidence(session)
        assert (stored.name, stored.note) == ("Café.txt", "line one\nline two")
