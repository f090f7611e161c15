"""`rrt export`: a workbook summary in each format, with sentences for every mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.reports.model.catalogue import available_reports
from tests.support.cli import rrt
from tests.support.office import convert_with_libreoffice, pdf_text, qpdf_check


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "Łódź forum.rrwb"
    made = rrt("new", str(path), "--title", "Łódź forum review", "--organisation", "Şükrü CVS")
    assert made.returncode == 0, made.stderr
    return path


def test_summary_exports_to_word_pdf_and_excel(workbook: Path, tmp_path: Path) -> None:
    docx, pdf, xlsx = tmp_path / "s.docx", tmp_path / "s.pdf", tmp_path / "s.xlsx"
    for fmt, out in (("docx", docx), ("pdf", pdf), ("xlsx", xlsx)):
        result = rrt("export", str(workbook), "--format", fmt, "--out", str(out))
        assert result.returncode == 0, result.stderr
        assert f"Exported {out}" in result.stdout
    qpdf_check(pdf)
    assert "Łódź forum review" in pdf_text(pdf)
    assert "Şükrü CVS" in pdf_text(convert_with_libreoffice(docx, "pdf"))
    book = load_workbook(xlsx)
    details = book["Details"]
    values = [row for row in details.iter_rows(values_only=True) if row and row[0] == "Title"]
    assert values and values[0][1] == "Łódź forum review"
    convert_with_libreoffice(xlsx, "pdf")


def test_export_never_overwrites_without_force(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "existing.pdf"
    out.write_bytes(b"precious")
    result = rrt("export", str(workbook), "--format", "pdf", "--out", str(out))
    assert result.returncode == 3
    assert "already exists" in result.stderr and "Traceback" not in result.stderr
    assert out.read_bytes() == b"precious"
    forced = rrt("export", str(workbook), "--format", "pdf", "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_unknown_report_is_a_usage_error(workbook: Path, tmp_path: Path) -> None:
    result = rrt("export", str(workbook), "--format", "pdf", "--out", str(tmp_path / "x.pdf"),
                 "--report", "nonsense")
    assert result.returncode == 2
    known = ", ".join(sorted(entry.name for entry in available_reports()))
    assert f"Available reports: {known}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_damaged_template_gives_a_sentence_and_no_file(workbook: Path, tmp_path: Path) -> None:
    template = tmp_path / "house style.docx"
    template.write_bytes(b"PK\x03\x04 this is not really a Word file")
    out = tmp_path / "x.docx"
    result = rrt("export", str(workbook), "--format", "docx", "--out", str(out),
                 "--template", str(template))
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_export_from_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    fake = tmp_path / "fake.rrwb"
    fake.write_text("hello")
    result = rrt("export", str(fake), "--format", "pdf", "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 3
    assert "not a Rights & Responsibilities workbook" in result.stderr
