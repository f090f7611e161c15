"""With a reportlab TextFlow was not verified against, PDF body text uses reportlab's Paragraph."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph as RLParagraph

from app.reports.model.report import Paragraph, Report, Section, Span, TitlePage
from app.reports.render.pdf import text
from app.reports.render.pdf.measure import Measure
from app.reports.render.pdf.renderer import render_pdf
from app.reports.render.pdf.styles import build_styles
from tests.support.office import pdf_text

WORDS = "The forum met four times this year and heard from members across the district."


@pytest.fixture
def unverified(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text, "reportlab_version", lambda: "5.2.0")
    monkeypatch.setattr(text, "_fallback_logged", False)


def test_the_installed_reportlab_is_the_verified_series() -> None:
    # If this fails, reportlab was upgraded: re-run the TextFlow comparison tests and update
    # VERIFIED_REPORTLAB once they pass (until then exports use reportlab's own Paragraph).
    assert text.textflow_verified()


def test_verified_series_uses_textflow() -> None:
    flow = text.text_flow((Span(WORDS),), build_styles().body, Measure())
    assert isinstance(flow, text.TextFlow)


@pytest.mark.parametrize("version", ["5.2.0", "4.4.10", "6.0", "5.10.1", "5.1a"])
def test_other_series_fall_back_to_paragraph(version, monkeypatch, caplog) -> None:
    monkeypatch.setattr(text, "reportlab_version", lambda: version)
    monkeypatch.setattr(text, "_fallback_logged", False)
    with caplog.at_level(logging.WARNING, logger="rrt.reports.pdf"):
        flows = [text.text_flow((Span(WORDS),), build_styles().body, Measure())
                 for _ in range(3)]
    assert all(isinstance(flow, RLParagraph) for flow in flows)
    notes = [r for r in caplog.records if "not the verified" in r.getMessage()]
    assert len(notes) == 1  # logged once, not once per paragraph


def test_fallback_pdf_has_the_text(unverified, tmp_path: Path) -> None:
    report = Report(
        title_page=TitlePage(title="Fallback review", report_date=date(2026, 11, 25)),
        sections=(Section("Introduction", (
            Paragraph.of(WORDS, " ", Span("Bold ending.", bold=True)),
        )),),
    )
    out = render_pdf(report, tmp_path / "fallback.pdf").path
    words = " ".join(pdf_text(out).split())
    assert WORDS in words and "Bold ending." in words
