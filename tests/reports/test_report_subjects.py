"""Reports about one thing in the workbook: `rrt export --report assessment --subject`
chooses the self-assessment (the most recent by default), and a name that fits none or
several is answered with the choices."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.assessments.operations import RenameAssessment
from app.cli import run
from app.reports.model.subjects import ReportSubject, UnknownSubjectError, choose_subject
from app.reports.workbook_export import prepare_export, report_subjects
from app.workbook import Workbook
from app.workbook.operations import run_operation
from tests.support.sample import sample_copy


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return sample_copy(tmp_path)


def _about(xlsx: Path) -> set[str]:
    """The report's subtitle: which assessment it is about."""
    sheet = load_workbook(xlsx, read_only=True)["Summary"]
    texts = {str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell}
    return {text for text in texts if text.startswith("Self-assessment: ")}


def _export(capsys: Any, *argv: str) -> tuple[int, str]:
    status = run(["export", *argv])
    return status, capsys.readouterr().err


def test_the_subject_is_chosen_by_name_or_id_and_defaults_to_the_latest(
        sample: Path, tmp_path: Path, capsys: Any) -> None:
    with Workbook.open(sample, read_only=True) as book:
        subjects = report_subjects(book, "assessment")
        assert report_subjects(book, "summary") == ()
    assert [s.name for s in subjects] == ["ISO self-assessment 2026", "ISO self-assessment 2025"]
    assert subjects[0].label == ("ISO self-assessment 2026 (2026, 27/03/2026, ISO performance "
                                 "and BME impact 1.0)")

    latest, chosen, by_id = (tmp_path / f"{n}.xlsx" for n in ("latest", "chosen", "by-id"))
    base = [str(sample), "--report", "assessment", "--format", "xlsx", "--out"]
    assert _export(capsys, *base, str(latest))[0] == 0
    assert _export(capsys, *base, str(chosen), "--subject", "iso SELF-assessment 2025")[0] == 0
    assert _export(capsys, *base, str(by_id), "--subject", subjects[1].id)[0] == 0
    assert _about(latest) == {"Self-assessment: ISO self-assessment 2026"}
    assert _about(chosen) == _about(by_id) == {"Self-assessment: ISO self-assessment 2025"}


def test_unknown_or_ambiguous_subjects_list_the_choices(
        sample: Path, tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "x.xlsx"
    base = [str(sample), "--format", "xlsx", "--out", str(out)]
    status, err = _export(capsys, *base, "--report", "assessment", "--subject", "2024")
    assert status == 2 and not out.exists()
    assert err.startswith("rrt: There is no self-assessment called “2024” in this workbook. "
                          "Choose one of: ISO self-assessment 2026 (2026, 27/03/2026, ")
    assert "ISO self-assessment 2025 (2025" in err and len(err.strip().splitlines()) == 1

    status, err = _export(capsys, *base, "--report", "summary", "--subject", "2026")
    assert status == 2
    assert "“Workbook summary” covers the whole workbook" in err

    with Workbook.open(sample) as book:
        first = report_subjects(book, "assessment")[1]
        run_operation(book, RenameAssessment(uuid.UUID(first.id),
                                             "ISO self-assessment 2026"))
        with pytest.raises(UnknownSubjectError, match="2 self-assessments are called"):
            prepare_export(book, "assessment", "ISO self-assessment 2026")
        assert prepare_export(book, "assessment", first.id).snapshot.assessment.row.round_label \
            == "2025"


def test_choosing_from_no_subjects_says_there_are_none() -> None:
    with pytest.raises(UnknownSubjectError, match="no self-assessment to report on yet"):
        choose_subject([], "anything", "self-assessment")
    one = ReportSubject("a1", "Spring", "2026")
    assert choose_subject([one], "Spring (2026)", "self-assessment") is one
    assert choose_subject([one], " A1 ", "self-assessment") is one
