"""The assessment report: built from the sample's latest round with the previous round
compared, and exported to Word, PDF and Excel by `rrt export --report assessment` and by
`rrt assess export` for a chosen round."""

from __future__ import annotations

from pathlib import Path

from app.assessments.report import build_assessment_report, take_snapshot
from app.reports.model.report import Chart, ChartKind
from app.workbook import Workbook
from tests.support.cli import rrt
from tests.support.office import convert_with_libreoffice, pdf_text
from tests.support.sample import sample_copy


def test_the_report_model_of_the_latest_round(tmp_path: Path) -> None:
    with Workbook.open(sample_copy(tmp_path), read_only=True) as book, book.session() as session:
        snapshot = take_snapshot(session, book.path)
    assert snapshot.assessment is not None and snapshot.previous is not None
    assert snapshot.assessment.row.round_label == "2026"
    assert snapshot.previous.row.round_label == "2025"
    assert len(snapshot.actions) == 3
    report = build_assessment_report(snapshot)
    titles = [section.title for section in report.sections]
    assert titles == ["Summary", "Scores by section", "Criteria", "Warnings",
                      "Change since the previous round", "Improvement actions"]
    chart = report.charts()[0]
    assert isinstance(chart, Chart) and chart.kind is ChartKind.RADAR
    assert [s.name for s in chart.series] == ["2025", "2026"] and len(chart.categories) == 19
    captions = {table.caption for table in report.tables()}
    assert {"Scores by section", "Every criterion", "Data-quality warnings",
            "Criteria that changed", "Improvement actions raised"} <= captions


def test_an_empty_workbook_says_so(tmp_path: Path) -> None:
    with Workbook.create(tmp_path / "empty.rrwb", title="Empty") as book, \
            book.session() as session:
        report = build_assessment_report(take_snapshot(session, book.path))
    assert "no self-assessments yet" in report.sections[0].blocks[0].plain_text  # type: ignore[union-attr]


def test_the_assessment_report_exports_to_word_pdf_and_excel(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = sample_copy(tmp_path)
    outputs = {fmt: tmp_path / f"assessment.{fmt}" for fmt in ("docx", "pdf", "xlsx")}
    for fmt, out in outputs.items():
        result = rrt("export", str(path), "--report", "assessment", "--format", fmt,
                     "--out", str(out))
        assert result.returncode == 0, result.stderr
    for text in (pdf_text(outputs["pdf"]),
                 pdf_text(convert_with_libreoffice(outputs["docx"], "pdf"))):
        words = set(text.split())
        assert {"Self-assessment:", "Warnings", "Improved"} <= words, words
        assert "Community development" in " ".join(text.split())
    sheets = load_workbook(outputs["xlsx"])
    assert {"Section scores", "Criteria", "Warnings", "Actions"} <= set(sheets.sheetnames)
    values = [cell for row in sheets["Criteria"].iter_rows(values_only=True) for cell in row]
    assert "Established" in values and "Not answered" in values

    chosen = tmp_path / "first.pdf"
    result = rrt("assess", "export", str(path), "ISO self-assessment 2025", "--format", "pdf",
                 "--out", str(chosen))
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(chosen).split())
    assert "ISO self-assessment 2025" in text and "Change since the previous round" not in text


def test_the_sample_holds_two_rounds_with_evidence_and_warnings(tmp_path: Path) -> None:
    from app.assessments.records import list_assessments, load_assessment
    from app.assessments.scoring import score_assessment

    with Workbook.open(sample_copy(tmp_path), read_only=True) as book, book.session() as session:
        rows = list_assessments(session)
        latest = load_assessment(session, rows[-1].id)
    assert [row.round_label for row in rows] == ["2025", "2026"]
    assert latest.framework.id == "iso-performance"
    assert latest.responses["3.2"].evidence == ("Annual members survey 2025 summary.txt",)
    kinds = {w.kind for w in score_assessment(latest.framework, latest.responses).warnings}
    assert {"low-confidence", "no-evidence", "unanswered"} <= kinds
